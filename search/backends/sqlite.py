"""SQLite FTS5: the embedded default.

Three FTS5 tables over search_searchdocument (see migration 0002), none with
word positions: search_doc_words_fts (folded words, pairs of neighbouring words
as single tokens for phrases, filters as words of `tags`), search_doc_exact_fts
(the words as written) and search_head_fts (the folded head).

A search reads document ids only, which FTS5 does quickly even when a common
word is in every document: the documents matching every clause (folded), among
them those matching what was typed with its diacritics, and those whose head
holds every word. Facets come from the in-memory facts (search.facts); only the
page of results is then opened to pick each document's best section. User input
reaches a MATCH expression only as double-quoted tokens of letters and digits.
"""

from __future__ import annotations

import json

from django.db import connection

from search.backends.sql import DocumentLevelEngine
from search.facts import filter_tags
from search.query import ParsedQuery
from search.types import Filters


def _quoted(word: str) -> str:
    return f'"{word}"'


def _all(words) -> str:
    return "(" + " AND ".join(map(_quoted, words)) + ")"


def alternative_expression(words: list[str]) -> str:
    """One word, or a phrase as the conjunction of its pairs of neighbouring words."""
    if len(words) == 1:
        return f"folded : {_quoted(words[0])}"
    return "pairs : " + _all(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False))


def match_expression(query: ParsedQuery) -> str:
    clauses = []
    for clause in query.clauses:
        alternatives = [alternative_expression([t.folded for t in alt]) for alt in clause]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses)


def filter_expression(filters: Filters) -> str:
    """The filters as words of the `tags` column."""
    return " AND ".join(
        "(" + " OR ".join(map(_quoted, group)) + ")" for group in filter_tags(filters)
    )


def _ids(sql: str, params: list) -> list[int]:
    """The ids a statement selects, read as one JSON array: a common word's
    100,000 ids cost 10 ms so against 22 ms read row by row."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT json_group_array(rowid) FROM ({sql})", params)  # noqa: S608
        return json.loads(cursor.fetchone()[0])


def _select(table: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH %s"


FTS_TABLES = ["search_doc_words_fts", "search_doc_exact_fts", "search_head_fts"]


def optimize_fts(tables: list[str]) -> None:
    """Merge each FTS5 index into one b-tree, so that a word's doclist is read
    from one place instead of one segment per batch written."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


class SQLiteEngine(DocumentLevelEngine):
    name = "sqlite"

    def settle(self) -> None:
        optimize_fts(FTS_TABLES)

    def _with_tags(self, filters: Filters) -> str:
        tags = filter_expression(filters)
        return f" AND tags : ({tags})" if tags else ""

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> list[int]:
        expression = f"({match_expression(query)}){self._with_tags(filters)}"
        return _ids(_select("search_doc_words_fts"), [expression])

    def exact_ids(self, query: ParsedQuery) -> set[int]:
        """The words of a phrase need not be together here: the folded match
        already checked that."""
        expression = "exact : " + _all(query.typed_words())
        return set(_ids(_select("search_doc_exact_fts"), [expression]))

    def head_ids(self, query: ParsedQuery) -> set[int]:
        expression = "head_folded : " + _all(query.typed_folded_words())
        return set(_ids(_select("search_head_fts"), [expression]))
