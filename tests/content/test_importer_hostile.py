"""Hostile uploads: zip bombs, hostile XML and huge PDFs are refused quickly and clearly."""

from __future__ import annotations

import io
import time
import zipfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Revision

import pytest

from content.importer import UnreadableFile, extract_text_from_bytes, limits
from content.importer import extract as extract_module
from content.models import LegalDocumentPage, LegalLibraryPage

DOCUMENT = "word/document.xml"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(document_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A real .docx (python-docx), with its document part or extra parts replaced."""
    import docx

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == DOCUMENT and document_xml is not None:
                data = document_xml
            dst.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _refused_quickly(data: bytes, name: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match=message):
        extract_text_from_bytes(data, name)
    assert time.monotonic() - started < 5


def test_zip_bomb_docx_is_refused_before_decompressing() -> None:
    filler = b" " * (40 * 1024 * 1024)  # 40 MB of spaces compress to about 40 KB
    bomb = _docx(f"<w:document {W}><w:body>".encode() + filler + b"</w:body></w:document>")
    assert len(bomb) < 200 * 1024
    _refused_quickly(bomb, "bomb.docx", "tỷ lệ nén bất thường")


def test_docx_too_large_uncompressed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "MAX_DOCX_UNCOMPRESSED", 512 * 1024)
    data = _docx(extra={"word/media/image1.bin": bytes(range(256)) * 4096})  # 1 MB
    _refused_quickly(data, "big.docx", "quá giới hạn")


def test_docx_with_too_many_entries_is_refused() -> None:
    parts = {f"customXml/item{i}.txt": b"x" for i in range(1200)}
    _refused_quickly(_docx(extra=parts), "many.docx", "quá nhiều thành phần")


def test_docx_with_entity_expansion_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        + f"<w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>".encode()
        + b"</w:body></w:document>"
    )
    _refused_quickly(_docx(laughs), "laughs.docx", "DTD")


def test_docx_with_deep_nesting_is_refused() -> None:
    deep = f"<w:document {W}><w:body>".encode() + b"<w:p>" * 5000
    deep += b"</w:p>" * 5000 + b"</w:body></w:document>"
    _refused_quickly(_docx(deep), "deep.docx", "lồng quá sâu")


def test_normal_docx_still_reads() -> None:
    assert extract_text_from_bytes(_docx(), "ok.docx") == "KẾ HOẠCH"


def repeated_page_pdf(pages: int, text: str = "Ke hoach so 5") -> bytes:
    """A tiny PDF whose page tree lists the same page object ``pages`` times."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * pages) + b"] /Count %d >>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_repeating_one_page_within_the_limit_reads_every_page() -> None:
    started = time.monotonic()
    text = extract_text_from_bytes(repeated_page_pdf(300), "many.pdf")
    assert time.monotonic() - started < 10
    assert text.count("Ke hoach so 5") == 300


def test_pdf_over_the_page_limit_is_refused() -> None:
    data = repeated_page_pdf(20000)
    assert len(data) < 150 * 1024
    _refused_quickly(data, "huge.pdf", "quá giới hạn 500 trang")


def test_pdf_over_the_time_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "PDF_TIME_BUDGET", 0.0)
    _refused_quickly(repeated_page_pdf(50), "slow.pdf", "đọc quá")


@pytest.mark.django_db
def test_hostile_files_leave_the_library_unchanged(demo_site, tmp_path: Path) -> None:
    assert LegalLibraryPage.objects.child_of(demo_site).exists()
    before = (LegalDocumentPage.objects.count(), Revision.objects.count())
    bomb = b" " * (40 * 1024 * 1024)
    (tmp_path / "bomb.docx").write_bytes(
        _docx(f"<w:document {W}><w:body>".encode() + bomb + b"</w:body></w:document>")
    )
    (tmp_path / "huge.pdf").write_bytes(repeated_page_pdf(20000))
    err = StringIO()
    started = time.monotonic()
    with pytest.raises(SystemExit):
        call_command("import_legal_texts", str(tmp_path), stdout=StringIO(), stderr=err)
    assert time.monotonic() - started < 10
    assert "bomb.docx" in err.getvalue() and "huge.pdf" in err.getvalue()
    assert (LegalDocumentPage.objects.count(), Revision.objects.count()) == before


@pytest.mark.django_db
def test_the_import_command_stops_a_file_that_reads_forever(
    demo_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One page that never finishes (not only many pages) is cut off by the command too."""
    monkeypatch.setattr(limits, "READ_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(limits, "_read", lambda *args: time.sleep(30) or {})
    (tmp_path / "stuck.pdf").write_bytes(repeated_page_pdf(1))
    before = (LegalDocumentPage.objects.count(), Revision.objects.count())
    err = StringIO()
    started = time.monotonic()
    with pytest.raises(SystemExit):
        call_command("import_legal_texts", str(tmp_path), stdout=StringIO(), stderr=err)
    assert time.monotonic() - started < 5
    assert "stuck.pdf" in err.getvalue() and "giây" in err.getvalue()
    assert (LegalDocumentPage.objects.count(), Revision.objects.count()) == before
