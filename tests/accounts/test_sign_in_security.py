"""Sign-in policy (issue 17, finding 3): a lock per (login, address) pair, a
throttle per address, a slow-down (never a lock) per login, and a second factor
for every account that can open the admin, through allauth's sign-in."""

from django.urls import reverse
from django.utils import translation

import pytest

from accounts import security
from tests.factories import UserFactory
from tests.mfa import give_totp, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]

PASSWORD = "mat-khau-an-toan-2026"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def account(email: str, **extra):
    user = UserFactory(email=email, password=PASSWORD, **extra)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def sign_in(client, login: str, password: str, address: str):
    return client.post(
        "/en/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def later(monkeypatch):
    """Move the slow-down's clock forward (the slow-down only: axes and allauth keep theirs)."""
    clock = {"offset": 0.0}
    real = security.time.time

    class Clock:
        @staticmethod
        def time():
            return real() + clock["offset"]

    monkeypatch.setattr(security, "time", Clock)

    def advance(seconds: float) -> None:
        clock["offset"] += seconds

    return advance


def test_failures_from_one_address_do_not_lock_the_owner_out(client, settings, later):
    account("hoa@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "hoa@example.org", "sai", "203.0.113.9")
    # that pair is locked, even with the right password...
    response = sign_in(client, "hoa@example.org", PASSWORD, "203.0.113.9")
    assert response.status_code in (200, 429) and not signed_in(client)
    later(120)
    response = sign_in(client, "hoa@example.org", PASSWORD, "203.0.113.9")
    assert response.status_code == 429 and not signed_in(client)
    # ...but the owner, from their own address, gets in
    response = sign_in(client, "hoa@example.org", PASSWORD, "198.51.100.7")
    assert response.status_code == 302 and signed_in(client)


def test_an_address_is_throttled_whatever_login_it_tries(client):
    account("hoa@example.org")
    for number in range(10):
        sign_in(client, f"khach{number}@example.org", "sai", "203.0.113.9")
    response = sign_in(client, "hoa@example.org", PASSWORD, "203.0.113.9")
    assert not signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()
    response = sign_in(client, "hoa@example.org", PASSWORD, "198.51.100.7")
    assert signed_in(client)


def test_a_login_attacked_from_many_addresses_is_slowed_down_not_locked(client, later):
    """The review guessed an admin password 24 times from 6 addresses."""
    account("admin@example.org", is_staff=True, is_superuser=True)
    for number in range(security.SLOWDOWN_FREE_FAILURES):
        sign_in(client, "admin@example.org", "sai", f"203.0.113.{number}")
    # the next guess, from yet another address, is not even checked
    response = sign_in(client, "admin@example.org", PASSWORD, "203.0.113.50")
    assert not signed_in(client)
    assert "Wait 1 seconds" in response.content.decode()
    for number in range(6):  # each failure doubles the wait
        later(security.SLOWDOWN_MAX_SECONDS)
        sign_in(client, "admin@example.org", "sai", f"203.0.113.{60 + number}")
    assert security.slowdown_wait("admin@example.org") == security.SLOWDOWN_MAX_SECONDS
    # after the wait the owner gets in: slowed down, never locked
    later(security.SLOWDOWN_MAX_SECONDS)
    response = sign_in(client, "admin@example.org", PASSWORD, "198.51.100.7")
    assert signed_in(client)
    assert security.slowdown_wait("admin@example.org") == 0


def test_the_admin_signs_in_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    assert client.get("/django-admin/login/")["Location"].startswith("/accounts/login/")
    # the admins' own password-only forms take nothing
    account("admin@example.org", username="quantri", is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": "quantri", "password": PASSWORD})
    client.post("/django-admin/login/", {"username": "quantri", "password": PASSWORD})
    assert not signed_in(client)


def test_an_admin_account_without_a_second_factor_is_sent_to_set_one_up(client):
    user = account("bientap@example.org", is_staff=True)
    user.user_permissions.add(*_access_admin())
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get("/hoc-tap/bao-cao/")["Location"] == reverse("mfa_index")
    # a learner is not asked for one
    client.force_login(account("hocvien@example.org"))
    assert client.get("/hoc-tap/").status_code == 200


def test_with_a_second_factor_the_admin_opens_after_the_code(client):
    user = account("bientap@example.org", is_staff=True, is_superuser=True)
    secret = give_totp(user)
    response = sign_in(client, "bientap@example.org", PASSWORD, "198.51.100.7")
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    assert not signed_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert not signed_in(client)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert signed_in(client)
    assert client.get("/admin/").status_code == 200


def _access_admin():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_authenticator_apps_passkeys_and_recovery_codes_are_offered(client):
    user = account("bientap@example.org", is_staff=True)
    client.force_login(user)
    html = client.get(reverse("mfa_index")).content.decode()
    for name in ("mfa_activate_totp", "mfa_add_webauthn"):
        assert reverse(name) in html
    give_totp(user)
    html = client.get(reverse("mfa_index")).content.decode()
    assert (
        reverse("mfa_generate_recovery_codes") in html or reverse("mfa_view_recovery_codes") in html
    )
