"""The administrative units in the admin: a former commune is found by its old
name, with every unit that took it over."""

import datetime

import pytest

from base.models import AdministrativeUnit as Unit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_former_commune_is_listed_with_its_successors(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    quang_ninh = Unit.objects.get(name="Quảng Ninh", level=Unit.Level.PROVINCE)
    tien_yen = Unit.objects.create(name="Huyện Tiên Yên", level="district", parent=quang_ninh)
    hai_lang, ba_che, hai_hoa = (
        Unit.objects.create(name=name, level=Unit.Level.COMMUNE, parent=quang_ninh)
        for name in ("Xã Hải Lạng", "Xã Ba Chẽ", "Xã Hải Hòa")
    )
    former = Unit.objects.create(
        name="Xã Hải Lạng",
        level=Unit.Level.COMMUNE,
        parent=tien_yen,
        successor=hai_lang,
        abolished_on=datetime.date(2025, 7, 1),
    )
    former.other_successors.add(ba_che, hai_hoa)
    page = client.get("/admin/administrative_units/", {"q": "hải lạng"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xã Hải Lạng, Huyện Tiên Yên" in html
    assert "Xã Hải Lạng, Quảng Ninh, Xã Ba Chẽ, Quảng Ninh, Xã Hải Hòa, Quảng Ninh" in html
    inspect = client.get(f"/admin/administrative_units/inspect/{former.pk}/")
    assert inspect.status_code == 200 and "Xã Ba Chẽ" in inspect.content.decode()
