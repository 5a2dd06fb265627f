"""The facts of every indexed document (type, issuer, year, status, topics, date),
kept in memory per process for facet counts and date sorting without a join.

A version number in the shared cache tells every process when to reload.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from base.cache_versions import current_version, renew_version

VERSION_KEY = "search:facts-version"
_loaded: dict = {"version": None, "facts": None}


def tag(prefix: str, value: object) -> str:
    """A filter value as one word of letters and digits: ("s", "in_force") -> "sinforce"."""
    return prefix + re.sub(r"[^0-9a-z]", "", str(value).lower())


def tags_for(doc_type: str, issuer_id, year, status: str, topics: str) -> str:
    words = [tag("t", doc_type or "none"), tag("s", status or "none")]
    if issuer_id:
        words.append(tag("i", issuer_id))
    if year:
        words.append(tag("y", year))
    words.extend(tag("p", slug) for slug in topics.split())
    return " ".join(words)


MAX_YEARS_IN_RANGE = 300


def filter_tags(filters) -> list[list[str]]:
    """The filters as tag words: every group must match, any word of a group."""
    groups = []
    if filters.doc_type:
        groups.append([tag("t", filters.doc_type)])
    if filters.issuer_id:
        groups.append([tag("i", filters.issuer_id)])
    if filters.status:
        groups.append([tag("s", filters.status)])
    if filters.topic:
        groups.append([tag("p", filters.topic)])
    if filters.year_from or filters.year_to:
        first = filters.year_from or 1900
        last = min(filters.year_to or 2200, first + MAX_YEARS_IN_RANGE)
        groups.append([tag("y", year) for year in range(first, last + 1)] or ["ynone"])
    return groups


def changed() -> None:
    """Call after the index changed: every process reloads on its next search."""
    renew_version(VERSION_KEY)


@dataclass
class FactTable:
    """One dict per fact, so that counting and sorting run at C speed
    (collections.Counter over map(dict.get, ids), sorted(key=dict.get))."""

    doc_type: dict[int, str]
    issuer: dict[int, int]
    year: dict[int, int]
    status: dict[int, str]
    date_rank: dict[int, int]  # 0 = oldest or undated
    ids: frozenset[int] = frozenset()
    newest_first: list[int] = field(default_factory=list)
    # the ranking fields read so far (search.ranking.fields_for), for this version
    ranking_fields: dict = field(default_factory=dict)
    # facets counted two at a time: each document's pair of values as one small number
    pair_code: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)
    pair_values: dict[tuple[str, str], list[tuple]] = field(default_factory=dict)
    pair_totals: dict[tuple[str, str], Counter] = field(default_factory=dict)

    FACETS = ("doc_type", "issuer", "year", "status")
    PAIRS = (("doc_type", "status"), ("issuer", "year"))  # few pairs of values each

    def __post_init__(self) -> None:
        self.ids = frozenset(self.date_rank)
        self.newest_first = sorted(self.date_rank, key=self.date_rank.__getitem__, reverse=True)
        for pair in self.PAIRS:
            first, second = (getattr(self, name) for name in pair)
            codes: dict[tuple, int] = {}
            self.pair_code[pair] = {
                pk: codes.setdefault((first.get(pk), second.get(pk)), len(codes)) for pk in self.ids
            }
            self.pair_values[pair] = list(codes)
            self.pair_totals[pair] = Counter(self.pair_code[pair].values())

    def found(self, matched: list[int]) -> frozenset[int]:
        """The matched ids that are in this table (the index may be a moment ahead)."""
        return self.ids.intersection(matched)

    def counts(self, ids: frozenset[int]) -> dict[str, dict]:
        """Facet counts over `ids`: one pass over the ids for each pair of facets
        (counted at C speed), then the few distinct pairs split. When the ids are
        most of the documents, the few left out are counted and taken from the
        totals, which is much faster for a common word found everywhere."""
        left_out = self.ids.difference(ids) if len(ids) * 2 > len(self.ids) else None
        counted: dict[str, Counter] = {name: Counter() for name in self.FACETS}
        for pair in self.PAIRS:
            code = self.pair_code[pair].get
            if left_out is None:
                by_code = Counter(map(code, ids))
            else:
                left = Counter(map(code, left_out))
                by_code = {c: n - left[c] for c, n in self.pair_totals[pair].items()}
            values = self.pair_values[pair]
            for c, n in by_code.items():
                if c is not None and n > 0:
                    for name, value in zip(pair, values[c], strict=True):
                        counted[name][value] += n
        return {
            name: {value: n for value, n in counts.items() if value is not None}
            for name, counts in counted.items()
        }


def all_facts() -> FactTable:
    from search.models import SearchDocument

    version = current_version(VERSION_KEY)
    if _loaded["version"] != version:
        rows = list(
            SearchDocument.objects.values_list(
                "page_id", "doc_type", "issuer_id", "year", "status", "issued_on"
            ).iterator(chunk_size=5000)
        )
        by_date = sorted(rows, key=lambda row: (row[5] is not None, row[5] or datetime.date.min))
        _loaded["facts"] = FactTable(
            doc_type={row[0]: row[1] for row in rows},
            issuer={row[0]: row[2] for row in rows if row[2]},
            year={row[0]: row[3] for row in rows if row[3]},
            status={row[0]: row[4] for row in rows if row[4]},
            date_rank={row[0]: rank for rank, row in enumerate(by_date)},
        )
        _loaded["version"] = version
    return _loaded["facts"]
