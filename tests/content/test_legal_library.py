import json
import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Revision

import pytest

from content.demo import SEEDS, load_legal_library
from content.importer import parse_text
from content.legal_import import import_document
from content.models import Citation, Issuer, LegalDocumentPage, LegalLibraryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.child_of(demo_site).get()


@pytest.fixture
def seeded(library):
    load_legal_library(library)
    return library


def test_seeds_import_with_their_metadata(seeded):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    assert plan.doc_type == "KH"
    assert plan.issuer.name == "Ủy ban nhân dân thành phố Hải Phòng"
    assert plan.issuer.level == Issuer.Level.PROVINCE
    assert plan.issued_on.isoformat() == "2021-01-07" and plan.issued_precision == "day"
    assert (plan.signer_name, plan.signer_title) == ("Lê Khắc Nam", "Phó Chủ tịch")
    assert plan.live and plan.sections.count() == 28
    assert plan.original_file is not None and plan.original_file.file_size > 0

    letter = LegalDocumentPage.objects.get(number="5650/UBND-VX")
    assert letter.doc_type == "CV" and letter.issuer.level == Issuer.Level.DISTRICT
    assert letter.issuer.province.name == "Kon Tum"
    assert letter.issuer.province.current_unit().name == "Quảng Ngãi"

    guidance = LegalDocumentPage.objects.get(doc_type="HD")
    assert guidance.number == "" and guidance.symbol == "HD-SLĐTBXH"
    assert guidance.issued_precision == "month" and guidance.issued_display == "03/2023"

    directive = LegalDocumentPage.objects.get(doc_type="CT")
    assert directive.issuer is None and directive.issued_on is None
    assert set(directive.import_notes["missing"]) >= {"issuer", "issued_on", "number"}

    tam_duong = LegalDocumentPage.objects.get(issuer__name="Ủy ban nhân dân huyện Tam Đường")
    assert tam_duong.issuer.province.name == "Lai Châu"
    assert LegalDocumentPage.objects.count() == 5


def test_reimport_saves_a_revision_not_a_duplicate(seeded):
    page = LegalDocumentPage.objects.get(number="03/KH-UBND")
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    parsed = parse_text((SEEDS / "001_72bc782a1ebc1410.txt").read_text())
    result = import_document(parsed, library=seeded)
    assert not result.created and result.page.pk == page.pk
    assert LegalDocumentPage.objects.count() == 5
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions + 1


def test_document_page_renders_structure_and_metadata(client, seeded):
    page = LegalDocumentPage.objects.get(number="03/KH-UBND")
    html = client.get(page.url).content.decode()
    assert 'id="muc-i"' in html and 'href="#muc-i"' in html
    assert "Ủy ban nhân dân thành phố Hải Phòng" in html
    assert '"@type": "Legislation"' in html
    assert "1472/QĐ-TTg" in html


def test_blank_number_shown_as_no_number(client, seeded):
    page = LegalDocumentPage.objects.get(doc_type="HD")
    html = client.get(page.url).content.decode()
    assert "Chưa có số (…/HD-SLĐTBXH)" in html


def test_footnotes_are_linked(client, seeded):
    page = LegalDocumentPage.objects.get(number="5650/UBND-VX")
    assert page.footnotes.exists()
    html = client.get(page.url).content.decode()
    assert 'href="#fn-1"' in html and 'id="fn-1"' in html


def test_citation_becomes_a_link_when_the_cited_document_is_imported_later(client, library):
    plan = (SEEDS / "001_72bc782a1ebc1410.txt").read_text()
    import_document(parse_text(plan), library=library, publish=True)
    citing = LegalDocumentPage.objects.get(number="03/KH-UBND")
    waiting = Citation.objects.filter(source=citing, number_key="1472/QD-TTG")
    assert waiting.exists() and not waiting.filter(target__isnull=False).exists()
    assert "chưa có trong thư viện" in client.get(citing.url).content.decode()

    decision = (
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1472/QĐ-TTg\nHà Nội, ngày 28 tháng 9 năm 2020\n\nQUYẾT ĐỊNH\n"
        "Ban hành Kế hoạch thực hiện Nghị quyết số 121/2020/QH14\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
        "Điều 2. Quyết định này có hiệu lực từ ngày ký.\n\nTHỦ TƯỚNG\nNguyễn Xuân Phúc\n"
    )
    result = import_document(parse_text(decision), library=library, publish=True)
    assert set(waiting.values_list("target_id", flat=True)) == {result.page.pk}
    html = client.get(citing.url).content.decode()
    assert f'href="{result.page.url}"' in html
    # and the cited document lists the plan among the documents that cite it
    assert citing.title[:40] in client.get(result.page.url).content.decode()


def test_library_lists_newest_first_and_filters(client, seeded):
    html = client.get(seeded.url).content.decode()
    assert html.index("03/KH-UBND") < html.index("5650/UBND-VX")  # 2021 before 2020
    only_plans = client.get(seeded.url, {"loai": "KH"}).content.decode()
    assert "03/KH-UBND" in only_plans and "5650/UBND-VX" not in only_plans
    year_2020 = client.get(seeded.url, {"nam": "2020"}).content.decode()
    assert "5650/UBND-VX" in year_2020 and "03/KH-UBND" not in year_2020
    for forged in [
        {"loai": "<script>"},
        {"nam": "abc"},
        {"co-quan": "-1"},
        {"trang": "999"},
        {"hieu-luc": "x"},
    ]:
        assert client.get(seeded.url, forged).status_code == 200


def test_library_query_count_does_not_grow_with_documents(client, seeded, library):
    client.get(seeded.url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(seeded.url)
    extra = (SEEDS.parent / "legal_samples" / "01_nd-30-2020-cong-tac-van-thu.txt").read_text()
    import_document(parse_text(extra), library=library, publish=True)
    with CaptureQueriesContext(connection) as more:
        client.get(seeded.url)
    assert len(more) == len(few)


def test_document_page_query_count_is_constant(client, seeded, library):
    small = LegalDocumentPage.objects.get(number="5650/UBND-VX")
    client.get(small.url)
    with CaptureQueriesContext(connection) as small_queries:
        client.get(small.url)
    extra = (SEEDS.parent / "legal_samples" / "01_nd-30-2020-cong-tac-van-thu.txt").read_text()
    big = import_document(parse_text(extra), library=library, publish=True).page
    client.get(big.url)
    with CaptureQueriesContext(connection) as big_queries:
        client.get(big.url)
    assert big.sections.count() > 100
    assert len(big_queries) <= len(small_queries) + 2


def test_command_dry_run_json_writes_nothing(library):
    out = StringIO()
    call_command("import_legal_texts", str(SEEDS), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [d["file"] for d in data] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert data[1]["number"] == "03/KH-UBND" and data[1]["references"][:2] == [
        "1472/QĐ-TTg",
        "121/2020/QH14",
    ]
    assert LegalDocumentPage.objects.count() == 0


def test_command_imports_and_reports_bad_files(library, tmp_path: Path):
    good = tmp_path / "ke-hoach.txt"
    shutil.copy(SEEDS / "004_9356eee88e556c18.txt", good)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.pdf").write_bytes(b"\x00\x01\x02not a pdf")
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legal_texts", str(tmp_path), stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2 and all(": " in line for line in lines)
    assert LegalDocumentPage.objects.count() == 1
    assert not LegalDocumentPage.objects.get().live  # drafts unless --publish


def test_bad_files_leave_the_library_unchanged(seeded, tmp_path: Path):
    before = (LegalDocumentPage.objects.count(), Revision.objects.count())
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(SystemExit):
        call_command(
            "import_legal_texts",
            str(big),
            str(tmp_path / "empty.txt"),
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert (LegalDocumentPage.objects.count(), Revision.objects.count()) == before


def test_identity_is_issuer_year_and_number(seeded):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    assert plan.identity_conflicts().count() == 0
    # the same number from another issuer is another document
    text = (
        (SEEDS / "001_72bc782a1ebc1410.txt").read_text().replace("PHỐ HẢI PHÒNG", "PHỐ CẦN THƠ", 1)
    )
    result = import_document(parse_text(text), library=seeded)
    assert result.created
    assert LegalDocumentPage.objects.filter(number_key="03/KH-UBND").count() == 2


def test_two_provinces_departments_are_two_issuers_each_in_its_province(library):
    """Every province has a "Sở Giáo dục và Đào tạo": the same number from two of them is
    two documents, each filed under its own province's department."""

    def department_plan(province: str) -> str:
        return (
            f"UBND TỈNH {province.upper()}\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/KH-SGDĐT\n"
            f"{province}, ngày 5 tháng 6 năm 2024\nKẾ HOẠCH\nPhòng, chống xâm hại trẻ em\n"
            "Căn cứ Luật Trẻ em năm 2016;\nI. MỤC ĐÍCH\nBảo vệ trẻ em."
        )

    for province in ("Lai Châu", "Lào Cai"):
        assert import_document(parse_text(department_plan(province)), library=library).created
    plans = LegalDocumentPage.objects.filter(number_key="12/KH-SGDDT").select_related("issuer")
    assert sorted((p.issuer.name, p.issuer.province.name, p.issuer.level) for p in plans) == [
        ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", "Lai Châu", Issuer.Level.PROVINCE),
        ("Sở Giáo dục và Đào tạo tỉnh Lào Cai", "Lào Cai", Issuer.Level.PROVINCE),
    ]


def test_load_demo_is_idempotent_with_documents(library):
    load_legal_library(library)
    counts = (LegalDocumentPage.objects.count(), Revision.objects.count(), Citation.objects.count())
    load_legal_library(library)
    assert (
        LegalDocumentPage.objects.count(),
        Revision.objects.count(),
        Citation.objects.count(),
    ) == counts


def test_citations_follow_an_editors_change(client, seeded):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    letter = LegalDocumentPage.objects.get(number="5650/UBND-VX")
    assert not Citation.objects.filter(source=plan, target=letter).exists()
    draft = plan.get_latest_revision_as_object()
    sections = list(draft.sections.all())
    sections[1].text += "\n- Phối hợp theo Công văn số 5650/UBND-VX ngày 28/12/2020."
    draft.sections = sections
    draft.save_revision().publish()
    assert Citation.objects.filter(source=plan, target=letter).exists()
    assert f'href="{letter.url}"' in client.get(plan.url).content.decode()


def test_command_imports_docx_and_refuses_image_only_pdf(library, tmp_path: Path):
    import docx
    from pypdf import PdfWriter

    document = docx.Document()
    for line in (SEEDS / "004_9356eee88e556c18.txt").read_text().splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "ke-hoach.docx")
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with (tmp_path / "scan.pdf").open("wb") as handle:
        writer.write(handle)
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("import_legal_texts", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "scan.pdf" in err.getvalue() and "lớp văn bản" in err.getvalue()
    page = LegalDocumentPage.objects.get()
    assert page.issuer.name == "Ủy ban nhân dân huyện Tam Đường"
    assert page.original_file.file_extension == "docx"


def test_sections_keep_their_order(seeded):
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    anchors = list(plan.sections.values_list("anchor", flat=True))
    assert anchors[:3] == ["muc-i", "muc-i-1", "muc-i-2"]
    assert list(plan.sections.values_list("sort_order", flat=True)) == list(range(len(anchors)))
