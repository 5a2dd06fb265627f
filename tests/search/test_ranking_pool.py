"""When a query finds many documents, those ranked are chosen by reading the heads of
the newest found (their opening, as the ranking reads it) instead of looking every
head up in the index: the results must be the same, on every database engine."""

from io import StringIO

import pytest

from search.backends import sql
from search.management.commands.bench_search import Command
from search.service import search_documents
from search.types import Filters, SearchRequest

QUERIES = [
    ("trẻ em", Filters()),
    ("phòng chống xâm hại trẻ em", Filters()),
    ("bao ve tre em", Filters()),
    ("tuyên truyền", Filters()),
    ('"xâm hại trẻ em"', Filters()),
    ("trẻ em", Filters(doc_type="KH")),
    ("đuối nước", Filters()),
]


@pytest.fixture
def many_documents(library):
    """Three hundred synthetic documents (search.bench), ranked twenty at a time, so
    that common words find far more documents than are ranked."""
    command = Command(stdout=StringIO())
    command.with_baseline = False
    command.build(300, seed=7)
    return command


def results(monkeypatch) -> list:
    """Page 1 and 2 of each query, twenty documents ranked."""
    monkeypatch.setattr(sql, "RANKING_POOL", 20)
    pages = []
    for text, filters in QUERIES:
        for page in (1, 2):
            response = search_documents(
                SearchRequest(query=text, filters=filters, page=page, per_page=10)
            )
            pages.append((text, page, response.total, [r.hit.page_id for r in response.hits]))
    return pages


def test_reading_the_newest_heads_ranks_as_looking_every_head_up(many_documents, monkeypatch):
    outcomes = []
    chosen = sql.heads_among_newest

    def spy(*args, **kwargs):
        heads = chosen(*args, **kwargs)
        outcomes.append(heads is not None)
        return heads

    monkeypatch.setattr(sql, "heads_among_newest", lambda *args, **kwargs: None)
    looked_up = results(monkeypatch)  # every head looked up in the index
    monkeypatch.setattr(sql, "heads_among_newest", spy)
    read = results(monkeypatch)
    assert read == looked_up
    assert all(hits for _text, page, _total, hits in looked_up if page == 1)
    # both ways were taken: the newest heads settled it, or the index was asked
    assert True in outcomes and False in outcomes
