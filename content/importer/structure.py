"""Build the section tree of a document body from its paragraphs.

Normative texts (any "Điều N.") use Phần > Chương > Mục > Điều > khoản > điểm;
administrative texts use I. > 1. > 1.1. > ... and a) points. Bullet lines
("- ...") and plain paragraphs are text of the innermost open section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content.importer.lines import ends_sentence, is_caps
from content.importer.model import Section

# Normative units. Heading text may follow on the same line.
_PHAN = re.compile(r"^(?:Phần|PHẦN)\s+(?P<num>thứ\s+\S+|[IVXLC]+|\d+)\.?\s*(?P<rest>.*)$")
_CHUONG = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<num>[IVXLC]+|\d+)\.?\s*(?P<rest>.*)$")
_MUC = re.compile(r"^(?:Mục|MỤC)\s+(?P<num>\d+|[IVXLC]+)\.?\s*(?P<rest>.*)$")
_DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<num>\d+[a-z]?)\s*[.:]\s*(?P<rest>.*)$")
# "1." khoản / item, "1.1." sub-item (final dot optional when nested).
_ITEM = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<rest>.*)$|^(?P<one>\d{1,2})\.\s*(?P<rest1>.*)$"
)
# "a)" điểm / point.
_POINT = re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<rest>.*)$")
# "I." part of an administrative text.
_PART = re.compile(r"^(?P<num>[IVXLC]+)\s*[./]\s*(?P<rest>.*)$")
# Heading before a colon: "Phòng Tài chính – Kế hoạch: Tham mưu ..."
_LABEL_COLON = re.compile(r"^(?P<head>[^,.;:]{2,100}):\s+(?P<tail>\S.*)$")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_RANKS = {"phan": 1, "chuong": 2, "muc": 3, "dieu": 4, "khoan": 5, "diem": 6, "part": 1, "point": 9}


def roman_value(text: str) -> int:
    """Integer value of a Roman numeral (0 if it is not one)."""
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN.get(char, 0)
        if not value:
            return 0
        following = _ROMAN.get(text[index + 1], 0) if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def point_slug(letter: str) -> str:
    """ "đ" -> "dd" so that điểm đ and điểm d get different anchors."""
    return "dd" if letter == "đ" else letter


@dataclass
class _Open:
    section: Section
    rank: int
    lines: list[str] = field(default_factory=list)
    last_child: dict[str, tuple[str, int]] = field(default_factory=dict)


class _Builder:
    """Keeps the stack of open sections while paragraphs are read in order."""

    def __init__(self, normative: bool) -> None:
        self.normative = normative
        self.stack: list[_Open] = []
        self.all: list[_Open] = []
        self.anchors: set[str] = set()
        self.top_last: dict[str, tuple[str, int]] = {}
        self.warnings: list[str] = []

    # -- helpers -----------------------------------------------------------
    def _unique(self, anchor: str) -> str:
        candidate, counter = anchor, 1
        while candidate in self.anchors:
            counter += 1
            candidate = f"{anchor}-{counter}"
        self.anchors.add(candidate)
        return candidate

    def _parent_for(self, rank: int) -> _Open | None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        return self.stack[-1] if self.stack else None

    def _nearest(self, kind: str) -> _Open | None:
        return next((o for o in reversed(self.stack) if o.section.kind == kind), None)

    def _check_order(self, parent: _Open | None, kind: str, label: str, value: int) -> None:
        last = parent.last_child if parent else self.top_last
        previous = last.get(kind)
        if previous is not None:
            prev_label, prev_value = previous
            if value <= prev_value:
                self.warnings.append(f"Đánh số khởi động lại ở {label} mà không có mục cha")
            elif value > prev_value + 1:
                self.warnings.append(f"Đánh số không liên tục: sau {prev_label} là {label}")
        last[kind] = (label, value)

    def open(
        self, kind: str, label: str, number: str, heading: str, text: str, anchor_tail: str
    ) -> None:
        rank = 2 + number.count(".") if kind == "item" else _RANKS[kind]
        parent = self._parent_for(rank)
        anchor = self._unique(
            f"{parent.section.anchor}-{anchor_tail}"
            if parent and anchor_tail[0] != "!"
            else anchor_tail.lstrip("!")
        )
        section = Section(
            kind=kind,
            label=label,
            number=number,
            heading=heading,
            text="",
            anchor=anchor,
            level=len(self.stack) + 1,
            parent=parent.section.anchor if parent else None,
        )
        opened = _Open(section, rank, [text] if text else [])
        self.stack.append(opened)
        self.all.append(opened)

    def add_text(self, paragraph: str) -> None:
        if self.stack:
            self.stack[-1].lines.append(paragraph)

    def extend_heading(self, paragraph: str) -> bool:
        """Capital line right after "Chương I": it is the chapter's title."""
        if not self.stack:
            return False
        top = self.stack[-1]
        if top.section.kind in {"phan", "chuong", "muc"} and not top.lines and is_caps(paragraph):
            joined = f"{top.section.heading} {paragraph}".strip()
            top.section.heading = joined
            return True
        return False

    def sections(self) -> list[Section]:
        for opened in self.all:
            opened.section.text = "\n".join(opened.lines)
        return [opened.section for opened in self.all]


def _split_heading(content: str) -> tuple[str, str]:
    """Administrative heading vs text: "Sở Y tế:" is a heading, a sentence is text."""
    label = _LABEL_COLON.match(content)
    if label and label.group("tail")[0].isupper():
        return label.group("head").strip(), label.group("tail")
    if content.endswith(":"):
        return content[:-1].strip(), ""
    if not ends_sentence(content) and len(content) <= 150:
        return content, ""
    return "", content


def is_normative(paragraphs: list[str]) -> bool:
    """True when the body is organised in Điều."""
    return any(_DIEU.match(p) for p in paragraphs)


def is_section_start(paragraph: str, normative: bool) -> bool:
    """Whether ``paragraph`` opens a section (used to find where the preamble ends)."""
    if normative:
        return any(rx.match(paragraph) for rx in (_PHAN, _CHUONG, _MUC, _DIEU))
    return any(rx.match(paragraph) for rx in (_PART, _ITEM, _POINT))


def _normative_step(builder: _Builder, paragraph: str) -> bool:
    if match := _PHAN.match(paragraph):
        number = match.group("num")
        builder.open(
            "phan", f"Phần {number}", number, match.group("rest"), "", f"!phan-{_slug(number)}"
        )
        return True
    if match := _CHUONG.match(paragraph):
        number = match.group("num")
        builder.open(
            "chuong",
            f"Chương {number}",
            number,
            match.group("rest"),
            "",
            f"!chuong-{number.lower()}",
        )
        return True
    if match := _MUC.match(paragraph):
        number = match.group("num")
        builder._parent_for(_RANKS["muc"])
        chuong = builder._nearest("chuong")
        tail = (
            f"!{chuong.section.anchor}-muc-{number.lower()}" if chuong else f"!muc-{number.lower()}"
        )
        builder.open("muc", f"Mục {number}", number, match.group("rest"), "", tail)
        return True
    if match := _DIEU.match(paragraph):
        number = match.group("num")
        builder.open("dieu", f"Điều {number}.", number, match.group("rest"), "", f"!dieu-{number}")
        return True
    in_dieu = builder._nearest("dieu") is not None
    if in_dieu and (match := _ITEM.match(paragraph)) and match.group("one"):
        number = match.group("one")
        builder.open("khoan", f"{number}.", number, "", match.group("rest1"), f"khoan-{number}")
        return True
    if in_dieu and (match := _POINT.match(paragraph)):
        letter = match.group("num")
        builder.open(
            "diem", f"{letter})", letter, "", match.group("rest"), f"diem-{point_slug(letter)}"
        )
        return True
    return False


def _admin_step(builder: _Builder, paragraph: str) -> bool:
    if (match := _PART.match(paragraph)) and roman_value(match.group("num")):
        number = match.group("num")
        heading, text = _split_heading(match.group("rest"))
        builder._check_order(None, "part", f"{number}.", roman_value(number))
        builder.open("part", f"{number}.", number, heading, text, f"!muc-{number.lower()}")
        return True
    if match := _ITEM.match(paragraph):
        number = match.group("num") or match.group("one")
        rest = match.group("rest") if match.group("num") else match.group("rest1")
        heading, text = _split_heading(rest)
        rank = 2 + number.count(".")
        parent = builder._parent_for(rank)
        expected_parent = number.rsplit(".", 1)[0] if "." in number else None
        if expected_parent and (not parent or parent.section.number != expected_parent):
            builder.warnings.append(f"Đánh số {number}. không nằm dưới mục {expected_parent}.")
        builder._check_order(parent, "item", f"{number}.", int(number.rsplit(".", 1)[-1]))
        label = f"{number}."
        tail = (
            number.split(".")[-1]
            if parent and parent.section.kind == "item"
            else number.replace(".", "-")
        )
        builder.open("item", label, number, heading, text, tail if parent else f"!muc-{tail}")
        return True
    if match := _POINT.match(paragraph):
        letter = match.group("num")
        parent = builder._parent_for(_RANKS["point"])
        tail = point_slug(letter)
        builder.open(
            "point",
            f"{letter})",
            letter,
            "",
            match.group("rest"),
            tail if parent else f"!muc-{tail}",
        )
        return True
    return False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_sections(paragraphs: list[str], normative: bool) -> tuple[list[Section], list[str]]:
    """Sections of the body and the warnings about their numbering."""
    builder = _Builder(normative)
    step = _normative_step if normative else _admin_step
    for paragraph in paragraphs:
        if builder.extend_heading(paragraph) or step(builder, paragraph):
            continue
        builder.add_text(paragraph)
    return builder.sections(), builder.warnings
