"""Who a training manager may see: areas, merged units and the learners in scope.

One function is the rule everywhere (reports, exports, CSV enrolment, the
certificate ZIP): :func:`learners_in_scope` (the users a manager may see). Merged
units are followed to today's unit by ``base.areas.follow_successors``; a
former commune split between several new ones counts under its main successor
only (``AdministrativeUnit.successor``, not ``other_successors``), so that every
learner counts once, in one commune.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from base.areas import follow_successors
from base.models import AdministrativeUnit

PROVINCE = AdministrativeUnit.Level.PROVINCE
COMMUNE = AdministrativeUnit.Level.COMMUNE
MANAGE_PERMISSION = "learning.manage_training"


@dataclass(frozen=True)
class UnitRow:
    pk: int
    name: str
    level: str
    parent_id: int | None
    successor_id: int | None
    abolished: bool


class UnitMap:
    """Every administrative unit loaded once (a few thousand rows), so that
    successor chains and parents are followed in memory, not query by query."""

    def __init__(self) -> None:
        fields = ("pk", "name", "level", "parent_id", "successor_id", "abolished_on")
        self.units: dict[int, UnitRow] = {
            pk: UnitRow(pk, name, level, parent, successor, abolished is not None)
            for pk, name, level, parent, successor, abolished in (
                AdministrativeUnit.objects.values_list(*fields)
            )
        }

    def current(self, unit_id: int | None) -> int | None:
        """The id of the unit in force today for ``unit_id`` (itself when never
        merged; the main successor of a split commune)."""
        if unit_id is None or unit_id not in self.units:
            return None
        return follow_successors(unit_id, self._successor)

    def _successor(self, unit_id: int) -> int | None:
        successor = self.units[unit_id].successor_id
        return successor if successor in self.units else None

    def province_of(self, unit_id: int | None) -> int | None:
        """The current province containing ``unit_id`` (a province, district or commune)."""
        unit_id = self.current(unit_id)
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            unit = self.units[unit_id]
            if unit.level == PROVINCE:
                return self.current(unit.pk)
            unit_id = self.current(unit.parent_id)
        return None

    def area(
        self, province_id: int | None, commune_id: int | None
    ) -> tuple[int | None, int | None]:
        """A learner's (current province, current commune) from what their profile holds.

        The commune decides when there is one (its current unit's province);
        otherwise the recorded province, followed to its current unit.
        """
        commune = self.current(commune_id)
        if commune is not None and self.units[commune].level == COMMUNE:
            return self.province_of(commune), commune
        return self.province_of(province_id), None

    def name(self, unit_id: int | None) -> str:
        return self.units[unit_id].name if unit_id in self.units else ""

    def ids_under(self, unit_id: int) -> tuple[set[int], set[int]]:
        """(commune ids, province ids), current or former, that count under ``unit_id``.

        For a province: every commune whose current province it is, and every
        province (itself and the ones merged into it). For a commune: every
        commune whose current unit it is, and no province.
        """
        target = self.units.get(unit_id)
        if target is None:
            return set(), set()
        communes, provinces = set(), set()
        for unit in self.units.values():
            if unit.level == COMMUNE:
                current = self.current(unit.pk)
                if (
                    target.level == COMMUNE
                    and current == unit_id
                    or target.level == PROVINCE
                    and self.province_of(current) == unit_id
                ):
                    communes.add(unit.pk)
            elif (
                unit.level == PROVINCE
                and target.level == PROVINCE
                and self.current(unit.pk) == unit_id
            ):
                provinces.add(unit.pk)
        return communes, provinces


def is_manager(user) -> bool:
    """Signed in and allowed to see training reports (superusers see the whole country)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(MANAGE_PERMISSION))
    )


def managed_units(user) -> QuerySet[AdministrativeUnit]:
    """The current units a manager is responsible for (none for a non-manager)."""
    from learning.reports.models import AreaManager

    if not is_manager(user):
        return AdministrativeUnit.objects.none()
    ids = AreaManager.objects.filter(user=user).values_list("unit_id", flat=True)
    return AdministrativeUnit.objects.filter(pk__in=ids).successor_today()


def sees_everything(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def area_filter(unit_ids, units: UnitMap | None = None) -> Q:
    """A ``Q`` on users whose profile area counts under any of ``unit_ids``."""
    units = units or UnitMap()
    communes: set[int] = set()
    provinces: set[int] = set()
    for unit_id in unit_ids:
        more_communes, more_provinces = units.ids_under(unit_id)
        communes |= more_communes
        provinces |= more_provinces
    query = Q(pk__in=[])
    if communes:
        query |= Q(profile__commune_id__in=sorted(communes))
    if provinces:
        query |= Q(profile__commune__isnull=True, profile__province_id__in=sorted(provinces))
    return query


def learners_in_scope(
    manager, *, unit: AdministrativeUnit | None = None, units: UnitMap | None = None
):
    """The users ``manager`` may see: those of their areas (a province's communes
    included, former units counted under their current unit), or everyone for a
    superuser. ``unit`` narrows to one area, still inside the manager's scope."""
    User = get_user_model()
    if not is_manager(manager):
        return User.objects.none()
    units = units or UnitMap()
    learners = User.objects.all()
    if not sees_everything(manager):
        learners = learners.filter(
            area_filter(managed_units(manager).values_list("pk", flat=True), units)
        )
    if unit is not None:
        learners = learners.filter(area_filter([units.current(unit.pk)], units))
    return learners
