"""The PostgreSQL engine reads the matched ids with one search of its index: once per
statement, and the words and the filters in one scan."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.backends.postgres import PostgresEngine, common_words
from search.models import SearchDocument
from search.query import parse_query
from search.types import Filters

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL engine's own statement"
)


def test_the_matched_ids_are_searched_once_however_often_their_count_is_read(corpus):
    """The exact look-up is decided on how many documents matched; the planner once
    copied the search into each such decision and ran it three times for every
    query."""
    query = parse_query("bảo vệ trẻ em")
    assert not common_words()  # none kept here (read once per refresh): the index is asked
    with CaptureQueriesContext(connection) as captured:
        matched, _exact = PostgresEngine().id_sets(query, Filters(), exact=True)
    assert matched
    (statement,) = [q["sql"] for q in captured.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN VERBOSE {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("search_document_ids('vector_terms'") == 1, plan


def index_scans() -> dict[str, int]:
    """Scans of each index of the search documents in this transaction so far."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname, pg_stat_get_xact_numscans(index.oid) FROM pg_index "
            "JOIN pg_class index ON index.oid = pg_index.indexrelid "
            "WHERE pg_index.indrelid = 'search_searchdocument'::regclass"
        )
        return dict(cursor.fetchall())


def test_a_filtered_search_reads_words_and_filters_in_one_index_scan(corpus):
    """With an index each, the planner read the filter's documents through the tags
    index and tested the words on each row, unpacking its long vector (190 ms at
    100,000 documents); one GIN index over both intersects them inside the scan."""
    before = index_scans()
    matched, _exact = PostgresEngine().id_sets(
        parse_query("trẻ em"), Filters(doc_type="KH"), exact=False
    )
    assert matched
    scanned = {name: n - before[name] for name, n in index_scans().items() if n > before[name]}
    assert scanned == {"search_document_terms_tags_exact_gin": 1}


def test_the_documents_matching_as_typed_are_read_among_those_found_in_the_same_scan(corpus):
    """Texts are written with their diacritics, so "trẻ em" as typed is in nearly every
    document: read apart, the look-up packed them all for the few a filter keeps
    (5 ms at 10,000 documents against 1.3). It reads the words, the filters and the
    typed words in one scan of one index, and gives only documents found."""
    before = index_scans()
    matched, exact = PostgresEngine().id_sets(
        parse_query("trẻ em"), Filters(doc_type="KH"), exact=True
    )
    scanned = {name: n - before[name] for name, n in index_scans().items() if n > before[name]}
    assert scanned == {"search_document_terms_tags_exact_gin": 2}
    assert exact and set(exact) <= set(matched)
    assert not SearchDocument.objects.filter(page_id__in=exact).exclude(doc_type="KH").exists()
