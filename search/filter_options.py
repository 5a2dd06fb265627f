"""The search page's one filter form: each choice with how many results it
keeps, and how many filters are in use (shown on the folded filters' summary)."""

from __future__ import annotations

from content.importer import DOC_TYPES
from content.models import LegalDocumentPage
from search.service import issuer_names
from search.types import Facets, Filters

Choice = tuple[object, str, int | None]  # value, name, results it keeps (None: unknown)


def active_filter_count(filters: Filters) -> int:
    """Type, issuing body, years (one range), validity and topic in use."""
    years = filters.year_from or filters.year_to
    values = (filters.doc_type, filters.issuer_id, years, filters.status, filters.topic)
    return sum(1 for value in values if value)


def filter_choices(facets: Facets, filters: Filters) -> dict[str, list[Choice]]:
    """Every document type and validity, with its count among the results when it
    has any; the issuing bodies of the results, most results first, and the chosen
    one even when none of the results are its."""
    types = [
        (code, name, facets.doc_type.get(code))
        for code, name in sorted(DOC_TYPES.items(), key=lambda item: item[1])
    ]
    statuses = [
        (value, name, facets.status.get(value)) for value, name in LegalDocumentPage.Status.choices
    ]
    wanted = set(facets.issuer) | ({filters.issuer_id} if filters.issuer_id else set())
    names = issuer_names(wanted)
    issuers = sorted(
        ((pk, names[pk], facets.issuer.get(pk)) for pk in wanted if pk in names),
        key=lambda choice: (-(choice[2] or 0), choice[1]),
    )
    return {"types": types, "statuses": statuses, "issuers": issuers}
