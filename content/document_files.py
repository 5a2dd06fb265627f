"""What a reader downloads from a document page: the original file under a name that
says what it is, and a clean PDF made from the structured text.

The PDF embeds the same fonts as the certificates (full Vietnamese coverage) and is
kept in media storage per revision, so it is made once for each published version.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from anyascii import anyascii

from base.pdf_fonts import FONT, FONT_BOLD, register_fonts
from content.importer import DOC_TYPE_ABBR
from content.section_labels import label_sections

if TYPE_CHECKING:  # ReportLab is imported when a PDF is made (memory per web worker)
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

PLACE_WORDS = re.compile(r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường)\s+", re.I)


def _ascii_words(text: str) -> str:
    """ "Hải Phòng" -> "Hai-Phong" (folded, words kept in their case, joined by -)."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", anyascii(text)))


def download_stem(page) -> str:
    """A file name that says what the document is: "KH-03-UBND-Hai-Phong-2021",
    "CV-5650-UBND-VX-Kon-Tum-2020", "ND-56-2017-CP"; a text without a number is named
    by its type and the first words of its title."""
    type_code = page.doc_type or ""
    parts: list[str] = []
    if page.number and "/" in page.number:
        number, _slash, symbol = page.number.partition("/")
        symbol_parts = [p for p in re.split(r"[/-]", symbol) if p.strip()]
        year = symbol_parts.pop(0) if symbol_parts and symbol_parts[0].isdigit() else ""
        abbr = DOC_TYPE_ABBR.get(type_code, "")
        if symbol_parts and abbr and _ascii_words(symbol_parts[0]) == _ascii_words(abbr):
            type_code = symbol_parts.pop(0)
        parts = [type_code, number, year, *symbol_parts]
    else:
        parts = [type_code, " ".join((page.subject or page.title).split()[:6])]
    place = page.issuer.province.name if page.issuer and page.issuer.province_id else page.place
    if place:
        parts.append(PLACE_WORDS.sub("", place))
    if page.issued_on and str(page.issued_on.year) not in parts:
        parts.append(str(page.issued_on.year))
    stem = "-".join(w for w in (_ascii_words(p) for p in parts) if w)
    return stem[:120].strip("-") or f"van-ban-{page.pk}"


def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=4)
    return {
        "kind": ParagraphStyle("kind", parent=body, fontName=FONT_BOLD, fontSize=11),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=20, spaceAfter=8
        ),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9.5, leading=13, spaceAfter=1),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=11.5, spaceBefore=8
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def render_document_pdf(page, facts: list[tuple[str, str]], source_note: str) -> bytes:
    """The document's structured text as an A4 PDF (metadata, sections, recipients)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    register_fonts()
    styles = _styles()
    story: list = []
    kind = " ".join(p for p in (page.doc_type_name, page.number) if p)
    if kind:
        story.append(_para(kind, styles["kind"]))
    story.append(_para(page.full_title or page.title, styles["title"]))
    story.extend(_para(f"{label}: {value}", styles["meta"]) for label, value in facts)
    story.append(Spacer(1, 4 * mm))
    for line in (page.addressees or "").splitlines():
        story.append(_para(line, styles["body"]))
    if page.preamble:
        story.extend(_para(p, styles["body"]) for p in page.preamble.splitlines() if p.strip())
    sections = list(page.sections.all())
    labels = label_sections(sections)
    for section in sections:
        if section.kind in {"phan", "chuong", "muc", "dieu", "part", "item"}:
            story.append(_para(labels[section.anchor], styles["heading"]))
        else:
            story.append(_para(labels[section.anchor], styles["small"]))
        story.extend(_para(p, styles["body"]) for p in section.text.splitlines() if p.strip())
    if page.closing:
        story.extend(_para(p, styles["body"]) for p in page.closing.splitlines() if p.strip())
    if page.signer_name:
        signature = "\n".join(
            p for p in (page.signer_authority, page.signer_title, page.signer_name) if p
        )
        story.append(Spacer(1, 4 * mm))
        story.append(_para(signature, styles["body"]))
    if page.recipients:
        story.append(_para(page.recipients, styles["small"]))
    story.append(Spacer(1, 6 * mm))
    story.append(_para(source_note, styles["small"]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=page.full_title or page.title,
        author=page.issuer.name if page.issuer else settings.WAGTAIL_SITE_NAME,
        lang="vi",
    )
    doc.build(story)
    return buffer.getvalue()


def cached_document_pdf(page, facts, source_note) -> bytes:
    """The PDF of the live revision, made once and kept in media storage."""
    name = f"legal-pdf/{page.pk}/{page.live_revision_id or 0}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    data = render_document_pdf(page, facts, source_note)
    default_storage.save(name, ContentFile(data))
    return data
