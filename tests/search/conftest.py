from django.db import transaction

import pytest

from content.demo import load_legal_library
from content.importer import parse_text
from content.legal_import import import_document
from content.models import LegalLibraryPage

DECISION = """THỦ TƯỚNG CHÍNH PHỦ
Số: 1472/QĐ-TTg
Hà Nội, ngày 28 tháng 9 năm 2020

QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện Nghị quyết số 121/2020/QH14 của Quốc hội

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Nghị quyết
về phòng, chống xâm hại trẻ em.
Điều 2. Bảo đảm an toàn cho trẻ em trên môi trường mạng; kiểm tra hệ thống điện trong trường học.
Điều 3. Quyết định này có hiệu lực từ ngày ký.

THỦ TƯỚNG
Nguyễn Xuân Phúc
"""
DECREE = """CHÍNH PHỦ
Số: 56/2017/NĐ-CP
Hà Nội, ngày 09 tháng 5 năm 2017

NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Trẻ em

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết về diễn đàn trẻ em và chăm sóc thay thế.
Điều 2. Đối tượng áp dụng
Cơ quan, tổ chức <script>alert(1)</script> và cá nhân có liên quan.

TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Xuân Phúc
"""


@pytest.fixture(autouse=True)
def _no_kept_words_known(monkeypatch):
    """Each test reads the kept words afresh (search.backends.postgres.common_words): the
    database is rolled back after each, the shared cache's version of them is not."""
    from search.backends import postgres

    monkeypatch.setattr(postgres, "_common", {"version": None, "words": frozenset()})


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.child_of(demo_site).get()


@pytest.fixture(scope="module")
def _seeded_library(django_db_setup, django_db_blocker):
    """The seeded library, imported once per test module inside a transaction that
    is rolled back after the module. Each test runs in a savepoint within it (the
    `db` fixture), so what a test changes is undone before the next one; importing
    and indexing the texts for every test cost seconds each on PostgreSQL."""
    from home.demo import load_site_frame

    with django_db_blocker.unblock(), transaction.atomic():
        library = LegalLibraryPage.objects.child_of(load_site_frame()).get()
        load_legal_library(library)
        for text in (DECISION, DECREE):
            import_document(parse_text(text), library=library, publish=True)
        yield library.pk
        transaction.set_rollback(True)


@pytest.fixture
def corpus(_seeded_library, db) -> LegalLibraryPage:
    """The five seeds plus two short texts, published (and so indexed)."""
    return LegalLibraryPage.objects.get(pk=_seeded_library)
