"""SQLite FTS5: the embedded default.

Three FTS5 tables, each with an `exact` (accented, lower case) and a `folded`
column: search_doc_fts (whole documents with word positions, for phrases),
search_doc_words_fts and search_doc_exact_fts (the same without positions: far
faster for common words), search_head_fts (number, title, subject, headings).
The filters of each document are words of a `tags` column.

A search reads document ids only, which FTS5 does quickly even when a common
word is in every document: the documents matching every clause (folded), and
among them those matching what was typed with its diacritics. Facets come from
the in-memory facts (search.facts). Ranking: exact matches first, then how many
of the words the short head holds, then the newest; only the page of results is then opened to
pick each document's best section. User input reaches a MATCH expression only
as double-quoted tokens of letters and digits.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection

from search.backends.sql import DocumentLevelEngine
from search.facts import filter_tags
from search.query import ParsedQuery
from search.types import Filters


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def match_expression(query: ParsedQuery, exact: bool = False, column: str = "") -> str:
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause:
            words = [(t.exact or t.folded) if exact else t.folded for t in alternative]
            alternatives.append(_phrase(words))
            if exact:
                break  # synonyms are not exact matches of what was typed
        clauses.append("(" + " OR ".join(alternatives) + ")")
    column = column or ("exact" if exact else "folded")
    return f"{column} : (" + " AND ".join(clauses) + ")"


def filter_expression(filters: Filters) -> str:
    """The filters as words of the `tags` column."""
    return " AND ".join(
        "(" + " OR ".join(_phrase([word]) for word in group) + ")" for group in filter_tags(filters)
    )


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def has_phrases(query: ParsedQuery) -> bool:
    return any(len(alternative) > 1 for clause in query.clauses for alternative in clause)


def _select(table: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH %s"


class SQLiteEngine(DocumentLevelEngine):
    name = "sqlite"

    def _with_tags(self, filters: Filters) -> str:
        tags = filter_expression(filters)
        return f" AND tags : ({tags})" if tags else ""

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> list[int]:
        # without positions the index is much smaller and faster; phrases need them
        table = "search_doc_fts" if has_phrases(query) else "search_doc_words_fts"
        expression = f"({match_expression(query)}){self._with_tags(filters)}"
        return _ids(_select(table), [expression])

    def exact_ids(self, query: ParsedQuery, filters: Filters) -> set[int]:
        """Documents holding every word as typed (the words of a phrase need not be
        together here: the folded match already checked that)."""
        words = [t.exact or t.folded for clause in query.clauses for t in clause[0]]
        expression = "exact : (" + " AND ".join(_phrase([w]) for w in words) + ")"
        return set(_ids(_select("search_doc_exact_fts"), [expression + self._with_tags(filters)]))

    def head_scores(self, query: ParsedQuery) -> dict[int, float]:
        """How many of the words are in each document's head (one point each, half a
        point more when written as typed). Counting is done on id lists, which the
        index gives quickly; bm25 over every head would not."""
        folded = {t.folded for clause in query.clauses for alt in clause for t in alt}
        exact = {t.exact for clause in query.clauses for alt in clause for t in alt if t.exact}
        scores: Counter = Counter()
        select = _select("search_head_fts")
        for column, words, weight in (("head_folded", folded, 1.0), ("head_exact", exact, 0.5)):
            for word in sorted(words):
                ids = _ids(select, [f"{column} : {_phrase([word])}"])
                if weight == 1.0:
                    scores.update(ids)
                else:
                    scores.update(dict.fromkeys(ids, weight))
        return dict(scores)
