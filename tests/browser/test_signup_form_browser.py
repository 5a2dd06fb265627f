"""The sign-up form in a real browser, on a phone: a commune select that follows the
province with JavaScript (and axe clean, screenshot kept), and without JavaScript
through a round trip that keeps what was typed; today's commune found from a former
name, with and without JavaScript.

The former-name journey is a part of the one test: it starts where the province
choice leaves the form.
"""

import datetime
from pathlib import Path

import pytest

from base import former_communes
from base.models import AdministrativeUnit as Unit
from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
HUE_COMMUNES = ["Phường Dương Nỗ", "Phường Đông Ba", "Phường Thuận Hóa"]


@pytest.fixture
def areas(live_server, restore_migrated_data):
    hue = Unit.objects.get(name="Huế", level=Unit.Level.PROVINCE, abolished_on__isnull=True)
    Unit.objects.bulk_create(
        Unit(name=name, level=Unit.Level.COMMUNE, parent=hue) for name in reversed(HUE_COMMUNES)
    )
    return hue


def _new_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}, **options
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _signup_without_javascript(browser, live_server):
    """The sign-up form in a browser with JavaScript off, a name already typed (it
    must survive every round trip)."""
    page = _new_page(browser, live_server, java_script_enabled=False)
    page.goto("/accounts/signup/")
    page.fill("input[name=full_name]", "Nguyễn Thị Nhung")
    return page


def _keep_screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / name), full_page=True)


def _communes(page) -> list[str]:
    return page.locator("select[name=commune] option").all_inner_texts()[1:]


def test_signup_commune_follows_the_province_or_a_former_name(
    browser, live_server, areas, quan_thanh
):
    # With JavaScript: choosing the province loads its communes in place.
    page = _new_page(browser, live_server)
    page.goto("/accounts/signup/")
    assert page.get_by_role("button", name="Tạo tài khoản").is_visible()
    assert not page.locator("[name=refresh_communes]").is_visible()
    assert page.locator("select[name=role]").input_value() == ""
    page.select_option("select[name=province]", label="Huế")
    page.locator("select[name=commune] option").nth(1).wait_for(state="attached")
    assert _communes(page) == HUE_COMMUNES
    assert not (violations := run_axe(page)), describe(violations)
    _keep_screenshot(page, "signup-form-phone.png")
    page.context.close()

    # Without JavaScript: the button under the province asks the server.
    page = _signup_without_javascript(browser, live_server)
    page.select_option("select[name=province]", label="Huế")
    assert _communes(page) == []
    page.click("[name=refresh_communes]")
    page.wait_for_load_state()
    assert _communes(page) == HUE_COMMUNES
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Thị Nhung"
    assert page.locator(".field__error").count() == 0
    # Enter in a field signs up (here: the missing fields are named), it does not
    # press the commune fields' round-trip buttons that come first in the form
    page.press("input[name=full_name]", "Enter")
    page.wait_for_load_state()
    assert page.locator(".field__error").count() > 0
    page.context.close()

    _former_name_journey(browser, live_server, *quan_thanh)


@pytest.fixture
def quan_thanh(live_server, restore_migrated_data):
    """Phường Quán Thánh (quận Ba Đình), merged into Phường Ba Đình, Hà Nội."""
    hanoi = Unit.objects.get(name="Hà Nội", level=Unit.Level.PROVINCE, abolished_on__isnull=True)
    ba_dinh = Unit.objects.create(name="Phường Ba Đình", level=Unit.Level.COMMUNE, parent=hanoi)
    merger = datetime.date(2025, 7, 1)
    district = Unit.objects.create(
        name="Quận Ba Đình", level=Unit.Level.DISTRICT, parent=hanoi, abolished_on=merger
    )
    Unit.objects.create(
        name="Phường Quán Thánh",
        level=Unit.Level.COMMUNE,
        parent=district,
        abolished_on=merger,
        successor=ba_dinh,
    )
    former_communes._index.clear()
    yield hanoi, ba_dinh
    former_communes._index.clear()


FOUND = "Phường Quán Thánh (quận Ba Đình, cũ) → nay là Phường Ba Đình, Hà Nội"


def _search_former(page, typed: str) -> None:
    page.get_by_text("Không thấy xã cũ?").click()
    page.get_by_label("Tên xã, phường trước ngày 1/7/2025").fill(typed)
    page.locator("#former-commune").get_by_role("button", name="Tìm kiếm").click()


def _chosen(page, name: str) -> str:
    return page.locator(f"select[name={name}] option:checked").inner_text()


def _former_name_journey(browser, live_server, hanoi: Unit, ba_dinh: Unit) -> None:
    # With JavaScript: the results come in place, the choice sets both selects.
    page = _new_page(browser, live_server)
    page.goto("/accounts/signup/")
    page.fill("input[name=full_name]", "Nguyễn Thị Nhung")
    _search_former(page, "quan thanh")
    page.get_by_text(FOUND).wait_for()
    assert page.locator("[data-former-status]").inner_text() == "Tìm thấy 1 xã, phường cũ."
    assert not (violations := run_axe(page)), describe(violations)
    page.get_by_role("button", name="Chọn xã này: Phường Ba Đình, Hà Nội").click()
    page.wait_for_function(
        "id => document.querySelector('select[name=commune]').value === String(id)", arg=ba_dinh.pk
    )
    assert page.locator("select[name=province]").input_value() == str(hanoi.pk)
    assert _chosen(page, "commune") == "Phường Ba Đình"
    assert page.evaluate("document.activeElement.name") == "commune"
    assert "Đã chọn Phường Ba Đình, Hà Nội." in page.locator("[data-former-status]").inner_text()
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Thị Nhung"
    assert not (violations := run_axe(page)), describe(violations)
    _keep_screenshot(page, "signup-former-commune-phone.png")
    page.context.close()

    # Without JavaScript: two round trips, what was typed stays.
    page = _signup_without_javascript(browser, live_server)
    _search_former(page, "Quán Thánh")
    page.wait_for_load_state()
    assert page.get_by_text(FOUND).is_visible()
    page.get_by_role("button", name="Chọn xã này: Phường Ba Đình, Hà Nội").click()
    page.wait_for_load_state()
    assert _chosen(page, "province") == "Hà Nội"
    assert _chosen(page, "commune") == "Phường Ba Đình"
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Thị Nhung"
    assert page.locator(".field__error").count() == 0
    # Enter in a field signs up (here: the missing fields are named), it does not
    # press the commune fields' round-trip buttons that come first in the form
    page.press("input[name=full_name]", "Enter")
    page.wait_for_load_state()
    assert page.locator(".field__error").count() > 0
    page.context.close()
