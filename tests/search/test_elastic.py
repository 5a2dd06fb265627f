"""The Elasticsearch engine: mapping and query building (pure), and integration
tests against a live cluster when ELASTICSEARCH_URL is set."""

from __future__ import annotations

import datetime
import json
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from search.backends import elastic
from search.backends.elastic import (
    ElasticsearchEngine,
    build_mapping,
    build_query,
    index_settings,
    parse_response,
    safe_highlight,
)
from search.query import NumberLookup, ParsedQuery, parse_query
from search.types import Filters, IndexEntry

NO_FILTERS = Filters()


def walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere in a nested body."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def phrases(body: dict[str, Any], field: str) -> list[str]:
    """The texts of every match_phrase on `field`."""
    return [v[field]["query"] for k, v in walk(body) if k == "match_phrase" and field in v]


def main_query(body: dict[str, Any]) -> dict[str, Any]:
    return body["query"]["bool"]["must"][0]


# Mapping and settings -------------------------------------------------------


def test_analyzers_fold_and_exact() -> None:
    analysis = index_settings()["settings"]["analysis"]["analyzer"]
    assert analysis["vi_folding"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding"],
    }
    assert analysis["vi_exact"]["filter"] == ["lowercase"]
    assert "asciifolding" not in analysis["vi_exact"]["filter"]


def test_mapping_text_fields_have_exact_subfield() -> None:
    properties = build_mapping().to_dict()["properties"]
    for field in ("heading", "body"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "vi_folding"
        assert properties[field]["fields"]["exact"] == {"type": "text", "analyzer": "vi_exact"}
    assert properties["page_id"]["type"] == "integer"
    assert properties["issuer_id"]["type"] == "integer"
    assert properties["year"]["type"] == "integer"
    assert properties["issued_on"]["type"] == "date"
    for field in ("anchor", "label", "number_key", "doc_type", "status", "topics"):
        assert properties[field]["type"] == "keyword"


def test_index_settings_is_a_create_body() -> None:
    body = index_settings()
    assert set(body) == {"settings", "mappings"}
    assert body["mappings"] == build_mapping().to_dict()
    json.dumps(body)


def test_index_name_prefixed_per_environment(settings, monkeypatch) -> None:
    settings.ELASTICSEARCH_INDEX_PREFIX = ""
    monkeypatch.setenv("ELASTICSEARCH_ENV", "production")
    assert elastic.index_name() == "cbvte-production-legal-sections"
    monkeypatch.delenv("ELASTICSEARCH_ENV")
    assert elastic.index_name() == "cbvte-dev-legal-sections"
    settings.ELASTICSEARCH_INDEX_PREFIX = "cbvte-test"
    assert ElasticsearchEngine().index_name == "cbvte-test-legal-sections"


def test_engine_connects_lazily(settings) -> None:
    settings.ELASTICSEARCH_URL = ""
    engine = ElasticsearchEngine()  # no connection yet
    assert engine.name == "elasticsearch"
    with pytest.raises(RuntimeError):
        _ = engine.client


# Query building -------------------------------------------------------------


def test_plain_words_must_all_match() -> None:
    body = build_query(parse_query("quyen tre em"), NO_FILTERS, "relevance", 0, 20)
    clauses = main_query(body)["bool"]["must"]
    assert len(clauses) == 3
    for clause, word in zip(clauses, ["quyen", "tre", "em"], strict=True):
        assert clause["bool"]["minimum_should_match"] == 1
        assert {"match_phrase": {"body": {"query": word}}} in clause["bool"]["should"]
    assert phrases(body, "body.exact") == []
    assert body["sort"][0] == "_score"


def test_accented_words_add_exact_boost() -> None:
    body = build_query(parse_query("điện lực"), NO_FILTERS, "relevance", 0, 20)
    assert phrases(body, "body") == ["dien", "luc"]
    assert phrases(body, "body.exact") == ["điện", "lực"]
    exact = [v["body.exact"] for k, v in walk(body) if k == "match_phrase" and "body.exact" in v]
    assert all(e["boost"] > 1 for e in exact)
    # exact forms only boost: they sit in `should`, never in a `must`
    for clause in main_query(body)["bool"]["must"]:
        assert clause["bool"]["minimum_should_match"] == 1
        assert "must" not in clause["bool"]


def test_quoted_phrase_is_one_match_phrase() -> None:
    body = build_query(parse_query('"bảo vệ trẻ em" xâm hại'), NO_FILTERS, "relevance", 0, 20)
    clauses = main_query(body)["bool"]["must"]
    assert len(clauses) == 3
    assert phrases(clauses[0], "body") == ["bao ve tre em"]
    assert phrases(clauses[0], "body.exact") == ["bảo vệ trẻ em"]


def test_synonyms_are_alternatives_of_one_clause() -> None:
    query = parse_query("lạm dụng", {"lam dung": ["xam hai"]})
    body = build_query(query, NO_FILTERS, "relevance", 0, 20)
    clauses = main_query(body)["bool"]["must"]
    assert len(clauses) == 1
    assert phrases(clauses[0], "body") == ["lam dung", "xam hai"]
    assert clauses[0]["bool"]["minimum_should_match"] == 1


def test_exact_number_lookup_can_stand_alone() -> None:
    query = parse_query("1472/QĐ-TTg")
    assert query.number == NumberLookup(key="1472/QD-TTG")
    body = build_query(query, NO_FILTERS, "relevance", 0, 20)
    top = main_query(body)["bool"]
    assert top["minimum_should_match"] == 1
    number, words = top["should"]
    assert number["constant_score"]["boost"] == 100
    assert number["constant_score"]["filter"]["bool"]["filter"] == [
        {"term": {"number_key": {"value": "1472/QD-TTG"}}}
    ]
    assert len(words["bool"]["must"]) == 3  # 1472, qđ, ttg


def test_prefix_number_lookup_with_type() -> None:
    query = parse_query("QĐ 1472")
    body = build_query(query, NO_FILTERS, "relevance", 0, 20)
    number = main_query(body)["bool"]["should"][0]["constant_score"]["filter"]["bool"]["filter"]
    assert number == [
        {"prefix": {"number_key": {"value": "1472/"}}},
        {"term": {"doc_type": {"value": "QD"}}},
    ]


def test_number_only_without_words() -> None:
    query = ParsedQuery(raw="", number=NumberLookup(key="56/2017/", prefix=True))
    body = build_query(query, NO_FILTERS, "relevance", 0, 20)
    assert main_query(body)["bool"]["should"] == [
        {
            "constant_score": {
                "filter": {"bool": {"filter": [{"prefix": {"number_key": {"value": "56/2017/"}}}]}},
                "boost": 100.0,
            }
        }
    ]


def test_filters_and_year_range() -> None:
    filters = Filters(
        doc_type="ND", issuer_id=7, year_from=2015, year_to=2020, status="active", topic="tre-em"
    )
    body = build_query(parse_query("tre em"), filters, "relevance", 0, 20)
    assert body["query"]["bool"]["filter"] == [
        {"term": {"doc_type": {"value": "ND"}}},
        {"term": {"issuer_id": {"value": 7}}},
        {"term": {"status": {"value": "active"}}},
        {"term": {"topics": {"value": "tre-em"}}},
        {"range": {"year": {"gte": 2015, "lte": 2020}}},
    ]
    only_to = build_query(parse_query("x"), Filters(year_to=2010), "relevance", 0, 20)
    assert only_to["query"]["bool"]["filter"] == [{"range": {"year": {"lte": 2010}}}]


def test_sort_by_date() -> None:
    body = build_query(parse_query("tre em"), NO_FILTERS, "date", 0, 20)
    assert body["sort"][0] == {
        "issued_on": {"order": "desc", "missing": "_last", "unmapped_type": "date"}
    }
    assert body["track_scores"] is True


def test_pagination_collapse_and_aggregations() -> None:
    body = build_query(parse_query("tre em"), NO_FILTERS, "relevance", 40, 20)
    assert (body["from"], body["size"]) == (40, 20)
    assert body["collapse"] == {"field": "page_id"}
    aggs = body["aggs"]
    assert aggs["documents"]["cardinality"]["field"] == "page_id"
    for name, field in [
        ("doc_type", "doc_type"),
        ("issuer", "issuer_id"),
        ("year", "year"),
        ("status", "status"),
    ]:
        assert aggs[name]["terms"] == {"field": field, "size": 50}
        assert aggs[name]["aggs"]["docs"]["cardinality"]["field"] == "page_id"
    highlight = body["highlight"]
    assert highlight["encoder"] == "html"
    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert set(highlight["fields"]) == {"body", "body.exact"}


def test_pagination_is_clamped() -> None:
    body = build_query(parse_query("x"), NO_FILTERS, "relevance", -5, 20)
    assert (body["from"], body["size"]) == (0, 20)
    body = build_query(parse_query("x"), NO_FILTERS, "relevance", 9_990, 20)
    assert body["from"] + body["size"] <= 10_000
    body = build_query(parse_query("x"), NO_FILTERS, "relevance", 50_000, 20)
    assert body["from"] + body["size"] <= 10_000


@pytest.mark.parametrize(
    "raw",
    [
        'a OR b* NOT "c',
        "field:value^2 ~ \\",
        "(((( )) [x TO y] {a} && || ! - + / ?",
        "x" * 10_000,
        "tr\x00e\x1b em\x7f\u200b\ufeff",
        '"" " "',
        "<script>alert(1)</script>",
        "",
    ],
)
def test_adversarial_input_never_reaches_query_syntax(raw: str) -> None:
    query = parse_query(raw)
    body = build_query(query, Filters(doc_type='QD" OR *'), "relevance", 0, 20)
    text = json.dumps(body)
    keys = {k for k, _ in walk(body)}
    assert "query_string" not in keys
    assert "simple_query_string" not in keys
    assert "query_string" not in text
    for value in phrases(body, "body"):
        assert value and all(ch.isalnum() or ch == " " for ch in value)


# Response mapping -----------------------------------------------------------


def test_highlights_stay_safe_html() -> None:
    assert safe_highlight("a &lt;b&gt; <mark>điện</mark>") == "a &lt;b&gt; <mark>điện</mark>"
    assert safe_highlight("<script>x</script> <mark>y") == (
        "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"
    )
    assert safe_highlight("</mark>a & b<mark><mark>c") == "a &amp; b<mark>c</mark>"


def test_documents_the_page_shows_itself_are_left_out_of_the_hits_only() -> None:
    """The number matches come first on the search page: they are skipped in the
    hits (a post filter) but counted by the aggregations, with how many matched."""
    plain = build_query(parse_query("1472/QĐ-TTg"), NO_FILTERS, "relevance", 0, 9)
    assert "post_filter" not in plain and "skipped" not in plain["aggs"]
    body = build_query(parse_query("1472/QĐ-TTg"), NO_FILTERS, "relevance", 0, 9, skip=[7, 3])
    assert body["post_filter"] == {"bool": {"must_not": [{"terms": {"page_id": [3, 7]}}]}}
    assert body["aggs"]["skipped"]["filter"] == {"terms": {"page_id": [3, 7]}}
    assert (
        body["query"] == plain["query"] and body["aggs"]["documents"] == plain["aggs"]["documents"]
    )
    response = {"hits": {"hits": []}, "aggregations": {"documents": {"value": 5}}}
    response["aggregations"]["skipped"] = {"doc_count": 4, "docs": {"value": 1}}
    result = parse_response(response, parse_query("1472/QĐ-TTg"))
    assert (result.total, result.skipped) == (5, 1)


def test_parse_response_builds_hits_and_facets() -> None:
    query = parse_query("1472/QĐ-TTg")
    response = {
        "hits": {
            "hits": [
                {
                    "_score": 104.5,
                    "_source": {
                        "page_id": 3,
                        "anchor": "",
                        "label": "",
                        "heading": "Quyết định",
                        "body": "Số 1472/QĐ-TTg <b>",
                        "number_key": "1472/QD-TTG",
                        "doc_type": "QD",
                    },
                },
                {
                    "_score": 2.0,
                    "_source": {
                        "page_id": 9,
                        "anchor": "dieu-2",
                        "label": "Điều 2.",
                        "heading": "Căn cứ",
                        "body": "theo Quyết định 1472/QĐ-TTg",
                        "number_key": "5/2020/TT-BLDTBXH",
                    },
                    "highlight": {"body": ["theo Quyết định <mark>1472</mark>/<mark>QĐ</mark>"]},
                },
            ]
        },
        "aggregations": {
            "documents": {"value": 2},
            "doc_type": {
                "buckets": [
                    {"key": "QD", "doc_count": 5, "docs": {"value": 1}},
                    {"key": "", "doc_count": 1, "docs": {"value": 1}},
                ]
            },
            "issuer": {"buckets": [{"key": 4, "doc_count": 6, "docs": {"value": 2}}]},
            "year": {"buckets": [{"key": 2020, "doc_count": 6, "docs": {"value": 2}}]},
            "status": {"buckets": [{"key": "active", "doc_count": 6, "docs": {"value": 2}}]},
        },
    }
    result = parse_response(response, query)
    assert result.total == 2
    first, second = result.hits
    assert (first.page_id, first.exact_number, first.score) == (3, True, 104.5)
    assert "&lt;b&gt;" in first.snippet and "<mark>1472</mark>" in first.snippet
    assert (second.anchor, second.label, second.exact_number) == ("dieu-2", "Điều 2.", False)
    assert second.snippet == "theo Quyết định <mark>1472</mark>/<mark>QĐ</mark>"
    assert result.facets.doc_type == {"QD": 1}
    assert result.facets.issuer == {4: 2}
    assert result.facets.year == {2020: 2}
    assert result.facets.status == {"active": 2}


def test_number_matches_prefix_and_type() -> None:
    lookup = NumberLookup(key="1472/", prefix=True, doc_type="QD")
    assert elastic.number_matches("1472/QD-TTG", lookup, "QD")
    assert not elastic.number_matches("1472/QD-TTG", lookup, "ND")
    assert not elastic.number_matches("14720/QD-TTG", lookup, "QD")
    assert not elastic.number_matches("", lookup, "QD")
    assert not elastic.number_matches("1472/QD-TTG", None)


# Integration (live cluster) -------------------------------------------------

live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="set ELASTICSEARCH_URL=http://127.0.0.1:9200 to run the Elasticsearch integration tests",
)


def entry(
    id: int,
    page_id: int,
    position: int,
    body: str,
    *,
    number_key: str,
    doc_type: str = "QD",
    issuer_id: int = 1,
    year: int = 2020,
    status: str = "active",
    heading: str = "",
    anchor: str = "",
    label: str = "",
) -> IndexEntry:
    """One row to index, as search.models.SearchEntry would give it."""
    return IndexEntry(
        id=id,
        page_id=page_id,
        position=position,
        anchor=anchor,
        label=label,
        heading=heading,
        body=body,
        exact=body.lower(),
        folded="",
        number_key=number_key,
        doc_type=doc_type,
        issuer_id=issuer_id,
        year=year,
        status=status,
        topics=["tre-em"],
        issued_on=datetime.date(year, 6, 1),
    )


ENTRIES = [
    entry(1, 10, 0, "Quyết định số 1472/QĐ-TTg phê duyệt Chương trình", number_key="1472/QD-TTG"),
    entry(
        2,
        10,
        1,
        "Bảo đảm cung cấp điện cho các điểm trường vùng sâu theo Chương trình.",
        number_key="1472/QD-TTG",
        anchor="dieu-1",
        label="Điều 1.",
        heading="Phạm vi",
    ),
    entry(
        3,
        20,
        0,
        "Tổ chức diễn đàn trẻ em cấp tỉnh hằng năm.",
        number_key="56/2017/ND-CP",
        doc_type="ND",
        issuer_id=2,
        year=2017,
    ),
    entry(
        4,
        30,
        0,
        "Căn cứ Quyết định 1472/QĐ-TTg, kế hoạch về phòng chống xâm hại trẻ em & <b>bạo lực</b>.",
        number_key="12/KH-UBND",
        doc_type="KH",
        issuer_id=2,
        year=2021,
    ),
]


@pytest.fixture
def engine(settings) -> Iterator[ElasticsearchEngine]:
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"cbvte-test-{uuid.uuid4().hex[:8]}"
    engine = ElasticsearchEngine()
    engine.reset()
    engine.index(ENTRIES)
    yield engine
    engine.client.options(ignore_status=404).indices.delete(index=engine.index_name)


def run(engine: ElasticsearchEngine, text: str, filters: Filters = NO_FILTERS, **kw: Any):
    return engine.search(
        parse_query(text), filters, kw.get("sort", "relevance"), kw.get("offset", 0), 20
    )


@live
def test_live_folded_query_finds_both_words(engine: ElasticsearchEngine) -> None:
    result = run(engine, "dien")
    assert {hit.page_id for hit in result.hits} == {10, 20}
    assert result.total == 2


@live
def test_live_accented_query_ranks_exact_first(engine: ElasticsearchEngine) -> None:
    result = run(engine, "điện")
    assert [hit.page_id for hit in result.hits] == [10, 20]
    best = result.hits[0]
    assert (best.anchor, best.label) == ("dieu-1", "Điều 1.")
    assert "<mark>điện</mark>" in best.snippet
    assert [hit.page_id for hit in run(engine, "diễn").hits] == [20, 10]


@live
def test_live_number_lookup_comes_first(engine: ElasticsearchEngine) -> None:
    result = run(engine, "1472/QĐ-TTg")
    assert result.hits[0].page_id == 10
    assert result.hits[0].exact_number
    assert {hit.page_id for hit in result.hits} == {10, 30}
    assert not result.hits[1].exact_number
    prefix = run(engine, "qd 1472")
    assert prefix.hits[0].page_id == 10 and prefix.hits[0].exact_number


@live
def test_live_all_words_phrases_and_escaping(engine: ElasticsearchEngine) -> None:
    assert {h.page_id for h in run(engine, "tre em").hits} == {20, 30}
    assert {h.page_id for h in run(engine, "tre em dien dan").hits} == {20}
    assert run(engine, '"em tre"').total == 0
    snippet = run(engine, "bao luc").hits[0].snippet
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet and "<mark>" in snippet
    assert run(engine, 'a OR b* NOT "c field:value^2 ~ \\').total == 0


@live
def test_live_facets_filters_sort_and_pages(engine: ElasticsearchEngine) -> None:
    result = run(engine, "1472")
    assert result.facets.doc_type == {"QD": 1, "KH": 1}  # documents, not sections
    assert result.facets.year == {2020: 1, 2021: 1}
    assert result.facets.issuer == {1: 1, 2: 1}
    assert result.facets.status == {"active": 2}
    both_sections = run(engine, "chuong trinh")
    assert [h.page_id for h in both_sections.hits] == [10]
    assert both_sections.total == 1
    assert both_sections.facets.doc_type == {"QD": 1}
    only_kh = run(engine, "1472", Filters(doc_type="KH"))
    assert [h.page_id for h in only_kh.hits] == [30]
    ranged = run(engine, "tre em", Filters(year_from=2018, year_to=2022))
    assert [h.page_id for h in ranged.hits] == [30]
    by_date = run(engine, "tre em", sort="date")
    assert [h.page_id for h in by_date.hits] == [30, 20]
    second_page = run(engine, "tre em", sort="date", offset=1)
    assert [h.page_id for h in second_page.hits] == [20] and second_page.total == 2


@live
def test_live_reindex_and_delete_pages(engine: ElasticsearchEngine) -> None:
    engine.index([entry(5, 10, 0, "Văn bản đã sửa", number_key="1472/QD-TTG")])
    assert run(engine, "cung cap dien").total == 0  # the removed section is gone
    assert [hit.page_id for hit in run(engine, "van ban").hits] == [10]
    engine.delete_pages([10])
    assert run(engine, "van ban").total == 0
    assert [hit.page_id for hit in run(engine, "1472/QĐ-TTg").hits] == [30]
