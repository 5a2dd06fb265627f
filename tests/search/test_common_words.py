"""PostgreSQL keeps the ids of the words most of the library holds as bitmaps: a search
holding one reads its words one by one and combines them in memory, and finds what
the index would find, whatever was published, changed or withdrawn since the bitmaps
were made."""

import random

from django.core.cache import cache
from django.db import connection
from django.db.models import F

import pytest
from pyroaring import BitMap

from content.importer import parse_text
from content.legal_import import import_document
from content.models import LegalDocumentPage
from search.backends import postgres
from search.backends.postgres import (
    PostgresEngine,
    changed_since_refresh,
    common_matched,
    common_words,
    refresh_common_ids,
)
from search.indexing import remove_pages
from search.maintenance import COMMON_REFRESH_DUE_KEY
from search.models import SearchDocument
from search.query import parse_query
from search.service import synonyms
from search.types import Filters

from .test_postgres_engine import index_scans
from .test_search import ADVERSARIAL

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL engine's kept bitmaps"
)

NEW_PLAN = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 77/KH-UBND
Lào Cai, ngày 3 tháng 3 năm 2024

KẾ HOẠCH
Phòng, chống xâm hại trẻ em vùng cao

Điều 1. Tuyên truyền phòng, chống xâm hại trẻ em ở các thôn bản xa xôi.
Điều 2. Bảo vệ trẻ em trên môi trường mạng.

CHỦ TỊCH
Nguyễn Văn A
"""


@pytest.fixture
def kept(corpus, monkeypatch) -> frozenset[str]:
    """The seven texts of the corpus, with every word that four of them hold kept."""
    monkeypatch.setattr(postgres, "COMMON_MIN_DOCS", 1)
    monkeypatch.setattr(postgres, "COMMON_SHARE", 0.5)
    assert refresh_common_ids() > 0
    return common_words()


def both_ways(text: str, filters: Filters | None = None) -> tuple:
    """The ids found (and found as typed) by the engine, and by the index alone."""
    filters = filters or Filters()
    query = parse_query(text, synonyms())
    engine = PostgresEngine()
    ours = engine.id_sets(query, filters, exact=True)
    index = engine.index_id_sets(query, filters, exact=True)
    return tuple(map(BitMap, ours)), tuple(map(BitMap, index))


QUERIES = [
    "trẻ em", "tre em", "xâm hại trẻ em", '"bảo vệ trẻ em"', "phòng chống xâm hại",
    "điện", "diễn đàn trẻ em", "ủy ban nhân dân", "1472/QĐ-TTg", "trẻ em không có từ này",
    "kế hoạch tuyên truyền", "môi trường mạng", "quyền trẻ em",
]  # fmt: skip


def test_a_search_holding_kept_words_finds_what_the_index_finds(kept):
    used = 0
    for text in QUERIES:
        ours, index = both_ways(text)
        assert ours == index, text
        used += common_matched(parse_query(text, synonyms())) is not None
    assert used >= 8  # most of them hold a kept word: the bitmaps were read


def test_random_queries_of_the_library_s_own_words_find_what_the_index_finds(kept):
    """Words and phrases drawn from the texts themselves, kept or not, each alone and
    combined: the same documents, and the same ones matching as typed."""
    rng = random.Random(19)
    words = sorted({w for text in SearchDocument.objects.values_list("exact", flat=True)
                    for w in text.split() if w.isalpha()})  # fmt: skip
    for _ in range(150):
        picked = rng.sample(words, rng.randint(1, 4))
        text = " ".join(picked) if rng.random() < 0.7 else f'"{" ".join(picked[:2])}"'
        assert both_ways(text)[0] == both_ways(text)[1], text


def test_a_search_of_kept_words_reads_no_posting_list(kept):
    """ "trẻ em" is in every text: its documents come from its bitmap, without a scan of
    the index (whose list for it is the whole library)."""
    assert {"tre_em"} <= kept
    library = SearchDocument.objects.count()
    before = index_scans()
    matched, _exact = PostgresEngine().id_sets(parse_query("trẻ em"), Filters(), exact=False)
    assert index_scans() == before
    assert len(matched) == library


def test_a_text_published_after_the_refresh_is_found(kept, corpus):
    import_document(parse_text(NEW_PLAN), library=corpus, publish=True)
    new = LegalDocumentPage.objects.get(number="77/KH-UBND")
    assert changed_since_refresh() == 1
    query = parse_query("xâm hại trẻ em", synonyms())
    assert new.pk in common_matched(query)
    assert both_ways("xâm hại trẻ em")[0] == both_ways("xâm hại trẻ em")[1]
    ours, index = both_ways('"thôn bản xa xôi"')
    assert ours == index and ours[0] == BitMap([new.pk])


def test_a_text_withdrawn_or_rewritten_after_the_refresh_is_no_longer_found(kept):
    gone, rewritten = SearchDocument.objects.order_by("page_id").values_list("page_id", flat=True)[
        :2
    ]
    remove_pages([gone])
    SearchDocument.objects.filter(page_id=rewritten).update(
        folded="mot van ban khac", pairs="mot_van van_ban ban_khac", exact="một văn bản khác"
    )
    assert changed_since_refresh() == 2
    matched = common_matched(parse_query("trẻ em"))
    assert gone not in matched and rewritten not in matched
    assert matched == both_ways("trẻ em")[1][0]


def test_past_the_limit_of_changes_the_index_is_asked_and_a_refresh_is_queued(
    kept, corpus, monkeypatch, django_capture_on_commit_callbacks
):
    """Each change since the refresh is checked one by one: past CHANGED_MOST the
    whole query goes to the index, and after COMMON_REFRESH_AFTER a publish queues a
    refresh, run once the publish is committed, after which nothing is left to check."""
    monkeypatch.setattr(postgres, "CHANGED_MOST", 0)
    monkeypatch.setattr("search.maintenance.COMMON_REFRESH_AFTER", 2)
    cache.delete(COMMON_REFRESH_DUE_KEY)
    first = SearchDocument.objects.values_list("page_id", flat=True).first()
    SearchDocument.objects.filter(page_id=first).update(folded=F("folded"))  # a write
    assert common_matched(parse_query("trẻ em")) is None
    assert both_ways("trẻ em")[0] == both_ways("trẻ em")[1]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_document(parse_text(NEW_PLAN), library=corpus, publish=True)
    assert len(callbacks) >= 1
    assert changed_since_refresh() == 0
    new = LegalDocumentPage.objects.get(number="77/KH-UBND")
    assert new.pk in common_matched(parse_query("trẻ em"))


def test_emptying_the_documents_forgets_every_kept_word(kept):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as a TRUNCATE of its own would be
        cursor.execute("TRUNCATE search_searchdocument")
        cursor.execute("SELECT count(*) FROM search_common_ids")
        assert cursor.fetchone()[0] == 0
    assert changed_since_refresh() == 0
    ours, index = both_ways("trẻ em")
    assert ours == index == (BitMap(), BitMap())


def test_filters_are_read_from_the_index_with_the_words(kept):
    """A filter goes with the words through the one index (the bitmaps hold words only)."""
    before = index_scans()
    ours, index = both_ways("trẻ em", Filters(doc_type="KH"))
    assert ours == index and ours[0]
    assert (
        index_scans()["search_document_terms_tags_exact_gin"]
        > before["search_document_terms_tags_exact_gin"]
    )


def test_a_bulk_load_is_settled_with_the_kept_words_made_again(corpus, monkeypatch):
    """After a bulk load (rebuild_search_index, load_demo, bench_search) the kept words
    are those of the library as loaded, and nothing is left to check one by one."""
    monkeypatch.setattr(postgres, "COMMON_MIN_DOCS", 1)
    monkeypatch.setattr(postgres, "COMMON_SHARE", 0.5)
    PostgresEngine().settle()
    assert "tre_em" in common_words()
    assert changed_since_refresh() == 0


@pytest.mark.parametrize(
    "text", [*ADVERSARIAL, "trẻ em " * 100, "tre_em", "trẻ_em xâm_hại", '"trẻ em" OR "trẻ_em"']
)
def test_any_input_is_answered_from_the_bitmaps_as_from_the_index(kept, client, text):
    assert client.get("/tim-kiem/", {"q": text}).status_code == 200
    assert client.get("/tim-kiem/api/", {"q": text}).status_code == 200
    if parse_query(text).clauses:  # else nothing is asked of the engine
        ours, index = both_ways(text)
        assert ours == index, text
