import datetime
import os

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from search import querylog
from search.models import QueryStat, QueryVisitor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def search_as_new_visitor(query: str, address: str):
    return Client(REMOTE_ADDR=address).get("/tim-kiem/", {"q": query})


def test_one_visitor_is_counted_under_a_keyed_hash_only(demo_site):
    search_as_new_visitor("Xâm HẠI  trẻ em", "10.0.0.1")
    stat = QueryStat.objects.get()
    assert stat.query == ""  # no plain text before enough visitors made the query
    assert stat.query_hash == querylog.query_hash("xam hai tre em")
    assert "xam" not in stat.query_hash and len(stat.query_hash) == 32
    assert stat.searches == 1 and stat.zero_results == 1
    visitor = QueryVisitor.objects.get()
    assert "10.0.0.1" not in visitor.visitor and len(visitor.visitor) == 32


def test_text_stored_and_listed_only_after_several_visitors(demo_site):
    for address in ["10.0.0.1", "10.0.0.2"]:
        search_as_new_visitor("nguyen van a", address)
    search_as_new_visitor("Nguyễn Văn A", "10.0.0.2")  # the same visitor again
    assert querylog.report() == []
    assert not QueryStat.objects.exclude(query="").exists()
    search_as_new_visitor("nguyen van a", "10.0.0.3")
    assert set(QueryStat.objects.values_list("query", flat=True)) == {"nguyen van a"}
    rows = querylog.report()
    assert rows[0]["query"] == "nguyen van a" and rows[0]["visitors"] == 3
    assert rows[0]["searches"] == 4
    assert querylog.report(zero_results_only=True)[0]["zero"] == 4


@pytest.mark.parametrize(
    "query",
    [
        "0912 345 678",
        "Nguyễn Văn A 0912345678",
        "so dien thoai 091.234.5678",
        "+84 912 345 678",
        "nguyenvana@example.org",
        "CCCD 001203004567",
        "cmnd 123456789",
    ],
)
def test_queries_with_personal_data_are_never_counted(demo_site, query):
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]:
        assert search_as_new_visitor(query, address).status_code == 200
    assert not QueryStat.objects.exists()


@pytest.mark.parametrize("query", ["1472/QĐ-TTg", "56/2017/NĐ-CP", "Luật Trẻ em 2016"])
def test_document_numbers_are_not_personal_data(query):
    assert not querylog.holds_personal_data(query)


def test_a_search_writes_nothing_to_the_database_until_the_batch_is_full(demo_site, settings):
    settings.SEARCH_LOG_BATCH = 3
    Client().get("/tim-kiem/")  # sessions, facts: anything done once
    for n, address in enumerate(["10.0.0.1", "10.0.0.2"]):
        with CaptureQueriesContext(connection) as queries:
            response = search_as_new_visitor(f"bao luc {n}", address)
        assert response.status_code == 200
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
    assert not QueryStat.objects.exists()
    search_as_new_visitor("bao luc 2", "10.0.0.3")  # the batch is full: the task flushes it
    assert QueryStat.objects.count() == 3


def test_many_searches_cost_the_shared_cache_one_entry_per_process_batch(demo_site, settings):
    """A busy process keeps its events and hands them over in batches: a cached search
    page costs next to nothing, and no search is lost on the way to the report."""
    from django.core.cache import cache

    settings.SEARCH_LOG_BATCH = 200
    settings.SEARCH_LOG_PROCESS_BATCH = 5
    for n in range(12):
        search_as_new_visitor("tre em", f"10.0.0.{n % 4}")
    assert cache.get(querylog.SEQ_KEY) == 2  # two hand-overs of five; two still here
    assert not QueryStat.objects.exists()
    querylog.flush()
    assert sum(QueryStat.objects.values_list("searches", flat=True)) == 12
    assert QueryVisitor.objects.count() == 4


def test_a_quiet_process_hands_its_searches_over_after_a_few_seconds(
    demo_site, settings, monkeypatch
):
    from django.core.cache import cache

    settings.SEARCH_LOG_BATCH = 200
    settings.SEARCH_LOG_PROCESS_SECONDS = 5
    search_as_new_visitor("tre em", "10.0.0.1")
    assert cache.get(querylog.SEQ_KEY) is None
    now = querylog.time.monotonic()
    monkeypatch.setattr(querylog.time, "monotonic", lambda: now + 6)
    Client().get("/")  # any later response hands the old events over
    assert cache.get(querylog.SEQ_KEY) == 1


def test_the_report_flushes_what_is_buffered(demo_site, settings, client):
    settings.SEARCH_LOG_BATCH = 1000
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]:
        search_as_new_visitor("duoi nuoc", address)
    assert not QueryStat.objects.exists()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/tim-kiem/thong-ke/").content.decode()
    assert "duoi nuoc" in html


def test_a_failure_to_count_never_fails_the_search(demo_site, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(querylog, "_incr", broken)
    response = search_as_new_visitor("tre em", "10.0.0.1")
    assert response.status_code == 200
    assert not QueryStat.objects.exists()


def test_logs_older_than_30_days_are_purged(demo_site):
    old = timezone.localdate() - datetime.timedelta(days=31)
    QueryStat.objects.create(query_hash="a" * 32, query="cu", day=old, searches=5)
    QueryStat.objects.create(query_hash="b" * 32, query="moi", day=timezone.localdate())
    assert querylog.purge() == 1
    assert list(QueryStat.objects.values_list("query", flat=True)) == ["moi"]


def test_admin_report_lists_queries(demo_site, client):
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]:
        search_as_new_visitor("duoi nuoc", address)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/tim-kiem/thong-ke/").content.decode()
    assert "duoi nuoc" in html


def test_admin_report_needs_admin_access(demo_site, client):
    client.force_login(UserFactory())
    response = client.get("/admin/tim-kiem/thong-ke/")
    assert response.status_code in (302, 403)


def test_a_process_that_exits_hands_over_the_searches_it_kept(tmp_path, settings):
    """A web process that stops (a release, gunicorn recycling a worker) leaves no
    search uncounted: what it kept goes to the shared cache as it exits."""
    import subprocess
    import sys

    from django.core.cache.backends.filebased import FileBasedCache

    script = (
        "import django\n"
        "from types import SimpleNamespace\n"
        "django.setup()\n"
        "from search import querylog\n"
        "visitor = SimpleNamespace(session=SimpleNamespace(session_key=None),"
        " META={'REMOTE_ADDR': '10.0.0.9'})\n"
        "querylog.record('đuối nước', 3, visitor)\n"
        "assert querylog._buffer.events  # kept in the process, not yet in the cache\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "CACHE_DIR": str(tmp_path),
        "SECRET_KEY": settings.SECRET_KEY,  # the same keyed hashes
        "SEARCH_LOG_PROCESS_BATCH": "50",
        "SEARCH_LOG_BATCH": "200",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**env, "PYTHONPATH": f"{settings.BASE_DIR}:{settings.BASE_DIR}/site"},
        check=True,
        timeout=60,
    )
    shared = FileBasedCache(str(tmp_path), {})
    ((day, qhash, _visitor, zero, _text),) = shared.get("search:log:event:1")
    assert qhash == querylog.query_hash("duoi nuoc") and zero == 0
