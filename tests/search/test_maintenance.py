"""The full-text indexes stay merged: pages published one by one are read from one
segment again after the upkeep, and the search finds the same pages."""

from django.db import connection

import pytest

from content.models import GuidanceIndexPage, GuidancePage
from search import maintenance
from search.other_pages import search_other_pages
from search.query import parse_query
from tests.factories import GuidancePageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 segments are SQLite's"),
]


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {maintenance.WAGTAIL_FTS}_data")  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def guidance_published_one_by_one(demo_site):
    parent = GuidanceIndexPage.objects.filter(locale__language_code="vi").first()
    for n in range(8):
        page = GuidancePageFactory(parent=parent, title=f"Hướng dẫn báo tin số {n}")
        page.save_revision().publish()
    return parent


def found_titles() -> list[str]:
    return sorted(page.title for page in search_other_pages(parse_query("bao tin")))


def test_merging_keeps_what_the_search_finds_and_reads_fewer_segments(
    guidance_published_one_by_one,
):
    before, titles = index_rows(), found_titles()
    maintenance.merge_indexes()
    assert index_rows() < before
    assert found_titles() == titles and titles


def test_settling_after_a_bulk_load_merges_every_index(guidance_published_one_by_one):
    before = index_rows()
    maintenance.settle_indexes()
    assert index_rows() < before
    assert found_titles()


def test_publishing_asks_for_one_merge_per_interval(demo_site, monkeypatch):
    from django.core.cache import cache

    cache.delete(maintenance.MERGE_DUE_KEY)  # the site's own pages were just published
    merges = []
    monkeypatch.setattr(maintenance, "merge_indexes", lambda: merges.append(1))
    parent = GuidanceIndexPage.objects.filter(locale__language_code="vi").first()
    for n in range(3):
        GuidancePageFactory(parent=parent, title=f"Trang {n}").save_revision().publish()
    assert merges == [1]
    assert GuidancePage.objects.live().count() >= 3
