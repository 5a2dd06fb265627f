"""The search page in a real browser: suggestions as you type, and, without
JavaScript, a phrase typed without diacritics that lands on its section, with
highlighted words and facets that filter."""

import pytest

from content.demo import load_legal_library
from content.models import LegalLibraryPage
from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe

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


def test_typing_a_number_suggests_the_document(page, library):
    page.goto("/tim-kiem/")
    page.locator("#search-page-q").press_sequentially("5650", delay=30)
    option = page.locator("#search-suggestions option").first
    option.wait_for(state="attached")
    assert option.get_attribute("value").startswith("5650")
    assert "/UBND-VX" in option.get_attribute("value")


def test_phrase_without_diacritics_lands_on_its_section(page_without_js, library):
    page = page_without_js
    page.goto("/tim-kiem/")
    page.fill("#search-page-q", '"tong dai quoc gia bao ve tre em"')
    page.locator(".search-form button[type=submit]").click()
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


def test_facet_links_filter_the_results(page, library):
    page.goto("/tim-kiem/?q=tre+em")
    total_before = page.locator(".hit").count()
    facet = page.locator(".facets ul").first.locator("a").first
    facet_name = facet.inner_text()
    facet.click()
    assert page.locator(".facets a[aria-current=true]").first.inner_text() == facet_name
    metas = page.locator(".hit .document-item__meta").all_inner_texts()
    assert metas and all(facet_name in meta for meta in metas)
    assert len(metas) <= total_before
    violations = run_axe(page)
    assert not violations, describe(violations)
