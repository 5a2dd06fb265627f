import pytest

from learning.reports.scope import (
    UnitMap,
    is_manager,
    learners_in_scope,
    managed_units,
)
from tests.factories import UserFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    return make_areas()


def test_current_unit_follows_mergers(areas):
    assert areas.kon_tum.current_unit() == areas.quang_ngai
    assert areas.xa_cu.current_unit() == areas.xa_moi
    assert areas.quang_ngai.current_unit() == areas.quang_ngai
    units = UnitMap()
    assert units.current(areas.xa_cu.pk) == areas.xa_moi.pk
    assert units.area(areas.kon_tum.pk, None) == (areas.quang_ngai.pk, None)
    assert units.area(areas.kon_tum.pk, areas.xa_cu.pk) == (areas.quang_ngai.pk, areas.xa_moi.pk)


def test_successor_cycle_does_not_loop(areas):
    areas.xa_moi.successor = areas.xa_cu
    areas.xa_moi.save()
    assert UnitMap().current(areas.xa_cu.pk) in {areas.xa_cu.pk, areas.xa_moi.pk}


def test_province_manager_sees_its_communes_and_merged_units(areas):
    in_commune = learner("Trần Văn An", province=areas.quang_ngai, commune=areas.xa_khac)
    in_old_province = learner("Lê Thị Bình", province=areas.kon_tum)
    in_old_commune = learner("Phạm Văn Cường", province=areas.kon_tum, commune=areas.xa_cu)
    elsewhere = learner("Đỗ Thị Dung", province=areas.hai_phong, commune=areas.xa_hp)
    nowhere = learner("Vũ Văn Em")
    boss = manager(areas.quang_ngai)
    seen = set(learners_in_scope(boss))
    assert {in_commune, in_old_province, in_old_commune} <= seen
    assert elsewhere not in seen
    assert nowhere not in seen


def test_commune_manager_sees_only_its_commune(areas):
    in_old_commune = learner("Phạm Văn Cường", province=areas.kon_tum, commune=areas.xa_cu)
    in_new_commune = learner("Hoàng Thị Giang", province=areas.quang_ngai, commune=areas.xa_moi)
    other_commune = learner("Trần Văn An", province=areas.quang_ngai, commune=areas.xa_khac)
    province_only = learner("Lê Thị Bình", province=areas.quang_ngai)
    boss = manager(areas.xa_moi)
    assert set(learners_in_scope(boss)) == {in_old_commune, in_new_commune}
    assert other_commune not in learners_in_scope(boss)
    assert province_only not in learners_in_scope(boss)


def test_scope_narrowed_to_a_unit_stays_inside_the_managers_area(areas):
    mine = learner("Trần Văn An", province=areas.quang_ngai, commune=areas.xa_khac)
    learner("Đỗ Thị Dung", province=areas.hai_phong, commune=areas.xa_hp)
    boss = manager(areas.quang_ngai)
    assert set(learners_in_scope(boss, unit=areas.xa_khac)) == {mine}
    assert not learners_in_scope(boss, unit=areas.xa_hp).exists()


def test_non_managers_see_nobody(areas):
    learner("Trần Văn An", province=areas.quang_ngai)
    plain = UserFactory()
    assert not is_manager(plain)
    assert not learners_in_scope(plain).exists()
    assert not managed_units(plain).exists()
    area_without_group = manager()
    area_without_group.groups.clear()
    assert not learners_in_scope(area_without_group).exists()


def test_manager_without_area_sees_nobody_and_superuser_sees_all(areas):
    someone = learner("Trần Văn An", province=areas.quang_ngai)
    assert not learners_in_scope(manager()).exists()
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert someone in learners_in_scope(admin)


def test_manager_of_a_former_unit_manages_its_successor(areas):
    boss = manager(areas.kon_tum)
    assert list(managed_units(boss)) == [areas.quang_ngai]


def test_a_split_commune_counts_under_its_main_successor_only(areas):
    areas.xa_cu.other_successors.add(areas.xa_khac)
    in_split_commune = learner("Phạm Văn Cường", province=areas.kon_tum, commune=areas.xa_cu)
    assert areas.xa_cu.successors() == [areas.xa_moi, areas.xa_khac]
    assert areas.xa_cu.current_unit() == areas.xa_moi
    assert UnitMap().area(None, areas.xa_cu.pk) == (areas.quang_ngai.pk, areas.xa_moi.pk)
    assert in_split_commune in learners_in_scope(manager(areas.xa_moi))
    assert in_split_commune not in learners_in_scope(manager(areas.xa_khac))
    assert in_split_commune in learners_in_scope(manager(areas.quang_ngai))
