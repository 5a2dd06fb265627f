"""What the two database engines share: counting facets and ordering documents in
memory, and choosing the section of each found document that best matches."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from itertools import islice
from math import ceil

from pyroaring import AbstractBitMap, BitMap, FrozenBitMap

from search.backends.base import SearchEngine
from search.facts import FactTable, all_facts
from search.query import Clause, ParsedQuery
from search.ranking import (
    STOPWORDS,
    fields_for,
    holding_in_head,
    idf,
    named_ids,
    score_documents,
    understand,
)
from search.snippets import first_whole_word, make_snippet
from search.types import EngineResult, Facets, Filters, Hit

RANKING_POOL = 100  # documents holding every word that are scored
# Above this many documents found, matching as typed (with diacritics) is not
# looked up for a query of several words: texts are written with their diacritics,
# so nearly all of them would match, and it only breaks ties (one word excepted:
# "điện" before "diễn").
EXACT_CHECK_LIMIT = 5_000
RELAX_BELOW = 10  # fewer documents holding every word: look for most of them
RELAXED_SHARE = 0.5
KEPT_CLAUSES = 32  # clauses whose documents a process keeps (DocumentLevelEngine.clause_ids)
EQUAL_SHARE = 1e-9  # relaxed matching (heaviest): shares closer than this are equal
# When more documents are found than are ranked, those whose head holds every word
# come first; they are read among the newest found (heads_among_newest), and the
# index is asked only when those are too few: a common word's list in the index of
# heads is most of the library (2.5 ms at 10,000 documents, 20 at 100,000, for a query
# a filter narrows to a few hundred), where the newest heads read in memory settle it
HEAD_CHECK_MOST = 1_000  # the newest found whose heads may be read so
SORT_STEPS = 2  # newest(): sorting a document by date costs about two steps of a walk
# The ranking fields of the newest documents are read with the facts, in one statement
# (10 to 15 ms once per process and index change): the documents whose heads a search
# reads first (heads_among_newest) and that it ranks are mostly among them, and read
# one search at a time they cost 5 to 8 ms more to each of a new process's first searches
READ_AHEAD = 2_000


def clause_patterns(query: ParsedQuery) -> list[re.Pattern]:
    """One compiled pattern per clause: any of its alternatives, as a phrase."""
    patterns = []
    for clause in query.clauses:
        alternatives = [r"\W+".join(map(re.escape, (t.folded for t in alt))) for alt in clause]
        patterns.append(re.compile(r"(?:" + "|".join(alternatives) + r")(?![^\W_])"))
    return patterns


def phrase_patterns(query: ParsedQuery) -> list[re.Pattern]:
    """The quoted phrases (clauses with an alternative of several words), which a
    snippet should show rather than a lone word found earlier."""
    patterns = clause_patterns(query)
    return [
        p for p, clause in zip(patterns, query.clauses, strict=True) if max(map(len, clause)) > 1
    ]


def best_sections(page_ids: list[int], query: ParsedQuery) -> dict[int, tuple]:
    """For each found document, the section where the query matches best: the most
    clauses, then the most occurrences. Returns page id -> (anchor, label, heading, body)."""
    from search.models import SearchEntry

    patterns = clause_patterns(query)
    folded_words = query.folded_words()
    best: dict[int, tuple] = {}
    rows = SearchEntry.objects.rows_for_pages(
        page_ids,
        ("page_id", "folded", "anchor", "label", "heading", "body"),
        order_by=("page_id", "position"),
    )
    for page_id, folded, *section in rows:
        score = (
            sum(first_whole_word(pattern, folded) is not None for pattern in patterns),
            sum(map(folded.count, folded_words)),
        )
        if page_id not in best or score > best[page_id][0]:
            best[page_id] = (score, tuple(section))
    return {page_id: section for page_id, (_score, section) in best.items()}


def hits_for(ranked: list[tuple[int, float]], query: ParsedQuery) -> tuple[list[Hit], dict]:
    """The hits of the page of results, at their best sections, without snippets
    yet; and each hit's section text, (page id, anchor) -> body."""
    sections = best_sections([page_id for page_id, _ in ranked], query)
    hits, bodies = [], {}
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
                snippet="",
                score=round(score, 6),
            )
        )
        bodies[page_id, anchor] = body
    return hits, bodies


def facets_of(ids: AbstractBitMap, facts: FactTable) -> Facets:
    return Facets(**facts.counts(ids))


def newest(
    wanted: int, facts: FactTable, inside: list[AbstractBitMap], outside: tuple = ()
) -> list[int]:
    """The `wanted` newest documents in every set of `inside` and in none of
    `outside`. Being bitmaps, those documents are worked out whole first (in
    microseconds, however many). Then whichever costs less: the library walked
    newest first at C speed until `wanted` are met (as many steps as the library
    holds per candidate, if they are spread evenly), or the candidates sorted by
    date (each costing about SORT_STEPS steps of the walk). 785 of 10,000 documents
    found, of which a thousand wanted, walked the whole library (0.8 ms against 0.09)."""
    if wanted <= 0:
        return []
    candidates = inside[0].intersection(*inside[1:]).difference(*outside)
    if not candidates:
        return []
    everyone = len(facts.newest_first)
    if len(candidates) * SORT_STEPS < everyone * min(1.0, wanted / len(candidates)):
        return sorted(candidates, key=facts.date_rank.__getitem__, reverse=True)[:wanted]
    return list(islice(filter(candidates.__contains__, facts.newest_first), wanted))


def top(
    found: AbstractBitMap,
    exact: AbstractBitMap,
    head: AbstractBitMap,
    facts: FactTable,
    wanted: int,
) -> list[int]:
    """The first `wanted` of the `found` documents by relevance, sorting only as
    much as needed: matching as typed (with its diacritics) first, then holding
    every word in the head (number, title, subject, headings), then the newest."""
    # each tier as (in all of these, in none of those): no set of 100,000 ids is
    # built for a common word, and a tier is read only when those before it are
    # too few
    if exact:
        tiers = (
            ([exact, head, found], ()),
            ([exact, found], (head,)),
            ([head, found], (exact,)),
            ([found], (exact, head)),
        )
    else:
        tiers = (([head, found], ()), ([found], (head,)))
    ordered: list[int] = []
    for inside, outside in tiers:
        ordered.extend(newest(wanted - len(ordered), facts, inside, outside))
        if len(ordered) >= wanted:
            break
    return ordered


def one_word(query: ParsedQuery) -> bool:
    """A query of one word, which its diacritics alone tell apart ("điện", "diễn")."""
    return len(query.typed_words()) == 1


def wants_exact(query: ParsedQuery, found: int) -> bool:
    """Whether matching as typed is worth looking up (EXACT_CHECK_LIMIT)."""
    return found <= EXACT_CHECK_LIMIT or one_word(query)


def heads_holding(page_ids: list[int], words: list[str], facts: FactTable) -> set[int]:
    """Those of these documents whose head's opening, as ranking reads it (number,
    title, subject, issuer, headings: search.ranking.HEAD_CHARS), holds every word."""
    return holding_in_head(fields_for(page_ids, facts.ranking_fields), words)


def heads_among_newest(
    found: AbstractBitMap, exact: AbstractBitMap, facts: FactTable, wanted: int, words: list[str]
) -> BitMap | None:
    """The documents whose head holds every word among the newest found (and matching
    as typed, when that was looked up), read in growing batches until `wanted` of
    them are known: the first tier of `top` is then these and no other, since every
    older document comes after them. None when the newest HEAD_CHECK_MOST would not
    hold so many (the index is then asked). The ranking fields read here are those
    the ranking reads next, and are kept (fields_for)."""
    newest_found = newest(HEAD_CHECK_MOST, facts, [found, exact] if exact else [found])
    heads: set[int] = set()
    checked, size = 0, wanted + wanted // 4
    while checked < len(newest_found):
        heads |= heads_holding(newest_found[checked : checked + size], words, facts)
        checked += size
        if len(heads) >= wanted:
            return BitMap(heads)
        if len(heads) * len(newest_found) < wanted * checked:
            return None  # at this rate the newest would not hold enough
        # as many more as the rate so far says are missing, and a quarter over (each
        # read costs ranking fields never used when the first ones are few: reading
        # double each time read 875 for the 100 of "bạo lực gia đình")
        size = max(wanted // 4, ceil((wanted - len(heads)) * checked / len(heads) * 1.25))
    return None


def held_alike(sets: list[AbstractBitMap]) -> list[tuple[AbstractBitMap, tuple[int, ...]]]:
    """The documents of any of `sets`, split set by set into groups of those in the
    same sets: each group with the indexes of its sets. A query's clauses make a few
    dozen groups, however many documents hold them."""
    groups: list[tuple[AbstractBitMap, tuple[int, ...]]] = [(BitMap.union(*sets), ())]
    for i, ids in enumerate(sets):
        split = []
        for documents, inside in groups:
            within = documents & ids
            if within:
                split.append((within, (*inside, i)))
            if len(within) < len(documents):
                split.append((documents - within if within else documents, inside))
        groups = split
    return [(documents, inside) for documents, inside in groups if inside]


def heaviest(
    sets: list[AbstractBitMap], weights: list[float], whole: float, wanted: int, facts: FactTable
) -> dict[int, float]:
    """The `wanted` documents holding the most weight, each with its share: the sum
    of the weights of the sets it is in, over `whole`; among equal shares the newest.
    Worked out per group of documents held alike, not per document: a common word's
    10,000 documents counted one by one took 4 to 6 ms for a number's clauses."""
    by_share = []
    for documents, inside in held_alike(sets):
        share = 0.0
        for i in inside:  # summed in the sets' order, as a count per document would
            share += weights[i] / whole
        by_share.append((share, documents))
    by_share.sort(key=lambda group: -group[0])
    shares: dict[int, float] = {}
    start = 0
    while start < len(by_share) and len(shares) < wanted:
        end = start + 1
        while end < len(by_share) and by_share[start][0] - by_share[end][0] <= EQUAL_SHARE:
            end += 1
        tied = by_share[start:end]
        share_of = {pk: share for share, documents in tied for pk in documents}
        union = BitMap.union(*(documents for _share, documents in tied))
        for pk in newest(wanted - len(shares), facts, [union]):
            shares[pk] = share_of[pk]
        start = end
    return shares


def _is_number(clause) -> bool:
    return any(term.folded.isdigit() for alternative in clause for term in alternative)


class DocumentLevelEngine(SearchEngine):
    """Search in two steps that both database engines share: find the ids of the
    matching documents (and of those matching exactly as typed), count facets and
    order them in memory, then open only the page of results."""

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> Sequence[int]:
        raise NotImplementedError

    def exact_ids(self, query: ParsedQuery) -> Collection[int]:
        """Documents holding every word as typed, with its diacritics (filters need
        not apply: only those among the matched documents count)."""
        raise NotImplementedError

    def head_ids(self, query: ParsedQuery) -> Collection[int]:
        """Documents whose head (number, title, subject, headings) holds every
        word typed."""
        raise NotImplementedError

    def id_sets(
        self, query: ParsedQuery, filters: Filters, *, exact: bool
    ) -> tuple[Sequence[int], Collection[int]]:
        """The matched ids, and (when asked, and where it can change the order:
        wants_exact) those matching as typed. Any collection of ints: the engine
        turns them into bitmaps."""
        matched = self.matched_ids(query, filters)
        if not matched:
            return matched, set()
        wanted = exact and wants_exact(query, len(matched))
        return matched, self.exact_ids(query) if wanted else set()

    def with_snippets(self, hits: list[Hit], bodies: dict, query: ParsedQuery) -> list[Hit]:
        """Fill each hit's snippet from its section's text (escaped, words marked)."""
        words, phrases = query.folded_words(), phrase_patterns(query)
        for hit in hits:
            hit.snippet = make_snippet(bodies[hit.page_id, hit.anchor], words, phrases=phrases)
        return hits

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        sort: str,
        offset: int,
        limit: int,
        skip: Collection[int] = (),
    ) -> EngineResult:
        if not query.clauses:
            return EngineResult(hits=[], total=0, facets=Facets())
        by_relevance = sort != "date"
        matched, exact = self.id_sets(query, filters, exact=by_relevance and query.has_exact_terms)
        if not matched and not by_relevance:
            return EngineResult(hits=[], total=0, facets=Facets())
        facts = all_facts()
        if not facts.ranking_fields:  # new facts: the index changed, or a new process
            fields_for(facts.newest_first[:READ_AHEAD], facts.ranking_fields)
        skipped = BitMap(skip)
        if not by_relevance:
            found = facts.found(matched)
            page = newest(offset + limit, facts, [found], (skipped,))[offset:]
            hits = self.with_snippets(*hits_for([(pk, 0.0) for pk in page], query), query)
            return EngineResult(
                hits=hits,
                total=len(found),
                facets=facets_of(found, facts),
                skipped=found.intersection_cardinality(skipped),
            )
        return self.ranked(query, filters, matched, BitMap(exact), facts, offset, limit, skipped)

    def clause_ids(self, clause: Clause, filters: Filters, facts: FactTable) -> FrozenBitMap:
        """The documents holding one clause (any of its alternatives) within the
        filters, as relaxed matching looks each clause up alone. Kept with the facts,
        which are renewed whenever the index changes (search.facts): numbers share
        their clauses (qđ, ubnd, cp), which are among the commonest words (2 ms each
        at 10,000 documents), and a process keeps the latest KEPT_CLAUSES."""
        key = (tuple(tuple(t.folded for t in alternative) for alternative in clause), filters)
        kept = facts.clause_ids
        ids = kept.pop(key, None)
        if ids is None:
            single = ParsedQuery(raw="", clauses=[clause])
            ids = FrozenBitMap(self.id_sets(single, filters, exact=False)[0])
            while len(kept) >= KEPT_CLAUSES:
                kept.pop(next(iter(kept)), None)  # the least recently used
        kept[key] = ids
        return ids

    def relaxed(
        self, query: ParsedQuery, filters: Filters, wanted: int, facts: FactTable
    ) -> dict[int, float]:
        """When few documents hold every word: the `wanted` documents holding the
        most of the query's weight (each clause weighted by its rarity; a word found
        nowhere, a typo, weighs nothing unless it is a number), with that share."""
        clauses = [c for c in query.clauses if c[0][0].folded not in STOPWORDS or len(c[0]) > 1]
        if len(clauses) < 2:
            return {}
        total = max(len(facts.ids), 1)
        found = [self.clause_ids(clause, filters, facts) for clause in clauses]
        weights = [
            idf(len(ids), total) if ids or _is_number(clause) else 0.0
            for clause, ids in zip(clauses, found, strict=True)
        ]
        indexed = [ids & facts.ids for ids in found]  # the index may be a moment ahead
        return heaviest(indexed, weights, sum(weights) or 1.0, wanted, facts)

    def ranked(self, query, filters, matched, exact, facts, offset, limit, skipped) -> EngineResult:
        """Relevance (search.ranking) over the best candidates: those holding every
        word (the first RANKING_POOL in tiers), those the query names by number,
        and, when few hold every word, those holding most of them."""
        intent = understand(query.raw)
        # the synonyms (the glossary) stand for the words they replace in the fields too
        for clause in query.clauses[:]:
            if len(clause) > 1:
                intent.add_synonyms(
                    [t.folded for t in clause[0]], [[t.folded for t in alt] for alt in clause[1:]]
                )
        wanted = max(RANKING_POOL, offset + limit + len(skipped))
        found = facts.found(matched)
        exact &= found  # as typed counts among those found only (all PostgreSQL reads)
        head = BitMap()  # every document found is ranked, in any order
        if len(found) > wanted:
            words = query.typed_folded_words()
            head = heads_among_newest(found, exact, facts, wanted, words)
            if head is None:
                head = BitMap(self.head_ids(query))
        pool = top(found, exact, head, facts, wanted)
        body_share = dict.fromkeys(pool, 1.0)
        if len(matched) < RELAX_BELOW:
            loose = self.relaxed(query, filters, wanted, facts)
            for pk, share in loose.items():
                body_share.setdefault(pk, share)
        named = [pk for pk in named_ids(intent, filters) if pk in facts.ids]
        candidates = set(body_share) | set(named)
        if not candidates:
            return EngineResult(hits=[], total=0, facets=Facets())
        scored = score_documents(
            intent,
            fields_for(candidates, facts.ranking_fields),
            body_share=body_share,
            exact=exact,
            date_rank=facts.date_rank,
        )
        # shown: what the query names, what holds most of its weight, and what
        # holds most of its words in the title ("đuối nước mùa hè": the Chỉ thị
        # on drowning, though no text says "mùa hè")
        scored = [
            s
            for s in scored
            if s.named
            or body_share.get(s.page_id, 0.0) >= RELAXED_SHARE
            or s.title_share >= RELAXED_SHARE
        ]
        # counted with what holds every word
        extra = BitMap(s.page_id for s in scored) - found
        counted = found | extra if extra else found
        page = [s for s in scored if s.page_id not in skipped][offset : offset + limit]
        hits, bodies = hits_for([(s.page_id, s.score) for s in page], query)
        named_page = {s.page_id for s in page if s.named}
        for hit in hits:
            hit.exact_number = hit.page_id in named_page
        hits = self.with_snippets(hits, bodies, query)
        return EngineResult(
            hits=hits,
            total=len(counted),
            facets=facets_of(counted, facts),
            skipped=counted.intersection_cardinality(skipped),
        )
