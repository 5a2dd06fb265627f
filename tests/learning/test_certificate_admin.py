import io
import zipfile

from django.contrib.auth.models import Group, Permission

import pytest

from learning.certificates.services import issue_certificate, revoke
from learning.models import Certificate
from tests.factories import CommuneFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/certificates/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def certificates(course):
    commune = CommuneFactory(name="Phường Ba Đình")
    learners = [
        ProfileFactory(full_name="Nguyễn Thị Hồng Đào", commune=commune, province=commune.parent),
        ProfileFactory(full_name="Trần Văn Bình"),
        ProfileFactory(full_name="Lê Thị Cúc"),
    ]
    made = [issue_certificate(user=p.user, course=course, valid_months=12) for p in learners]
    revoke(made[2], reason="Cấp nhầm", by=None)
    return made


def editor_with(*codenames):
    group = Group.objects.create(name="Cán bộ đào tạo " + "-".join(codenames))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = UserFactory(is_staff=False)
    user.groups.add(group)
    return user


def test_list_search_and_filter(admin_client, certificates):
    html = admin_client.get(INDEX).content.decode()
    for certificate in certificates:
        assert certificate.learner_name in html
    code = certificates[1].display_code.lower()
    html = admin_client.get(INDEX, {"q": code}).content.decode()
    assert "Trần Văn Bình" in html and "Nguyễn Thị Hồng Đào" not in html
    html = admin_client.get(INDEX, {"q": "Hồng Đào"}).content.decode()
    assert "Nguyễn Thị Hồng Đào" in html and "Trần Văn Bình" not in html
    html = admin_client.get(INDEX, {"status": "revoked"}).content.decode()
    assert "Lê Thị Cúc" in html and "Trần Văn Bình" not in html
    province = certificates[0].user.profile.province
    html = admin_client.get(INDEX, {"province": province.pk}).content.decode()
    assert "Nguyễn Thị Hồng Đào" in html and "Trần Văn Bình" not in html
    assert "/admin/certificates/zip/" in html


def test_nothing_can_be_added_or_deleted(admin_client, certificates):
    assert admin_client.get(INDEX + "new/").status_code in {302, 403}
    pk = certificates[0].pk
    assert admin_client.post(f"{INDEX}delete/{pk}/").status_code in {302, 403}
    assert Certificate.objects.filter(pk=pk).exists()
    assert admin_client.get(f"{INDEX}inspect/{pk}/").status_code == 200


def test_revoke_needs_a_reason(admin_client, certificates):
    certificate = certificates[0]
    url = f"{INDEX}edit/{certificate.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"revoked_reason": "   "})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    response = admin_client.post(url, {"revoked_reason": "Học viên   gian lận"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status() == "revoked"
    assert certificate.revoked_reason == "Học viên gian lận"
    assert certificate.revoked_by.is_superuser


def test_revoke_needs_the_permission(client, certificates):
    certificate = certificates[0]
    url = f"{INDEX}edit/{certificate.pk}/"
    client.force_login(editor_with("view_certificate"))
    assert client.get(INDEX).status_code == 200
    response = client.post(url, {"revoked_reason": "Không có quyền"})
    assert response.status_code in {302, 403}
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    client.force_login(editor_with("change_certificate"))
    assert client.post(url, {"revoked_reason": "Cấp nhầm"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None


def test_learners_cannot_reach_the_admin_list(client, certificates):
    client.force_login(certificates[0].user)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert client.get(INDEX + "zip/").status_code == 302


def test_zip_of_the_listed_or_chosen_certificates(admin_client, certificates):
    response = admin_client.get(INDEX + "zip/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(archive.namelist()) == 3
    province = certificates[0].user.profile.province
    response = admin_client.get(INDEX + "zip/", {"province": province.pk})
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [f"nguyen-thi-hong-dao-{certificates[0].display_code}.pdf"]
    response = admin_client.get(
        INDEX + "zip/", {"id": [certificates[1].pk, certificates[2].pk, "x"]}
    )
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2
