import json
import re
from io import StringIO

from django.core.management import call_command

from wagtail.models import Page

import pytest

from content.models import LegalDocumentPage
from search.models import SearchEntry, Synonym
from search.service import search_documents
from search.types import Filters, SearchRequest

pytestmark = pytest.mark.django_db


def find(query: str, **kwargs):
    return search_documents(SearchRequest(query=query, **kwargs))


def page_ids(query: str) -> list[int]:
    return [r.document.pk for r in find(query, per_page=50).hits]


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("5650/UBND-VX", "5650/UBND-VX"),
        ("5650/ubnd-vx", "5650/UBND-VX"),
        ("5650 / UBND – VX", "5650/UBND-VX"),
        ("03/KH-UBND", "03/KH-UBND"),
        ("3/kh-ubnd", "03/KH-UBND"),
        ("kh 03", "03/KH-UBND"),
        ("1472/QĐ-TTg", "1472/QĐ-TTg"),
        ("1472/QD-TTg", "1472/QĐ-TTg"),
        ("1472/qđ-ttg", "1472/QĐ-TTg"),
        ("qd 1472", "1472/QĐ-TTg"),
        ("QĐ 1472", "1472/QĐ-TTg"),
        ("56/2017", "56/2017/NĐ-CP"),
        ("56/2017/ND-CP", "56/2017/NĐ-CP"),
        ("nd 56", "56/2017/NĐ-CP"),
    ],
)
def test_documents_found_first_by_number(corpus, query, number):
    response = find(query)
    assert response.hits, query
    assert response.hits[0].document.number == number
    assert response.hits[0].hit.exact_number


def test_citing_documents_follow_the_cited_one(corpus):
    response = find("1472/QĐ-TTg")
    numbers = [r.document.number for r in response.hits]
    assert numbers[0] == "1472/QĐ-TTg" and "03/KH-UBND" in numbers[1:]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_paging_through_a_number_search_shows_each_document_once(corpus, sort):
    """The document with the number typed comes first, then the others in order: the
    second page once began again with the last ones of the first, as many as the
    number matched."""
    first = find("1472/QĐ-TTg", per_page=1, sort=sort)
    assert first.total >= 2
    pages = [first] + [
        find("1472/QĐ-TTg", per_page=1, sort=sort, page=n) for n in range(2, first.total + 1)
    ]
    shown = [r.document.number for page in pages for r in page.hits]
    assert shown[0] == "1472/QĐ-TTg"
    assert len(shown) == len(set(shown)) == first.total
    assert {page.total for page in pages} == {first.total}


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("xâm hại tình dục", "xam hai tinh duc"),
        ("đường dây nóng", "duong day nong"),
        ("quyền trẻ em", "quyen tre em"),
        ("Điều", "dieu"),
        ("đuối nước", "duoi nuoc"),
    ],
)
def test_same_documents_with_or_without_diacritics(corpus, accented, plain):
    with_marks, without = set(page_ids(accented)), set(page_ids(plain))
    assert with_marks and with_marks == without


@pytest.mark.parametrize("word", ["điện", "diễn"])
def test_exact_matches_rank_above_folded_ones(corpus, word):
    from search.models import SearchDocument

    ranked = page_ids(word)
    exact = [SearchDocument.objects.get(page_id=pk).exact.count(word) > 0 for pk in ranked]
    assert True in exact and False in exact  # both kinds are found ("dien")
    assert exact == sorted(exact, reverse=True), "a folded-only match ranked above an exact one"
    assert set(ranked) == set(page_ids("dien"))


def test_documents_holding_every_word_come_first(corpus):
    """Every word must match, except when few documents hold them all: those
    holding most of the query's weight (rare words weigh most) then follow, and
    a word found nowhere (a typo) hides nothing, but finds nothing on its own."""
    decree = LegalDocumentPage.objects.get(number="56/2017/NĐ-CP")
    assert decree.pk in page_ids("diễn đàn trẻ em")
    assert decree.pk in page_ids("diễn đàn khủnglongbaochua")
    assert page_ids("khủnglongbaochua") == []
    from search.models import SearchDocument

    holds_all = [
        all(
            word in SearchDocument.objects.get(page=r.document).folded.split()
            for word in ["cham", "soc", "thay", "the"]
        )
        for r in find("chăm sóc thay thế", per_page=50).hits
    ]
    assert holds_all[0] and holds_all == sorted(holds_all, reverse=True)


def test_phrase_lands_on_the_right_section(corpus):
    response = find('"hệ thống điện"')
    assert len(response.hits) == 1
    hit = response.hits[0]
    assert hit.hit.anchor == "dieu-2"
    assert hit.link.endswith("#dieu-2")
    assert "<mark>điện</mark>" in hit.hit.snippet


def test_snippet_shows_the_phrase_not_an_earlier_lone_word(corpus):
    response = find('"tong dai quoc gia bao ve tre em"')
    snippet = response.hits[0].hit.snippet
    assert "<mark>Tổng</mark> <mark>đài</mark> <mark>Quốc</mark> <mark>gia</mark>" in snippet


def test_phrase_needs_the_words_together(corpus):
    assert page_ids('"quyết định này có hiệu lực trẻ em"') == []


def test_snippets_are_escaped(corpus, client):
    response = find("cơ quan tổ chức cá nhân liên quan")
    snippet = next(r.hit.snippet for r in response.hits if r.document.number == "56/2017/NĐ-CP")
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    html = client.get("/tim-kiem/", {"q": "cơ quan tổ chức cá nhân liên quan"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


ADVERSARIAL = [
    "",
    "   ",
    "x" * 10_000,
    "trẻ em " * 2_000,
    "\x00\x01\x02\x1b[31m",
    '"unbalanced quote',
    '"""',
    "a OR b NOT c AND",
    "NEAR(trẻ em, 5)",
    "tre* em^2 ~3",
    "folded: quyen",
    "{exact} : điện",
    "title:(tre OR em) +x -y",
    "'; DROP TABLE search_searchentry; --",
    "1472/",
    "/////",
    "💥 🚸",
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", ADVERSARIAL)
def test_any_input_is_answered(corpus, client, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    api = client.get("/tim-kiem/api/", {"q": query})
    assert api.status_code == 200
    assert "total" in api.json()


def test_long_query_is_cut_with_a_message(corpus, client):
    html = client.get("/tim-kiem/", {"q": "trẻ em " * 100}).content.decode()
    assert "200" in html and "rút gọn" in html


def test_forged_filters_are_ignored(corpus, client):
    for params in [
        {"loai": "<b>"},
        {"tu-nam": "abc"},
        {"co-quan": "-5"},
        {"hieu-luc": "x"},
        {"chu-de": "../../etc"},
        {"trang": "99999999"},
        {"sap-xep": "drop"},
    ]:
        assert client.get("/tim-kiem/", {"q": "trẻ em", **params}).status_code == 200


def test_filters(corpus):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    only_plans = find("trẻ em", filters=Filters(doc_type="KH"), per_page=50)
    assert only_plans.hits and all(r.document.doc_type == "KH" for r in only_plans.hits)
    in_2021 = find("trẻ em", filters=Filters(year_from=2021, year_to=2021), per_page=50)
    assert [r.document.pk for r in in_2021.hits] == [plan.pk]
    by_issuer = find("trẻ em", filters=Filters(issuer_id=plan.issuer_id), per_page=50)
    assert [r.document.pk for r in by_issuer.hits] == [plan.pk]
    plan.topics.add(*plan.topics.model.objects.filter(slug="an-toan-mang"))
    plan.save_revision().publish()
    in_force = find("trẻ em", filters=Filters(status="in_force"), per_page=50).hits
    assert plan.pk in [r.document.pk for r in in_force]
    assert all(r.document.status == "in_force" for r in in_force)
    online = find("trẻ em", filters=Filters(topic="an-toan-mang"), per_page=50).hits
    assert plan.pk in [r.document.pk for r in online]
    assert all(r.document.topics.filter(slug="an-toan-mang").exists() for r in online)


def test_facets_count_documents(corpus):
    response = find("trẻ em", per_page=50)
    assert response.total == len(response.hits)
    assert sum(response.facets.doc_type.values()) == response.total
    assert response.facets.doc_type["KH"] == 2
    assert response.facets.year[2021] == 1


def test_sort_by_date(corpus):
    response = find("trẻ em", sort="date", per_page=50)
    dates = [r.document.issued_on for r in response.hits if r.document.issued_on]
    assert dates == sorted(dates, reverse=True)


def test_pagination(corpus):
    first = find("trẻ em", per_page=3)
    second = find("trẻ em", per_page=3, page=2)
    assert first.total == second.total > 3
    assert not {r.document.pk for r in first.hits} & {r.document.pk for r in second.hits}


def test_index_follows_publish_unpublish_and_delete(corpus):
    decree = LegalDocumentPage.objects.get(number="56/2017/NĐ-CP")
    assert decree.pk in page_ids("diễn đàn")
    decree.unpublish()
    assert decree.pk not in page_ids("diễn đàn")
    assert not SearchEntry.objects.filter(page=decree).exists()
    decree.get_latest_revision().publish()
    assert decree.pk in page_ids("diễn đàn")
    decree.delete()
    assert decree.pk not in page_ids("diễn đàn")


def test_edited_text_is_searchable_at_once(corpus):
    decree = LegalDocumentPage.objects.get(number="56/2017/NĐ-CP")
    draft = decree.get_latest_revision_as_object()
    sections = list(draft.sections.all())
    sections[0].text = "Nghị định này quy định về tổng đài điện thoại quốc gia."
    draft.sections = sections
    draft.save_revision().publish()
    assert decree.pk in page_ids("tổng đài điện thoại")
    assert decree.pk not in page_ids("diễn đàn")


def test_synonyms_are_used_at_query_time(corpus):
    assert page_ids("pedophile") == []
    Synonym.objects.create(terms="pedophile, xâm hại")
    from django.core.cache import cache

    cache.clear()
    abuse = set(page_ids('"xâm hại"'))
    assert abuse and abuse <= set(page_ids("pedophile"))


def test_search_page_shows_hits_facets_and_anchor_links(corpus, client):
    html = client.get("/tim-kiem/", {"q": '"hệ thống điện"'}).content.decode()
    decision = LegalDocumentPage.objects.get(number="1472/QĐ-TTg")
    assert f'href="{decision.url}#dieu-2"' in html
    assert "<mark>" in html
    html = client.get("/tim-kiem/", {"q": "trẻ em"}).content.decode()
    assert re.search(r'<option value="KH">[^<]+ \(\d+\)</option>', html)  # the type filter


def test_json_endpoint(corpus, client):
    data = client.get("/tim-kiem/api/", {"q": "qd 1472"}).json()
    assert data["hits"][0]["number"] == "1472/QĐ-TTg"
    assert {"title", "url", "anchor", "snippet", "score", "issuer", "type"} <= set(data["hits"][0])
    assert data["facets"]["type"]


def test_suggestions(corpus, client):
    numbers = [
        s["number"] for s in client.get("/tim-kiem/goi-y/", {"q": "03/KH"}).json()["suggestions"]
    ]
    assert numbers == ["03/KH-UBND"]
    titles = client.get("/tim-kiem/goi-y/", {"q": "dien dan"}).json()["suggestions"]
    assert titles == [] or all(t["url"] for t in titles)
    by_title = client.get("/tim-kiem/goi-y/", {"q": "chi thi tang cuong"}).json()["suggestions"]
    assert any(t["title"].startswith("Chỉ thị") for t in by_title)
    assert client.get("/tim-kiem/goi-y/", {"q": "x" * 5000}).status_code == 200


def test_search_legal_command_json(corpus):
    out = StringIO()
    call_command("search_legal", "1472/QD-TTg", "--json", "--limit", "2", stdout=out)
    data = json.loads(out.getvalue())
    assert data["total"] >= 1 and len(data["hits"]) <= 2
    assert set(data["hits"][0]) == {"number", "title", "url", "anchor", "snippet", "score"}
    assert data["hits"][0]["number"] == "1472/QĐ-TTg"


def test_rebuild_search_index(corpus):
    SearchEntry.objects.all().delete()
    assert page_ids("diễn đàn") == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert page_ids("diễn đàn")
    assert (
        SearchEntry.objects.filter(position=0).count() == LegalDocumentPage.objects.live().count()
    )


def test_other_pages_found_with_or_without_diacritics_in_the_current_language(demo_site, client):
    from tests.factories import GuidanceIndexPageFactory

    page = GuidanceIndexPageFactory(
        parent=demo_site, title="Phòng chống đuối nước cho trẻ", slug="duoi-nuoc"
    )
    page.save_revision().publish()
    for query in ["đuối nước", "duoi nuoc", "Đuối Nước"]:
        html = client.get("/tim-kiem/", {"q": query}).content.decode()
        assert f'href="{page.url}"' in html, query
    english = client.get("/en/tim-kiem/", {"q": "duoi nuoc"}).content.decode()
    assert f'href="{page.url}"' not in english


def test_editors_find_a_document_by_title_or_number_but_its_text_stays_out_of_wagtails_index(
    corpus, admin_client
):
    """The admin's page search and chooser (autocomplete) find a document by the
    words of its title and by its number. Its text is searched by the search app
    alone: in Wagtail's index it would be matched, then dropped, by every search
    of the other pages."""
    from wagtail.search.models import IndexEntry

    decision = LegalDocumentPage.objects.get(number="1472/QĐ-TTg")
    for query in ["Kế hoạch thực hiện Nghị quyết", "1472/QĐ"]:
        html = admin_client.get("/admin/pages/search/", {"q": query}).content.decode()
        assert f"/admin/pages/{decision.pk}/edit/" in html, query
        chooser = admin_client.get("/admin/choose-page/search/", {"q": query}).content.decode()
        assert f'data-id="{decision.pk}"' in chooser, query

    entry = IndexEntry.objects.get(
        content_type=decision.content_type_id, object_id=str(decision.pk)
    )
    assert "hoạch" in entry.autocomplete.lower() and "1472" in entry.autocomplete
    assert not entry.title and not entry.body
    assert not Page.objects.type(LegalDocumentPage).search("xâm hại trẻ em")


def test_hits_say_where_they_land_as_a_reader_cites_it(corpus, client):
    """ "Mục III.1 — first words", never a bare "1." (content.section_labels)."""
    results = find("tăng cường công tác tuyên truyền", per_page=50).hits
    places = [r.place for r in results if r.place]
    assert places
    assert all(not p.rstrip(".").isdigit() for p in places)
    assert any(p.startswith("Mục ") for p in places)
    html = client.get("/tim-kiem/", {"q": "tăng cường công tác tuyên truyền"}).content.decode()
    assert '<p class="hit__section"><a href="' in html and ">Mục " in html


def test_a_site_indexed_before_the_upgrade_gets_its_landing_labels_from_the_migration(corpus):
    """Rows indexed when they held only the section's own label ("1.") are given
    the label a reader cites by migrate, with no rebuild of the index."""
    from importlib import import_module

    from django.apps import apps

    from search.models import SearchEntry

    migration = import_module("search.migrations.0009_landing_label")
    sections = SearchEntry.objects.exclude(anchor="")
    indexed = dict(sections.values_list("pk", "label"))
    assert any(label.startswith("Mục ") for label in indexed.values())
    sections.update(label="1.")
    migration.label_indexed_sections(apps, None)
    assert dict(sections.values_list("pk", "label")) == indexed


def test_lay_words_reach_practical_help_first_and_a_number_its_document(corpus, client):
    """A parent typing "tố giác xâm hại trẻ em" sees the guidance on what to do
    (which says "báo tin": the glossary) before the legal texts; someone typing a
    number sees that document first."""
    from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory

    home = corpus.get_parent()
    guides = GuidanceIndexPageFactory(parent=home, title="Hướng dẫn", slug="huong-dan-test")
    guide = GuidancePageFactory(
        parent=guides,
        title="Cần làm gì khi trẻ em kể mình bị xâm hại",
        summary="Lắng nghe, trấn an, bảo vệ, báo tin (gọi 111) và giữ bí mật.",
        slug="can-lam-gi",
    )
    guide.save_revision().publish()

    html = client.get("/tim-kiem/", {"q": "tố giác xâm hại trẻ em"}).content.decode()
    assert f'href="{guide.url}"' in html and 'class="listing__item hit"' in html
    assert html.index(f'href="{guide.url}"') < html.index('class="listing__item hit"')

    html = client.get("/tim-kiem/", {"q": "1472/QĐ-TTg"}).content.decode()
    assert html.index('class="listing__item hit"') < html.find("other-results") or (
        "other-results" not in html
    )


def test_a_year_range_open_at_one_end_or_absurdly_wide(corpus):
    """Ranges "from 2021" and "up to 2021" reach every indexed year on that side, however far
    the other end; a range holding no indexed year finds nothing."""
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")  # issued in 2021
    dated = [d for d in LegalDocumentPage.objects.live() if d.issued_on]
    since_2021 = {d.pk for d in dated if d.issued_on.year >= 2021}
    until_2021 = {d.pk for d in dated if d.issued_on.year <= 2021}

    def found(filters: Filters) -> set[int]:
        return {r.document.pk for r in find("trẻ em", filters=filters, per_page=50).hits}

    assert plan.pk in found(Filters(year_from=2021)) <= since_2021
    assert plan.pk in found(Filters(year_to=2021)) <= until_2021
    assert plan.pk in found(Filters(year_from=1, year_to=99_999))
    assert found(Filters(year_from=2300)) == set()
    assert found(Filters(year_from=1000, year_to=1500)) == set()


def test_a_clause_kept_from_an_earlier_search_is_renewed_when_a_text_is_published(corpus):
    """Relaxed matching looks each clause up alone, and a process keeps those
    documents for the next searches (numbers share "qđ", "ubnd"...): until the
    index changes, and not a moment longer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from content.importer import parse_text
    from content.legal_import import import_document
    from search.backends import get_engine
    from search.facts import all_facts
    from search.query import parse_query

    engine = get_engine()
    forum = parse_query('"diễn đàn"', []).clauses[0]
    before = list(engine.clause_ids(forum, Filters(), all_facts()))
    with CaptureQueriesContext(connection) as queries:
        again = list(engine.clause_ids(forum, Filters(), all_facts()))
    assert again == before and before and len(queries) == 0

    plan = import_document(
        parse_text(
            "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 12/KH-UBND\nHà Giang, ngày 3 tháng 6 năm 2024\n\n"
            "KẾ HOẠCH\nTổ chức diễn đàn trẻ em cấp tỉnh năm 2024\n\n"
            "Điều 1. Tổ chức diễn đàn trẻ em.\n"
        ),
        library=corpus,
        publish=True,
    ).page
    after = list(engine.clause_ids(forum, Filters(), all_facts()))
    assert sorted(after) == sorted([*before, plan.pk])
