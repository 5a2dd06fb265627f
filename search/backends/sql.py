"""What the two database engines share: filters and facets over search_searchentry,
and turning the best row of each document into a Hit."""

from __future__ import annotations

from search.types import Facets, Filters


def filter_sql(filters: Filters, alias: str = "e", placeholder: str = "%s") -> tuple[str, list]:
    clauses, params = [], []
    if filters.doc_type:
        clauses.append(f"{alias}.doc_type = {placeholder}")
        params.append(filters.doc_type)
    if filters.issuer_id:
        clauses.append(f"{alias}.issuer_id = {placeholder}")
        params.append(filters.issuer_id)
    if filters.year_from:
        clauses.append(f"{alias}.year >= {placeholder}")
        params.append(filters.year_from)
    if filters.year_to:
        clauses.append(f"{alias}.year <= {placeholder}")
        params.append(filters.year_to)
    if filters.status:
        clauses.append(f"{alias}.status = {placeholder}")
        params.append(filters.status)
    if filters.topic:
        clauses.append(f"(' ' || {alias}.topics || ' ') LIKE {placeholder}")
        params.append(f"% {filters.topic} %")
    return "".join(f" AND {c}" for c in clauses), params


def facets_from_rows(rows: list[tuple]) -> Facets:
    """rows of (doc_type, issuer_id, year, status, documents)."""
    facets = Facets()
    for doc_type, issuer_id, year, status, count in rows:
        if doc_type:
            facets.doc_type[doc_type] = facets.doc_type.get(doc_type, 0) + count
        if issuer_id:
            facets.issuer[issuer_id] = facets.issuer.get(issuer_id, 0) + count
        if year:
            facets.year[year] = facets.year.get(year, 0) + count
        if status:
            facets.status[status] = facets.status.get(status, 0) + count
    return facets
