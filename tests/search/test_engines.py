"""One behaviour suite run against every engine (in the manner of
django-modelsearch's BackendTests): each engine runs where it can (SQLite FTS5 on
SQLite, PostgreSQL full-text on PostgreSQL, Elasticsearch with ELASTICSEARCH_URL),
and an engine that lacks a behaviour declares it in GAPS, which is an explicit skip.

Under CI=true, Elasticsearch fails (rather than skips) when ELASTICSEARCH_URL is
set and the cluster cannot be reached."""

import os

from django.core.management import call_command
from django.db import connection

import pytest

from content.models import LegalDocumentPage
from search.service import search_documents
from search.types import Filters, SearchRequest

ENGINES = ["sqlite", "postgresql", "elasticsearch"]
# behaviours an engine does not have yet: search.ranking runs for the database
# engines only, Elasticsearch orders by its own scores
GAPS = {
    "elasticsearch": {
        "natural_number": "numbers inside natural queries are read by search.ranking",
        "named_before_citing": "search.ranking is not applied to Elasticsearch hits",
        "abbreviations": "abbreviations are expanded by search.ranking",
        "place": "issuer and place fields are scored by search.ranking",
        "typo": "documents holding most of the query's weight are found by search.backends.sql",
    }
}


def _elasticsearch_reachable(url: str) -> bool:
    from elasticsearch import Elasticsearch

    try:
        return bool(Elasticsearch(url, request_timeout=3).ping())
    except Exception:
        return False


@pytest.fixture(params=ENGINES)
def engine(request, settings, corpus):
    name = request.param
    if name in ("sqlite", "postgresql") and connection.vendor != name:
        pytest.skip(f"the {name} engine runs on a {name} database")
    if name == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            pytest.skip("set ELASTICSEARCH_URL to run the suite against Elasticsearch")
        if not _elasticsearch_reachable(url):
            if os.environ.get("CI") == "true":
                pytest.fail(f"ELASTICSEARCH_URL={url} is set but the cluster is unreachable")
            pytest.skip(f"Elasticsearch at {url} is unreachable")
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_INDEX_PREFIX = "cbvte-test-engines"
        call_command("rebuild_search_index", verbosity=0)
    settings.LEGAL_SEARCH_ENGINE = name
    return name


def behaviour(name: str):
    """Skip the test for an engine that declares this behaviour a gap."""

    def decorate(test):
        def run(engine, *args, **kwargs):
            gap = GAPS.get(engine, {}).get(name)
            if gap:
                pytest.skip(f"declared gap of {engine}: {gap}")
            return test(engine, *args, **kwargs)

        run.__name__ = test.__name__
        return run

    return decorate


def numbers(query: str, **filters) -> list[str]:
    request = SearchRequest(query=query, filters=Filters(**filters), per_page=10)
    return [r.document.number for r in search_documents(request).hits]


@behaviour("number")
def test_number_in_any_spelling_comes_first(engine):
    for query in ("1472/QĐ-TTg", "1472/QD-TTg", "qd 1472"):
        assert numbers(query)[0] == "1472/QĐ-TTg", query


@behaviour("natural_number")
def test_number_inside_a_natural_query(engine):
    assert numbers("nghị định 56")[0] == "56/2017/NĐ-CP"
    assert numbers("nd 56 2017")[0] == "56/2017/NĐ-CP"


@behaviour("named_before_citing")
def test_the_document_named_comes_before_those_citing_it(engine):
    found = numbers("Quyết định 1472/QĐ-TTg")
    assert found[0] == "1472/QĐ-TTg" and "03/KH-UBND" in found[1:]


@behaviour("folding")
def test_without_diacritics_finds_the_same(engine):
    assert numbers("dien dan tre em")[:3] == numbers("diễn đàn trẻ em")[:3]
    assert "56/2017/NĐ-CP" in numbers("dien dan tre em")


@behaviour("phrase")
def test_a_quoted_phrase_matches_as_a_phrase(engine):
    assert "56/2017/NĐ-CP" in numbers('"chăm sóc thay thế"')
    assert numbers('"thay thế chăm sóc"') == []


@behaviour("filters")
def test_filters_restrict(engine):
    found = numbers("trẻ em", doc_type="ND")
    assert found and all(LegalDocumentPage.objects.get(number=n).doc_type == "ND" for n in found)


@behaviour("abbreviations")
def test_abbreviations_on_both_sides(engine):
    assert "03/KH-UBND" in numbers("UBND thành phố Hải Phòng")[:1]
    assert "03/KH-UBND" in numbers("ủy ban nhân dân TP Hải Phòng")[:1]


@behaviour("place")
def test_a_place_finds_what_was_issued_there(engine):
    assert "5650/UBND-VX" in numbers("Kon Tum")[:2]


@behaviour("glossary")
def test_an_english_query_finds_the_vietnamese_texts(engine):
    assert "1472/QĐ-TTg" in numbers("child abuse")


@behaviour("typo")
def test_a_word_found_nowhere_does_not_hide_the_others(engine):
    assert numbers("kế hoạch ubnd hải phòngg")[:1] == ["03/KH-UBND"]


@behaviour("number")
def test_a_number_not_in_the_library_finds_nothing(engine):
    assert numbers("4128/QĐ-BYT") == []
