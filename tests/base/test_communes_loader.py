"""The communes loader: every commune-level unit of the 34 provinces, from the
vietnam-provinces dataset, checked against the official figures (3,321 units:
2,621 communes, 687 wards, 13 special zones, in force since 1 July 2025)."""

from django.core.management import call_command

import pytest

from base.collation import sort_key
from base.communes import dataset, load_communes
from base.models import AdministrativeUnit as Unit

pytestmark = pytest.mark.django_db


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


def test_load_communes_puts_every_commune_under_its_province_once(capsys):
    call_command("load_communes")
    assert "3321 communes created" in capsys.readouterr().out
    communes = Unit.objects.filter(level=Unit.Level.COMMUNE, abolished_on__isnull=True)
    assert communes.count() == 3321
    assert not communes.filter(parent__isnull=True).exists()
    hcm = Unit.objects.get(name="Thành phố Hồ Chí Minh", abolished_on__isnull=True)
    assert communes.filter(parent=hcm, name="Phường Bến Thành").exists()
    assert communes.filter(name="Đặc khu Phú Quốc", parent__name="An Giang").exists()
    second = load_communes()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3321)
    names = list(communes.filter(parent=hcm).values_list("name", flat=True))
    assert sorted(names, key=sort_key)[0].endswith("An Đông")
