"""The communes loader: every commune-level unit of the 34 provinces, from the
vietnam-provinces dataset, checked against the official figures (3,321 units:
2,621 communes, 687 wards, 13 special zones, in force since 1 July 2025), and the
former districts and communes they replaced, from the vietnamadminunits dataset,
checked against the resolutions of the Standing Committee of the National
Assembly of 16 June 2025 (1670/NQ-UBTVQH15 Lai Châu, 1675 Huế, 1679 Quảng Ninh)."""

from collections import Counter

from django.core.management import call_command

import pytest

from base.collation import sort_key
from base.communes import FormerUnit, dataset, former_dataset, load_communes
from base.models import AdministrativeUnit as Unit

pytestmark = pytest.mark.django_db

# New commune → number of former communes merged (wholly or in part) into it, as
# listed in Article 1 of each resolution.
LAI_CHAU_1670 = {
    "Mường Kim": 4, "Khoen On": 2, "Than Uyên": 4, "Mường Than": 2, "Pắc Ta": 2,
    "Nậm Sỏ": 2, "Tân Uyên": 4, "Mường Khoa": 2, "Bản Bo": 2, "Bình Lư": 3, "Tả Lèng": 3,
    "Khun Há": 2, "Sin Suối Hồ": 3, "Phong Thổ": 4, "Dào San": 3, "Sì Lở Lầu": 4,
    "Khổng Lào": 3, "Tủa Sín Chải": 3, "Sìn Hồ": 4, "Hồng Thu": 3, "Nậm Tăm": 3,
    "Pu Sam Cáp": 3, "Nậm Cuổi": 2, "Nậm Mạ": 2, "Lê Lợi": 4, "Nậm Hàng": 3, "Mường Mô": 2,
    "Hua Bum": 2, "Pa Tần": 3, "Bum Nưa": 2, "Bum Tở": 3, "Mường Tè": 2, "Thu Lũm": 2,
    "Pa Ủ": 2, "Tân Phong": 5, "Đoàn Kết": 5, "Mù Cả": 1, "Tà Tổng": 1,
}  # fmt: skip
QUANG_NINH_1679 = {
    "Quảng La": 4, "Thống Nhất": 4, "Hải Hòa": 2, "Tiên Yên": 7, "Điền Xá": 3,
    "Đông Ngũ": 3, "Hải Lạng": 3, "Lương Minh": 2, "Kỳ Thượng": 3, "Ba Chẽ": 5,
    "Quảng Tân": 4, "Đầm Hà": 5, "Quảng Hà": 5, "Đường Hoa": 3, "Quảng Đức": 3,
    "Hoành Mô": 2, "Lục Hồn": 2, "Bình Liêu": 3, "Hải Sơn": 2, "Hải Ninh": 2,
    "Vĩnh Thực": 2, "An Sinh": 4, "Đông Triều": 5, "Bình Khê": 3, "Mạo Khê": 4,
    "Hoàng Quế": 4, "Yên Tử": 3, "Vàng Danh": 4, "Uông Bí": 4, "Đông Mai": 2,
    "Hiệp Hòa": 3, "Quảng Yên": 3, "Hà An": 4, "Phong Cốc": 4, "Liên Hòa": 4,
    "Tuần Châu": 3, "Việt Hưng": 3, "Bãi Cháy": 2, "Hà Tu": 2, "Hà Lầm": 3, "Cao Xanh": 2,
    "Hồng Gai": 3, "Hạ Long": 2, "Hoành Bồ": 4, "Mông Dương": 2, "Quang Hanh": 3,
    "Cẩm Phả": 5, "Cửa Ông": 4, "Móng Cái 1": 5, "Móng Cái 2": 3, "Móng Cái 3": 2,
    "Vân Đồn": 12, "Cô Tô": 3, "Cái Chiên": 1,
}  # fmt: skip


def merged_into(units: list[FormerUnit], province_code: str) -> Counter:
    return Counter(
        name.split(" ", 1)[1].removeprefix("khu ")
        for unit in units
        for code, name in unit.successors
        if code == province_code
    )


def test_the_dataset_matches_the_official_figures():
    provinces, version = dataset()
    assert version.startswith("2025.10.1")
    names = [ward["name"] for province in provinces for ward in province["wards"]]
    assert len(provinces) == 34 and len(names) == 3321
    kinds = {
        prefix: sum(n.startswith(prefix + " ") for n in names)
        for prefix in ("Xã", "Phường", "Đặc khu")
    }
    assert kinds == {"Xã": 2621, "Phường": 687, "Đặc khu": 13}


def test_the_former_units_match_the_resolutions():
    units, version = former_dataset()
    assert version == "1.0.4"
    communes = [unit for unit in units if unit.name]
    assert len(communes) == 10035  # commune-level units before 1 July 2025
    assert len({(unit.province, unit.district) for unit in units}) == 696
    assert {unit.district for unit in units if not unit.name} == {
        "Huyện Bạch Long Vĩ", "Huyện Cồn Cỏ", "Huyện Hoàng Sa", "Huyện Lý Sơn", "Huyện Côn Đảo"
    }  # fmt: skip
    assert merged_into(units, "12") == LAI_CHAU_1670
    hue = merged_into(units, "46")
    assert (len(hue), sum(hue.values()), hue["Phú Xuân"], hue["Dương Nỗ"]) == (40, 133, 6, 1)
    assert merged_into(units, "22") == QUANG_NINH_1679
    quang_ninh = [unit for unit in communes if unit.province == "Tỉnh Quảng Ninh"]
    assert (len(quang_ninh), sum(len(unit.successors) > 1 for unit in quang_ninh)) == (171, 12)


def test_load_communes_puts_every_commune_under_its_province_once(capsys):
    call_command("load_communes")
    out = capsys.readouterr().out
    assert "3321 communes created" in out
    assert "696 former districts and 10035 former communes (471 split" in out
    communes = Unit.objects.filter(level=Unit.Level.COMMUNE, abolished_on__isnull=True)
    assert communes.count() == 3321
    assert not communes.filter(parent__isnull=True).exists()
    hcm = Unit.objects.get(name="Thành phố Hồ Chí Minh", abolished_on__isnull=True)
    assert communes.filter(parent=hcm, name="Phường Bến Thành").exists()
    assert communes.filter(name="Đặc khu Phú Quốc", parent__name="An Giang").exists()
    names = list(communes.filter(parent=hcm).values_list("name", flat=True))
    assert sorted(names, key=sort_key)[0].endswith("An Đông")

    former = Unit.objects.filter(level=Unit.Level.COMMUNE, abolished_on="2025-07-01")
    assert former.count() == 10035 and not former.filter(successor=None).exists()
    # merged: phường Quán Thánh (quận Ba Đình) went wholly into phường Ba Đình
    quan_thanh = former.get(name="Phường Quán Thánh", parent__name="Quận Ba Đình")
    assert quan_thanh.parent.parent.name == "Hà Nội"
    assert [unit.name for unit in quan_thanh.successors()] == ["Phường Ba Đình"]
    assert quan_thanh.current_unit().parent.name == "Hà Nội"
    # split: xã Hải Lạng (Tiên Yên) went to xã Hải Lạng, xã Ba Chẽ and xã Hải Hòa (1679, 3, 7, 10)
    hai_lang = former.get(name="Xã Hải Lạng", parent__name="Huyện Tiên Yên")
    assert hai_lang.successor.name == "Xã Hải Lạng"
    assert {unit.name for unit in hai_lang.successors()} == {
        "Xã Hải Lạng", "Xã Ba Chẽ", "Xã Hải Hòa"
    }  # fmt: skip
    assert Unit.objects.filter(pk=hai_lang.pk).successor_today().get() == hai_lang.successor
    hoang_sa = Unit.objects.get(name="Huyện Hoàng Sa", level=Unit.Level.DISTRICT)
    assert hoang_sa.successor.name == "Đặc khu Hoàng Sa"
    assert hoang_sa.parent.name == "Đà Nẵng"

    second = load_communes()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3321)
    assert (second.former.created, second.former.updated, second.former.unmatched) == (0, 0, [])


def test_units_that_cannot_be_matched_are_reported_not_guessed(monkeypatch, capsys):
    lai_chau = Unit.objects.get(name="Lai Châu", level=Unit.Level.PROVINCE)
    Unit.objects.create(name="Xã Mù Cả", level=Unit.Level.COMMUNE, parent=lai_chau)
    wards = [{"name": "Xã Mù Cả", "code": 3400}]
    provinces = [{"name": "Tỉnh Lai Châu", "code": 12, "wards": wards}]
    monkeypatch.setattr("base.communes.dataset", lambda: (provinces, "test"))
    former = [
        FormerUnit("Tỉnh Lai Châu", "Huyện Mường Tè", "Xã Mù Cả", (("12", "Xã Mù Cả"),)),
        FormerUnit("Tỉnh Lai Châu", "Huyện Mường Tè", "Xã Ka Lăng", (("12", "Xã Thu Lũm"),)),
        FormerUnit("Tỉnh Atlantis", "Huyện Biển", "Xã Sóng", (("12", "Xã Mù Cả"),)),
    ]
    monkeypatch.setattr("base.communes.former_dataset", lambda: (former, "test"))
    call_command("load_communes")
    err = capsys.readouterr().err
    assert "2 former units not loaded" in err
    assert "Xã Ka Lăng, Huyện Mường Tè, Tỉnh Lai Châu → Xã Thu Lũm: no such commune today" in err
    assert "Tỉnh Atlantis: province not in the database" in err
    mu_ca = Unit.objects.get(name="Xã Mù Cả", parent__name="Huyện Mường Tè")
    assert mu_ca.successor.parent == lai_chau and mu_ca.abolished_on is not None
    assert not Unit.objects.filter(name="Xã Ka Lăng").exists()
