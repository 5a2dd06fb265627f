"""The search of the legal library: one function for the page, the JSON API and
the command line, whatever engine is behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _

from base.vietnamese import fold
from content.models import Issuer, LegalDocumentPage
from search.backends import get_engine
from search.models import SearchEntry, Synonym
from search.query import MAX_QUERY_LENGTH, NumberLookup, ParsedQuery, parse_query
from search.snippets import make_snippet
from search.types import Facets, Filters, Hit, SearchRequest

SYNONYMS_CACHE_KEY = "search:synonyms"
MAX_PAGE = 500


@dataclass
class ResultHit:
    hit: Hit
    document: LegalDocumentPage
    url: str

    @property
    def link(self) -> str:
        return f"{self.url}#{self.hit.anchor}" if self.hit.anchor else self.url


@dataclass
class SearchResponse:
    request: SearchRequest
    parsed: ParsedQuery
    hits: list[ResultHit] = field(default_factory=list)
    total: int = 0
    facets: Facets = field(default_factory=Facets)
    message: str = ""

    @property
    def has_next(self) -> bool:
        return self.request.page * self.request.per_page < self.total


def synonyms() -> dict[str, list[str]]:
    """folded phrase -> the other folded phrases of its group (editable in the admin)."""
    cached = cache.get(SYNONYMS_CACHE_KEY)
    if cached is not None:
        return cached
    groups: dict[str, list[str]] = {}
    for row in Synonym.objects.all():
        phrases = [" ".join(fold(p).split()) for p in row.terms.split(",")]
        phrases = [p for p in dict.fromkeys(phrases) if p]
        for phrase in phrases:
            groups.setdefault(phrase, []).extend(p for p in phrases if p != phrase)
    cache.set(SYNONYMS_CACHE_KEY, groups, 300)
    return groups


def number_matches(lookup: NumberLookup, filters: Filters) -> list[int]:
    """Pages whose number is what was typed: they come before any text match."""
    entries = SearchEntry.objects.filter(position=0)
    if lookup.prefix:
        entries = entries.filter(number_key__startswith=lookup.key)
        if lookup.doc_type:
            code = lookup.doc_type
            entries = entries.filter(
                Q(number_key__contains=f"/{code}-") | Q(number_key__endswith=f"/{code}")
            )
    else:
        entries = entries.filter(number_key=lookup.key)
    if filters.doc_type:
        entries = entries.filter(doc_type=filters.doc_type)
    if filters.issuer_id:
        entries = entries.filter(issuer_id=filters.issuer_id)
    if filters.year_from:
        entries = entries.filter(year__gte=filters.year_from)
    if filters.year_to:
        entries = entries.filter(year__lte=filters.year_to)
    if filters.status:
        entries = entries.filter(status=filters.status)
    if filters.topic:
        entries = entries.filter(topics__regex=rf"(^| ){filters.topic}( |$)")
    return list(entries.order_by("-issued_on").values_list("page_id", flat=True)[:20])


def search_documents(request: SearchRequest, request_for_urls=None) -> SearchResponse:
    parsed = parse_query(request.query, synonyms())
    response = SearchResponse(request=request, parsed=parsed)
    if parsed.truncated:
        response.message = _("Your search was shortened to %(n)s characters.") % {
            "n": MAX_QUERY_LENGTH
        }
    if parsed.is_empty:
        if request.query.strip():
            response.message = _("Type words or a document number, e.g. 1472/QĐ-TTg.")
        return response
    page = max(1, min(request.page, MAX_PAGE))
    offset = (page - 1) * request.per_page
    number_ids = number_matches(parsed.number, request.filters) if parsed.number else []
    result = get_engine().search(
        parsed,
        request.filters,
        request.sort,
        offset=max(0, offset - len(number_ids)),
        limit=request.per_page + len(number_ids),
    )
    hits = [h for h in result.hits if h.page_id not in number_ids]
    number_hits = []
    if number_ids and offset < len(number_ids):
        heads = SearchEntry.objects.filter(page_id__in=number_ids, position=0)
        for entry in sorted(heads, key=lambda e: number_ids.index(e.page_id)):
            number_hits.append(
                Hit(
                    page_id=entry.page_id,
                    anchor="",
                    label="",
                    heading=entry.heading,
                    snippet=make_snippet(entry.body, parsed.folded_words()),
                    score=1000.0,
                    exact_number=True,
                )
            )
    hits = (number_hits + hits)[: request.per_page]
    documents = LegalDocumentPage.objects.filter(pk__in=[h.page_id for h in hits]).select_related(
        "issuer"
    )
    by_id = {doc.pk: doc for doc in documents}
    for hit in hits:
        document = by_id.get(hit.page_id)
        if document is not None:
            url = document.get_url(request_for_urls) or document.url or ""
            response.hits.append(ResultHit(hit=hit, document=document, url=url))
    extra = len(set(number_ids) - {h.page_id for h in result.hits})
    response.total = result.total + extra if result.total or number_ids else 0
    response.facets = result.facets
    if not response.total and not response.message:
        response.message = _("No document matches. Check the spelling or use fewer words.")
    return response


def issuer_names(ids) -> dict[int, str]:
    return dict(Issuer.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
