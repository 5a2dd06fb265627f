"""The PostgreSQL engine's one statement searches the index once for the matched ids."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.backends.postgres import PostgresEngine
from search.query import parse_query
from search.types import Filters

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL engine's own statement"
)


def test_the_matched_ids_are_searched_once_however_often_their_count_is_read(corpus):
    """The exact and head look-ups are decided on how many documents matched; the
    planner once copied the search into each of those decisions and ran it three
    times for every query."""
    query = parse_query("bảo vệ trẻ em")
    with CaptureQueriesContext(connection) as captured:
        matched, _exact, _head = PostgresEngine().id_sets(query, Filters(), exact=True, head=True)
    assert matched
    (statement,) = [q["sql"] for q in captured.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN VERBOSE {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("search_document_ids('vector_terms'") == 1, plan
