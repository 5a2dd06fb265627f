"""A reader of a legal document finds every fact at a glance: the full title, where
each part is, whether the text is still in force and what replaced it, its topics,
and downloads named for what they are."""

import datetime as dt

import pytest

from content.demo import load_legal_library
from content.importer import parse_text
from content.legal_import import import_document
from content.models import LegalDocumentPage, LegalLibraryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.child_of(demo_site).get()


@pytest.fixture
def seeded(library):
    load_legal_library(library)
    return library


def decision(number: str, day: str, body: str, title: str) -> str:
    d, m, y = day.split("/")
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n-------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
        f"Số: {number}\nSơn La, ngày {d} tháng {m} năm {y}\n\n"
        f"QUYẾT ĐỊNH\n{title}\n\n"
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "QUYẾT ĐỊNH:\n\n"
        f"Điều 1. Ban hành\n{body}\n"
        "Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 3. Tổ chức thực hiện\n"
        "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành.\n"
        "./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn An\n"
    )


def test_the_heading_holds_the_whole_title(seeded, client):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    assert len(plan.full_title) > 255 and plan.title.endswith("…")
    html = client.get(plan.url).content.decode()
    assert f"<h1>{plan.full_title}</h1>" in html
    assert plan.full_title.endswith("phòng, chống xâm hại trẻ em")


def test_contents_and_anchor_links_name_the_parts(seeded, client):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    html = client.get(plan.url).content.decode()
    assert '<a href="#muc-iii-1">Mục III.1 — Nghiên cứu, rà soát, kiến nghị cấp có…</a>' in html
    assert 'aria-label="Liên kết đến Mục III.1 — Nghiên cứu' in html
    assert "Liên kết đến 1." not in html


def test_details_and_contents_fold_below_a_short_summary(seeded, client):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    html = client.get(plan.url).content.decode()
    summary, details, toc, text = (
        html.index('class="legal-summary"'),
        html.index('<details class="legal-meta">'),
        html.index('<details class="toc">'),
        html.index('class="legal-text"'),
    )
    assert summary < details < toc < text
    assert "Còn hiệu lực" in html[summary:details]


def test_unknown_values_read_the_same_everywhere(seeded, client):
    directive = LegalDocumentPage.objects.get(doc_type="CT")
    html = client.get(directive.url).content.decode()
    assert html.count('<span class="unknown">Không ghi trong văn bản</span>') >= 3
    assert "văn bản không ghi" not in html and "<td>—</td>" not in html


def test_an_administrative_text_is_in_force_from_its_day_of_signing(seeded):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    assert plan.effective_on == dt.date(2021, 1, 7)
    assert plan.status == LegalDocumentPage.Status.IN_FORCE
    # a draft that leaves the day blank has no date in force: unknown, not guessed
    guidance = LegalDocumentPage.objects.get(doc_type="HD")
    assert guidance.effective_on is None and guidance.status == LegalDocumentPage.Status.UNKNOWN


def test_a_replacing_text_imported_later_ends_the_old_one(library, client):
    old = import_document(
        parse_text(decision("12/QĐ-UBND", "05/01/2021", "Ban hành quy chế cũ.", "Về quy chế")),
        library=library,
        publish=True,
    ).page
    assert old.status == LegalDocumentPage.Status.IN_FORCE
    replacing = decision(
        "88/QĐ-UBND",
        "10/03/2024",
        "Ban hành quy chế mới, thay thế Quyết định số 12/QĐ-UBND ngày 05/01/2021 của "
        "Ủy ban nhân dân tỉnh Sơn La.",
        "Về quy chế mới",
    )
    new = import_document(parse_text(replacing), library=library, publish=True).page
    old.refresh_from_db()
    assert old.status == LegalDocumentPage.Status.EXPIRED
    html = client.get(old.url).content.decode()
    assert "Hết hiệu lực" in html
    assert f'Bị thay thế bởi: <a href="{new.url}">Quyết định 88/QĐ-UBND</a>' in html
    # the library's validity filter follows
    listing = client.get(library.url, {"hieu-luc": "expired"}).content.decode()
    assert old.url in listing and new.url not in listing


def test_the_replacing_text_may_come_first(library):
    replacing = decision(
        "88/QĐ-UBND",
        "10/03/2024",
        "Bãi bỏ Điều 2 của Quyết định số 12/QĐ-UBND ngày 05/01/2021.",
        "Về quy chế mới",
    )
    import_document(parse_text(replacing), library=library, publish=True)
    old_text = decision("12/QĐ-UBND", "05/01/2021", "Ban hành quy chế cũ.", "Về quy chế")
    old = import_document(parse_text(old_text), library=library, publish=True).page
    old.refresh_from_db()
    assert old.status == LegalDocumentPage.Status.PARTLY_EXPIRED


def test_an_editor_may_set_the_validity_with_a_reason(seeded):
    from django.core.exceptions import ValidationError

    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    plan.status_override = LegalDocumentPage.Status.EXPIRED
    with pytest.raises(ValidationError):
        plan.full_clean()
    plan.status_reason = "Kế hoạch đã kết thúc năm 2021."
    plan.save()
    plan.refresh_from_db()
    assert plan.status == LegalDocumentPage.Status.EXPIRED


def test_every_seed_gets_topics_from_its_text(seeded):
    for page in LegalDocumentPage.objects.all():
        slugs = {t.slug for t in page.topics.all()}
        assert slugs, page.title
        assert len(slugs) <= 3
    letter = LegalDocumentPage.objects.get(number="5650/UBND-VX")
    assert "xam-hai-tinh-duc" in {t.slug for t in letter.topics.all()}


def test_downloads_are_named_for_what_they_are(seeded, client):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    html = client.get(plan.url).content.decode()
    assert f'<a href="{plan.url}tai-ve/pdf/"' in html
    assert f'<a href="{plan.url}tai-ve/ban-goc/"' in html
    original = client.get(plan.url + "tai-ve/ban-goc/")
    assert original.status_code == 200
    assert 'filename="KH-03-UBND-Hai-Phong-2021.txt"' in original["Content-Disposition"]
    assert b"".join(original.streaming_content).decode().startswith("ỦY BAN NHÂN")


def test_the_pdf_is_made_from_the_text_once_per_revision(
    seeded, client, django_assert_max_num_queries
):
    import io

    from pypdf import PdfReader

    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    response = client.get(plan.url + "tai-ve/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="KH-03-UBND-Hai-Phong-2021.pdf"' in response["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mục III.1" in text and "Lê Khắc Nam" in text
    again = client.get(plan.url + "tai-ve/pdf/")
    assert again.content == response.content


def test_a_text_not_yet_in_force_turns_in_force_on_its_day(seeded):
    from io import StringIO

    from django.core.management import call_command

    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    LegalDocumentPage.objects.filter(pk=plan.pk).update(effective_on=tomorrow)
    call_command("refresh_validity", stdout=StringIO())
    plan.refresh_from_db()
    assert plan.status == LegalDocumentPage.Status.NOT_YET
    LegalDocumentPage.objects.filter(pk=plan.pk).update(effective_on=dt.date.today())
    out = StringIO()
    call_command("refresh_validity", stdout=out)
    plan.refresh_from_db()
    assert plan.status == LegalDocumentPage.Status.IN_FORCE
    assert "1 document(s) changed status." in out.getvalue()


def test_a_document_without_an_original_file_answers_404_not_500(library, client):
    page = import_document(
        parse_text(decision("12/QĐ-UBND", "05/01/2021", "Ban hành quy chế.", "Về quy chế")),
        library=library,
        publish=True,
    ).page
    assert page.original_file is None
    assert client.get(page.url + "tai-ve/ban-goc/").status_code == 404
    assert client.get(page.url + "tai-ve/pdf/").status_code == 200
