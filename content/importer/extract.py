"""Get the text out of an uploaded .txt, .docx or .pdf file.

Every failure raises UnreadableFile with a one-line Vietnamese message that an
editor can act on. The size is checked before anything is read.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from base.vietnamese import clean_text
from content.importer.model import UnreadableFile

MAX_FILE_BYTES = 50 * 1024 * 1024
SUPPORTED = (".txt", ".docx", ".pdf")
# DOCX limits, checked on the zip directory before anything is decompressed.
MAX_DOCX_ENTRIES = 1000
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100  # per entry above 1 MB: real XML compresses 5-20 times
MAX_XML_DEPTH = 200
# PDF limits: pages read, and wall time spent extracting them.
MAX_PDF_PAGES = 500
PDF_TIME_BUDGET = 20.0
# Share of control / undecodable characters above which a "text" is binary.
_MAX_JUNK_RATIO = 0.02


def read_file(path: str | Path) -> bytes:
    """The bytes of the file at ``path``, once its name and size are acceptable."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"Không tìm thấy tệp: {path.name}")
    _check_extension(path.name)
    _check_size(path.stat().st_size, path.name)
    return path.read_bytes()


def extract_text(path: str | Path) -> str:
    """Text of the file at ``path`` (NFC, LF line ends)."""
    return extract_text_from_bytes(read_file(path), Path(path).name)


def extract_text_from_bytes(data: bytes, filename: str) -> str:
    """Text of an uploaded file's bytes; ``filename`` gives the format."""
    suffix = _check_extension(filename)
    _check_size(len(data), filename)
    if suffix == ".txt":
        text = _decode_txt(data, filename)
    elif suffix == ".docx":
        text = _docx_text(data, filename)
    else:
        text = _pdf_text(data, filename)
    text = clean_text(text)
    if not text.strip():
        raise UnreadableFile(f"Tệp {filename} không có nội dung văn bản")
    return text


def _check_extension(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "(không có phần mở rộng)"
        raise UnreadableFile(f"Định dạng {shown} không được hỗ trợ: chỉ nhận .txt, .docx, .pdf")
    return suffix


def _check_size(size: int, filename: str) -> None:
    if size == 0:
        raise UnreadableFile(f"Tệp {filename} rỗng")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Tệp {filename} quá lớn ({size / 1024 / 1024:.1f} MB), giới hạn 50 MB"
        )


def _decode_txt(data: bytes, filename: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1258; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"Tệp {filename} ghi UTF-16 bị lỗi mã hóa") from exc
    if b"\x00" in data:
        raise UnreadableFile(f"Tệp {filename} không phải văn bản (dữ liệu nhị phân)")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise UnreadableFile(
        f"Tệp {filename} không phải văn bản đọc được (sai mã hóa hoặc dữ liệu nhị phân)"
    )


def _looks_like_text(text: str) -> bool:
    junk = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t") or 0x7F <= ord(ch) < 0xA0)
    return junk <= len(text) * _MAX_JUNK_RATIO


def _docx_text(data: bytes, filename: str) -> str:
    """Paragraphs and table cells in document order; cells separated by "|" lines."""
    import docx  # imported lazily: only uploads of .docx need it
    from docx.opc.exceptions import PackageNotFoundError

    _check_docx_zip(data, filename)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(
            f"Tệp {filename} không phải tệp .docx hợp lệ (hỏng hoặc sai định dạng)"
        ) from exc


def _check_docx_zip(data: bytes, filename: str) -> None:
    """Refuse a zip bomb or hostile XML before python-docx decompresses anything."""
    refused = f"Tệp {filename} bị từ chối: "
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableFile(
            f"Tệp {filename} không phải tệp .docx hợp lệ (hỏng hoặc sai định dạng)"
        ) from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise UnreadableFile(refused + f"quá nhiều thành phần ({len(entries)})")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_DOCX_UNCOMPRESSED:
        raise UnreadableFile(
            refused + f"giải nén ra {total / 1024 / 1024:.0f} MB, quá giới hạn "
            f"{MAX_DOCX_UNCOMPRESSED // 1024 // 1024} MB (tệp nén bất thường)"
        )
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_DOCX_RATIO * max(
            entry.compress_size, 1
        ):
            raise UnreadableFile(refused + f"tỷ lệ nén bất thường ở {entry.filename}")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            _check_xml(archive, entry, refused)


def _check_xml(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, refused: str) -> None:
    """No DTD or entity (OOXML never needs one) and no absurd nesting; read as a stream."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    depth = 0
    try:
        with archive.open(entry) as stream:
            for event, _ in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                depth += 1 if event == "start" else -1
                if depth > MAX_XML_DEPTH:
                    raise UnreadableFile(refused + f"XML lồng quá sâu ở {entry.filename}")
    except DefusedXmlException as exc:
        raise UnreadableFile(refused + f"XML chứa DTD/thực thể ở {entry.filename}") from exc
    except (SyntaxError, zipfile.BadZipFile, OSError, EOFError) as exc:  # ParseError
        raise UnreadableFile(refused + f"XML hỏng ở {entry.filename}") from exc


def _docx_blocks(document: object) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document).text  # type: ignore[arg-type]
        elif tag == "tbl":
            yield from _table_lines(Table(child, document))  # type: ignore[arg-type]


def _table_lines(table: object) -> Iterator[str]:
    seen: set[int] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            yield cell.text
            yield "|"


def _pdf_text(data: bytes, filename: str) -> str:
    """The PDF's text layer, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableFile(f"Tệp {filename} không phải PDF hợp lệ")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(f"Tệp PDF {filename} được đặt mật khẩu")
        pages = _pdf_pages(reader, filename)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"Tệp PDF {filename} bị hỏng, không đọc được") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF không có lớp văn bản (bản quét?)")
    return text


def _pdf_pages(reader: object, filename: str) -> list[str]:
    """Text of each page, within the page limit and the time budget.

    Each page is read on its own (``reader.pages[i]``), so the work grows with
    the number of pages, and the clock is checked after every page.
    """
    count = len(reader.pages)  # type: ignore[attr-defined]
    if count > MAX_PDF_PAGES:
        raise UnreadableFile(
            f"Tệp PDF {filename} có {count} trang, quá giới hạn {MAX_PDF_PAGES} trang"
        )
    started = time.monotonic()
    pages: list[str] = []
    for index in range(count):
        pages.append(reader.pages[index].extract_text() or "")  # type: ignore[attr-defined]
        if time.monotonic() - started > PDF_TIME_BUDGET:
            raise UnreadableFile(
                f"Tệp PDF {filename}: đọc quá {PDF_TIME_BUDGET:.0f} giây "
                f"(mới được {index + 1}/{count} trang), tệp bất thường"
            )
    return pages
