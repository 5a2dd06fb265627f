"""What each page type puts in Wagtail's index (wagtailsearch.W001 is silenced
for legal documents alone: settings.base)."""

from wagtail.models import Page, get_page_models
from wagtail.search import index

from content.models import LegalDocumentPage


def test_every_other_page_type_keeps_the_core_page_fields_in_wagtails_index():
    for model in get_page_models():
        if model is LegalDocumentPage or not model.search_fields:
            continue
        missing = [f for f in Page.search_fields if f not in model.search_fields]
        assert not missing, f"{model.__name__} lacks {missing}"


def test_legal_documents_are_in_wagtails_index_for_the_admin_only():
    """Autocomplete (the admin's page search and chooser) on title and number, the
    filters the admin uses; no text for Wagtail's full-text search."""
    fields = LegalDocumentPage.search_fields
    autocompleted = {f.field_name for f in fields if isinstance(f, index.AutocompleteField)}
    assert autocompleted == {"title", "number"}
    assert not [f for f in fields if isinstance(f, index.SearchField)]
    core_filters = [f for f in Page.search_fields if isinstance(f, index.FilterField)]
    assert all(f in fields for f in core_filters)
