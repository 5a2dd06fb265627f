"""Finding today's commune from the name of a former one (before 1 July 2025).

People often know only the commune or ward they lived in before the merger. The
10,035 former communes are matched in memory on their names folded the
Vietnamese way (with or without diacritics, đ = d, "xã", "phường", "thị trấn"
optional), since neither SQLite nor PostgreSQL folds Vietnamese as we need. The
folded names are built once per process and rebuilt when the table changes (or
after ``INDEX_SECONDS``, for names edited in the admin).
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Max, Sum

from .areas import AdministrativeUnit as Unit
from .collation import sort_key
from .vietnamese import exact_form, fold, unit_name_key

MIN_LETTERS = 2
INDEX_SECONDS = 600
_WORD = re.compile(r"\w+")
# unit types a person may type before the name, folded (and the usual abbreviations)
_TYPED_PREFIXES = (("thi", "tran"), ("xa",), ("phuong",), ("tt",), ("p",), ("x",))
_NAME_PREFIXES = re.compile(r"^(xã|phường|thị trấn)\s+", re.IGNORECASE)


def words(text: str) -> tuple[str, ...]:
    """The folded words of a name or a query: "Phường Quán Thánh" → (phuong, quan, thanh)."""
    return tuple(_WORD.findall(fold(unit_name_key(text))))


def _without_prefix(typed: tuple[str, ...]) -> tuple[str, ...]:
    for prefix in _TYPED_PREFIXES:
        if typed[: len(prefix)] == prefix and len(typed) > len(prefix):
            return typed[len(prefix) :]
    return typed


def _rank_in(typed: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    """0 for the whole name, 1 for its beginning, 2 elsewhere, None when ``typed``
    is not a run of its words (the last one typed may be unfinished)."""
    if not typed:
        return None
    if typed == name:
        return 0
    *whole, last = typed
    for start in range(len(name) - len(typed) + 1):
        if list(name[start : start + len(whole)]) == whole and name[start + len(whole)].startswith(
            last
        ):
            return 1 if start == 0 else 2
    return None


def name_rank(typed: tuple[str, ...], name: tuple[str, ...], full: tuple[str, ...]) -> int | None:
    """How well the typed words match a name (``name`` without its unit type,
    ``full`` with it): the lower the better, None for no match."""
    ranks = [
        _rank_in(typed, name),
        _rank_in(_without_prefix(typed), name),
        _rank_in(typed, full),
    ]
    return min((rank for rank in ranks if rank is not None), default=None)


@dataclass(frozen=True)
class _Entry:
    pk: int
    name: str
    words: tuple[str, ...]  # without the unit type
    full_words: tuple[str, ...]
    provinces: frozenset[int]  # today's provinces of its successors


@dataclass(frozen=True)
class Successor:
    id: int
    name: str
    province_id: int
    province: str


@dataclass(frozen=True)
class FormerCommune:
    """A former commune and every commune that took it over (the main one first)."""

    id: int
    name: str
    district: str
    former_province: str  # empty when it is today's province of its main successor
    successors: tuple[Successor, ...]

    @property
    def divided(self) -> bool:
        return len(self.successors) > 1


@dataclass(frozen=True)
class Lookup:
    results: list[FormerCommune]
    total: int  # matches before the limit
    nationwide: bool  # searched everywhere, although a province was given


def _former_communes():
    return Unit.objects.filter(
        level=Unit.Level.COMMUNE,
        abolished_on__isnull=False,
        parent__level=Unit.Level.DISTRICT,
    )


def _splits():
    return Unit.other_successors.through.objects.filter(
        from_administrativeunit__parent__level=Unit.Level.DISTRICT
    )


def _stamp() -> tuple:
    """Changes whenever the loader adds, removes or re-links a former commune."""
    units = _former_communes().aggregate(n=Count("pk"), top=Max("pk"), links=Sum("successor_id"))
    splits = _splits().aggregate(n=Count("pk"), links=Sum("to_administrativeunit_id"))
    return (*units.values(), *splits.values())


def _build() -> list[_Entry]:
    provinces: dict[int, set[int]] = {}
    for pk, province in _splits().values_list(
        "from_administrativeunit_id", "to_administrativeunit__parent_id"
    ):
        provinces.setdefault(pk, set()).add(province)
    entries = []
    for pk, name, province in _former_communes().values_list("pk", "name", "successor__parent_id"):
        found = provinces.get(pk, set()) | ({province} if province else set())
        entries.append(
            _Entry(pk, name, words(_NAME_PREFIXES.sub("", name)), words(name), frozenset(found))
        )
    return entries


_index: dict = {}


def _entries() -> list[_Entry]:
    now, stamp = time.monotonic(), _stamp()
    if not _index or now - _index["built"] > INDEX_SECONDS or _index["stamp"] != stamp:
        _index.update(entries=_build(), stamp=stamp, built=now)
    return _index["entries"]


def enough_letters(query: str) -> bool:
    return sum(len(word) for word in words(query)) >= MIN_LETTERS


def _matches(query: str, province_id: int | None) -> list[tuple[tuple, int]]:
    typed = words(query)
    exact = exact_form(_NAME_PREFIXES.sub("", " ".join(query.split())))
    accented = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", query))
    found = []
    for entry in _entries():
        if province_id is not None and province_id not in entry.provinces:
            continue
        rank = name_rank(typed, entry.words, entry.full_words)
        if rank is not None:
            # typed with diacritics: the names written that way first
            other_tones = accented and exact not in exact_form(unit_name_key(entry.name))
            found.append(((rank, other_tones, sort_key(entry.name)), entry.pk))
    return sorted(found)


def find_former_communes(query: str, province_id: int | None = None, limit: int = 10) -> Lookup:
    """Former communes whose name matches ``query``, best first: within today's
    province ``province_id`` when given (nationwide when none there matches)."""
    if not enough_letters(query):
        return Lookup([], 0, False)
    matches = _matches(query, province_id)
    nationwide = False
    if not matches and province_id is not None:
        matches, nationwide = _matches(query, None), True
    ids = [pk for _rank, pk in matches[:limit]]
    units = (
        Unit.objects.filter(pk__in=ids)
        .select_related("parent__parent", "successor__parent")
        .prefetch_related("other_successors__parent")
    )
    by_id = {unit.pk: unit for unit in units}
    results = [_describe(by_id[pk]) for pk in ids if pk in by_id]
    return Lookup(results, len(matches), nationwide)


def _describe(unit: Unit) -> FormerCommune:
    district = unit.parent
    successors = tuple(
        Successor(s.pk, s.name, s.parent_id, s.parent.name)
        for s in unit.successors()
        if s.parent_id is not None
    )
    main_province = successors[0].province_id if successors else None
    former_province = district.parent if district.parent_id != main_province else None
    return FormerCommune(
        unit.pk,
        unit.name,
        district.name,
        former_province.name if former_province else "",
        successors,
    )
