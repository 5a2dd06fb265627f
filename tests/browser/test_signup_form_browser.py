"""The sign-up form in a real browser, on a phone: a commune select that follows the
province with JavaScript (and axe clean, screenshot kept), and without JavaScript
through a round trip that keeps what was typed.

One test on purpose, and in the last browser file: a live-server test that opens
the sign-up page leaves the next serialized-rollback test unable to restore the
database (the content types are already there); see the report of branch ux.
"""

from pathlib import Path

import pytest

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


def _communes(page) -> list[str]:
    return page.locator("select[name=commune] option").all_inner_texts()[1:]


def test_signup_commune_follows_the_province(browser, live_server, areas):
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
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "signup-form-phone.png"), full_page=True)
    page.context.close()

    # Without JavaScript: the button under the province asks the server.
    page = _new_page(browser, live_server, java_script_enabled=False)
    page.goto("/accounts/signup/")
    page.fill("input[name=full_name]", "Nguyễn Thị Nhung")
    page.select_option("select[name=province]", label="Huế")
    assert _communes(page) == []
    page.click("[name=refresh_communes]")
    page.wait_for_load_state()
    assert _communes(page) == HUE_COMMUNES
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Thị Nhung"
    assert page.locator(".field__error").count() == 0
    page.context.close()
