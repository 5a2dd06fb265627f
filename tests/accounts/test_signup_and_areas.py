"""Sign-up and profile forms: designed layout, no pre-selected role, provinces and
communes in Vietnamese order, a commune select that follows the province (a round
trip without JavaScript, JSON with it), e-mails signed with the site's name and
messages that name the person, not a username."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from accounts.adapter import display_name
from accounts.models import Profile
from base.collation import sort_key
from base.models import AdministrativeUnit as Unit
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def province(name: str) -> Unit:
    return Unit.objects.get(name=name, level=Unit.Level.PROVINCE, abolished_on__isnull=True)


@pytest.fixture
def communes(db):
    hue = province("Huế")
    for name in ["Phường Thuận Hóa", "Xã A Lưới 1", "Phường Đông Ba", "Phường Dương Nỗ"]:
        Unit.objects.create(name=name, level=Unit.Level.COMMUNE, parent=hue)
    return hue


def test_vietnamese_order_of_provinces():
    names = ["Huế", "Hà Nội", "Vĩnh Long", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ", "Cà Mau"]
    assert sorted(names, key=sort_key) == [
        "Cà Mau",
        "Cần Thơ",
        "Đà Nẵng",
        "Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Huế",
        "Vĩnh Long",
    ]
    assert sorted(["Tỉnh Ê", "Xã Đa", "Phường Dương"], key=sort_key) == [
        "Phường Dương",
        "Xã Đa",
        "Tỉnh Ê",
    ]


def test_signup_form_is_designed_in_vietnamese_without_a_chosen_role(client):
    html = client.get(SIGNUP).content.decode()
    assert html.count("<fieldset") == 3 and "Nơi công tác" in html
    role = re.search(r'<select name="role".*?</select>', html, re.S).group(0)
    assert 'value="" selected' in role and role.count("selected") == 1
    provinces = re.findall(
        r"<option value=\"\d+\">([^<]+)</option>",
        re.search(r'<select name="province".*?</select>', html, re.S).group(0),
    )
    assert len(provinces) == 34
    assert provinces == sorted(provinces, key=sort_key)
    assert provinces.index("Đà Nẵng") == provinces.index("Cần Thơ") + 1
    for english in ["Sign Up", "Password", "Forgot", "E-mail address", "Role"]:
        assert f">{english}" not in html


def test_commune_select_follows_the_province_without_javascript(client, communes):
    response = client.post(
        SIGNUP,
        {
            "full_name": "Nguyễn Thị Nhung",
            "email": "nhung@example.org",
            "province": communes.pk,
            "refresh_communes": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field__error"' not in html  # a round trip, not a failed submission
    select = re.search(r'<select name="commune".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="\d+">([^<]+)</option>', select) == [
        "Xã A Lưới 1",
        "Phường Dương Nỗ",
        "Phường Đông Ba",
        "Phường Thuận Hóa",
    ]
    assert 'value="Nguyễn Thị Nhung"' in html
    assert not Profile.objects.exists()


def test_communes_json_for_the_script(client, communes):
    data = client.get("/accounts/communes/", {"province": communes.pk}).json()
    assert [c["name"] for c in data["communes"]][:2] == ["Xã A Lưới 1", "Phường Dương Nỗ"]
    assert client.get("/accounts/communes/", {"province": "x"}).json() == {"communes": []}


def test_signup_keeps_the_commune_and_mails_in_the_site_name(client, communes):
    commune = Unit.objects.get(name="Phường Đông Ba")
    response = client.post(
        SIGNUP,
        {
            "full_name": "Nguyễn Thị Nhung",
            "email": "nhung@example.org",
            "role": "teacher",
            "province": communes.pk,
            "commune": commune.pk,
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Profile.objects.get(user__email="nhung@example.org").commune == commune
    body = mail.outbox[0].body
    assert "Cổng Bảo vệ Trẻ em" in body and "testserver!" not in body


def test_a_commune_of_another_province_is_refused(client, communes):
    other = Unit.objects.create(name="Xã Khác", level=Unit.Level.COMMUNE, parent=province("Hà Nội"))
    user = ProfileFactory().user
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "full_name": "Nguyễn Thị Hoà",
            "role": "teacher",
            "province": communes.pk,
            "commune": other.pk,
        },
    )
    assert response.status_code == 200
    assert "This commune is not in the chosen province." not in response.content.decode()
    assert response.context["form"].errors["commune"]
    assert Profile.objects.get(user=user).commune is None


def test_messages_name_the_person_not_the_username():
    user = UserFactory(username="nhung.gv", email="nhung@example.org")
    assert display_name(user) == "nhung@example.org"
    ProfileFactory(user=user, full_name="Nguyễn Thị Nhung")
    user.refresh_from_db()
    assert display_name(user) == "Nguyễn Thị Nhung"


@pytest.mark.parametrize("province", ["abc", "²", "9" * 30, "-1", ""])
def test_a_forged_province_gives_no_communes_not_an_error(client, db, province):
    response = client.get(reverse("accounts_communes"), {"province": province})
    assert response.status_code == 200
    assert response.json() == {"communes": []}
