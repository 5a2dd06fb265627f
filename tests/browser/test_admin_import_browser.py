"""End to end: an editor imports seed 004 through the admin and lands on the draft."""

from pathlib import Path

import pytest

from content.models import LegalDocumentPage
from home.demo import load_site_frame
from tests.browser.conftest import AXE_JS, WCAG_TAGS, describe, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = Path(__file__).resolve().parents[2] / "content" / "fixtures" / "legal_seeds"
PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def site(live_server, restore_migrated_data):
    return load_site_frame()


def axe_violations(page, selector: str) -> list[dict]:
    """WCAG violations inside `selector` only (the rest is Wagtail's own admin)."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "([sel, tags]) => axe.run(document.querySelector(sel),"
        " {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    return result["violations"]


def test_import_seed_004_through_the_admin(page, site, django_user_model):
    admin = django_user_model.objects.create_superuser("bientap", "bientap@example.org", PASSWORD)
    text = next(SEED.glob("004_*.txt")).read_text(encoding="utf-8")

    sign_in(page, admin, PASSWORD)

    page.locator('a[href="/admin/nhap-van-ban/"]').first.click()
    page.wait_for_url("**/admin/nhap-van-ban/")
    page.fill("#id_text", text)
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()

    page.locator("#import-details-heading").wait_for()
    assert page.input_value("#id_symbol") == "KH-UBND"
    assert page.input_value("#id_number") == ""
    assert page.input_value("#id_issued_on") == "2020-10"
    assert page.locator("#import-missing li").count() == 1
    assert "Số văn bản để trống" in page.inner_text("#import-warnings")
    assert page.locator("#import-structure li").count() == 22
    violations = axe_violations(page, ".nice-padding")
    assert not violations, describe(violations)

    page.fill("#id_place", "Tam Đường, Lai Châu")
    page.locator("form:has(input[name=source]) button[type=submit]").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.input_value("#id_title").startswith("Kế hoạch thực hiện Chỉ thị số 23/CT-TTg")

    draft = LegalDocumentPage.objects.get()
    assert draft.place == "Tam Đường, Lai Châu"
    assert not draft.live
