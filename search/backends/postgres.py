"""PostgreSQL full-text search.

search_searchdocument has generated tsvector columns with GIN indexes (migration
0002), none with word positions: `vector_terms` (the folded words, and each pair
of neighbouring words as one lexeme "tre_em", so a phrase is a conjunction of
pairs and needs no recheck of positions), `vector_exact` (the words as written),
`vector_tags` (the filters as words) and `vector_head` (number, title, subject,
headings). Documents are found by id through the GIN indexes; the snippets are
made in Python from the sections already read, as on every engine
(search.snippets): ts_headline cost 3 ms of database time a page.
"""

from __future__ import annotations

import sys
from array import array
from math import ceil

from django.db import connection, transaction

from pyroaring import BitMap

from base.cache_versions import current_version, renew_version
from search.backends.sql import (
    EXACT_CHECK_LIMIT,
    DocumentLevelEngine,
    one_word,
    wants_exact,
)
from search.facts import filter_tags
from search.query import ParsedQuery
from search.types import Filters


def ids_of(packed: bytes | None) -> array:
    """The ids search_document_ids packed as 4-byte big-endian integers (migration
    0010), in one copy: an array of unsigned integers, which a bitmap is built from
    without a Python integer per id. NULL (a list not asked for) is empty."""
    ids = array("I", packed or b"")
    if sys.byteorder == "little":
        ids.byteswap()
    return ids


def _lexeme(word: str) -> str:
    """A quoted tsquery lexeme. Words are letters and digits only (search.query),
    so they can hold neither a quote nor an operator."""
    return f"'{word}'"


def _all(words) -> str:
    return "(" + " & ".join(map(_lexeme, words)) + ")"


def term_lexemes(query: ParsedQuery) -> list[list[list[str]]]:
    """What vector_terms must hold: every clause, any of its alternatives, and all the
    lexemes of that alternative (a word, or a phrase as its pairs)."""
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause:
            words = [t.folded for t in alternative]
            pairs = [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
            alternatives.append(pairs or words)
        clauses.append(alternatives)
    return clauses


def terms_tsquery(query: ParsedQuery) -> str:
    return " & ".join("(" + " | ".join(map(_all, clause)) + ")" for clause in term_lexemes(query))


def tags_tsquery(filters: Filters) -> str:
    return " & ".join("(" + " | ".join(group) + ")" for group in filter_tags(filters))


SEARCH_TABLES = ["search_searchdocument", "search_searchentry", "search_rankingfields"]


def settle_tables(tables: list[str]) -> None:
    """After a bulk load, rebuild the tables' indexes in one pass and refresh the
    planner's statistics. Rows written one by one leave a GIN index with a long
    pending list (read through on every search until autovacuum merges it) and
    loosely packed posting trees; a rebuild packs them as CREATE INDEX does."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'REINDEX TABLE "{table}"')
            cursor.execute(f'ANALYZE "{table}"')


# The commonest words' ids, kept as bitmaps (migration 0012): a word is kept when at
# least COMMON_MIN_DOCS documents and COMMON_SHARE of the library hold it (below that its
# posting list is read in a millisecond or two at most)
COMMON_MIN_DOCS = 1_000
COMMON_SHARE = 0.1
# the documents written since the bitmaps were made that a search checks one by one
# (about 20 to 50 microseconds each: its row and its words); past it the index is asked
# as before, and past COMMON_REFRESH_AFTER a refresh is queued (search.maintenance)
CHANGED_MOST = 200
COMMON_REFRESH_AFTER = 100
COMMON_VERSION_KEY = "search:common-ids-version"
_common: dict = {"version": None, "words": frozenset()}


def refresh_common_ids() -> int:
    """Keep as a bitmap the ids of each word the library mostly holds, and forget the
    documents written since the last refresh. It reads one snapshot of the library
    (REPEATABLE READ), so publishing goes on meanwhile (12 s at 10,000 documents, 100 s
    at 100,000): a document written after the snapshot stays listed as changed, and one
    already listed and written again makes the refresh fail to serialize (it is run
    again later) rather than be forgotten. Returns how many words are kept."""
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost:  # else inside a transaction that already read (a test, a benchmark)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        least = max(COMMON_MIN_DOCS, ceil(cursor.fetchone()[0] * COMMON_SHARE))
        cursor.execute(
            "SELECT word FROM ts_stat('SELECT vector_terms FROM search_searchdocument') "
            "WHERE ndoc >= %s ORDER BY word",
            [least],
        )
        # a query's words are letters and digits (search.query): no quote to escape
        words = [word for (word,) in cursor.fetchall() if "'" not in word and "\\" not in word]
        rows = []
        for word in words:
            cursor.execute(
                "SELECT search_document_ids('vector_terms', %s::tsquery, NULL)", [_lexeme(word)]
            )
            ids = BitMap(ids_of(cursor.fetchone()[0]))
            ids.run_optimize()
            rows.append((word, ids.serialize()))
        cursor.execute("DELETE FROM search_common_ids")
        cursor.execute("DELETE FROM search_common_changed")
        cursor.executemany("INSERT INTO search_common_ids (lexeme, ids) VALUES (%s, %s)", rows)
    renew_version(COMMON_VERSION_KEY)
    return len(rows)


def common_words() -> frozenset[str]:
    """The words kept as bitmaps, as this process last read them (renewed by each
    refresh): a query holding one of them reads its words one by one."""
    version = current_version(COMMON_VERSION_KEY)
    if _common["version"] != version:
        with connection.cursor() as cursor:
            cursor.execute("SELECT lexeme FROM search_common_ids")
            _common["words"] = frozenset(word for (word,) in cursor.fetchall())
        _common["version"] = version
    return _common["words"]


def changed_since_refresh() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_common_changed")
        return cursor.fetchone()[0]


def _holding(clauses: list[list[list[str]]], documents: dict[str, BitMap]) -> BitMap:
    """The documents holding every clause: any alternative, all its lexemes."""
    return BitMap.intersection(
        *(
            BitMap.union(*(BitMap.intersection(*(documents[w] for w in alt)) for alt in clause))
            for clause in clauses
        )
    )


def common_matched(query: ParsedQuery) -> BitMap | None:
    """The documents holding the query, word by word when it holds a kept word: each
    kept word's bitmap, each other word's ids from the index (rarer, so short posting
    lists), combined in memory. The documents written since the refresh are checked
    again one by one against the whole query (a nested loop on the primary key, LIMIT
    keeping the planner from reading a common word's posting list instead). None when
    no word is kept, or too many documents were written since: the index is then asked
    for the whole query at once."""
    clauses = term_lexemes(query)
    asked = sorted({word for clause in clauses for alt in clause for word in alt})
    if not asked or common_words().isdisjoint(asked):
        return None
    with connection.cursor() as cursor:
        # a query's words are letters and digits joined by "_" (search.query): each is
        # one lexeme once quoted (quote_literal)
        cursor.execute(
            "SELECT a.word, k.ids, CASE WHEN k.ids IS NULL THEN search_document_ids("
            "'vector_terms', quote_literal(a.word)::tsquery, NULL) END "
            "FROM unnest(%s::text[]) AS a(word) "
            "LEFT JOIN search_common_ids k ON k.lexeme = a.word "
            "UNION ALL SELECT NULL, NULL, string_agg(int4send(page_id), NULL::bytea) "
            "FROM search_common_changed",
            [asked],
        )
        documents, changed, any_kept = {}, BitMap(), False
        for word, kept, found in cursor.fetchall():
            if word is None:
                changed = BitMap(ids_of(found))
            elif kept is not None:
                documents[word], any_kept = BitMap.deserialize(kept), True
            else:
                documents[word] = BitMap(ids_of(found))
        if not any_kept:  # emptied since this process read them: read them again
            _common["version"] = None
        if len(changed) > CHANGED_MOST:
            return None
        matched = _holding(clauses, documents)
        if changed:
            matched -= changed
            cursor.execute(
                "SELECT string_agg(int4send(c.page_id), NULL::bytea) "
                "FROM unnest(%s::integer[]) AS c(page_id) CROSS JOIN LATERAL "
                "(SELECT 1 FROM search_searchdocument d WHERE d.page_id = c.page_id "
                "AND d.vector_terms @@ %s::tsquery LIMIT 1) AS holding",
                [list(changed), terms_tsquery(query)],
            )
            matched |= BitMap(ids_of(cursor.fetchone()[0]))
    return matched


class PostgresEngine(DocumentLevelEngine):
    name = "postgresql"

    def settle(self) -> None:
        settle_tables(SEARCH_TABLES)
        refresh_common_ids()

    def id_sets(self, query: ParsedQuery, filters: Filters, *, exact: bool) -> tuple[array, array]:
        """Without filters, word by word where the query holds a kept word
        (common_matched); otherwise from the index, the whole query at once
        (index_id_sets)."""
        matched = common_matched(query) if filters.is_empty else None
        if matched is None:
            return self.index_id_sets(query, filters, exact=exact)
        if matched and exact and wants_exact(query, len(matched)):
            return matched, self.typed_ids(query)
        return matched, array("I")

    def typed_ids(self, query: ParsedQuery) -> array:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_typed_ids(%s::tsquery, NULL, %s::tsquery)",
                [terms_tsquery(query), _all(query.typed_words())],
            )
            return ids_of(cursor.fetchone()[0])

    def index_id_sets(
        self, query: ParsedQuery, filters: Filters, *, exact: bool
    ) -> tuple[array, array]:
        """The two id lists in one statement, each read in one scan of the index over
        the words, the filters and the typed words, and packed in one value
        (search_document_ids and search_typed_ids, migrations 0010 and 0011; its size
        in bytes is four times its count of ids). The matched ids are a
        materialised CTE: as a subquery in FROM, the planner copied it into each CASE
        that read its size, and ran the search once more for each (12.7 ms against
        5.5 for a common phrase at 10,000 documents). Those of them matching as
        typed are read only when asked and where the other engines read them too
        (wants_exact, and something matched: CASE is evaluated lazily); else NULL."""
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH asked AS (SELECT %s::tsquery AS terms, "
                "to_tsquery('simple', NULLIF(%s, '')) AS tags, %s::tsquery AS typed), "
                "found AS MATERIALIZED (SELECT asked.*, "
                "search_document_ids('vector_terms', terms, tags) AS matched FROM asked) "
                "SELECT matched, CASE WHEN matched <> '' AND typed IS NOT NULL "
                "AND (octet_length(matched) / 4 <= %s OR %s) "
                "THEN search_typed_ids(terms, tags, typed) END "
                "FROM found",
                [
                    terms_tsquery(query),
                    tags_tsquery(filters),
                    _all(query.typed_words()) if exact else None,
                    EXACT_CHECK_LIMIT,
                    one_word(query),
                ],
            )
            matched, exact_ids = map(ids_of, cursor.fetchone())
        if not matched:
            return matched, array("I")
        return matched, exact_ids

    def head_ids(self, query: ParsedQuery) -> array:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_document_ids('vector_head', %s::tsquery, NULL)",
                [_all(query.typed_folded_words())],
            )
            return ids_of(cursor.fetchone()[0])
