"""A legal document on a 390 px phone: the full title, a short summary, and the text
in the first screen; details and contents fold open without JavaScript; labelled
contents land on their part. Screenshots go to test-artefacts/ for review."""

import os
from pathlib import Path

import pytest

from content.demo import load_legal_library
from content.models import LegalDocumentPage, LegalLibraryPage
from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTEFACTS = Path(
    os.environ.get("TEST_ARTEFACTS", Path(__file__).resolve().parents[2] / "test-artefacts")
)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def library(live_server, restore_migrated_data):
    home = load_site_frame()
    load_legal_library(LegalLibraryPage.objects.child_of(home).get())


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_on_a_phone_the_text_starts_in_the_first_screen(phone, library):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    phone.goto(plan.url)
    assert phone.locator("h1").inner_text() == plan.full_title
    summary = phone.locator(".legal-summary").inner_text()
    assert "Hải Phòng" in summary and "07/01/2021" in summary and "Còn hiệu lực" in summary
    assert not phone.locator(".meta-table").is_visible()
    # Below the site's header, the document's own head leaves the text in the first
    # screen: number, the whole title, the summary, folded details, downloads, contents.
    top = phone.locator("article.legal-document").bounding_box()["y"]
    first_text = phone.locator(".legal-text > *").first.bounding_box()
    assert first_text["y"] - top < PHONE["height"] - 200, (top, first_text)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTEFACTS / "document-page-390.png"))

    phone.locator("details.legal-meta > summary").click()
    assert phone.locator(".meta-table").is_visible()
    assert "Ngày có hiệu lực" in phone.locator(".meta-table").inner_text()

    phone.locator("details.toc > summary").click()
    link = phone.locator("details.toc").get_by_role(
        "link", name="Mục III.1 — Nghiên cứu, rà soát, kiến nghị cấp có…", exact=True
    )
    link.click()
    assert phone.url.endswith("#muc-iii-1")
    assert phone.locator("#muc-iii-1").is_visible()
    phone.screenshot(path=str(ARTEFACTS / "document-contents-390.png"))

    violations = run_axe(phone)
    assert not violations, describe(violations)


def test_the_english_library_on_a_phone(phone, library):
    phone.goto("/en/van-ban/")
    assert "5 documents" in phone.locator("main [role=status]").inner_text()
    assert phone.locator(".documents a[lang=vi]").count() == 5
    violations = run_axe(phone)
    assert not violations, describe(violations)
