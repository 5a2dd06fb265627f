"""The public header on a 390×844 phone: the hotline bar and one compact row,
Menu and Search buttons that open their panels, axe clean; a screenshot is kept
in test-artefacts/."""

from pathlib import Path

import pytest

from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
MAX_HEADER_PX = 140  # hotline bar + one row, out of 844


@pytest.fixture
def phone(browser, live_server, restore_migrated_data):
    load_site_frame()
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_phone_header_is_compact_and_its_buttons_open_menu_and_search(phone):
    for url in ["/", "/quyen-rieng-tu/", "/en/"]:
        phone.goto(url)
        bottom = phone.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().bottom"
        )
        print(f"header bottom at 390x844 on {url}: {bottom:.0f} px")
        assert bottom <= MAX_HEADER_PX, f"{url}: header ends at {bottom}px"
        assert phone.locator("[role=search]").count() == 1
        assert not (violations := run_axe(phone)), describe(violations)
    ARTEFACTS.mkdir(exist_ok=True)
    phone.goto("/quyen-rieng-tu/")
    phone.screenshot(path=str(ARTEFACTS / "phone-header.png"))

    menu = phone.get_by_role("button", name="Danh mục")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#site-menu").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("link", name="Đăng nhập").is_visible()
    assert not (violations := run_axe(phone)), describe(violations)
    phone.screenshot(path=str(ARTEFACTS / "phone-menu-open.png"))
    phone.keyboard.press("Escape")
    assert not phone.locator("#site-menu").is_visible()

    search = phone.get_by_role("button", name="Tìm kiếm")
    search.click()
    field = phone.locator("#site-search")
    assert field.is_visible()
    field.fill("111")
    field.press("Enter")
    phone.wait_for_url("**/tim-kiem/?q=111")


def test_hotlines_dial_from_the_bar(phone):
    phone.goto("/")
    assert phone.locator(".hotline a[href='tel:111']").is_visible()
    assert phone.locator(".hotline a[href='tel:18008077']").is_visible()
