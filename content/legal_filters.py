"""Filters of the legal library listing: every choice is validated, so a forged
or stale parameter is ignored rather than causing an error. Each choice shows how
many documents it would give with the other filters kept, and a choice that would
give none is not offered."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict

from base.forms import IdField, LenientForm, YearField, page_number
from content.importer import DOC_TYPES


class LegalFiltersForm(LenientForm):
    def __init__(self, data=None):
        from content.models import LegalDocumentPage, Topic

        self.param_fields = {
            "loai": forms.ChoiceField(choices=list(DOC_TYPES.items()), required=False),
            "co-quan": IdField(),
            "nam": YearField(),
            "hieu-luc": forms.ChoiceField(choices=LegalDocumentPage.Status.choices, required=False),
            "chu-de": forms.ModelChoiceField(
                Topic.objects.all(), to_field_name="slug", required=False
            ),
        }
        super().__init__(data)


#: GET parameter -> the document field it filters on
FACETS = {
    "loai": "doc_type",
    "co-quan": "issuer_id",
    "nam": "issued_on__year",
    "hieu-luc": "status",
    "chu-de": "topics__slug",
}


def _active(params: QueryDict) -> dict[str, str]:
    chosen = LegalFiltersForm(params).values()
    active: dict[str, str] = {}
    for key, value in chosen.items():
        if value:
            active[key] = value.slug if key == "chu-de" else str(value)
    return active


def _counts(documents: QuerySet, active: dict[str, str], facet: str) -> dict[str, int]:
    """Documents per value of `facet`, with every other active filter applied."""
    others = Q(**{FACETS[k]: v for k, v in active.items() if k != facet})
    field = FACETS[facet]
    rows = (
        documents.filter(others)
        .exclude(**{f"{field}__isnull": True})
        .order_by()
        .values(field)
        .annotate(n=Count("pk", distinct=True))
    )
    return {str(row[field]): row["n"] for row in rows}


def _offered(choices, counts: dict[str, int], selected: str | None) -> list[tuple]:
    """(value, label, count) for the choices that give documents (and the selected one)."""
    return [
        (value, label, counts.get(str(value), 0))
        for value, label in choices
        if counts.get(str(value)) or str(value) == selected
    ]


def filter_documents(documents: QuerySet, params: QueryDict, per_page: int) -> dict:
    from content.models import Issuer, LegalDocumentPage, Topic
    from content.models.legal import DOC_TYPE_LABELS

    active = _active(params)
    matching = documents.filter(**{FACETS[k]: v for k, v in active.items()}).distinct()
    page_obj = Paginator(matching, per_page).get_page(page_number(params))
    issuers = Issuer.objects.filter(documents__in=documents.values("pk")).distinct()
    topics = Topic.objects.order_by("name")
    years = sorted({d.year for d in documents.exclude(issued_on=None).dates("issued_on", "year")})
    return {
        "children": page_obj,
        "active_filters": active,
        "filter_types": _offered(
            sorted(
                ((c, str(DOC_TYPE_LABELS.get(c, n))) for c, n in DOC_TYPES.items()),
                key=lambda item: item[1],
            ),
            _counts(documents, active, "loai"),
            active.get("loai"),
        ),
        "filter_issuers": _offered(
            ((i.pk, i.name) for i in issuers.order_by("name")),
            _counts(documents, active, "co-quan"),
            active.get("co-quan"),
        ),
        "filter_years": _offered(
            ((y, str(y)) for y in reversed(years)),
            _counts(documents, active, "nam"),
            active.get("nam"),
        ),
        "filter_statuses": _offered(
            LegalDocumentPage.Status.choices,
            _counts(documents, active, "hieu-luc"),
            active.get("hieu-luc"),
        ),
        "filter_topics": _offered(
            ((t.slug, t.label) for t in topics),
            _counts(documents, active, "chu-de"),
            active.get("chu-de"),
        ),
    }
