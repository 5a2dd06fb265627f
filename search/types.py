"""What every search engine takes and returns (plain Python)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    doc_type: str | None = None
    issuer_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    status: str | None = None
    topic: str | None = None  # topic slug

    @property
    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: Filters = Filters()
    sort: str = "relevance"  # or "date"
    page: int = 1
    per_page: int = 20


@dataclass
class Hit:
    """The best-matching part of one document."""

    page_id: int
    anchor: str  # "" when the match is in the document's head
    label: str  # where it lands: "Điều 3, khoản 2", "Mục III.1 — …"; "" for the head
    heading: str
    snippet: str  # HTML-escaped, matched words in <mark>
    score: float
    exact_number: bool = False  # found by its document number


@dataclass
class Facets:
    doc_type: dict[str, int] = field(default_factory=dict)
    issuer: dict[int, int] = field(default_factory=dict)
    year: dict[int, int] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)


@dataclass
class EngineResult:
    """What an engine returns: hits for the requested page, the number of matching
    documents, and facet counts over all of them; and how many of the documents it
    was told to skip matched (counted in the total, never in the hits)."""

    hits: list[Hit]
    total: int
    facets: Facets
    skipped: int = 0


@dataclass
class IndexEntry:
    """One row to index (see search.models.SearchEntry)."""

    id: int
    page_id: int
    position: int
    anchor: str
    label: str
    heading: str
    body: str
    exact: str
    folded: str
    number_key: str
    doc_type: str
    issuer_id: int | None
    year: int | None
    status: str
    topics: list[str]
    issued_on: datetime.date | None
