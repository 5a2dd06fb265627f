"""Importer of Vietnamese legal and administrative documents (plain Python, no Django).

Usage::

    from content.importer import extract_text, parse_text

    doc = parse_text(extract_text("ke-hoach.docx"))
    doc.summary("ke-hoach.docx")
"""

from content.importer.doctypes import DOC_TYPE_ABBR, DOC_TYPES
from content.importer.extract import MAX_FILE_BYTES, extract_text, extract_text_from_bytes
from content.importer.model import (
    Citation,
    Footnote,
    NoDocumentFound,
    ParsedDocument,
    Section,
    UnreadableFile,
)
from content.importer.parser import parse_text

__all__ = [
    "DOC_TYPES",
    "DOC_TYPE_ABBR",
    "MAX_FILE_BYTES",
    "Citation",
    "Footnote",
    "NoDocumentFound",
    "ParsedDocument",
    "Section",
    "UnreadableFile",
    "extract_text",
    "extract_text_from_bytes",
    "parse_text",
]
