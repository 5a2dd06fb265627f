"""An administrator's second factor in a browser (issue 17): the admin sends an
account without one to set it up; the authenticator app is enrolled (its code
computed here from the secret the page shows); the next admin sign-in asks for it."""

import pytest

from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe
from tests.mfa import totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.real_second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "mat-khau-quan-tri-2026"


@pytest.fixture
def admin(live_server, restore_migrated_data, django_user_model, settings):
    # One step of tolerance: the sign-in uses the next period's code, as the one
    # used for enrolment cannot be used twice.
    settings.MFA_TOTP_TOLERANCE = 1
    load_site_frame()
    user = django_user_model.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def password_step(page) -> None:
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_login", "quantri@example.org")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_enrol_an_authenticator_app_then_sign_in_to_the_admin_with_it(page, admin):
    password_step(page)
    # signed in, but the admin is closed until a second factor exists
    page.wait_for_url("**/accounts/2fa/")
    page.goto("/admin/pages/")
    page.wait_for_url("**/accounts/2fa/")

    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1  # the QR code
    violations = run_axe(page)
    assert not violations, describe(violations)
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    assert admin.authenticator_set.filter(type="totp").exists()

    page.goto("/admin/")
    page.wait_for_url("**/admin/")
    assert page.locator("body.wagtail-dashboard, #wagtail, .w-dashboard, main").count() >= 1
    assert "/admin/" in page.url

    # a new browser session: password, then the code
    page.context.clear_cookies()
    password_step(page)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.fill("#id_code", "000000")
    page.locator("main form button[type=submit]").first.click()
    assert "/accounts/2fa/authenticate/" in page.url
    page.fill("#id_code", totp_code(secret, step=1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    assert page.url.endswith("/admin/")
