"""SQLite FTS5: the embedded default.

search_fts holds two columns over search_searchentry: `exact` (accented) and
`folded`. Every word must match in the folded column; rows whose exact column
also matches what was typed with diacritics rank first. User input reaches the
MATCH expression only as double-quoted tokens of letters and digits.
"""

from __future__ import annotations

from django.db import connection

from search.backends.base import SearchEngine
from search.backends.sql import facets_from_rows, filter_sql
from search.query import ParsedQuery
from search.snippets import make_snippet
from search.types import EngineResult, Facets, Filters, Hit


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def match_expression(query: ParsedQuery, exact: bool = False) -> str:
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause:
            if exact:
                words = [t.exact or t.folded for t in alternative]
            else:
                words = [t.folded for t in alternative]
            alternatives.append(_phrase(words))
            if exact:
                break  # synonyms are not exact matches of what was typed
        clauses.append("(" + " OR ".join(alternatives) + ")")
    column = "exact" if exact else "folded"
    return f"{column} : (" + " AND ".join(clauses) + ")"


class SQLiteEngine(SearchEngine):
    name = "sqlite"

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> EngineResult:
        if not query.clauses:
            return EngineResult(hits=[], total=0, facets=Facets())
        where, params = filter_sql(filters)
        exact_flag = "0"
        exact_params: list = []
        if query.has_exact_terms:
            exact_flag = "(e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))"
            exact_params = [match_expression(query, exact=True)]
        # Only fixed SQL and %s placeholders are interpolated; values go in params.
        matched = f"""
            SELECT e.id, e.page_id, e.issued_on, e.doc_type, e.issuer_id, e.year, e.status,
                   bm25(search_fts, 0.0, 1.0) AS rank, {exact_flag} AS exact_match
            FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid
            WHERE search_fts MATCH %s{where}
        """
        base_params = [*exact_params, match_expression(query), *params]
        order = (
            "exact_match DESC, rank ASC"
            if sort != "date"
            else "issued_on IS NULL, issued_on DESC, exact_match DESC, rank ASC"
        )
        best = f"""
            WITH matched AS ({matched}),
            ranked AS (
                SELECT *, ROW_NUMBER() OVER (
                    PARTITION BY page_id ORDER BY exact_match DESC, rank ASC) AS n
                FROM matched
            )
            SELECT id, page_id, rank, exact_match FROM ranked WHERE n = 1
            ORDER BY {order} LIMIT %s OFFSET %s
        """
        facets_sql = f"""
            WITH matched AS ({matched})
            SELECT doc_type, issuer_id, year, status, COUNT(DISTINCT page_id)
            FROM matched GROUP BY doc_type, issuer_id, year, status
        """
        with connection.cursor() as cursor:
            cursor.execute(best, [*base_params, limit, offset])
            best_rows = cursor.fetchall()
            cursor.execute(facets_sql, base_params)
            facet_rows = cursor.fetchall()
        facets = facets_from_rows(facet_rows)
        # every row of a document carries the same facts: the groups partition documents
        total = sum(count for *_rest, count in facet_rows)
        return EngineResult(hits=self._hits(best_rows, query), total=total, facets=facets)

    def _hits(self, rows: list[tuple], query: ParsedQuery) -> list[Hit]:
        from search.models import SearchEntry

        entries = SearchEntry.objects.in_bulk([row[0] for row in rows])
        words = query.folded_words()
        hits = []
        for entry_id, page_id, rank, exact_match in rows:
            entry = entries[entry_id]
            hits.append(
                Hit(
                    page_id=page_id,
                    anchor=entry.anchor,
                    label=entry.label,
                    heading=entry.heading,
                    snippet=make_snippet(entry.body, words),
                    score=round(-float(rank) + (10.0 if exact_match else 0.0), 6),
                )
            )
        return hits
