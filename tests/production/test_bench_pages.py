"""bench_pages end to end at a tiny size: gunicorn really serves every page type."""

import io
from concurrent.futures import ThreadPoolExecutor

import pytest

from pagecache.bench import bench
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    LegalDocumentPageFactory,
)

# the server process must see the pages; what the migrations created is put back after
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_bench_pages_serves_every_page_type(demo_site):
    from content.models import LegalLibraryPage

    library = LegalLibraryPage.objects.get(locale__language_code="vi")
    LegalDocumentPageFactory(parent=library).save_revision().publish()
    campaigns = CampaignIndexPageFactory(parent=demo_site, slug="cd-bench")
    campaigns.save_revision().publish()
    CampaignPageFactory(parent=campaigns).save_revision().publish()
    out = io.StringIO()
    # in a thread of its own: the browser tests' event loop may be running in this one
    with ThreadPoolExecutor(1) as pool:
        summary = pool.submit(bench, 4, 20, 2, 1, lambda line: out.write(line + "\n")).result()
    text = out.getvalue()
    assert summary["pages"] == 6
    assert summary["errors"] == 0, text
    assert summary["max_queries"] <= 30, text
    assert summary["rss_mb"] > 0
    # a cached page costs the worker a small fraction of a rendered one
    assert summary["worst_uncached_cpu_ms"] > 0
    # function calls per request, counted with production settings: a page renders
    # thousands (a figure a drifting machine does not move)
    assert summary["max_calls"] > 1000, text
    last = text.strip().splitlines()[-1]
    assert last.startswith("RESULT pages=6 worst_uncached_cpu_ms=")
    for name in ("cached_min_rps=", "max_queries=", "rss_mb=", "max_db_ms=", "max_calls="):
        assert name in last
