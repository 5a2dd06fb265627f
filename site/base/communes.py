"""Load the communes of the 34 provinces (in force since 1 July 2025) from the
`vietnam-provinces` package's dataset, into the administrative units table.

The dataset (General Statistics Office codes and names) is the only source: no
name is typed here. Its figures match the official ones: 34 provinces and 3,321
commune-level units (2,621 communes, 687 wards, 13 special zones). Loading is
idempotent (communes are matched by name within their province, which the
table keeps unique): a second run changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction

from base.models import AdministrativeUnit as Unit  # the one coupling to the models

from .collation import strip_unit_prefix


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    created: int
    updated: int
    unchanged: int
    dataset_version: str


def dataset() -> tuple[list[dict], str]:
    """The nested provinces → wards list and the dataset's version."""
    import vietnam_provinces

    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    return data, f"{vietnam_provinces.__version__} (data {vietnam_provinces.__data_version__})"


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
    created = updated = unchanged = 0
    for entry in provinces:
        province = current[_province_key(entry["name"])]
        existing = {
            unit.name: unit
            for unit in Unit.objects.filter(level=Unit.Level.COMMUNE, parent=province)
        }
        for ward in entry["wards"]:
            unit = existing.get(ward["name"])
            if unit is None:
                Unit.objects.create(name=ward["name"], level=Unit.Level.COMMUNE, parent=province)
                created += 1
            elif unit.abolished_on or unit.successor_id:
                unit.abolished_on, unit.successor = None, None
                unit.save(update_fields=["abolished_on", "successor"])
                updated += 1
            else:
                unchanged += 1
    return LoadResult(len(provinces), created, updated, unchanged, version)
