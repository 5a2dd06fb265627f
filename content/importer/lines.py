"""Repair raw text into logical paragraphs.

Real texts arrive hard-wrapped (seed 001 came out of an HTML table: the header
is split over many lines and "|" lines separate the cells), with page breaks
inside sentences, bold/italic markers, footnotes as superscript digits and the
national motto in the middle of the header. ``prepare`` turns such text into a
list of one-line paragraphs plus the footnotes found in it.

Joining rules (a line is glued to the paragraph above it when):
- the paragraph above is a lone "-" bullet or a bare label ("Số:", "Căn cứ");
- the line starts with a lower-case letter (a sentence never starts so; even
  across a blank line, which is how page breaks look) unless it is an "a)" point;
- otherwise only without a blank line between, when the paragraph above does not
  end a sentence, both are in the same case (capitals vs mixed), and, if the
  paragraph above is still a one-line numbered heading, it ends on a word that
  cannot end a heading ("và", "của", a comma...).
A line that starts a structure marker (1., I., a), -, Điều, Chương, Căn cứ,
Nơi nhận, TM., a place-date line or a bare type name) always starts a paragraph.
"""

from __future__ import annotations

import re

from base.vietnamese import VN_LOWER, VN_UPPER, clean_text
from content.importer.doctypes import code_for_name
from content.importer.layout import (
    break_run_on,
    cut_motto,
    literal_breaks,
    repair_header,
    split_cells,
)

LOW = VN_LOWER
UP = VN_UPPER

SUPERSCRIPT_CLASS = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079"
_SUP_TO_DIGIT = str.maketrans(
    "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", "1230456789"
)

# The national motto, possibly wrapped over lines (removed: it is layout, not content).
_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự(?:\s+do)?\s*[-–]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
# Rules and cell separators: "-------", "_____", "|" lines.
_SEPARATOR_LINE = re.compile(
    r"^\s*(?:[-–—_=~*•.]{2,}|[-–—\s]*o0o[-–—\s]*|[-–—_=~*•.]+(?:\s+[-–—_=~*•.]+)+|\|+)\s*$"
)
# "**bold**", "*italic*"; "(*)" is a real marker and is kept.
_EMPHASIS = re.compile(r"\*+")
# A footnote's text: a line starting with superscript digits ("¹ Văn bản số ...").
_FOOTNOTE_LINE = re.compile(rf"^([{SUPERSCRIPT_CLASS}]+)\s*(\S.*)$")
# A superscript marker inside a line, right after a word or punctuation.
_INLINE_MARKER = re.compile(rf"(?<=\S)([{SUPERSCRIPT_CLASS}]+)")
# Space before punctuation left by extraction ("1472/QĐ-TTg , tạo").
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:!?]|\.(?!/))(?=\s|$)")
_SPACES = re.compile(r"[ \t]+")

# Structure and layout markers that always start a paragraph.
_MARKER = re.compile(
    rf"""^(?:
        (?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[\dIVXLC]+|thứ)\b   # Phần/Chương/Mục
      | (?:Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]                            # Điều 4.
      | [IVXLC]+\s*[./]\s                                           # I. II/
      | \d{{1,2}}(?:\.\d{{1,2}})*\.(?:\s|$)                          # 1. 1.1.
      | \d{{1,2}}(?:\.\d{{1,2}})+\s                                  # 1.1 (no final dot)
      | [a-zđ]\)\s                                                  # a)
      | [-–+•](?:\s|$)                                              # bullets
      | Số\s*:|(?:Luật|Nghị\s+quyết|Pháp\s+lệnh)\s+số\s*:            # number line
      | V/v\b|Kính\s+gửi|Nơi\s+nhận|Căn\s+cứ\b|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị
      | (?:TM|KT|TL|TUQ|Q)\.                                        # signature authority
      | [{UP}][^,\n]{{1,40}},\s*ngày\b                               # place, date
    )""",
    re.VERBOSE,
)
_COMPLETE_DATE = re.compile(r",\s*ngày\b.*năm\s*\d{4}\s*$")
# A paragraph that only announces what follows: join the next line to it.
_LABEL_ONLY = re.compile(r"^(?:Số|Căn cứ|Thực hiện|Theo đề nghị của)\s*:?$")
# Abbreviations whose final dot does not end a sentence.
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:TM|KT|TL|TUQ|Q|TP|TT|Tp|ThS|TS|PGS|GS)\.$")
# Words that cannot end a heading: a wrapped heading continues after them.
_CONNECTORS = frozenset(
    [
        "và",
        "của",
        "về",
        "các",
        "cho",
        "trong",
        "với",
        "theo",
        "để",
        "đối",
        "tại",
        "từ",
        "những",
        "hoặc",
        "nhằm",
        "là",
        "được",
        "có",
        "thuộc",
        "trên",
    ]
    + ["-", "–"]
)
_NUMBERED_HEAD = re.compile(
    r"^(?:(?:Điều|Chương|Mục|Phần)\s+\S+|[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-–+•])\s"
)


# The issuing authority printed alone under the title ("THỦ TƯỚNG CHÍNH PHỦ",
# "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "BỘ TRƯỞNG BỘ Y TẾ"): never part of the title.
_AUTHORITY_LINE = re.compile(
    rf"""^(?:
        (?:THỦ\sTƯỚNG\s)?CHÍNH\sPHỦ|QUỐC\sHỘI
      | (?:(?:CHỦ\sTỊCH|GIÁM\sĐỐC)\s)?(?:(?:ỦY|UỶ)\sBAN|HỘI\sĐỒNG)\sNHÂN\sDÂN
        (?:\s(?:TỈNH|THÀNH\sPHỐ|HUYỆN|QUẬN|THỊ\sXÃ|XÃ|PHƯỜNG|THỊ\sTRẤN)\s[{UP}\s-]{{2,40}})?
      | BỘ\sTRƯỞNG\sBỘ\s[{UP}\s,-]+
      | HỘI\sĐỒNG\sTHẨM\sPHÁN\s[{UP}\s]+
    )$""",
    re.VERBOSE,
)


def is_authority_line(line: str) -> bool:
    """A line in capitals naming the issuing authority."""
    return is_caps(line) and bool(_AUTHORITY_LINE.match(line))


def is_marker(line: str) -> bool:
    """True when the line starts a structural or layout unit."""
    return bool(_MARKER.match(line)) or is_type_line(line)


def is_type_line(line: str) -> bool:
    """A bare type name in capitals ("KẾ HOẠCH", "NGHỊ ĐỊNH")."""
    return is_caps(line) and code_for_name(line) is not None


def is_caps(text: str) -> bool:
    """At least two letters and none of them lower-case."""
    letters = [ch for ch in text if ch in UP or ch in LOW]
    return len(letters) >= 2 and not any(ch in LOW for ch in letters)


def ends_sentence(text: str) -> bool:
    """True if the paragraph ends with . ; : ! ? (not an abbreviation like "KT.")."""
    text = text.rstrip()
    if not text or text[-1] not in ".;:!?":
        return False
    return not _ABBREVIATION_END.search(text)


def _ends_with_connector(text: str) -> bool:
    text = text.rstrip()
    if text.endswith(","):
        return True
    last = text.rsplit(" ", 1)[-1]
    return last in _CONNECTORS


def _normalise_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", line)


def _strip_emphasis(text: str) -> str:
    def keep_star_marker(match: re.Match[str]) -> str:
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return match.group() if before == "(" and after == ")" else ""

    return _EMPHASIS.sub(keep_star_marker, text)


def raw_lines(text: str) -> list[str]:
    """Cleaned lines: NFC, no motto, no emphasis, separators as blank lines."""
    text = break_run_on(_strip_emphasis(clean_text(literal_breaks(text))))
    text = _MOTTO.sub("\n\n", cut_motto(text))
    lines = []
    for line in repair_header(split_cells(text.split("\n"))):
        line = "" if _SEPARATOR_LINE.match(line) else _normalise_line(line)
        lines.append(line)
    return lines


class _Paragraphs:
    """Accumulates lines into paragraphs following the module's joining rules."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.line_counts: list[int] = []
        self.gap = False

    def add(self, line: str) -> None:
        if not line:
            self.gap = True
            return
        if self.items and self._should_join(self.items[-1], self.line_counts[-1], line):
            self.items[-1] = f"{self.items[-1]} {line}"
            self.line_counts[-1] += 1
        else:
            self.items.append(line)
            self.line_counts.append(1)
        self.gap = False

    def _should_join(self, prev: str, count: int, line: str) -> bool:
        if prev in {"-", "–"} or _LABEL_ONLY.match(prev):
            return True
        if is_marker(line) or is_type_line(prev) or prev.endswith("./."):
            return False
        if _COMPLETE_DATE.search(prev) and _MARKER.match(prev):
            return False  # a place-date line is complete once its year is printed
        if is_authority_line(line) and not _ends_with_connector(prev):
            return False
        if not re.search(rf"[{UP}{LOW}]", line) and not self.gap and not ends_sentence(prev):
            return True  # "(2021-2025)" under a title in capitals
        if line[0] in LOW:
            return True
        if self.gap or ends_sentence(prev) or is_caps(prev) != is_caps(line):
            return False
        if count == 1 and _NUMBERED_HEAD.match(prev) and not is_caps(prev):
            return _ends_with_connector(prev)
        return True


def assemble(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs (see the module docstring)."""
    acc = _Paragraphs()
    for line in lines:
        acc.add(line)
    return acc.items


def _collect_footnote(lines: list[str], start: int) -> tuple[str, str, int]:
    """Read the footnote starting at ``lines[start]``; return marker, text, next index."""
    match = _FOOTNOTE_LINE.match(lines[start])
    if match is None:
        raise ValueError("not a footnote line")
    marker = match.group(1).translate(_SUP_TO_DIGIT)
    parts = [match.group(2)]
    dash_list = parts[0].startswith(("- ", "-\u00a0"))
    i = start + 1
    while i < len(lines) and lines[i] and not _FOOTNOTE_LINE.match(lines[i]):
        line = lines[i]
        if not dash_list and (is_marker(line) or (ends_sentence(parts[-1]) and line[0] in UP)):
            break
        parts.append(line)
        i += 1
    while dash_list:  # "² - Các Sở: ...\n\n- Ủy ban ..." continues over blank lines
        k = i
        while k < len(lines) and not lines[k]:
            k += 1
        if k >= len(lines) or not lines[k].startswith("- "):
            break
        i = k
        while i < len(lines) and lines[i] and not _FOOTNOTE_LINE.match(lines[i]):
            parts.append(lines[i])
            i += 1
    return marker, "\n".join(assemble(parts)), i


def prepare(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Paragraphs of ``text`` and its footnotes as (marker, text) pairs.

    Superscript markers in the body become "[^1]".
    """
    lines = raw_lines(text)
    body: list[str] = []
    notes: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        if lines[i] and _FOOTNOTE_LINE.match(lines[i]):
            marker, note, i = _collect_footnote(lines, i)
            notes.append((marker, note))
            body.append("")
            continue
        body.append(lines[i])
        i += 1
    paragraphs = [mark_footnotes(p) for p in assemble(body)]
    return paragraphs, notes


def mark_footnotes(text: str) -> str:
    """Replace superscript digits after a word with "[^n]"."""
    return _INLINE_MARKER.sub(lambda m: f"[^{m.group(1).translate(_SUP_TO_DIGIT)}]", text)
