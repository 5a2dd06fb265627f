"""Shared set-up for the managers' tests: areas with a merged province and commune."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts.models import Profile
from base.models import AdministrativeUnit
from base.roles import Role
from learning.models import AreaManager
from learning.reports.models import MANAGERS_GROUP
from tests.factories import UserFactory

MERGED = datetime.date(2025, 7, 1)


@dataclass
class Areas:
    quang_ngai: AdministrativeUnit  # current province
    kon_tum: AdministrativeUnit  # former province, merged into Quảng Ngãi
    hai_phong: AdministrativeUnit  # another current province
    xa_moi: AdministrativeUnit  # current commune of Quảng Ngãi
    xa_cu: AdministrativeUnit  # former commune (under Kon Tum) merged into xa_moi
    xa_khac: AdministrativeUnit  # another current commune of Quảng Ngãi
    xa_hp: AdministrativeUnit  # a commune of Hải Phòng


def make_areas() -> Areas:
    province = AdministrativeUnit.Level.PROVINCE
    commune = AdministrativeUnit.Level.COMMUNE
    quang_ngai = AdministrativeUnit.objects.get(name="Quảng Ngãi", level=province)
    kon_tum = AdministrativeUnit.objects.get(name="Kon Tum", level=province)
    hai_phong = AdministrativeUnit.objects.get(name="Hải Phòng", level=province)
    xa_moi = AdministrativeUnit.objects.create(name="Xã Đăk Tô", level=commune, parent=quang_ngai)
    xa_cu = AdministrativeUnit.objects.create(
        name="Thị trấn Đắk Tô", level=commune, parent=kon_tum, successor=xa_moi, abolished_on=MERGED
    )
    xa_khac = AdministrativeUnit.objects.create(
        name="Phường Trương Quang Trọng", level=commune, parent=quang_ngai
    )
    xa_hp = AdministrativeUnit.objects.create(
        name="Phường Hồng Bàng", level=commune, parent=hai_phong
    )
    return Areas(quang_ngai, kon_tum, hai_phong, xa_moi, xa_cu, xa_khac, xa_hp)


def learner(name: str, *, province=None, commune=None, role=Role.TEACHER, organisation="", **user):
    account = UserFactory(**user)
    Profile.objects.create(
        user=account,
        full_name=name,
        role=role,
        organisation=organisation,
        province=province,
        commune=commune,
    )
    return account


def manager(*units, **user):
    account = UserFactory(**user)
    account.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    for unit in units:
        AreaManager.objects.create(user=account, unit=unit)
    return account
