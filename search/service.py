"""The search of the legal library: one function for the page, the JSON API and
the command line, whatever engine is behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _

from base.vietnamese import fold
from content.models import Issuer, LegalDocumentPage
from content.models.legal import as_listed
from search.backends import get_engine
from search.facts import VERSION_KEY as FACTS_VERSION_KEY
from search.filtering import apply_filters
from search.models import SearchEntry, Synonym
from search.query import MAX_QUERY_LENGTH, WORD, NumberLookup, ParsedQuery, parse_query
from search.ranking import understand
from search.snippets import make_snippet
from search.types import Facets, Filters, Hit, SearchRequest

SYNONYMS_CACHE_KEY = "search:synonyms"
MAX_PAGE = 500
PER_PAGE = 10  # hits on a page of results (the search page and the JSON API)


@dataclass
class ResultHit:
    hit: Hit
    document: LegalDocumentPage
    url: str

    @property
    def place(self) -> str:
        """Where it lands, in words: "Điều 3, khoản 2", "Mục III.1 — …"."""
        return self.hit.label

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
    missing_number: str = ""  # a number the query names that is not in the library
    spellings: list[str] = field(default_factory=list)  # nearest spellings of the query

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


def number_matches(lookup: NumberLookup, filters: Filters) -> list[SearchEntry]:
    """The heads of the pages whose number is what was typed, newest first: they come
    before any text match, shown at their head."""
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
    entries = apply_filters(entries, filters).only("page_id", "heading", "body")
    return list(entries.order_by("-issued_on")[:20])


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
    numbered = number_matches(parsed.number, request.filters) if parsed.number else []
    number_ids = [entry.page_id for entry in numbered]
    # the documents with the number typed come first, each on one page only: the
    # engine orders the others (it skips these, and counts them if it found them)
    shown_numbers = numbered[offset : offset + request.per_page]
    result = get_engine().search(
        parsed,
        request.filters,
        request.sort,
        offset=max(0, offset - len(number_ids)),
        limit=request.per_page - len(shown_numbers),
        skip=number_ids,
    )
    number_hits = [
        Hit(
            page_id=entry.page_id,
            anchor="",
            label="",
            heading=entry.heading,
            snippet=make_snippet(entry.body, parsed.folded_words()),
            score=1000.0,
            exact_number=True,
        )
        for entry in shown_numbers
    ]
    hits = number_hits + result.hits
    documents = as_listed(LegalDocumentPage.objects.filter(pk__in=[h.page_id for h in hits]))
    by_id = {doc.pk: doc for doc in documents}
    for hit in hits:
        document = by_id.get(hit.page_id)
        if document is not None:
            url = document.get_url(request_for_urls) or document.url or ""
            response.hits.append(ResultHit(hit=hit, document=document, url=url))
    response.total = result.total - result.skipped + len(number_ids)
    response.facets = result.facets
    if not response.total and not response.message:
        explain_no_results(response)
    return response


def explain_no_results(response: SearchResponse) -> None:
    """Zero results: a number not in the library is said so (the template links
    to where it can be read officially); otherwise the nearest spellings."""
    intent = understand(response.parsed.raw)
    if intent.number is not None and (response.parsed.number or intent.number.full):
        response.missing_number = response.parsed.raw
        response.message = _("No document with the number %(number)s is in this library.") % {
            "number": response.parsed.raw
        }
        return
    response.spellings = nearest_spellings(response.parsed.raw)
    response.message = _("No document matches. Check the spelling or use fewer words.")


VOCABULARY_KEY = "search:vocabulary"


def vocabulary() -> frozenset[str]:
    """The folded words of every document title and issuer (cached with the index)."""
    version = cache.get(FACTS_VERSION_KEY)
    cached = cache.get(VOCABULARY_KEY)
    if cached and cached[0] == version:
        return cached[1]
    words: set[str] = set()
    rows = LegalDocumentPage.objects.live().values_list("title", "issuer__name", "place")
    for row in rows.iterator(chunk_size=2000):
        words.update(WORD.findall(fold(" ".join(part or "" for part in row)).lower()))
    result = frozenset(w for w in words if not w.isdigit())
    cache.set(VOCABULARY_KEY, (version, result), 3600)
    return result


def nearest_spellings(raw: str, limit: int = 3) -> list[str]:
    """The query with each unknown word replaced by the nearest known one."""
    words = WORD.findall(fold(raw).lower())
    known = vocabulary()
    if not words or not known:
        return []
    options = []
    for word in words:
        if word in known or word.isdigit():
            options.append([word])
        else:
            options.append(get_close_matches(word, known, n=limit, cutoff=0.6) or [word])
    suggestions = []
    for i in range(limit):
        candidate = " ".join(o[min(i, len(o) - 1)] for o in options)
        if candidate != " ".join(words) and candidate not in suggestions:
            suggestions.append(candidate)
    return suggestions


def issuer_names(ids) -> dict[int, str]:
    return dict(Issuer.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
