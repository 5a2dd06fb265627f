"""PostgreSQL full-text search.

search_searchdocument has generated tsvector columns with GIN indexes: the
whole text folded (`vi_unaccent`: simple + unaccent, so every Vietnamese letter
folds, đ included), the whole text with its accents (`simple`), the filters as
words, and the head (number, title, subject, headings). Documents are found by
id through the GIN indexes; the head is ranked with ts_rank_cd; the snippet of
each hit comes from ts_headline, escaped before <mark> is put in.
"""

from __future__ import annotations

from html import escape

from django.db import connection

from search.backends.sql import DocumentLevelEngine
from search.facts import filter_tags
from search.query import ParsedQuery
from search.types import Filters, Hit

# Markers ts_headline puts around matches; stored text has no control
# characters (clean_text), so escaping first and then replacing them is safe.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, MaxFragments=1"


def tsquery(query: ParsedQuery, exact: bool = False) -> str:
    """A to_tsquery expression. Words are letters and digits only (search.query),
    so they cannot carry tsquery operators."""
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause:
            words = [(t.exact or t.folded) if exact else t.folded for t in alternative]
            alternatives.append("(" + " <-> ".join(words) + ")")
            if exact:
                break
        clauses.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(clauses)


def tags_tsquery(filters: Filters) -> str:
    return " & ".join("(" + " | ".join(group) + ")" for group in filter_tags(filters))


def highlight(headline: str) -> str:
    return escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")


class PostgresEngine(DocumentLevelEngine):
    name = "postgresql"

    def _ids(self, column: str, config: str, expression: str, filters: Filters) -> list[int]:
        sql = f"SELECT page_id FROM search_searchdocument WHERE {column} @@ to_tsquery(%s, %s)"
        params: list = [config, expression]
        tags = tags_tsquery(filters)
        if tags:
            sql += " AND vector_tags @@ to_tsquery('simple', %s)"
            params.append(tags)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def matched_ids(self, query: ParsedQuery, filters: Filters) -> list[int]:
        return self._ids("vector_folded", "vi_unaccent", tsquery(query), filters)

    def exact_ids(self, query: ParsedQuery, filters: Filters) -> set[int]:
        return set(self._ids("vector_exact", "simple", tsquery(query, exact=True), filters))

    def head_scores(self, query: ParsedQuery) -> dict[int, float]:
        words = sorted({t.folded for clause in query.clauses for alt in clause for t in alt})
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, ts_rank_cd(vector_head, q) FROM search_searchdocument, "
                "to_tsquery('simple', %s) AS q WHERE vector_head @@ q",
                [" | ".join(words)],
            )
            return {pk: float(rank) for pk, rank in cursor.fetchall()}

    def with_snippets(self, hits: list[Hit], query: ParsedQuery) -> list[Hit]:
        if not hits:
            return hits
        pairs = [(hit.page_id, hit.anchor) for hit in hits]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.page_id, e.anchor, e.body, ts_headline('vi_unaccent', e.body, "
                "to_tsquery('vi_unaccent', %s), %s) FROM search_searchentry e "
                "JOIN unnest(%s::bigint[], %s::text[]) AS hit(page_id, anchor) "
                "ON e.page_id = hit.page_id AND e.anchor = hit.anchor",
                [
                    tsquery(query),
                    HEADLINE_OPTIONS,
                    [pk for pk, _ in pairs],
                    [anchor for _, anchor in pairs],
                ],
            )
            # the parser reads "<...>" as markup and drops it: such text keeps the
            # snippet made in Python
            headlines = {
                (pk, anchor): text
                for pk, anchor, body, text in cursor.fetchall()
                if "<" not in body and ">" not in body
            }
        for hit in hits:
            headline = headlines.get((hit.page_id, hit.anchor))
            if headline and START in headline:
                hit.snippet = highlight(headline)
        return hits
