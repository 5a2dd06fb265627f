"""The search filters (type, issuer, years, validity, topic) applied to the rows that
carry them as columns (SearchDocument, SearchEntry): one place for the number lookup
and the ranking."""

from django.db.models import QuerySet

from search.types import Filters


def apply_filters(rows: QuerySet, filters: Filters) -> QuerySet:
    if filters.doc_type:
        rows = rows.filter(doc_type=filters.doc_type)
    if filters.issuer_id:
        rows = rows.filter(issuer_id=filters.issuer_id)
    if filters.year_from:
        rows = rows.filter(year__gte=filters.year_from)
    if filters.year_to:
        rows = rows.filter(year__lte=filters.year_to)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.topic:
        rows = rows.filter(topics__regex=rf"(^| ){filters.topic}( |$)")
    return rows
