import json

from django.contrib.auth import get_user_model

import pytest

from learning.certificates.services import issue_certificate
from learning.models import Certificate
from tests.factories import CommuneFactory, CourseIndexPageFactory, ProfileFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-an-toan-2026"
NAME = "Nguyễn Thị Hồng Đào"


@pytest.fixture
def learner(home_page):
    commune = CommuneFactory(name="Xã Tân Lập")
    profile = ProfileFactory(
        full_name=NAME,
        organisation="Trường Tiểu học Tân Lập",
        commune=commune,
        province=commune.parent,
    )
    course = CourseIndexPageFactory(parent=home_page, title="An toàn cho trẻ trên mạng")
    issue_certificate(user=profile.user, course=course, valid_months=24)
    return profile.user


def test_privacy_notice_is_linked_from_the_footer_and_sign_up(client):
    response = client.get("/quyen-rieng-tu/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    english = client.get("/en/quyen-rieng-tu/").content.decode()
    for topic in ("Your account", "Training records", "Certificates", "Searches", "server"):
        assert topic in english
    assert 'href="/quyen-rieng-tu/"' in client.get("/").content.decode()
    assert 'href="/quyen-rieng-tu/"' in client.get("/accounts/signup/").content.decode()


def test_my_data_page_lists_certificates_with_their_pdf(client, learner):
    client.force_login(learner)
    html = client.get("/accounts/my-data/").content.decode()
    certificate = Certificate.objects.get(user=learner)
    assert f"/chung-nhan/{certificate.display_code}/pdf/" in html
    assert "/accounts/my-data/download/" in html and "/accounts/delete/" in html


def test_pages_need_login(client):
    for url in ("/accounts/my-data/", "/accounts/my-data/download/", "/accounts/delete/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_data_export_has_account_profile_and_certificates(client, learner):
    client.force_login(learner)
    response = client.get("/accounts/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == learner.email
    assert data["profile"]["full_name"] == NAME
    assert data["profile"]["commune"] == "Xã Tân Lập"
    assert data["profile"]["organisation"] == "Trường Tiểu học Tân Lập"
    (certificate,) = data["certificates"]
    assert certificate["learner_name"] == NAME
    assert certificate["status"] == "valid"
    assert certificate["verification_url"].startswith("https://baovetreem.example.vn/chung-nhan/")
    assert isinstance(data["training"], dict)
    assert "Nguyễn" in response.content.decode()  # readable UTF-8, not \\u escapes


def test_export_contains_nobody_else(client, learner):
    other = ProfileFactory(full_name="Trần Văn Bình").user
    client.force_login(other)
    data = json.loads(client.get("/accounts/my-data/download/").content)
    assert data["certificates"] == []
    assert NAME not in json.dumps(data, ensure_ascii=False)


def test_delete_needs_the_password(client, learner):
    client.force_login(learner)
    response = client.post("/accounts/delete/", {"password": "sai-mat-khau"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert client.get("/accounts/delete/").status_code == 200


def test_delete_keeping_certificates_verifiable(client, learner):
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    response = client.post("/accounts/delete/", {"password": PASSWORD, "keep_certificates": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    certificate.refresh_from_db()
    assert certificate.user is None and certificate.learner_name == NAME
    page = client.get(f"/chung-nhan/{certificate.display_code}/")
    assert page.status_code == 200 and NAME in page.content.decode()
    # signed out
    assert client.get("/accounts/my-data/").status_code == 302


def test_delete_removing_certificates(client, learner):
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert client.get(f"/chung-nhan/{certificate.display_code}/").status_code == 404


def test_password_guessing_on_delete_is_limited(client, learner):
    client.force_login(learner)
    statuses = [
        client.post("/accounts/delete/", {"password": f"sai-{n}"}).status_code for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 429
    assert get_user_model().objects.filter(pk=learner.pk).exists()
