"""The search page in a real browser, without JavaScript: a phrase typed without
diacritics lands on its section, with highlighted words. Suggestions, filters and
the phone layout: test_search_page_browser.py."""

import pytest

from content.demo import load_legal_library
from content.models import LegalLibraryPage
from home.demo import load_site_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def library(live_server, restore_migrated_data):
    """The site frame and the five seed documents, published and indexed."""
    home = load_site_frame()
    load_legal_library(LegalLibraryPage.objects.child_of(home).get())


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_phrase_without_diacritics_lands_on_its_section(page_without_js, library):
    page = page_without_js
    page.goto("/tim-kiem/")
    page.fill("#search-page-q", '"tong dai quoc gia bao ve tre em"')
    page.locator(".inline-search button[type=submit]").click()
    hit = page.locator(".hit").first
    assert "Tổng đài Quốc gia bảo vệ trẻ em" in hit.locator(".hit__snippet").inner_text()
    marks = hit.locator(".hit__snippet mark").all_inner_texts()
    assert {"Tổng", "đài", "trẻ", "em"} <= set(marks)

    hit.locator(".hit__section a").click()
    anchor = page.url.split("#", 1)[1]
    assert anchor
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible()
    assert "Tổng đài Quốc gia bảo vệ trẻ em" in target.inner_text()
