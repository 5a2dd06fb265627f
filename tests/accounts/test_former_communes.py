"""Today's commune from the name of a former one (issue 18): the JSON the script
reads, and the same search and choice as round trips of the sign-up and profile
forms without JavaScript (nothing saved)."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from accounts.models import Profile
from base import former_communes
from base.models import AdministrativeUnit as Unit
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
URL = reverse("accounts_former_communes")
MERGER = datetime.date(2025, 7, 1)


def province(name: str) -> Unit:
    return Unit.objects.get(name=name, level=Unit.Level.PROVINCE, abolished_on__isnull=True)


def _new(name: str, parent: Unit) -> Unit:
    return Unit.objects.create(name=name, level=Unit.Level.COMMUNE, parent=parent)


def _former(name: str, district: Unit, *successors: Unit) -> Unit:
    unit = Unit.objects.create(
        name=name,
        level=Unit.Level.COMMUNE,
        parent=district,
        abolished_on=MERGER,
        successor=successors[0],
    )
    unit.other_successors.set(successors[1:])
    return unit


def _district(name: str, parent: Unit) -> Unit:
    return Unit.objects.create(
        name=name, level=Unit.Level.DISTRICT, parent=parent, abolished_on=MERGER
    )


@pytest.fixture
def areas(db):
    """Phường Quán Thánh (Ba Đình, Hà Nội) merged into Phường Ba Đình; xã Hải Lạng
    (Tiên Yên, Quảng Ninh) split between xã Hải Lạng, Ba Chẽ and Hải Hòa, as
    resolution 1679/NQ-UBTVQH15 has it; the Huế ward Đông Ba."""
    former_communes._index.clear()  # the folded names of another test's rows
    hanoi, quang_ninh, hue = province("Hà Nội"), province("Quảng Ninh"), province("Huế")
    ba_dinh = _new("Phường Ba Đình", hanoi)
    _former("Phường Quán Thánh", _district("Quận Ba Đình", hanoi), ba_dinh)
    _former("Phường Trúc Bạch", Unit.objects.get(name="Quận Ba Đình"), ba_dinh)
    split = [_new(name, quang_ninh) for name in ("Xã Hải Lạng", "Xã Ba Chẽ", "Xã Hải Hòa")]
    _former("Xã Hải Lạng", _district("Huyện Tiên Yên", quang_ninh), *split)
    _former("Phường Đông Ba", _district("Quận Phú Xuân", hue), _new("Phường Phú Xuân", hue))
    yield {"hanoi": hanoi, "ba_dinh": ba_dinh, "quang_ninh": quang_ninh, "split": split}
    former_communes._index.clear()


@pytest.mark.parametrize(
    "typed", ["quan thanh", "Quán Thánh", "PHƯỜNG QUÁN THÁNH", "p. quan thanh", "xa quan th"]
)
def test_a_name_without_diacritics_or_with_another_unit_type_finds_the_merged_ward(
    client, areas, typed
):
    data = client.get(URL, {"q": typed}).json()
    assert data["message"] == "Tìm thấy 1 xã, phường cũ."
    [result] = data["results"]
    assert result["label"] == (
        "Phường Quán Thánh (quận Ba Đình, cũ) → nay là Phường Ba Đình, Hà Nội"
    )
    assert not result["divided"]
    assert result["successors"] == [
        {
            "id": areas["ba_dinh"].pk,
            "province": areas["hanoi"].pk,
            "label": "Phường Ba Đình, Hà Nội",
        }
    ]


def test_d_is_d_and_english_is_on_en(client, areas):
    data = client.get(URL, {"q": "dong ba"}).json()
    assert [r["label"] for r in data["results"]] == [
        "Phường Đông Ba (quận Phú Xuân, cũ) → nay là Phường Phú Xuân, Huế"
    ]
    english = client.get("/en" + URL, {"q": "dong ba"}).json()
    assert english["results"][0]["label"] == (
        "Phường Đông Ba (quận Phú Xuân, former) → now Phường Phú Xuân, Huế"
    )
    assert english["message"] == "1 former commune found."


def test_a_split_commune_lists_every_successor_main_first(client, areas):
    [result] = client.get(URL, {"q": "Hai Lang"}).json()["results"]
    assert result["divided"]
    assert result["label"] == "Xã Hải Lạng (huyện Tiên Yên, cũ) đã được chia cho 3 xã, phường:"
    assert [s["label"] for s in result["successors"]] == [
        "Xã Hải Lạng, Quảng Ninh (phần chính)",
        "Xã Ba Chẽ, Quảng Ninh",
        "Xã Hải Hòa, Quảng Ninh",
    ]
    assert [s["id"] for s in result["successors"]] == [unit.pk for unit in areas["split"]]


def test_within_the_chosen_province_else_nationwide(client, areas):
    in_hanoi = client.get(URL, {"q": "phuong", "province": areas["hanoi"].pk}).json()
    assert [r["label"].split(" (")[0] for r in in_hanoi["results"]] == [
        "Phường Quán Thánh",
        "Phường Trúc Bạch",
    ]
    elsewhere = client.get(URL, {"q": "quan thanh", "province": areas["quang_ninh"].pk}).json()
    assert elsewhere["message"].startswith("Không có ở tỉnh, thành phố đã chọn.")
    assert len(elsewhere["results"]) == 1


def test_results_are_limited_and_the_message_says_so(client, areas):
    district = Unit.objects.get(name="Quận Ba Đình")
    for number in range(1, 15):
        _former(f"Phường {number}", district, areas["ba_dinh"])
    data = client.get(URL, {"q": "phuong 1"}).json()
    names = [r["label"].split(" (")[0] for r in data["results"]]
    assert names[:2] == ["Phường 1", "Phường 10"] and len(names) == 6  # 1, 10…14
    data = client.get(URL, {"q": "phuong"}).json()
    assert len(data["results"]) == 10
    assert data["message"].startswith("Tìm thấy 17 xã, phường cũ, dưới đây là 10 kết quả đầu")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "a\x00b"},
        {"q": "quan", "province": "abc"},
        {"q": "quan", "province": "9" * 30},
        {"q": "quan", "province": "-1"},
        {"q": "' OR 1=1 --"},
        {"q": "%_%"},
        {"q": "💥" * 20},
        {"q": "\u0301" * 99},
        {"q": ""},
        {"q": "q"},
        {},
    ],
)
def test_absurd_or_forged_input_gets_a_message_never_an_error(client, areas, params):
    response = client.get(URL, params)
    assert response.status_code in (200, 400)
    data = response.json()
    assert data["results"] == [] or response.status_code == 200
    assert data.get("error") if response.status_code == 400 else data["message"]


def test_a_forged_query_is_refused_with_what_to_do(client, areas):
    response = client.get(URL, {"q": "x" * 101})
    assert response.status_code == 400
    assert response.json()["error"] == "Hãy gõ tên xã, phường cũ không quá 100 ký tự."


def test_searches_are_rate_limited_per_address(client, areas, settings):
    settings.FORMER_COMMUNE_LOOKUP_RATE = "3/m"
    statuses = [client.get(URL, {"q": "quan thanh"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(URL, {"q": "dong ba"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "quá nhiều" in response.json()["error"]
    assert client.get(URL, {"q": "dong ba"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def _select(html: str, name: str) -> tuple[str, str | None]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    chosen = re.search(r'<option value="(\d*)" selected>([^<]*)</option>', select)
    return (chosen.group(2), chosen.group(1)) if chosen else ("", None)


TYPED = {
    "full_name": "Nguyễn Thị Nhung",
    "email": "nhung@example.org",
    "role": "teacher",
    "organisation": "Trường Tiểu học Quán Thánh",
    "password1": "Mat-khau-rat-dai-2026",
    "password2": "Mat-khau-rat-dai-2026",
    "consent": "on",
}


def test_without_javascript_the_search_and_the_choice_keep_what_was_typed(client, areas):
    response = client.post(
        SIGNUP, {**TYPED, "former_name": "quan thanh", "find_former_commune": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phường Quán Thánh (quận Ba Đình, cũ) → nay là Phường Ba Đình, Hà Nội" in html
    assert f'name="choose_commune" value="{areas["ba_dinh"].pk}"' in html
    assert 'id="former-commune" open' in html and 'class="field__error"' not in html
    for value in ("Nguyễn Thị Nhung", "nhung@example.org", "Trường Tiểu học Quán Thánh"):
        assert f'value="{value}"' in html
    assert "Mat-khau" not in html  # passwords are never sent back

    response = client.post(
        SIGNUP, {**TYPED, "former_name": "quan thanh", "choose_commune": areas["ba_dinh"].pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert _select(html, "province") == ("Hà Nội", str(areas["hanoi"].pk))
    assert _select(html, "commune") == ("Phường Ba Đình", str(areas["ba_dinh"].pk))
    assert "Đã chọn Phường Ba Đình, Hà Nội." in html
    assert 'value="Trường Tiểu học Quán Thánh"' in html
    assert not get_user_model().objects.exists() and not Profile.objects.exists()


def test_a_split_commune_without_javascript_offers_each_successor(client, areas):
    html = client.post(
        SIGNUP, {**TYPED, "former_name": "hai lang", "find_former_commune": "1"}
    ).content.decode()
    assert "đã được chia cho 3 xã, phường:" in html
    offered = re.findall(r'name="choose_commune" value="(\d+)"', html)
    assert offered == [str(unit.pk) for unit in areas["split"]]


@pytest.mark.parametrize("value", ["abc", "9" * 30, "former"])
def test_a_forged_choice_is_a_message_not_an_error(client, areas, value):
    if value == "former":  # a former commune cannot be chosen
        value = Unit.objects.get(name="Phường Quán Thánh").pk
    response = client.post(SIGNUP, {**TYPED, "choose_commune": value})
    assert response.status_code == 200
    assert "Không chọn được xã này: hãy tìm lại." in response.content.decode()
    assert not get_user_model().objects.exists()


def test_the_profile_page_searches_too_and_saves_nothing(client, areas):
    user = ProfileFactory(full_name="Trần Văn Bình").user
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {"full_name": "Tên khác", "role": "parent", "choose_commune": areas["ba_dinh"].pk},
    )
    assert response.status_code == 200
    assert _select(response.content.decode(), "commune")[0] == "Phường Ba Đình"
    profile = Profile.objects.get(user=user)
    assert profile.full_name == "Trần Văn Bình" and profile.commune is None


def test_a_submission_ignores_the_search_field(client, areas):
    response = client.post(
        SIGNUP,
        {
            **TYPED,
            "province": areas["hanoi"].pk,
            "commune": areas["ba_dinh"].pk,
            "former_name": "x" * 500,
        },
    )
    assert response.status_code == 302
    assert Profile.objects.get(user__email="nhung@example.org").commune == areas["ba_dinh"]
