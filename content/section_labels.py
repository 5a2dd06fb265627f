"""How a reader (and a lawyer) names a part of a document: "Điều 4. Giải thích từ ngữ",
"Điều 3, khoản 2, điểm a", "Mục III.1 — Tuyên truyền, phổ biến…".

Plain Python (no Django): it reads any object with the section attributes the importer
produces (`kind`, `number`, `heading`, `text`, `anchor`, `parent_anchor` or `parent`), so
the document page, its table of contents, the "#" links and the search hits all name a
section the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

#: words kept from an item's text when it has no heading of its own
FIRST_WORDS = 8


class SectionLike(Protocol):
    kind: str
    number: str
    heading: str
    text: str
    anchor: str


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The opening words of a text, cut on a word boundary, with "…" when cut."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = re.sub(r"\[\^\d+\]", "", line).strip().lstrip("-+• ").strip()
    words = line.split()
    if len(words) <= count:
        return line.rstrip(" .;:,")
    return " ".join(words[:count]).rstrip(" .;:,") + "…"


def _own_words(section: SectionLike) -> str:
    heading = " ".join((section.heading or "").split())
    return heading.rstrip(" .:") if heading else first_words(section.text or "")


def _unit(section: SectionLike) -> str:
    """The unit's own name without its heading: "Điều 4", "khoản 2", "điểm a"."""
    number = section.number
    return {
        "phan": f"Phần {number}",
        "chuong": f"Chương {number}",
        "muc": f"Mục {number}",
        "dieu": f"Điều {number}",
        "khoan": f"khoản {number}",
        "diem": f"điểm {number}",
        "point": f"điểm {number}",
    }.get(section.kind, number)


def _item_path(section: SectionLike, ancestors: Sequence[SectionLike]) -> str:
    """ "III.1.2" for item 1.2 of part III (an administrative text's numbering)."""
    parts = [a.number for a in ancestors if a.kind == "part"]
    return ".".join([*parts[-1:], section.number])


def cite_path(section: SectionLike, ancestors: Sequence[SectionLike]) -> str:
    """Where a section is, as a citation: "Điều 3, khoản 2, điểm a" or "Mục III.1, điểm b".

    `ancestors` are the enclosing sections, outermost first.
    """
    chain = [*ancestors, section]
    if section.kind in {"part", "item"}:
        return f"Mục {_item_path(section, ancestors)}"
    if section.kind == "point":
        holder = next((a for a in reversed(ancestors) if a.kind in {"part", "item"}), None)
        if holder is None:
            return _unit(section)
        holder_path = cite_path(holder, ancestors[: list(ancestors).index(holder)])
        return f"{holder_path}, {_unit(section)}"
    # Normative texts: from the Điều down (a Điều is cited without its Chương).
    dieu_at = next((i for i in range(len(chain) - 1, -1, -1) if chain[i].kind == "dieu"), None)
    if dieu_at is not None:
        return ", ".join(_unit(s) for s in chain[dieu_at:])
    return _unit(section)


def section_label(section: SectionLike, ancestors: Sequence[SectionLike] = ()) -> str:
    """The label shown in the table of contents, on the heading's "#" link and in hits.

    - Chương, Mục, Điều and Phần carry their heading: "Điều 4. Giải thích từ ngữ".
    - Khoản and điểm are cited with their Điều: "Điều 3, khoản 2, điểm a".
    - Parts and items of an administrative text: "Mục III.1 — <heading or first words>".
    """
    words = _own_words(section)
    if section.kind in {"phan", "chuong", "muc", "dieu"}:
        unit = _unit(section)
        return f"{unit}. {words}" if section.heading else unit
    if section.kind in {"khoan", "diem", "point"}:
        return cite_path(section, ancestors)
    path = cite_path(section, ancestors)
    return f"{path} — {words}" if words else path


def ancestors_by_anchor(sections: Iterable[SectionLike]) -> dict[str, list[SectionLike]]:
    """anchor -> the enclosing sections, outermost first, from the sections' parent links."""
    items = list(sections)
    by_anchor = {s.anchor: s for s in items}

    def parent_of(section: SectionLike) -> str:
        return getattr(section, "parent_anchor", None) or getattr(section, "parent", None) or ""

    result: dict[str, list[SectionLike]] = {}
    for section in items:
        chain: list[SectionLike] = []
        seen = {section.anchor}
        parent = parent_of(section)
        while parent and parent in by_anchor and parent not in seen:
            seen.add(parent)
            chain.append(by_anchor[parent])
            parent = parent_of(by_anchor[parent])
        result[section.anchor] = list(reversed(chain))
    return result


def label_sections(sections: Iterable[SectionLike]) -> dict[str, str]:
    """anchor -> label, for a whole document's sections."""
    items = list(sections)
    ancestry = ancestors_by_anchor(items)
    return {s.anchor: section_label(s, ancestry[s.anchor]) for s in items}
