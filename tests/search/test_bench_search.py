"""bench_search runs end to end on a small corpus and leaves nothing behind."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.models import Page

import pytest

from content.models import LegalDocumentPage
from search.models import SearchDocument


def test_bench_prints_its_result_line_and_rolls_back(library):
    before = (LegalDocumentPage.objects.count(), SearchDocument.objects.count())
    out = StringIO()
    call_command(
        "bench_search", docs=30, repeat=1, baseline_timeout=1, stdout=out, stderr=StringIO()
    )
    lines = out.getvalue().strip().splitlines()
    assert lines[-1].startswith("RESULT docs=30 p50_ms=")
    assert {"p95_ms", "baseline_p95_ms", "speedup_p95"} <= {
        field.split("=")[0] for field in lines[-1].split()
    }
    assert (LegalDocumentPage.objects.count(), SearchDocument.objects.count()) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_the_planner_is_not_left_counting_the_rolled_back_documents(library):
    """ANALYZE's size estimate outlives a rollback: after the benchmark the pages and
    search tables are estimated at what they hold, not 200 documents more."""
    call_command("bench_search", docs=200, repeat=1, no_baseline=True, stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        estimated = cursor.fetchone()[0]
    assert estimated < Page.objects.count() + 100


def test_kept_documents_are_measured_again_without_rebuilding(library):
    """--keep leaves the synthetic documents in a benchmarking database; a second
    run measures them as they are (the test's transaction still undoes both)."""

    def run() -> list[str]:
        out = StringIO()
        call_command("bench_search", docs=20, repeat=1, keep=True, no_baseline=True, stdout=out)
        return out.getvalue().strip().splitlines()

    first = run()
    kept = LegalDocumentPage.objects.filter(slug__startswith="bench-").count()
    second = run()
    assert kept == 20 and LegalDocumentPage.objects.filter(slug__startswith="bench-").count() == 20
    assert any(line.startswith("index: ours") for line in first)
    assert "reusing the 20 documents kept by an earlier --keep run" in second
    assert not any(line.startswith("index:") for line in second)
    assert second[-1].startswith("RESULT docs=20 ") and "cpu_p95_ms=" in second[-1]


@pytest.mark.django_db
def test_bench_without_a_library_says_what_to_do():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("bench_search", docs=10, stdout=StringIO())


def test_the_benchmark_measures_as_production_runs_without_the_query_log(library, settings):
    """manage.py starts with the development settings, whose DEBUG logs every SQL
    statement: the benchmark measures without that cost, as the site runs."""
    from django.db import reset_queries

    settings.DEBUG = True
    reset_queries()
    call_command("bench_search", docs=20, repeat=1, no_baseline=True, stdout=StringIO())
    assert connection.queries == []


def test_the_slowest_queries_are_shown_with_their_time_in_the_database(library):
    """--slowest N says where the p95 comes from: the N queries whose slowest run took
    longest, each with its database time and its statements, before the result line."""
    out = StringIO()
    call_command("bench_search", docs=20, repeat=2, no_baseline=True, slowest=3, stdout=out)
    lines = out.getvalue().strip().splitlines()
    start = lines.index("slowest 3 queries (of 2 runs: max, then medians):")
    shown = lines[start + 1 : start + 4]
    assert all("db=" in line and "statements=" in line for line in shown)
    worst = [float(line.split("max=")[1].split()[0]) for line in shown]
    assert worst == sorted(worst, reverse=True)
    statements = [int(line.split("statements=")[1].split()[0]) for line in shown]
    assert all(count >= 1 for count in statements)  # every search reads its documents
    assert lines[-1].startswith("RESULT docs=20 ")
