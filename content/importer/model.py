"""Result types of the importer: plain dataclasses, JSON-friendly."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from content.importer.doctypes import DOC_TYPES


class UnreadableFile(Exception):
    """A file or text the importer cannot use; the message is for editors (Vietnamese)."""


class NoDocumentFound(UnreadableFile):
    """The text holds no recognisable document (no type, number, date, signer, sections)."""


@dataclass
class Section:
    """One structural unit: Chương, Mục, Điều, khoản, điểm or I./1./a) of a plan."""

    kind: str
    label: str
    number: str
    heading: str
    text: str
    anchor: str
    level: int
    parent: str | None = None


@dataclass
class Footnote:
    """A footnote; the body keeps "[^marker]" where the superscript stood."""

    marker: str
    text: str


@dataclass
class Citation:
    """One mention of another document (each occurrence is its own row)."""

    raw: str
    doc_type: str | None
    number: str | None
    number_key: str | None
    date: str | None
    issuer_hint: str | None
    title_hint: str | None
    part: str | None
    relation: str
    section_anchor: str | None
    #: where it was found: "title", "preamble", "section" or "footnote"
    source: str = "section"


@dataclass
class ParsedDocument:
    """Everything the parser learnt about one document."""

    doc_type: str | None = None
    number: str | None = None
    number_key: str | None = None
    symbol: str | None = None
    year_in_number: int | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    issued_on: str | None = None
    issued_precision: str | None = None
    subject: str | None = None
    title: str = ""
    addressees: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    preamble: str = ""
    closing: str = ""
    signer: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    recipients: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_type_name(self) -> str | None:
        """Vietnamese name of the type ("Kế hoạch"), or None."""
        return DOC_TYPES.get(self.doc_type) if self.doc_type else None

    def to_dict(self) -> dict[str, Any]:
        """Every field (and the type name), JSON-serialisable."""
        data = asdict(self)
        data["doc_type_name"] = self.doc_type_name
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedDocument:
        """The document ``to_dict`` produced (as stored by a background import)."""
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["sections"] = [Section(**s) for s in data.get("sections", [])]
        values["footnotes"] = [Footnote(**f) for f in data.get("footnotes", [])]
        values["citations"] = [Citation(**c) for c in data.get("citations", [])]
        return cls(**values)

    def references(self) -> list[str]:
        """Distinct cited numbers in order of first appearance.

        Deduped by normalised key; the printed form comes from the first
        occurrence outside the title when there is one (the title is often
        in capitals: "QĐ-TTG" where the body prints "QĐ-TTg").
        """
        order: list[str] = []
        printed: dict[str, str] = {}
        from_body: set[str] = set()
        for cite in self.citations:
            if not cite.number or not cite.number_key:
                continue
            key = cite.number_key
            if key not in printed:
                order.append(key)
                printed[key] = cite.number
            if cite.source != "title" and key not in from_body:
                from_body.add(key)
                printed[key] = cite.number
        return [printed[key] for key in order]

    def summary(self, file: str) -> dict[str, Any]:
        """The dry-run JSON object for one file."""
        return {
            "file": file,
            "doc_type": self.doc_type_name,
            "number": self.number,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "place": self.place,
            "issued_on": self.issued_on,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "title": self.title,
            "references": self.references(),
            "sections": len(self.sections),
            "missing": list(self.missing),
            "warnings": list(self.warnings),
        }
