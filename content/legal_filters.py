"""Filters of the legal library listing: every choice is validated, so a forged
or stale parameter is ignored rather than causing an error."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from content.importer import DOC_TYPES


def bounded_int(value: str | None, low: int, high: int) -> int | None:
    """A whole number from a GET parameter, or None when it is missing, not a
    number, or outside [low, high] (forged and stale links are ignored)."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def filter_documents(documents: QuerySet, params: QueryDict, per_page: int) -> dict:
    from content.models import Issuer, LegalDocumentPage, Topic

    active: dict[str, str] = {}
    doc_type = params.get("loai", "")
    if doc_type in DOC_TYPES:
        documents, active["loai"] = documents.filter(doc_type=doc_type), doc_type
    issuer = bounded_int(params.get("co-quan"), 1, 2**63 - 1)
    if issuer:
        documents, active["co-quan"] = documents.filter(issuer_id=issuer), str(issuer)
    year = bounded_int(params.get("nam"), 1900, 2200)
    if year:
        documents, active["nam"] = documents.filter(issued_on__year=year), str(year)
    status = params.get("hieu-luc", "")
    if status in LegalDocumentPage.Status.values:
        documents, active["hieu-luc"] = documents.filter(status=status), status
    topic = params.get("chu-de", "")
    if topic and Topic.objects.filter(slug=topic).exists():
        documents, active["chu-de"] = documents.filter(topics__slug=topic), topic
    page_obj = Paginator(documents.distinct(), per_page).get_page(params.get("trang"))
    return {
        "children": page_obj,
        "active_filters": active,
        "filter_types": sorted(DOC_TYPES.items(), key=lambda item: item[1]),
        "filter_issuers": Issuer.objects.filter(documents__live=True).distinct().order_by("name"),
        "filter_years": sorted(
            {
                d.year
                for d in documents.model.objects.live()
                .exclude(issued_on=None)
                .dates("issued_on", "year")
            },
            reverse=True,
        ),
        "filter_statuses": LegalDocumentPage.Status.choices,
        "filter_topics": Topic.objects.order_by("name"),
    }
