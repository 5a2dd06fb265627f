"""The search page's GET parameters, read through a form (base.forms bounds)."""

from django import forms

from base.forms import IdField, LenientForm, PageNumberField, YearField
from content.importer import DOC_TYPES

SORTS = {"relevance", "date"}
MAX_QUERY = 1000
MAX_SUGGEST_QUERY = 200  # the search boxes' maxlength


class SuggestForm(LenientForm):
    """The suggestions' ``q``: longer than a search box allows, or holding a NUL
    character, it is not a query (None), and there is nothing to suggest."""

    param_fields = {
        "q": forms.CharField(required=False, strip=True, max_length=MAX_SUGGEST_QUERY),
    }


class SearchForm(LenientForm):
    """Anything forged or out of range is ignored (None)."""

    def __init__(self, data=None):
        from content.models import LegalDocumentPage, Topic

        self.param_fields = {
            "q": forms.CharField(required=False, strip=False),
            "loai": forms.ChoiceField(choices=list(DOC_TYPES.items()), required=False),
            "co-quan": IdField(),
            "tu-nam": YearField(),
            "den-nam": YearField(),
            "hieu-luc": forms.ChoiceField(choices=LegalDocumentPage.Status.choices, required=False),
            "chu-de": forms.ModelChoiceField(
                Topic.objects.all(), to_field_name="slug", required=False
            ),
            "sap-xep": forms.ChoiceField(choices=[(s, s) for s in sorted(SORTS)], required=False),
            "trang": PageNumberField(),
        }
        super().__init__(data)
