import pytest

from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_verification_pages_have_no_wcag_violations(page, certificates):
    valid, revoked = certificates
    for path in (
        f"/chung-nhan/{valid.display_code}/",
        f"/chung-nhan/{revoked.display_code}/",
        "/chung-nhan/AAAA-AAAA-AAAA-AAAA/",
        "/chung-nhan/",
        "/quyen-rieng-tu/",
    ):
        page.goto(path)
        violations = run_axe(page)
        assert not violations, f"{path}: {describe(violations)}"


def test_typing_a_code_leads_to_its_page(page, certificates):
    valid, _revoked = certificates
    page.goto("/chung-nhan/")
    page.fill("#certificate-code", valid.display_code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/chung-nhan/{valid.display_code}/")
    assert "Nguyễn Thị Hồng Đào" in page.inner_text("main")
    assert page.get_attribute('meta[name="robots"]', "content") == "noindex, nofollow"


def test_verification_page_reflows_at_320_px(page, certificates):
    valid, _revoked = certificates
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/chung-nhan/{valid.display_code}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_learner_privacy_pages_have_no_wcag_violations(page, certificates, live_server):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(certificates[0].user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    for path in ("/accounts/my-data/", "/accounts/delete/"):
        page.goto(path)
        assert "/accounts/login/" not in page.url
        violations = run_axe(page)
        assert not violations, f"{path}: {describe(violations)}"
