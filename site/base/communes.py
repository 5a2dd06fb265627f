"""Load the communes of the 34 provinces (in force since 1 July 2025) and the
former districts and communes they replaced, into the administrative units table.

Two kept datasets, no name typed here:

- `vietnam-provinces` (General Statistics Office codes and names): the 3,321
  current commune-level units (2,621 communes, 687 wards, 13 special zones).
- `vietnamadminunits`: the 696 former districts and 10,035 former communes
  (before 1 July 2025) and which new commune(s) took each over, as decided by the
  34 resolutions of the Standing Committee of the National Assembly
  (1654-1687/NQ-UBTVQH15). A former commune split between several new ones
  keeps the one the dataset names as its default as `successor`, the others in
  `other_successors`. The five island districts that had no communes (Bạch Long
  Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) are taken over by their special zones.

The new communes of the second dataset are found among the first's by their
name within the province (see ``unit_name_key``): the two datasets give 114
communes different codes, and the same code to different communes in a few
provinces, while their names all agree. Whatever cannot be matched is reported,
never guessed. Loading is idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from base.models import AdministrativeUnit as Unit  # the one coupling to the models

from .collation import strip_unit_prefix
from .vietnamese import unit_name_key

MERGER_DATE = datetime.date(2025, 7, 1)


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    created: int
    updated: int
    unchanged: int
    dataset_version: str
    former: FormerResult | None = None


@dataclass
class FormerResult:
    """What loading the former units did, and what could not be matched."""

    districts: int = 0
    communes: int = 0
    created: int = 0
    updated: int = 0
    split: int = 0
    unmatched: list[str] = field(default_factory=list)
    dataset_version: str = ""


@dataclass(frozen=True)
class FormerUnit:
    """A former commune (or a district without communes) and who took it over."""

    province: str
    district: str
    name: str  # empty for a district without communes
    successors: tuple[tuple[str, str], ...]  # (new province code, new name), main first


def dataset() -> tuple[list[dict], str]:
    """The nested provinces → wards list and the dataset's version."""
    import vietnam_provinces

    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    return data, f"{vietnam_provinces.__version__} (data {vietnam_provinces.__data_version__})"


def _former_data_dir() -> Path:
    # found without importing the package, whose parser pulls in geocoding libraries
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def former_dataset() -> tuple[list[FormerUnit], str]:
    """The former communes with their successors, from the vietnamadminunits
    package's files (its SQLite dataset and its 2025 conversion table)."""
    folder = _former_data_dir()
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as db:
        legacy = {
            f"{p}_{d}_{w or ''}": (province, district, ward or "")
            for p, d, w, province, district, ward in db.execute(
                "SELECT provinceKey, districtKey, wardKey, province, district, ward "
                "FROM admin_units_legacy"
            )
        }
        new = {
            (p, w): (code, ward)
            for p, w, code, ward in db.execute(
                "SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units"
            )
        }
    table = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    successors: dict[str, list[tuple[bool, tuple[str, str]]]] = defaultdict(list)
    for province, wards in table["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for old in olds:
                successors[old].append((True, new[(province, ward)]))
    for province, olds in table["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            for part in parts:
                successors[old].append(
                    (part["isDefaultNewWard"], new[(province, part["newWardKey"])])
                )
    units = [
        FormerUnit(
            *legacy[old],
            tuple(unit for _main, unit in sorted(parts, key=lambda part: not part[0])),
        )
        for old, parts in successors.items()
    ]
    return units, importlib.metadata.version("vietnamadminunits")


def _province_key(name: str) -> str:
    return strip_unit_prefix(name).casefold()


@transaction.atomic
def load_communes() -> LoadResult:
    provinces, version = dataset()
    current = {
        _province_key(unit.name): unit
        for unit in Unit.objects.filter(
            level=Unit.Level.PROVINCE, parent=None, abolished_on__isnull=True
        )
    }
    missing = [p["name"] for p in provinces if _province_key(p["name"]) not in current]
    if missing:
        raise ValueError(f"provinces not in the database: {', '.join(missing)}")
    new, updated, unchanged = [], 0, 0
    for entry in provinces:
        province = current[_province_key(entry["name"])]
        existing = {
            unit.name: unit
            for unit in Unit.objects.filter(level=Unit.Level.COMMUNE, parent=province)
        }
        for ward in entry["wards"]:
            unit = existing.get(ward["name"])
            if unit is None:
                new.append(Unit(name=ward["name"], level=Unit.Level.COMMUNE, parent=province))
            elif unit.abolished_on or unit.successor_id:
                unit.abolished_on, unit.successor = None, None
                unit.save(update_fields=["abolished_on", "successor"])
                updated += 1
            else:
                unchanged += 1
    created = len(Unit.objects.bulk_create(new))  # in bulk: not in Wagtail's search index
    former = load_former_units(provinces, current)
    return LoadResult(len(provinces), created, updated, unchanged, version, former)


def _current_communes(provinces: list[dict], current: dict[str, Unit]) -> dict[tuple, int]:
    """(province code, name key) → id of today's commune, from the loaded rows."""
    ids = {
        (parent, name): pk
        for pk, parent, name in Unit.objects.filter(
            level=Unit.Level.COMMUNE, abolished_on__isnull=True
        ).values_list("pk", "parent_id", "name")
    }
    communes = {}
    for entry in provinces:
        province = current[_province_key(entry["name"])]
        for ward in entry["wards"]:
            code = f"{entry['code']:02d}"
            communes[(code, unit_name_key(ward["name"]))] = ids[(province.pk, ward["name"])]
    return communes


def load_former_units(provinces: list[dict], current: dict[str, Unit]) -> FormerResult:
    """Create or correct the former districts and communes, with their successors."""
    units, version = former_dataset()
    result = FormerResult(dataset_version=version)
    communes = _current_communes(provinces, current)
    old_provinces = {
        _province_key(unit.name): unit.pk
        for unit in Unit.objects.filter(level=Unit.Level.PROVINCE, parent=None)
    }
    wanted: dict[tuple[str, str, str], tuple[int | None, list[int]]] = {}
    for unit in units:
        found = [communes.get((code, unit_name_key(name))) for code, name in unit.successors]
        lost = [name for (_code, name), pk in zip(unit.successors, found, strict=True) if not pk]
        if _province_key(unit.province) not in old_provinces:
            result.unmatched.append(f"{unit.province}: province not in the database")
        elif lost:
            place = ", ".join(filter(None, (unit.name, unit.district, unit.province)))
            result.unmatched.append(f"{place} → {', '.join(lost)}: no such commune today")
        else:
            wanted[(unit.province, unit.district, unit.name)] = (found[0], found[1:])
    districts = _load_districts(wanted, old_provinces, result)
    _load_communes(wanted, districts, result)
    return result


def _upsert(level: str, targets: dict[tuple[int, str], int | None], result: FormerResult):
    """Former units of ``level`` by (parent id, name), abolished on the merger
    date with the given successor: created in bulk, corrected where they differ.
    Returns their ids by (parent id, name), and the ids of those created and of
    those corrected."""
    rows = {
        (parent, name): (pk, abolished_on, successor)
        for pk, parent, name, abolished_on, successor in Unit.objects.filter(
            level=level, parent__in={parent for parent, _name in targets}
        ).values_list("pk", "parent_id", "name", "abolished_on", "successor_id")
    }
    created = Unit.objects.bulk_create(
        Unit(
            name=name,
            level=level,
            parent_id=parent,
            abolished_on=MERGER_DATE,
            successor_id=successor,
        )
        for (parent, name), successor in targets.items()
        if (parent, name) not in rows
    )
    corrected = set()
    for (parent, name), successor in targets.items():
        pk, abolished_on, current = rows.get((parent, name), (None, MERGER_DATE, successor))
        if (abolished_on, current) != (MERGER_DATE, successor):
            Unit.objects.filter(pk=pk).update(abolished_on=MERGER_DATE, successor_id=successor)
            corrected.add(pk)
    result.created += len(created)
    ids = {key: pk for key, (pk, _abolished, _successor) in rows.items()}
    ids.update({(unit.parent_id, unit.name): unit.pk for unit in created})
    return ids, {unit.pk for unit in created}, corrected


def _load_districts(wanted, old_provinces: dict[str, int], result: FormerResult) -> dict:
    """The former districts' ids by (province, district); a district without
    communes gets its successor (the special zone) here."""
    parents = {(p, d): old_provinces[_province_key(p)] for p, d, _name in wanted}
    successor = {(p, d): main for (p, d, name), (main, _others) in wanted.items() if not name}
    targets = {(parent, d): successor.get((p, d)) for (p, d), parent in parents.items()}
    ids, _created, corrected = _upsert(Unit.Level.DISTRICT, targets, result)
    result.updated += len(corrected)
    result.districts = len(targets)
    return {key: ids[(parent, key[1])] for key, parent in parents.items()}


def _load_communes(wanted, districts: dict, result: FormerResult) -> None:
    communes = {
        (districts[(province, district)], name): successors
        for (province, district, name), successors in wanted.items()
        if name
    }
    main = {key: successor for key, (successor, _others) in communes.items()}
    ids, created, corrected = _upsert(Unit.Level.COMMUNE, main, result)
    Through = Unit.other_successors.through
    links = set(
        Through.objects.filter(
            from_administrativeunit__parent__level=Unit.Level.DISTRICT
        ).values_list("from_administrativeunit_id", "to_administrativeunit_id")
    )
    wanted_links = {
        (ids[key], other) for key, (_main, others) in communes.items() for other in others
    }
    for a, b in links - wanted_links:
        Through.objects.filter(from_administrativeunit_id=a, to_administrativeunit_id=b).delete()
    Through.objects.bulk_create(
        Through(from_administrativeunit_id=a, to_administrativeunit_id=b)
        for a, b in wanted_links - links
    )
    relinked = {unit for unit, _other in links ^ wanted_links} - created
    result.updated += len(corrected | relinked)
    result.split = sum(bool(others) for _main, others in communes.values())
    result.communes = len(communes)
