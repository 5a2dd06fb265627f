"""The refresh of the commonest words' bitmaps as the task worker runs it: in its own
transaction, outside any other, while editors go on publishing (PostgreSQL)."""

import threading

from django.db import connection

import pytest

from content.importer import parse_text
from content.legal_import import import_document
from content.models import LegalDocumentPage
from search.backends import postgres
from search.backends.postgres import (
    PostgresEngine,
    changed_since_refresh,
    common_matched,
    refresh_common_ids,
)
from search.maintenance import refresh_common_ids_task
from search.models import SearchDocument
from search.query import parse_query
from search.types import Filters

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's kept bitmaps"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def plan(number: int, place: str) -> str:
    return f"""ỦY BAN NHÂN DÂN TỈNH {place.upper()}
Số: {number}/KH-UBND
{place}, ngày 3 tháng 3 năm 2024

KẾ HOẠCH
Phòng, chống xâm hại trẻ em năm 2024

Điều 1. Tuyên truyền phòng, chống xâm hại trẻ em ở {place}.
Điều 2. Bảo vệ trẻ em trên môi trường mạng.

CHỦ TỊCH
Nguyễn Văn A
"""


def publish(library, number: int, place: str) -> int:
    import_document(parse_text(plan(number, place)), library=library, publish=True)
    return LegalDocumentPage.objects.get(number=f"{number}/KH-UBND").pk


@pytest.fixture
def kept_library(library, monkeypatch):
    """Two published plans, and every word they both hold kept as a bitmap."""
    monkeypatch.setattr(postgres, "COMMON_MIN_DOCS", 1)
    monkeypatch.setattr(postgres, "COMMON_SHARE", 0.5)
    publish(library, 11, "Lào Cai")
    publish(library, 12, "Hà Giang")
    assert refresh_common_ids() > 0
    return library


def refresh_in_the_worker_while(write) -> None:
    """Run the refresh task on its own connection, as the task worker does, and `write`
    (committed at once) after the refresh has read its snapshot and before it stores
    the bitmaps."""
    snapshot_read, written = threading.Event(), threading.Event()
    failures = []

    def pause_after_the_snapshot(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "ts_stat" in sql and not snapshot_read.is_set():
            snapshot_read.set()
            written.wait(30)
        return result

    def worker():
        try:
            with connection.execute_wrapper(pause_after_the_snapshot):
                refresh_common_ids_task.call()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    assert snapshot_read.wait(30)
    try:
        write()
    finally:
        written.set()
        thread.join(60)
    assert not failures, failures


def found(text: str) -> set[int]:
    query = parse_query(text)
    assert common_matched(query) is not None  # read from the bitmaps
    return set(common_matched(query))


def test_a_text_published_while_the_bitmaps_are_made_is_found(kept_library):
    published = []
    refresh_in_the_worker_while(lambda: published.append(publish(kept_library, 13, "Yên Bái")))
    assert changed_since_refresh() == 1  # written after the snapshot: still listed
    assert published[0] in found("trẻ em")
    assert found("trẻ em") == set(
        PostgresEngine().index_id_sets(parse_query("trẻ em"), Filters(), exact=False)[0]
    )


def test_a_text_rewritten_again_while_the_bitmaps_are_made_is_not_forgotten(kept_library):
    """A text already listed as changed and rewritten during the refresh makes the
    refresh fail to serialize: the task runs it again from a snapshot holding the
    rewrite, so the text is found by what it now says, not by what it said."""
    first = SearchDocument.objects.order_by("page_id").values_list("page_id", flat=True)[0]
    SearchDocument.objects.filter(page_id=first).update(topics="")  # a write: listed
    assert changed_since_refresh() == 1

    def rewrite():
        SearchDocument.objects.filter(page_id=first).update(
            folded="mot van ban khac", pairs="mot_van van_ban ban_khac", exact="một văn bản khác"
        )

    refresh_in_the_worker_while(rewrite)
    assert changed_since_refresh() == 0
    assert first not in found("trẻ em")


def test_the_refresh_task_reads_one_snapshot_on_a_connection_checked_first():
    """As the task worker runs it: outside any transaction (the refresh then sets
    REPEATABLE READ as its transaction's first statement), its connection due for a
    health check (CONN_HEALTH_CHECKS, which Django runs before the transaction begins)."""
    connection.ensure_connection()
    enabled = connection.health_check_enabled
    connection.health_check_enabled, connection.health_check_done = True, False
    try:
        refresh_common_ids()  # REPEATABLE READ is set first in its transaction, or this raises
        assert connection.health_check_done
    finally:
        connection.health_check_enabled = enabled
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        assert cursor.fetchone()[0] == "read committed"  # the next transaction as usual
