"""Get the text out of an uploaded .txt, .docx or .pdf file.

Every failure raises UnreadableFile with a one-line Vietnamese message that an
editor can act on. The size is checked before anything is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from base.vietnamese import clean_text
from content.importer.model import UnreadableFile

MAX_FILE_BYTES = 50 * 1024 * 1024
SUPPORTED = (".txt", ".docx", ".pdf")
# Share of control / undecodable characters above which a "text" is binary.
_MAX_JUNK_RATIO = 0.02


def extract_text(path: str | Path) -> str:
    """Text of the file at ``path`` (NFC, LF line ends)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"Không tìm thấy tệp: {path.name}")
    _check_extension(path.name)
    _check_size(path.stat().st_size, path.name)
    return extract_text_from_bytes(path.read_bytes(), path.name)


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

    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(
            f"Tệp {filename} không phải tệp .docx hợp lệ (hỏng hoặc sai định dạng)"
        ) from exc


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
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"Tệp PDF {filename} bị hỏng, không đọc được") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF không có lớp văn bản (bản quét?)")
    return text
