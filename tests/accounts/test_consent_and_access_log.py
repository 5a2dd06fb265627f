"""Consent records at sign-up and their withdrawal; managers' accesses to learners'
data logged for superusers and kept for a year (Law 91/2025/QH15, Decree 356/2025)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.audit import record_access
from accounts.models import Consent, DataAccess, User
from tests.factories import CourseIndexPageFactory, CoursePageFactory, UserFactory
from tests.learning.managers import make_areas, manager

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-an-toan-2026"


def signup(client, **extra):
    data = {
        "full_name": "Nguyễn Thị Hoà",
        "email": "hoa@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": "teacher",
        **extra,
    }
    return client.post("/en/accounts/signup/", data)


def test_sign_up_needs_and_records_consent(client):
    response = signup(client)
    assert response.status_code == 200
    assert "consent is needed" in response.content.decode()
    assert not User.objects.filter(email="hoa@example.org").exists()
    signup(client, consent="on")
    consent = Consent.objects.get(user__email="hoa@example.org")
    assert consent.notice_version == settings.PRIVACY_NOTICE_VERSION
    assert abs(consent.given_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_the_data_page_shows_the_consent_and_how_to_withdraw_it(client):
    user = UserFactory()
    Consent.objects.create(user=user, notice_version=settings.PRIVACY_NOTICE_VERSION)
    client.force_login(user)
    html = client.get("/en/accounts/my-data/").content.decode()
    assert settings.PRIVACY_NOTICE_VERSION in html
    assert "/en/accounts/delete/?withdraw=1" in html
    data = client.get(reverse("accounts_export_data")).json()
    assert data["consents"][0]["privacy_notice_version"] == settings.PRIVACY_NOTICE_VERSION
    # withdrawing closes the account, which takes the consent record with it
    response = client.post("/en/accounts/delete/", {"password": PASSWORD, "keep_certificates": ""})
    assert response.status_code == 302
    assert not Consent.objects.exists() and not User.objects.filter(pk=user.pk).exists()


def test_managers_views_and_exports_are_logged_for_superusers(client, home_page):
    areas = make_areas()
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Khóa A")
    boss = manager(areas.quang_ngai, username="quanly")
    client.force_login(boss)
    client.get(reverse("learning_report"))
    client.get(reverse("learning_report_csv"), {"course": course.pk})
    rows = list(
        DataAccess.objects.order_by("at", "pk").values("manager_name", "action", "area", "course")
    )
    assert rows == [
        {"manager_name": "quanly", "action": "report", "area": "Quảng Ngãi", "course": ""},
        {
            "manager_name": "quanly",
            "action": "report-csv",
            "area": "Quảng Ngãi",
            "course": "Khóa A",
        },
    ]
    listing = "/django-admin/accounts/dataaccess/"
    assert client.get(listing).status_code in (302, 403)  # managers cannot read it
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(listing)
    assert response.status_code == 200 and "quanly" in response.content.decode()


def test_the_log_keeps_a_year(home_page):
    boss = UserFactory()
    old = record_access(boss, "report")
    DataAccess.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=366))
    kept = record_access(boss, "report")
    assert list(DataAccess.objects.values_list("pk", flat=True)) == [kept.pk]
