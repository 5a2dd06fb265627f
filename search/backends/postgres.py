"""PostgreSQL full-text search: `vi_unaccent` (simple + unaccent) folds every
Vietnamese letter, đ included; `simple` keeps the accents for the exact boost.
Ranking by ts_rank_cd, snippets by ts_headline (escaped before <mark> is added).
"""

from __future__ import annotations

from html import escape

from django.db import connection

from search.backends.base import SearchEngine
from search.backends.sql import facets_from_rows, filter_sql
from search.query import ParsedQuery
from search.types import EngineResult, Facets, Filters, Hit

# Markers ts_headline puts around matches; they cannot occur in stored text
# (clean_text removes control characters), so escaping first is safe.
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


def highlight(headline: str) -> str:
    return escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")


class PostgresEngine(SearchEngine):
    name = "postgresql"

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> EngineResult:
        if not query.clauses:
            return EngineResult(hits=[], total=0, facets=Facets())
        where, params = filter_sql(filters)
        exact_flag, exact_params = "FALSE", []
        if query.has_exact_terms:
            exact_flag = "e.vector_exact @@ to_tsquery('simple', %s)"
            exact_params = [tsquery(query, exact=True)]
        # Only fixed SQL and %s placeholders are interpolated; values go in params.
        matched = f"""
            SELECT e.id, e.page_id, e.issued_on, e.doc_type, e.issuer_id, e.year, e.status,
                   ts_rank_cd(e.vector_folded, q.q) AS rank, {exact_flag} AS exact_match
            FROM search_searchentry e, to_tsquery('vi_unaccent', %s) AS q(q)
            WHERE e.vector_folded @@ q.q{where}
        """
        base_params = [*exact_params, tsquery(query), *params]
        order = (
            "exact_match DESC, rank DESC"
            if sort != "date"
            else "issued_on DESC NULLS LAST, exact_match DESC, rank DESC"
        )
        best = f"""
            WITH matched AS ({matched}),
            best AS (
                SELECT DISTINCT ON (page_id) id, page_id, rank, exact_match, issued_on
                FROM matched ORDER BY page_id, exact_match DESC, rank DESC
            ),
            page AS (SELECT * FROM best ORDER BY {order} LIMIT %s OFFSET %s)
            SELECT page.id, page.page_id, page.rank, page.exact_match,
                   ts_headline('vi_unaccent', e.body, to_tsquery('vi_unaccent', %s), %s)
            FROM page JOIN search_searchentry e ON e.id = page.id
            ORDER BY {order.replace("issued_on", "page.issued_on")}
        """
        facets_sql = f"""
            WITH matched AS ({matched})
            SELECT doc_type, issuer_id, year, status, COUNT(DISTINCT page_id)
            FROM matched GROUP BY doc_type, issuer_id, year, status
        """
        with connection.cursor() as cursor:
            cursor.execute(best, [*base_params, limit, offset, tsquery(query), HEADLINE_OPTIONS])
            best_rows = cursor.fetchall()
            cursor.execute(facets_sql, base_params)
            facet_rows = cursor.fetchall()
        facets = facets_from_rows(facet_rows)
        total = sum(count for *_rest, count in facet_rows)
        return EngineResult(hits=self._hits(best_rows), total=total, facets=facets)

    def _hits(self, rows: list[tuple]) -> list[Hit]:
        from search.models import SearchEntry

        entries = SearchEntry.objects.in_bulk([row[0] for row in rows])
        return [
            Hit(
                page_id=page_id,
                anchor=entries[entry_id].anchor,
                label=entries[entry_id].label,
                heading=entries[entry_id].heading,
                snippet=highlight(headline),
                score=round(float(rank) + (10.0 if exact_match else 0.0), 6),
            )
            for entry_id, page_id, rank, exact_match, headline in rows
        ]
