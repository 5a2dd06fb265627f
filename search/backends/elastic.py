"""The Elasticsearch 8 engine: one ES document per SearchEntry row (a document's
head or one of its sections), collapsed to the best section per document.

Text is analysed twice: `vi_folding` (lowercase + asciifolding, so đ = d and
"dien" finds "điện") and the `exact` sub-field `vi_exact` (lowercase only), which
only boosts, so accented queries rank exact matches above folded ones. User
input only reaches Elasticsearch as values of match_phrase/term/prefix queries,
never as query syntax.

Settings (read with getattr, nothing is required in settings files):
  ELASTICSEARCH_URL            the cluster, e.g. http://127.0.0.1:9200 (switches the engine on)
  ELASTICSEARCH_INDEX_PREFIX   default "cbvte-" + $ELASTICSEARCH_ENV ("dev" when unset)
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from django.conf import settings

from elasticsearch.dsl import Date, Index, Integer, Keyword, Mapping, Text, analyzer

from search.backends.base import SearchEngine
from search.query import Alternative, Clause, NumberLookup, ParsedQuery
from search.snippets import SNIPPET_LENGTH, make_snippet
from search.types import EngineResult, Facets, Filters, Hit, IndexEntry

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

INDEX_SUFFIX = "legal-sections"
NUMBER_BOOST = 100.0  # a document found by its number comes first
EXACT_BOOST = 10.0  # accented matches above folded ones
HEADING_BOOST = 2.0
FACET_SIZE = 50
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
CARDINALITY_PRECISION = 40_000  # counts are exact below this many documents
SOURCE_FIELDS = ["page_id", "anchor", "label", "heading", "body", "number_key", "doc_type"]
HIGHLIGHT_FIELDS = ("body.exact", "body")  # first one with a fragment wins

VI_FOLDING = analyzer("vi_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
VI_EXACT = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])

_MARK = re.compile(r"(</?mark>)")


def default_index_prefix() -> str:
    """The default prefix: "cbvte-" + the environment name,
    so test, dev and production never share an index."""
    return "cbvte-" + os.environ.get("ELASTICSEARCH_ENV", "dev")


def index_name() -> str:
    """The index for this environment, e.g. "cbvte-dev-legal-sections"."""
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or default_index_prefix()
    return f"{prefix}-{INDEX_SUFFIX}".lower()


def _text_field() -> Text:
    return Text(analyzer=VI_FOLDING, fields={"exact": Text(analyzer=VI_EXACT)})


def build_mapping() -> Mapping:
    """The index mapping (pure: no cluster needed)."""
    mapping = Mapping()
    mapping.field("page_id", Integer())
    mapping.field("position", Integer())
    mapping.field("anchor", Keyword())
    mapping.field("label", Keyword())
    mapping.field("heading", _text_field())
    mapping.field("body", _text_field())
    mapping.field("number_key", Keyword())
    mapping.field("doc_type", Keyword())
    mapping.field("issuer_id", Integer())
    mapping.field("year", Integer())
    mapping.field("status", Keyword())
    mapping.field("topics", Keyword())  # multi-valued
    mapping.field("issued_on", Date())
    return mapping


def index_settings(name: str = "legal-sections") -> dict[str, Any]:
    """The body for `indices.create`: {"settings": {... analysis ...}, "mappings": {...}}."""
    index = Index(name)
    index.settings(number_of_shards=1)  # one shard: stable scores and exact collapse
    index.mapping(build_mapping())
    return index.to_dict()


# Query building (pure) -------------------------------------------------------


def _phrase(field: str, text: str, boost: float | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"query": text}
    if boost is not None:
        params["boost"] = boost
    return {"match_phrase": {field: params}}


def _alternative_queries(alternative: Alternative) -> list[dict[str, Any]]:
    """An alternative matches as a phrase in the body or the heading (folded);
    typed with diacritics, an exact phrase match adds a boost."""
    folded = " ".join(t.folded for t in alternative)
    queries = [_phrase("body", folded), _phrase("heading", folded, HEADING_BOOST)]
    if any(t.exact for t in alternative):
        exact = " ".join(t.exact or t.folded for t in alternative)
        queries.append(_phrase("body.exact", exact, EXACT_BOOST))
        queries.append(_phrase("heading.exact", exact, EXACT_BOOST * HEADING_BOOST))
    return queries


def clause_query(clause: Clause) -> dict[str, Any]:
    """One clause: any of its alternatives (synonyms) must match."""
    should = [q for alternative in clause for q in _alternative_queries(alternative)]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def number_query(number: NumberLookup) -> dict[str, Any]:
    """The exact (or prefix) document-number lookup, scored high enough to come first."""
    if number.prefix:
        match: dict[str, Any] = {"prefix": {"number_key": {"value": number.key}}}
    else:
        match = {"term": {"number_key": {"value": number.key}}}
    conditions = [match]
    if number.doc_type:
        conditions.append({"term": {"doc_type": {"value": number.doc_type}}})
    return {"constant_score": {"filter": {"bool": {"filter": conditions}}, "boost": NUMBER_BOOST}}


def filter_queries(filters: Filters) -> list[dict[str, Any]]:
    """Term and range filters (no effect on scores)."""
    out: list[dict[str, Any]] = []
    if filters.doc_type:
        out.append({"term": {"doc_type": {"value": filters.doc_type}}})
    if filters.issuer_id is not None:
        out.append({"term": {"issuer_id": {"value": int(filters.issuer_id)}}})
    if filters.status:
        out.append({"term": {"status": {"value": filters.status}}})
    if filters.topic:
        out.append({"term": {"topics": {"value": filters.topic}}})
    years: dict[str, int] = {}
    if filters.year_from is not None:
        years["gte"] = int(filters.year_from)
    if filters.year_to is not None:
        years["lte"] = int(filters.year_to)
    if years:
        out.append({"range": {"year": years}})
    return out


def _match_query(query: ParsedQuery) -> dict[str, Any]:
    text = {"bool": {"must": [clause_query(c) for c in query.clauses]}} if query.clauses else None
    if query.number is not None:
        # The whole query is a number: the lookup can stand alone, and the words
        # of the number still find documents that cite it.
        should = [number_query(query.number)] + ([text] if text else [])
        return {"bool": {"should": should, "minimum_should_match": 1}}
    return text or {"match_all": {}}


def _sort(sort: str) -> list[Any]:
    by_date = {"issued_on": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}
    tie = {"page_id": {"order": "asc"}}
    if sort == "date":
        return [by_date, "_score", tie]
    return ["_score", by_date, tie]


def _page_window(offset: int, limit: int) -> tuple[int, int]:
    """from/size clamped to what Elasticsearch accepts."""
    offset = min(max(0, int(offset)), MAX_RESULT_WINDOW)
    limit = min(max(0, int(limit)), MAX_RESULT_WINDOW - offset)
    return offset, limit


def _documents() -> dict[str, Any]:
    return {"cardinality": {"field": "page_id", "precision_threshold": CARDINALITY_PRECISION}}


def _facet(field: str) -> dict[str, Any]:
    return {"terms": {"field": field, "size": FACET_SIZE}, "aggs": {"docs": _documents()}}


def build_query(
    query: ParsedQuery,
    filters: Filters,
    sort: str,
    offset: int,
    limit: int,
    skip: Collection[int] = (),
) -> dict[str, Any]:
    """The search request body (pure; JSON-serialisable). The `skip` documents are
    left out of the hits only (a post filter), so the aggregations, the total
    among them, still count them, and the skipped count says how many matched."""
    offset, size = _page_window(offset, limit)
    body = {
        "query": {"bool": {"must": [_match_query(query)], "filter": filter_queries(filters)}},
        "collapse": {"field": "page_id"},
        "sort": _sort(sort),
        "track_scores": True,
        "from": offset,
        "size": size,
        "_source": SOURCE_FIELDS,
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "number_of_fragments": 1,
            "fragment_size": SNIPPET_LENGTH,
            "fields": {field: {} for field in HIGHLIGHT_FIELDS},
        },
        "aggs": {
            "documents": _documents(),
            "doc_type": _facet("doc_type"),
            "issuer": _facet("issuer_id"),
            "year": _facet("year"),
            "status": _facet("status"),
        },
    }
    if skip:
        skipped = {"terms": {"page_id": sorted(skip)}}
        body["post_filter"] = {"bool": {"must_not": [skipped]}}
        body["aggs"]["skipped"] = {"filter": skipped, "aggs": {"docs": _documents()}}
    return body


# Response mapping (pure) -----------------------------------------------------


def safe_highlight(fragment: str) -> str:
    """Re-escape a highlight fragment so only balanced <mark> tags stay as HTML."""
    out: list[str] = []
    open_mark = False
    for piece in _MARK.split(" ".join(fragment.split())):
        if piece == "<mark>" and not open_mark:
            out.append(piece)
            open_mark = True
        elif piece == "</mark>" and open_mark:
            out.append(piece)
            open_mark = False
        elif piece not in ("<mark>", "</mark>"):
            out.append(escape(unescape(piece)))
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def number_matches(number_key: str, number: NumberLookup | None, doc_type: str = "") -> bool:
    """Whether a row's number key is the one looked up."""
    if number is None or not number_key:
        return False
    if number.prefix:
        return number_key.startswith(number.key) and (
            not number.doc_type or number.doc_type == doc_type
        )
    return number_key == number.key


def _snippet(hit: dict[str, Any], query: ParsedQuery) -> str:
    highlight = hit.get("highlight") or {}
    for field in HIGHLIGHT_FIELDS:
        fragments = highlight.get(field) or []
        if fragments:
            return safe_highlight(fragments[0])
    return make_snippet(hit.get("_source", {}).get("body", ""), query.folded_words())


def _buckets(aggs: dict[str, Any], name: str, key_type: type) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for bucket in aggs.get(name, {}).get("buckets", []):
        key = bucket.get("key")
        if key in (None, ""):
            continue
        out[key_type(key)] = int(bucket.get("docs", {}).get("value", bucket.get("doc_count", 0)))
    return out


def parse_response(response: dict[str, Any], query: ParsedQuery) -> EngineResult:
    """Map a search response to the common result shape."""
    hits = []
    for raw in response.get("hits", {}).get("hits", []):
        source = raw.get("_source", {})
        number_key = source.get("number_key") or ""
        hits.append(
            Hit(
                page_id=int(source["page_id"]),
                anchor=source.get("anchor") or "",
                label=source.get("label") or "",
                heading=source.get("heading") or "",
                snippet=_snippet(raw, query),
                score=float(raw.get("_score") or 0.0),
                exact_number=number_matches(number_key, query.number, source.get("doc_type", "")),
            )
        )
    aggs = response.get("aggregations", {})
    facets = Facets(
        doc_type=_buckets(aggs, "doc_type", str),
        issuer=_buckets(aggs, "issuer", int),
        year=_buckets(aggs, "year", int),
        status=_buckets(aggs, "status", str),
    )
    total = int(aggs.get("documents", {}).get("value", 0))
    skipped = int(aggs.get("skipped", {}).get("docs", {}).get("value", 0))
    return EngineResult(hits=hits, total=total, facets=facets, skipped=skipped)


def entry_document(entry: IndexEntry) -> dict[str, Any]:
    """The indexed source of one row."""
    return {
        "page_id": entry.page_id,
        "position": entry.position,
        "anchor": entry.anchor,
        "label": entry.label,
        "heading": unicodedata.normalize("NFC", entry.heading or ""),
        "body": unicodedata.normalize("NFC", entry.body or ""),
        "number_key": entry.number_key,
        "doc_type": entry.doc_type,
        "issuer_id": entry.issuer_id,
        "year": entry.year,
        "status": entry.status,
        "topics": list(entry.topics or []),
        "issued_on": entry.issued_on.isoformat() if entry.issued_on else None,
    }


# The engine ------------------------------------------------------------------


class ElasticsearchEngine(SearchEngine):
    """Search through Elasticsearch 8 (switched on by settings.ELASTICSEARCH_URL)."""

    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None, index: str | None = None) -> None:
        self._client = client
        self.index_name = index or index_name()

    @property
    def client(self) -> Elasticsearch:
        """The connection, created on first use."""
        if self._client is None:
            from elasticsearch import Elasticsearch

            url = getattr(settings, "ELASTICSEARCH_URL", "")
            if not url:
                raise RuntimeError("ELASTICSEARCH_URL is not set")
            self._client = Elasticsearch(url, request_timeout=30)
        return self._client

    def ensure_index(self) -> None:
        """Create the index with its mapping when it does not exist."""
        if not self.client.indices.exists(index=self.index_name):
            self.client.indices.create(index=self.index_name, **index_settings(self.index_name))

    def reset(self) -> None:
        self.client.options(ignore_status=404).indices.delete(index=self.index_name)
        self.client.indices.create(index=self.index_name, **index_settings(self.index_name))

    def delete_pages(self, page_ids: Iterable[int]) -> None:
        ids = sorted({int(i) for i in page_ids})
        if not ids or not self.client.indices.exists(index=self.index_name):
            return
        self.client.delete_by_query(
            index=self.index_name,
            query={"terms": {"page_id": ids}},
            refresh=True,
            conflicts="proceed",
        )

    def _actions(self, entries: list[IndexEntry]) -> Iterator[dict[str, Any]]:
        for entry in entries:
            yield {
                "_index": self.index_name,
                "_id": str(entry.id),
                "_source": entry_document(entry),
            }

    def index(self, entries: Iterable[IndexEntry]) -> None:
        from elasticsearch.helpers import bulk

        rows = list(entries)
        if not rows:
            return
        self.ensure_index()
        self.delete_pages({entry.page_id for entry in rows})  # removed sections disappear
        bulk(self.client, self._actions(rows), refresh="wait_for")

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        sort: str,
        offset: int,
        limit: int,
        skip: Collection[int] = (),
    ) -> EngineResult:
        from elasticsearch import NotFoundError

        body = build_query(query, filters, sort, offset, limit, skip)
        try:
            response = self.client.search(index=self.index_name, body=body)
        except NotFoundError:  # nothing indexed yet
            return EngineResult(hits=[], total=0, facets=Facets())
        return parse_response(response.body, query)
