"""Filters of the legal library listing: every choice is validated, so a forged
or stale parameter is ignored rather than causing an error. Each choice shows how
many documents it would give with the other filters kept, and a choice that would
give none is not offered. The counts come from two GROUP BY queries (type, issuer,
year and status together; topics on their own), not one query per filter."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.functional import cached_property

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


#: the facets read from one GROUP BY (the topic is many-to-many: counted on its own)
GROUPED = {"loai": "doc_type", "co-quan": "issuer_id", "nam": "year", "hieu-luc": "status"}


class CountedPaginator(Paginator):
    """A paginator told its count (known from the facet counts: no COUNT query)."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _groups(documents: QuerySet, active: dict[str, str]) -> list[dict]:
    """Documents per (type, issuer, year, status), the topic filter applied: the counts of
    every grouped facet under any other filters add up from these rows (one query)."""
    if "chu-de" in active:
        documents = documents.filter(topics__slug=active["chu-de"])
    return list(
        documents.order_by()
        .annotate(year=ExtractYear("issued_on"))
        .values(*GROUPED.values())
        .annotate(n=Count("pk", distinct=True))
    )


def _matches(group: dict, active: dict[str, str], skip: str | None = None) -> bool:
    return all(
        str(group[field]) == active[key]
        for key, field in GROUPED.items()
        if key != skip and key in active
    )


def _grouped_counts(groups: list[dict], active: dict[str, str], facet: str) -> dict[str, int]:
    """Documents per value of `facet`, with every other active filter applied."""
    field = GROUPED[facet]
    counts: dict[str, int] = {}
    for group in groups:
        if group[field] is not None and _matches(group, active, skip=facet):
            counts[str(group[field])] = counts.get(str(group[field]), 0) + group["n"]
    return counts


def _topic_counts(documents: QuerySet, active: dict[str, str]) -> dict[str, int]:
    """Documents per topic, with every other active filter applied."""
    others = {FACETS[k]: v for k, v in active.items() if k != "chu-de"}
    rows = (
        documents.filter(**others)
        .exclude(topics__slug__isnull=True)
        .order_by()
        .values("topics__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["topics__slug"]: row["n"] for row in rows}


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
    groups = _groups(documents, active)
    matching = documents.filter(**{FACETS[k]: v for k, v in active.items()})
    if "chu-de" in active:
        matching = matching.distinct()
    total = sum(group["n"] for group in groups if _matches(group, active))
    page_obj = CountedPaginator(matching, per_page, total).get_page(page_number(params))
    shown = {key: {str(group[field]) for group in groups} for key, field in GROUPED.items()}
    issuer_ids = {int(i) for i in shown["co-quan"] if i != "None"}
    years = sorted({int(y) for y in shown["nam"] if y != "None"})
    return {
        "children": page_obj,
        "active_filters": active,
        "filter_types": _offered(
            sorted(
                ((c, str(DOC_TYPE_LABELS.get(c, n))) for c, n in DOC_TYPES.items()),
                key=lambda item: item[1],
            ),
            _grouped_counts(groups, active, "loai"),
            active.get("loai"),
        ),
        "filter_issuers": _offered(
            ((i.pk, i.name) for i in Issuer.objects.filter(pk__in=issuer_ids).order_by("name")),
            _grouped_counts(groups, active, "co-quan"),
            active.get("co-quan"),
        ),
        "filter_years": _offered(
            ((y, str(y)) for y in reversed(years)),
            _grouped_counts(groups, active, "nam"),
            active.get("nam"),
        ),
        "filter_statuses": _offered(
            LegalDocumentPage.Status.choices,
            _grouped_counts(groups, active, "hieu-luc"),
            active.get("hieu-luc"),
        ),
        "filter_topics": _offered(
            ((t.slug, t.label) for t in Topic.objects.order_by("name")),
            _topic_counts(documents, active),
            active.get("chu-de"),
        ),
    }
