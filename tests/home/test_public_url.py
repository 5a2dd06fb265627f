"""One public base URL for every link that leaves the site (issue 17, finding 8):
certificates printed http://localhost/… even under production settings."""

from django.core import mail

import pytest

from base.public_url import absolute, check_public_base_url

BASE = "https://baovetreem.example.vn"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("", False),
        ("http://localhost", False),
        ("http://127.0.0.1:8000", False),
        ("http://[::1]/", False),
        ("https://portal.localhost", False),
        ("baovetreem.example.vn", False),
        ("https://baovetreem.example.vn", True),
    ],
)
def test_production_refuses_a_missing_or_loopback_address(settings, value, ok):
    settings.PUBLIC_BASE_URL_REQUIRED = True
    settings.PUBLIC_BASE_URL = value
    errors = check_public_base_url()
    assert (errors == []) is ok
    assert all(error.id == "content.E001" for error in errors)
    settings.PUBLIC_BASE_URL_REQUIRED = False
    assert check_public_base_url() == []


def test_absolute_keeps_only_the_path():
    assert absolute("/chung-nhan/ABC/") == f"{BASE}/chung-nhan/ABC/"
    assert absolute("http://localhost/tin-tuc/a/?p=1") == f"{BASE}/tin-tuc/a/?p=1"


@pytest.mark.django_db
def test_feeds_and_mails_use_the_public_address(client, demo_site):
    from content.models import ArticleIndexPage
    from tests.factories import ArticlePageFactory

    index = ArticleIndexPage.objects.filter(locale=demo_site.locale).first()
    ArticlePageFactory(parent=index, title="Tin thử")
    for feed in ("/feeds/tin-tuc.rss", "/feeds/tin-tuc.atom"):
        body = client.get(feed, HTTP_HOST="evil.example").content.decode()
        assert f"{BASE}/" in body
        assert "localhost" not in body and "evil.example" not in body
    client.post(
        "/accounts/signup/",
        {
            "full_name": "Nguyễn Thị Hoà",
            "email": "hoa@example.org",
            "password1": "mat-khau-an-toan-2026",
            "password2": "mat-khau-an-toan-2026",
            "role": "teacher",
            "consent": "on",
            "organisation": "",
        },
        HTTP_HOST="evil.example",
    )
    assert mail.outbox and f"{BASE}/accounts/confirm-email/" in mail.outbox[-1].body
    client.post("/accounts/password/reset/", {"email": "hoa@example.org"}, HTTP_HOST="evil.example")
    assert f"{BASE}/accounts/password/reset/key/" in mail.outbox[-1].body
