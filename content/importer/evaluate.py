"""Measure the importer on a corpus with known metadata (``manage.py eval_import``).

Each text is read as an editor's upload would be (``extract_text`` then
``parse_text``) and eight fields are compared with ``expected.tsv``. A value is
*invented* when the importer gives something non-empty where the expected value
is empty, or a value of a different kind (another document type, another date
precision, an issuer at another level or a cut one such as "Ủy ban nhân dân |",
a title of another type): the importer must rather leave a field empty and list
it in ``missing``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from base.vietnamese import fold, normalise_number
from content.importer.extract import SUPPORTED, extract_text
from content.importer.model import ParsedDocument, UnreadableFile
from content.importer.parser import parse_text

FIELDS = ("number", "doc_type", "issuer", "issued_on", "place", "title", "signer", "cites")
_LEVELS = ("thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


@dataclass
class Miss:
    file: str
    field: str
    expected: str
    got: str
    invented: bool

    def __str__(self) -> str:
        flag = " [invented]" if self.invented else ""
        return f"{self.file}: {self.field}: expected {self.expected!r} got {self.got!r}{flag}"


@dataclass
class Report:
    files: int = 0
    per_field: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    misses: list[Miss] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def fields(self) -> int:
        return sum(total for _, total in self.per_field.values())

    @property
    def exact(self) -> int:
        return sum(ok for ok, _ in self.per_field.values())

    @property
    def invented(self) -> int:
        return sum(1 for miss in self.misses if miss.invented)

    @property
    def accuracy(self) -> float:
        return self.exact / self.fields if self.fields else 0.0

    def lines(self) -> Iterator[str]:
        """The printed report; the last line is the RESULT summary."""
        for name in self.refused:
            yield f"{name}: refused"
        for miss in self.misses:
            yield str(miss)
        for name, (ok, total) in self.per_field.items():
            share = ok / total if total else 0.0
            yield f"{name:<10} {ok:>4}/{total:<4} {share:6.1%}"
        yield (
            f"RESULT files={self.files} fields={self.fields} exact={self.exact} "
            f"accuracy={self.accuracy:.1%} invented={self.invented}"
        )


def read_expected(path: str | Path) -> dict[str, dict[str, str]]:
    """Rows of an expected.tsv keyed by file name."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["file"]: {k: (v or "").strip() for k, v in row.items()} for row in rows}


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the supported files inside folders named, in order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED))
        else:
            files.append(path)
    return files


def values_of(doc: ParsedDocument | None) -> dict[str, str]:
    """The compared fields of a parsed document, as strings ("" when absent)."""
    if doc is None:
        return dict.fromkeys(FIELDS, "")
    return {
        "number": doc.number or "",
        "doc_type": doc.doc_type_name or "",
        "issuer": doc.issuer or "",
        "issued_on": doc.issued_on or "",
        "place": doc.place or "",
        "title": doc.title or "",
        "signer": doc.signer or "",
        "cites": "; ".join(doc.references()),
    }


def _norm(text: str) -> str:
    text = re.sub(r"^V/v\s*:\s*", "V/v ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _cites_key(text: str) -> set[str]:
    return {normalise_number(part) for part in re.split(r"[;,]", text) if part.strip()}


def same(name: str, expected: str, got: str) -> bool:
    """Whether ``got`` counts as exact for field ``name``."""
    if name == "cites":
        return _cites_key(expected) == _cites_key(got)
    if name == "number":
        return normalise_number(expected) == normalise_number(got)
    if name == "title":
        return _norm(expected).casefold() == _norm(got).casefold()
    return _norm(expected) == _norm(got)


def _kind(name: str, value: str) -> str:
    """A coarse class of a value; two values of different classes are not the same kind."""
    if name == "issued_on":
        return str(value.count("-"))
    if name == "doc_type":
        return value
    if name == "issuer":
        if "|" in value or not re.search(r"\w", value):
            return "broken"
        folded = fold(value)
        heads = [part.split()[0] if part.split() else "" for part in folded.split(";")]
        levels = [lv for lv in _LEVELS if re.search(rf"\b{fold(lv)}\b", folded)]
        return f"{'/'.join(heads)}:{levels[0] if levels else ''}"
    if name == "title":
        return fold(_norm(value)).split(" ")[0] if value else ""
    return "value"  # number, place, signer, cites: any non-empty value is of the same kind


def invented(name: str, expected: str, got: str) -> bool:
    """A non-empty value where none was expected, or one of another kind."""
    if not got:
        return False
    if not expected:
        return True
    return _kind(name, expected) != _kind(name, got)


def evaluate(paths: Iterable[str | Path], expected: dict[str, dict[str, str]]) -> Report:
    """Parse every file and compare it with its expected row (files without a row are skipped)."""
    report = Report()
    for path in expand(paths):
        row = expected.get(path.name)
        if row is None:
            continue
        report.files += 1
        try:
            doc: ParsedDocument | None = parse_text(extract_text(path))
        except UnreadableFile:
            doc = None
            report.refused.append(path.name)
        got = values_of(doc)
        for name in FIELDS:
            want = row.get(name, "")
            report.per_field[name][1] += 1
            if same(name, want, got[name]):
                report.per_field[name][0] += 1
            else:
                report.misses.append(
                    Miss(path.name, name, want, got[name], invented(name, want, got[name]))
                )
    return report
