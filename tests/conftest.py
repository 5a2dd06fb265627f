from wagtail.models import Locale, Site

import pytest

from home.demo import load_site_frame


@pytest.fixture
def home_page(db):
    """The Vietnamese home page created by the migrations."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def demo_site(db):
    """Home page, sections, menu and footer in both languages, as `make run` loads them."""
    return load_site_frame()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: every test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
