import re

from django.core import mail

import pytest

from accounts.models import Profile, User
from base.models import AdministrativeUnit
from tests.factories import CommuneFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-an-toan-2026"


@pytest.fixture
def hanoi() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name="Hà Nội", level="province")


def signup(client, **extra):
    data = {
        "full_name": "Nguyễn Thị Hoà",
        "email": "hoa@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": "teacher",
        "consent": "on",
        "organisation": "Trường Tiểu học Kim Liên",
        **extra,
    }
    return client.post("/accounts/signup/", data)


def test_signup_pages_render_in_vietnamese(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "Đăng ký" in html
    assert "Họ và tên" in html
    assert "Giáo viên, cán bộ quản lý giáo dục" in html


def test_signup_creates_profile_and_sends_verification(client, hanoi):
    commune = CommuneFactory(parent=hanoi, name="Phường Kim Liên")
    response = signup(client, province=hanoi.pk, commune=commune.pk)
    assert response.status_code == 302
    user = User.objects.get(email="hoa@example.org")
    profile = Profile.objects.get(user=user)
    assert profile.full_name == "Nguyễn Thị Hoà"
    assert profile.role == "teacher"
    assert profile.province == hanoi
    assert profile.commune == commune
    assert len(mail.outbox) == 1
    assert "hoa@example.org" in mail.outbox[0].to


def test_commune_outside_province_is_refused(client, hanoi):
    other = CommuneFactory(name="Xã ở tỉnh khác")
    response = signup(client, province=hanoi.pk, commune=other.pk)
    assert response.status_code == 200
    assert "không thuộc tỉnh" in response.content.decode()
    assert not User.objects.filter(email="hoa@example.org").exists()


def test_forged_role_is_refused(client):
    response = signup(client, role="superuser")
    assert response.status_code == 200
    assert not User.objects.filter(email="hoa@example.org").exists()


def test_login_requires_verified_email_then_works(client, hanoi):
    signup(client, province=hanoi.pk)
    client.logout()
    response = client.post("/accounts/login/", {"login": "hoa@example.org", "password": PASSWORD})
    # not verified yet: sent to the "verify your e-mail" page, not signed in
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(
        0
    )
    path = link.split("testserver", 1)[-1]
    assert client.post(path).status_code == 302
    response = client.post("/accounts/login/", {"login": "hoa@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="hoa@example.org").pk)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_mail(client):
    user = UserFactory(email="reset@example.org")
    user.emailaddress_set.create(email="reset@example.org", verified=True, primary=True)
    response = client.post("/accounts/password/reset/", {"email": "reset@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_login_is_rate_limited(client, settings):
    user = UserFactory(email="lock@example.org")
    user.emailaddress_set.create(email="lock@example.org", verified=True, primary=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"login": "lock@example.org", "password": "sai"})
    response = client.post("/accounts/login/", {"login": "lock@example.org", "password": PASSWORD})
    # allauth's own limit answers first (form error); django-axes backs it up with a 429
    assert response.status_code in (200, 429)
    html = response.content.decode()
    assert "quá nhiều lần" in html
    assert "_auth_user_id" not in client.session


def test_profile_page_edits_profile(client, hanoi):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    response = client.post(
        "/accounts/profile/",
        {
            "full_name": "Trần Văn Đức",
            "role": "official",
            "organisation": "UBND xã",
            "province": hanoi.pk,
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.full_name, profile.role, profile.province) == (
        "Trần Văn Đức",
        "official",
        hanoi,
    )


def test_profile_requires_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_editor_groups_exist_with_permissions():
    from django.contrib.auth.models import Group

    from wagtail.models import GroupPagePermission

    editors = Group.objects.get(name="Biên tập viên")
    approvers = Group.objects.get(name="Người duyệt")
    editor_perms = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    approver_perms = set(
        GroupPagePermission.objects.filter(group=approvers).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page"} == editor_perms
    assert "publish_page" in approver_perms
    assert editors.permissions.filter(codename="access_admin").exists()


def test_merged_province_points_to_current_unit():
    kon_tum = AdministrativeUnit.objects.get(name="Kon Tum", level="province")
    assert not kon_tum.is_current
    assert kon_tum.current_unit().name == "Quảng Ngãi"
    assert AdministrativeUnit.objects.current().filter(level="province").count() == 34


def test_names_are_stored_in_nfc(client):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị Hoà")
    signup(client, full_name=decomposed, organisation=unicodedata.normalize("NFD", "Trường Đông"))
    profile = Profile.objects.get(user__email="hoa@example.org")
    assert profile.full_name == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", profile.full_name)
    assert profile.organisation == "Trường Đông"
