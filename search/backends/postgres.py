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

from django.db import connection

from search.backends.sql import (
    EXACT_CHECK_LIMIT,
    DocumentLevelEngine,
    one_word,
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


def terms_tsquery(query: ParsedQuery) -> str:
    """Every clause, each a word or a phrase (the conjunction of its pairs)."""
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause:
            words = [t.folded for t in alternative]
            pairs = [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
            alternatives.append(_all(pairs or words))
        clauses.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(clauses)


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


class PostgresEngine(DocumentLevelEngine):
    name = "postgresql"

    def settle(self) -> None:
        settle_tables(SEARCH_TABLES)

    def id_sets(self, query: ParsedQuery, filters: Filters, *, exact: bool) -> tuple[array, array]:
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
