import datetime
import re

from django.utils import timezone

import pytest

from learning.certificates.services import issue_certificate, revoke
from tests.factories import CommuneFactory, ProfileFactory
from tests.learning.conftest import COURSE_TITLE, LEARNER_NAME

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-an-toan-2026"


@pytest.fixture
def certificate(learner, course):
    issued = datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC)
    return issue_certificate(user=learner, course=course, valid_months=24, issued_at=issued)


def main_text(response) -> str:
    html = response.content.decode()
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_valid_certificate_page_shows_only_name_course_dates_and_status(client, certificate):
    profile = certificate.user.profile
    profile.organisation = "Trường Tiểu học Kim Liên"
    profile.commune = CommuneFactory(name="Xã Hoà Bình")
    profile.province = profile.commune.parent
    profile.save()
    response = client.get(f"/chung-nhan/{certificate.display_code}/")
    assert response.status_code == 200
    text = main_text(response)
    assert LEARNER_NAME in text and COURSE_TITLE in text
    assert "09/03/2026" in text and "09/03/2028" in text
    assert 'class="certificate-check certificate-check--valid"' in response.content.decode()
    for private in (
        certificate.user.email,
        certificate.user.username,
        "Kim Liên",
        "Hoà Bình",
        profile.province.name,
        "teacher",
    ):
        assert private not in text
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]  # a revocation shows at once


def test_expired_and_revoked_certificates_say_so(client, certificate, learner, course):
    certificate.expires_at = timezone.now() - datetime.timedelta(days=1)
    certificate.save()
    response = client.get(f"/chung-nhan/{certificate.display_code}/")
    assert "certificate-check--expired" in response.content.decode()
    revoke(certificate, reason="Học viên gian lận khi làm bài kiểm tra", by=None)
    response = client.get(f"/chung-nhan/{certificate.display_code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "certificate-check--revoked" in html
    assert "Học viên gian lận khi làm bài kiểm tra" in html


def test_codes_are_found_in_any_case_and_spacing(client, certificate):
    lowered = certificate.display_code.lower().replace("-", "")
    assert client.get(f"/chung-nhan/{lowered}/").status_code == 200
    response = client.get("/chung-nhan/", {"code": f" {certificate.display_code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/chung-nhan/{certificate.display_code}/"


@pytest.mark.parametrize(
    "code",
    ["AAAA-AAAA-AAAA-AAAA", "abc", "%E2%80%8B", "K7Q2-9XMD-4HRT-B2CU", "x" * 300, "'OR'1'='1"],
)
def test_wrong_or_malformed_codes_are_not_found(client, certificate, code):
    response = client.get(f"/chung-nhan/{code}/")
    assert response.status_code == 404
    assert "noindex" in response["X-Robots-Tag"]
    assert 'id="certificate-code"' in response.content.decode()


def test_malformed_code_typed_in_the_form_is_explained(client):
    response = client.get("/chung-nhan/", {"code": "không phải mã"})
    assert response.status_code == 404
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get("/chung-nhan/").status_code == 200


@pytest.mark.parametrize("code", ["abc", "x" * 5000, "K7Q2\x00", "' OR 1=1 --", "💥" * 20])
def test_a_tampered_code_in_the_form_gets_a_clear_message_not_an_error(client, code):
    response = client.get("/chung-nhan/", {"code": code})
    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="certificate-code-error"' in html
    assert "16" in html  # the message says what a code looks like


def test_lookups_are_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_LOOKUP_RATE = "3/m"
    url = f"/chung-nhan/{certificate.display_code}/"
    statuses = [client.get(url).status_code for _ in range(3)]
    statuses.append(client.get("/chung-nhan/AAAA-AAAA-AAAA-AAAA/").status_code)
    assert statuses == [200, 200, 200, 429]
    response = client.get(url)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "quá nhiều" in response.content.decode().lower()
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_english_page_works_too(client, certificate):
    response = client.get(f"/en/chung-nhan/{certificate.display_code}/")
    assert response.status_code == 200
    assert "This certificate is valid." in response.content.decode()


# the learner's own PDF


def test_owner_downloads_their_pdf(client, certificate):
    client.force_login(certificate.user)
    response = client.get(f"/chung-nhan/{certificate.display_code.lower()}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_pdf_needs_login_and_ownership(client, certificate):
    url = f"/chung-nhan/{certificate.display_code}/pdf/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(ProfileFactory().user)
    assert client.get(url).status_code == 404
    assert client.get("/chung-nhan/nonsense/pdf/").status_code == 404
