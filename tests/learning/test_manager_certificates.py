"""A manager downloads their area's certificates as one ZIP, and nobody else's."""

import io
import zipfile

from django.urls import reverse

import pytest

from learning.certificates.services import issue_certificate, revoke
from tests.factories import CourseIndexPageFactory, CoursePageFactory, UserFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = pytest.mark.django_db
URL = reverse("learning_certificates_zip")


@pytest.fixture
def setup(home_page):
    areas = make_areas()
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Phòng, chống xâm hại trẻ em")
    mine = learner("Trần Văn An", province=areas.kon_tum, commune=areas.xa_cu)
    neighbour = learner("Lê Thị Bình", province=areas.quang_ngai, commune=areas.xa_khac)
    other = learner("Đỗ Thị Dung", province=areas.hai_phong, commune=areas.xa_hp)
    revoked = learner("Phạm Văn Cường", province=areas.quang_ngai, commune=areas.xa_moi)
    for user in (mine, neighbour, other, revoked):
        certificate = issue_certificate(user=user, course=course, valid_months=None)
    revoke(certificate, reason="Cấp nhầm", by=UserFactory(is_superuser=True))
    return areas, course


def names_in(response) -> set[str]:
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name.split("-")[0] + "-" + name.split("-")[1] for name in archive.namelist()}


def test_zip_holds_the_valid_certificates_of_the_managers_area(client, setup):
    areas, course = setup
    client.force_login(manager(areas.quang_ngai))
    response = client.get(URL, {"download": "1"})
    assert names_in(response) == {"tran-van", "le-thi"}
    response = client.get(URL, {"download": "1", "unit": areas.xa_moi.pk, "course": course.pk})
    assert names_in(response) == {"tran-van"}  # the former commune counts under the new one


def test_commune_manager_cannot_get_another_units_certificates(client, setup):
    areas, _course = setup
    client.force_login(manager(areas.xa_khac))
    assert names_in(client.get(URL, {"download": "1"})) == {"le-thi"}
    response = client.get(URL, {"download": "1", "unit": areas.xa_hp.pk})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_nothing_to_download_is_a_message(client, setup):
    client.force_login(manager())  # a manager with no area yet
    response = client.get(URL, {"download": "1"})
    assert response.status_code == 200
    assert response.context["empty"]


def test_form_page_and_access(client, setup):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    response = client.get(URL, {"download": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    areas, _course = setup
    client.force_login(manager(areas.quang_ngai))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_superuser_lists_a_provinces_communes_then_downloads_one(client, setup):
    areas, _course = setup
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(URL, {"unit": areas.quang_ngai.pk})  # "List its communes"
    assert response["Content-Type"].startswith("text/html")
    units = set(response.context["form"].fields["unit"].queryset)
    assert {areas.xa_moi, areas.xa_khac} <= units and areas.xa_hp not in units
    response = client.get(URL, {"download": "1", "unit": areas.xa_khac.pk})
    assert names_in(response) == {"le-thi"}
