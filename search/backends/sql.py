"""What the two database engines share: counting facets and ordering documents in
memory, and choosing the section of each found document that best matches."""

from __future__ import annotations

import heapq
import re
from collections import Counter

from search.backends.base import SearchEngine
from search.facts import FactTable, all_facts
from search.query import ParsedQuery
from search.snippets import make_snippet, whole_words
from search.types import EngineResult, Facets, Filters, Hit


def clause_patterns(query: ParsedQuery) -> list[re.Pattern]:
    """One compiled pattern per clause: any of its alternatives, as a phrase."""
    patterns = []
    for clause in query.clauses:
        alternatives = [r"\W+".join(map(re.escape, (t.folded for t in alt))) for alt in clause]
        patterns.append(re.compile(r"(?:" + "|".join(alternatives) + r")(?![^\W_])"))
    return patterns


def best_sections(page_ids: list[int], query: ParsedQuery) -> dict[int, tuple]:
    """For each found document, the section where the query matches best: the most
    clauses, then the most occurrences. Returns page id -> (anchor, label, heading, body)."""
    from search.models import SearchEntry

    patterns = clause_patterns(query)
    folded_words = query.folded_words()
    best: dict[int, tuple] = {}
    rows = SearchEntry.objects.filter(page_id__in=page_ids).order_by("page_id", "position")
    for pk, page_id, folded in rows.values_list("pk", "page_id", "folded"):
        score = (
            sum(1 for pattern in patterns if next(whole_words(pattern, folded), None)),
            sum(folded.count(word) for word in folded_words),
        )
        if page_id not in best or score > best[page_id][0]:
            best[page_id] = (score, pk)
    # only the chosen sections' text is read, and the accented words only there
    chosen = SearchEntry.objects.filter(pk__in=[pk for _score, pk in best.values()])
    fields = ("page_id", "anchor", "label", "heading", "body")
    return {page_id: tuple(section) for page_id, *section in chosen.values_list(*fields)}


def hits_for(
    ranked: list[tuple[int, float]], query: ParsedQuery, snippets: dict | None = None
) -> list[Hit]:
    sections = best_sections([page_id for page_id, _ in ranked], query)
    words = query.folded_words()
    hits = []
    for page_id, score in ranked:
        section = sections.get(page_id)
        if section is None:
            continue
        anchor, label, heading, body = section
        hits.append(
            Hit(
                page_id=page_id,
                anchor=anchor,
                label=label,
                heading=heading,
                snippet=make_snippet(body, words),
                score=round(score, 6),
            )
        )
    return hits


def facets_of(ids: list[int], facts: FactTable) -> Facets:
    def count(mapping: dict) -> dict:
        counts = Counter(map(mapping.get, ids))
        counts.pop(None, None)
        return dict(counts)

    return Facets(
        doc_type=count(facts.doc_type),
        issuer=count(facts.issuer),
        year=count(facts.year),
        status=count(facts.status),
    )


def top(
    matched: list[int],
    exact: set[int],
    head: set[int],
    facts: FactTable,
    sort: str,
    wanted: int,
) -> list[int]:
    """The first `wanted` documents in order, sorting only as much as needed.
    Relevance: matching as typed (with its diacritics) first, then holding every
    word in the head (number, title, subject, headings), then the newest."""
    newest = facts.date_rank
    dated = [pk for pk in matched if pk in newest]  # facts may lag a moment behind
    if sort == "date":
        return heapq.nlargest(wanted, dated, key=newest.__getitem__)
    found = set(dated)
    exact, head = exact & found, head & found
    tiers = [exact & head, exact - head, head - exact]
    ordered: list[int] = []
    for tier in tiers:
        ordered.extend(heapq.nlargest(wanted - len(ordered), tier, key=newest.__getitem__))
        if len(ordered) >= wanted:
            return ordered
    if len(ordered) < wanted:
        rest = [pk for pk in dated if pk not in exact and pk not in head]
        ordered.extend(heapq.nlargest(wanted - len(ordered), rest, key=newest.__getitem__))
    return ordered


class DocumentLevelEngine(SearchEngine):
    """Search in two steps that both database engines share: find the ids of the
    matching documents (and of those matching exactly as typed), count facets and
    order them in memory, then open only the page of results."""

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> list[int]:
        raise NotImplementedError

    def exact_ids(self, query: ParsedQuery, filters: Filters) -> set[int]:
        raise NotImplementedError

    def head_ids(self, query: ParsedQuery) -> set[int]:
        """Documents whose head (number, title, subject, headings) holds every
        word typed."""
        raise NotImplementedError

    def with_snippets(self, hits: list[Hit], query: ParsedQuery) -> list[Hit]:
        return hits

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> EngineResult:
        if not query.clauses:
            return EngineResult(hits=[], total=0, facets=Facets())
        matched = self.matched_ids(query, filters)
        if not matched:
            return EngineResult(hits=[], total=0, facets=Facets())
        by_relevance = sort != "date"
        exact = set()
        if by_relevance and query.has_exact_terms:
            exact = self.exact_ids(query, filters)
        head = self.head_ids(query) if by_relevance else set()
        facts = all_facts()
        page = top(matched, exact, head, facts, sort, offset + limit)[offset:]
        ranked = [(pk, (2.0 if pk in exact else 0.0) + (1.0 if pk in head else 0.0)) for pk in page]
        hits = self.with_snippets(hits_for(ranked, query), query)
        return EngineResult(hits=hits, total=len(matched), facets=facets_of(matched, facts))
