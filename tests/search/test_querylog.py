import datetime

from django.test import Client
from django.utils import timezone

import pytest

from search import querylog
from search.models import QueryStat, QueryVisitor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def search_as_new_visitor(query: str, address: str) -> None:
    Client(REMOTE_ADDR=address).get("/tim-kiem/", {"q": query})


def test_only_normalised_counts_are_stored(demo_site):
    search_as_new_visitor("Xâm HẠI  trẻ em", "10.0.0.1")
    stat = QueryStat.objects.get()
    assert stat.query == "xam hai tre em"
    assert stat.searches == 1 and stat.zero_results == 1
    visitor = QueryVisitor.objects.get()
    assert "10.0.0.1" not in visitor.visitor and len(visitor.visitor) == 32


def test_query_listed_only_after_several_visitors(demo_site):
    for address in ["10.0.0.1", "10.0.0.2"]:
        search_as_new_visitor("nguyen van a", address)
    search_as_new_visitor("nguyen van a", "10.0.0.2")  # the same visitor again
    assert querylog.report() == []
    search_as_new_visitor("nguyen van a", "10.0.0.3")
    rows = querylog.report()
    assert rows[0]["query"] == "nguyen van a" and rows[0]["visitors"] == 3
    assert rows[0]["searches"] == 4
    assert querylog.report(zero_results_only=True)[0]["zero"] == 4


def test_logs_older_than_30_days_are_purged(demo_site):
    old = timezone.localdate() - datetime.timedelta(days=31)
    QueryStat.objects.create(query="cu", day=old, searches=5)
    QueryStat.objects.create(query="moi", day=timezone.localdate(), searches=1)
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
