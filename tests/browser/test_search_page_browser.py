"""The search page and the search boxes' suggestions, as a visitor uses them on a
390×844 phone and on a desktop: the first hit on the first screen with the filters
folded under the count, one filter form that works without JavaScript, hits that
say where they land, help when nothing is found, suggested documents chosen with
the keyboard from the header's box; axe clean. Screenshots go to test-artefacts/."""

import datetime

import pytest

from content.demo import load_legal_library
from content.models import LegalDocumentPage, LegalLibraryPage, LegalSection
from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe
from tests.browser.test_phone_header_browser import ARTEFACTS
from tests.factories import LegalDocumentPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAX_PHONE_HEADER_PX = 125  # hotline bar + one compact row (issue 18)
TRAINING_CLAUSE = "Tổ chức tập huấn kỹ năng nhận biết dấu hiệu xâm hại cho giáo viên mầm non."


def publish(document: LegalDocumentPage) -> LegalDocumentPage:
    document.save_revision().publish()  # publishing indexes it for search
    return document


@pytest.fixture
def library(live_server, restore_migrated_data) -> LegalLibraryPage:
    """The site frame, the five seed texts, ten plans from the factory across the
    years, and a plan whose article 3, clause 2 is about training teachers."""
    library = LegalLibraryPage.objects.child_of(load_site_frame()).get()
    load_legal_library(library)
    for year in range(2015, 2025):
        publish(
            LegalDocumentPageFactory(
                parent=library,
                title=f"Kế hoạch bảo vệ trẻ em năm {year}",
                issued_on=datetime.date(year, 3, 1),
            )
        )
    plan = LegalDocumentPageFactory(
        parent=library,
        title="Kế hoạch phòng, chống xâm hại trẻ em trong trường học",
        number="77/KH-SGDĐT",
        issued_on=datetime.date(2023, 9, 5),
    )
    LegalSection.objects.create(
        page=plan, sort_order=0, kind="dieu", label="Điều 3.", number="3",
        heading="Trách nhiệm của nhà trường", anchor="dieu-3", level=1,
    )  # fmt: skip
    LegalSection.objects.create(
        page=plan, sort_order=1, kind="khoan", label="2.", number="2", text=TRAINING_CLAUSE,
        anchor="dieu-3-khoan-2", parent_anchor="dieu-3", level=2,
    )  # fmt: skip
    publish(plan)
    return library


def new_page(browser, live_server, viewport, *, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport=viewport,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def phone(browser, live_server, library):
    context, page = new_page(browser, live_server, PHONE)
    yield page
    context.close()


@pytest.fixture
def phone_without_js(browser, live_server, library):
    context, page = new_page(browser, live_server, PHONE, javascript=False)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server, library):
    context, page = new_page(browser, live_server, DESKTOP)
    yield page
    context.close()


def assert_axe_clean(page) -> None:
    violations = run_axe(page)
    assert not violations, describe(violations)


def found(page) -> int:
    """The number in "Tìm thấy N văn bản"."""
    return int(page.locator(".search-count").inner_text().split()[2])


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")


def test_on_a_phone_the_first_hit_is_on_the_first_screen_and_filters_open_by_keyboard(phone):
    phone.goto("/tim-kiem/?q=trẻ em")
    first_hit = phone.locator(".hit").first.bounding_box()
    print(f"390x844: header ends at {header_bottom(phone):.0f}, first hit at {first_hit['y']:.0f}")
    assert header_bottom(phone) <= MAX_PHONE_HEADER_PX
    assert first_hit["y"] < PHONE["height"]
    assert phone.locator(".search-count").inner_text().startswith("Tìm thấy ")
    filters = phone.locator("details.search-filters")
    assert phone.locator(".search-filters summary").inner_text() == "Bộ lọc"
    assert not filters.evaluate("details => details.open")
    assert not phone.locator("#s-loai").is_visible()
    assert phone.locator("select[name=loai]").count() == 1  # one filter form for every screen
    ARTEFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTEFACTS / "phone-search.png"))
    assert_axe_clean(phone)

    phone.locator("#search-page-q").focus()
    phone.keyboard.press("Tab")  # the Search button
    phone.keyboard.press("Tab")  # the filters' summary
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"
    phone.keyboard.press("Enter")
    assert filters.evaluate("details => details.open")
    assert phone.locator("#s-loai").is_visible()
    # the year inputs look like the other fields
    year_border = phone.locator("#s-tu-nam").evaluate("e => getComputedStyle(e).borderTopWidth")
    select_border = phone.locator("#s-loai").evaluate("e => getComputedStyle(e).borderTopWidth")
    assert year_border == select_border == "2px"
    phone.screenshot(path=str(ARTEFACTS / "phone-search-filters-open.png"), full_page=True)
    assert_axe_clean(phone)


def test_filters_work_without_javascript_and_say_how_many_are_in_use(phone_without_js):
    page = phone_without_js
    page.goto("/tim-kiem/?q=trẻ em")
    total_before = found(page)
    page.locator(".search-filters summary").click()
    page.select_option("#s-loai", value="KH")
    page.fill("#s-tu-nam", "2020")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**loai=KH**")
    assert "tu-nam=2020" in page.url
    assert page.locator(".search-filters summary").inner_text() == "Bộ lọc (2 đang chọn)"
    metas = page.locator(".hit .document-item__meta").all_inner_texts()
    assert metas and all("Kế hoạch" in meta for meta in metas)
    assert 0 < len(metas) < total_before
    titles = page.locator(".hit .listing__title").all_inner_texts()
    assert "Kế hoạch bảo vệ trẻ em năm 2020" in titles
    assert not any(f"năm {year}" in title for year in range(2015, 2020) for title in titles)
    page.locator(".search-filters summary").click()
    page.get_by_role("link", name="Bỏ lọc").click()
    assert page.locator(".search-filters summary").inner_text() == "Bộ lọc"
    assert found(page) == total_before


def test_hits_say_where_they_land_and_snippets_do_not_double_the_type(phone):
    phone.goto('/tim-kiem/?q="tap huan ky nang nhan biet"')
    hit = phone.locator(".hit").first
    assert hit.locator(".hit__section").inner_text() == "Điều 3, khoản 2"
    hit.locator(".hit__section a").click()
    phone.wait_for_url("**#dieu-3-khoan-2")
    assert "tập huấn kỹ năng" in phone.locator("[id='dieu-3-khoan-2']").inner_text()

    phone.goto("/tim-kiem/?q=chỉ thị tăng cường")
    for hit in phone.locator(".hit").all():
        snippet = hit.locator(".hit__snippet").inner_text()
        doc_type = hit.locator(".document-item__meta").inner_text().split(" ")[0:2]
        assert "Chỉ thị Chỉ thị" not in snippet and " ".join(doc_type * 2) not in snippet
        place = hit.locator(".hit__section")
        if place.count():
            assert not place.inner_text().rstrip(".").isdigit()


def test_nothing_found_offers_official_sources_or_spellings_and_the_hotline(phone):
    phone.goto("/tim-kiem/?q=999/2099/NĐ-CP")
    help_box = phone.locator(".search-help")
    assert help_box.get_by_role("link", name="vbpl.vn").is_visible()
    assert "111" in help_box.inner_text()
    assert phone.locator(".hit").count() == 0
    phone.screenshot(path=str(ARTEFACTS / "phone-search-nothing-found.png"))
    assert_axe_clean(phone)

    phone.goto("/tim-kiem/?q=xam hai tre emm")
    help_box = phone.locator(".search-help")
    if phone.locator(".hit").count() == 0:
        assert "111" in help_box.inner_text()
    assert_axe_clean(phone)


def test_phone_header_box_suggests_documents_chosen_with_the_keyboard(phone):
    phone.goto("/van-ban/")
    closed = header_bottom(phone)
    print(f"390x844: the header on /van-ban/ ends at {closed:.0f} px")
    assert closed <= MAX_PHONE_HEADER_PX
    phone.get_by_role("button", name="Tìm kiếm").click()
    box = phone.get_by_role("combobox", name="Tìm trên cổng thông tin")
    assert box.is_visible()
    with_box = header_bottom(phone)
    box.press_sequentially("77/KH", delay=40)
    listbox = phone.get_by_role("listbox", name="Văn bản gợi ý")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert header_bottom(phone) == with_box  # the list lies over the page
    options = listbox.get_by_role("option")
    assert options.first.inner_text().startswith("77/KH-SGDĐT")

    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    phone.screenshot(path=str(ARTEFACTS / "phone-header-suggestions.png"))
    assert_axe_clean(phone)

    box.press("Escape")
    assert not listbox.is_visible() and box.get_attribute("aria-expanded") == "false"
    assert box.is_visible()  # Escape closed the list, not the search panel
    box.press("ArrowDown")
    assert listbox.is_visible()
    box.press("Enter")
    phone.wait_for_url("**/van-ban/ke-hoach-phong-chong-xam-hai-tre-em-trong-truong-hoc/")
    assert phone.locator("h1").inner_text().startswith("Kế hoạch phòng, chống xâm hại trẻ em")


def test_desktop_header_and_search_page_suggestions_and_results(desktop):
    desktop.goto("/van-ban/")
    box = desktop.get_by_role("combobox", name="Tìm trên cổng thông tin")
    box.press_sequentially("bao ve tre em nam 2019", delay=20)
    listbox = desktop.get_by_role("listbox", name="Văn bản gợi ý")
    listbox.wait_for()
    assert_axe_clean(desktop)
    box.press("ArrowUp")  # from the end of the list
    chosen = listbox.get_by_role("option").last
    assert chosen.get_attribute("aria-selected") == "true"
    assert "năm 2019" in chosen.inner_text()
    box.press("Enter")
    desktop.wait_for_url("**/van-ban/ke-hoach-bao-ve-tre-em-nam-2019/")

    desktop.goto("/tim-kiem/")
    page_box = desktop.locator("#search-page-q")
    assert page_box.get_attribute("role") == "combobox"
    page_box.press_sequentially("77/KH", delay=30)
    desktop.get_by_role("listbox", name="Văn bản gợi ý").wait_for()
    page_box.press("Escape")
    page_box.press("Enter")  # no suggestion chosen: the search itself
    desktop.wait_for_url("**/tim-kiem/?q=77%2FKH*")
    assert desktop.locator(".hit").first.bounding_box()["y"] < DESKTOP["height"]
    assert not desktop.locator("details.search-filters").evaluate("d => d.open")
    assert_axe_clean(desktop)
