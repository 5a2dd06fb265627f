"""Filters of the legal library listing: every choice is validated, so a forged
or stale parameter is ignored rather than causing an error."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from base.forms import IdField, LenientForm, YearField
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


def filter_documents(documents: QuerySet, params: QueryDict, per_page: int) -> dict:
    from content.models import Issuer, LegalDocumentPage, Topic

    chosen = LegalFiltersForm(params).values()
    active: dict[str, str] = {}
    if chosen["loai"]:
        documents, active["loai"] = documents.filter(doc_type=chosen["loai"]), chosen["loai"]
    if chosen["co-quan"]:
        issuer = chosen["co-quan"]
        documents, active["co-quan"] = documents.filter(issuer_id=issuer), str(issuer)
    if chosen["nam"]:
        year = chosen["nam"]
        documents, active["nam"] = documents.filter(issued_on__year=year), str(year)
    if chosen["hieu-luc"]:
        status = chosen["hieu-luc"]
        documents, active["hieu-luc"] = documents.filter(status=status), status
    if chosen["chu-de"]:
        topic = chosen["chu-de"]
        documents, active["chu-de"] = documents.filter(topics=topic), topic.slug
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
