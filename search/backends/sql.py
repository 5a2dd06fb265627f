"""What the two database engines share: counting facets and ordering documents in
memory, and choosing the section of each found document that best matches."""

from __future__ import annotations

import re
from collections import Counter

from search.backends.base import SearchEngine
from search.facts import FactTable, all_facts
from search.query import ParsedQuery
from search.snippets import make_snippet
from search.types import EngineResult, Facets, Filters, Hit


def clause_patterns(query: ParsedQuery) -> list[re.Pattern]:
    """One compiled pattern per clause: any of its alternatives, as a phrase."""
    patterns = []
    for clause in query.clauses:
        alternatives = [r"\W+".join(map(re.escape, (t.folded for t in alt))) for alt in clause]
        patterns.append(re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])"))
    return patterns


def best_sections(page_ids: list[int], query: ParsedQuery) -> dict[int, object]:
    """For each found document, the section where the query matches best: the most
    clauses, then the most exact (accented) words, then the most occurrences."""
    from search.models import SearchEntry

    patterns = clause_patterns(query)
    exact_words = [t.exact for clause in query.clauses for t in clause[0] if t.exact]
    folded_words = query.folded_words()
    best: dict[int, tuple] = {}
    rows = SearchEntry.objects.filter(page_id__in=page_ids).only(
        "id", "page_id", "position", "anchor", "label", "heading", "body", "exact", "folded"
    )
    for entry in rows.order_by("page_id", "position"):
        score = (
            sum(1 for pattern in patterns if pattern.search(entry.folded)),
            sum(1 for word in exact_words if word in entry.exact),
            sum(entry.folded.count(word) for word in folded_words),
        )
        if entry.page_id not in best or score > best[entry.page_id][0]:
            best[entry.page_id] = (score, entry)
    return {page_id: entry for page_id, (_score, entry) in best.items()}


def hits_for(
    ranked: list[tuple[int, float]], query: ParsedQuery, snippets: dict | None = None
) -> list[Hit]:
    sections = best_sections([page_id for page_id, _ in ranked], query)
    words = query.folded_words()
    hits = []
    for page_id, score in ranked:
        entry = sections.get(page_id)
        if entry is None:
            continue
        snippet = make_snippet(entry.body, words)
        hits.append(
            Hit(
                page_id=page_id,
                anchor=entry.anchor,
                label=entry.label,
                heading=entry.heading,
                snippet=snippet,
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
    head: dict[int, float],
    facts: FactTable,
    sort: str,
    wanted: int,
) -> list[int]:
    """The first `wanted` documents in order, sorting only as much as needed."""
    newest = facts.date_rank.get
    if sort == "date":
        return sorted(matched, key=lambda pk: newest(pk, -1), reverse=True)[:wanted]
    groups = []
    exact_ids = [pk for pk in matched if pk in exact] if exact else []
    rest = [pk for pk in matched if pk not in exact] if exact else matched
    for group in (exact_ids, rest):
        titled = [pk for pk in group if pk in head]
        untitled = [pk for pk in group if pk not in head]
        groups.append(sorted(titled, key=lambda pk: (head[pk], newest(pk, -1)), reverse=True))
        groups.append(untitled)  # sorted by date only if reached
    ordered: list[int] = []
    for index, group in enumerate(groups):
        if len(ordered) >= wanted:
            break
        if index % 2 == 1:
            group = sorted(group, key=lambda pk: newest(pk, -1), reverse=True)
        ordered.extend(group[: wanted - len(ordered)])
    return ordered


class DocumentLevelEngine(SearchEngine):
    """Search in two steps that both database engines share: find the ids of the
    matching documents (and of those matching exactly as typed), count facets and
    order them in memory, then open only the page of results."""

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> list[int]:
        raise NotImplementedError

    def exact_ids(self, query: ParsedQuery, filters: Filters) -> set[int]:
        raise NotImplementedError

    def head_scores(self, query: ParsedQuery) -> dict[int, float]:
        """Relevance of each document's head (number, title, subject, headings)."""
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
        exact = self.exact_ids(query, filters) if query.has_exact_terms else set()
        head = self.head_scores(query)
        facts = all_facts()
        page = top(matched, exact, head, facts, sort, offset + limit)[offset:]
        ranked = [(pk, head.get(pk, 0.0) + (10.0 if pk in exact else 0.0)) for pk in page]
        hits = self.with_snippets(hits_for(ranked, query), query)
        return EngineResult(hits=hits, total=len(matched), facets=facets_of(matched, facts))
