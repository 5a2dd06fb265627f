from django.apps import apps

from wagtail.models import Page

import pytest

from content.models import LegalDocumentPage
from home.models import HomePage
from tests.factories import PAGE_FACTORIES, LegalLibraryPageFactory

OUR_APPS = {"home", "content", "learning", "search", "accounts"}


def our_page_models() -> set[type[Page]]:
    return {
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in OUR_APPS
    }


def test_every_page_type_has_a_factory():
    missing = {model.__name__ for model in our_page_models()} - {
        model.__name__ for model in PAGE_FACTORIES
    }
    assert not missing, f"page types without a factory in tests/factories.py: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(PAGE_FACTORIES, key=lambda m: m.__name__))
def test_factory_builds_a_page_that_renders(model, home_page, client):
    if model is HomePage:
        page = PAGE_FACTORIES[model](parent=Page.get_first_root_node())
        assert page.specific_class is HomePage
        response = client.get("/")  # the site's own home page
    elif model is LegalDocumentPage:
        page = PAGE_FACTORIES[model](parent=LegalLibraryPageFactory(parent=home_page))
        assert page.specific_class is model
        response = client.get(page.url)
    else:
        page = PAGE_FACTORIES[model](parent=home_page)
        assert page.specific_class is model
        response = client.get(page.url)
    assert response.status_code == 200
