"""Undo the layouts that copying and scraping impose on a document's header.

Applied to the cleaned text before paragraphs are assembled:
- line breaks that survive as the literal characters "\\r\\n" become real ones;
- table cells flattened onto one line with "|" become lines of their own;
- in the header zone, a line that runs several header parts together
  ("Số: 06/2019/NQ-HĐTP Hà Nội, ngày 01 tháng 10 năm 2019 NGHỊ QUYẾT") is cut
  before the number, before the place and date, and after the year;
- a place and date hard-wrapped over lines ("Lào" / "Cai, ngày 24 tháng 9" /
  "năm 2019") is joined back into one line;
- a document that PDF extraction flattened onto one line (header, basis and
  articles run together) is broken before the markers it is laid out by: runs
  of capitals (issuer, motto, type heading, authority), "Số:", the place and
  date, "Căn cứ" (or "Căn" left of it), "Xét đề nghị", "Điều", numbered
  points after a sentence, "Nơi nhận", the signature authority.
Nothing is guessed: only line boundaries change.
"""

from __future__ import annotations

import re

from base.vietnamese import VN_LOWER, VN_UPPER

UP = VN_UPPER
LOW = VN_LOWER

_LITERAL_BREAK = re.compile(r"(?:\\r\\n|\\n|\\r)")
# The motto cut by a column: "... CHỦ NGHĨA VIỆT" / "HỘI ĐỒNG THẨM PHÁN NAM".
_CUT_MOTTO = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT[ \t]*\n(\s*\n)*([^\n]*?)\s+NAM[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# The header zone ends at the first basis line or section heading.
_HEADER_END = re.compile(r"^\s*(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Điều\s+1\b|I\.\s)")
_HEADER_LINES = 14
# A number line inside a longer line: "... Số: 17/CT-TTg", "Luật số: 43/2019/QH14".
_NUMBER_START = re.compile(r"(?<=\S)\s*(?=(?:(?:Luật|Nghị quyết|Pháp lệnh)\s+số|(?<![\w])Số)\s*:)")
# A place name (1-5 capitalised words, "TP." or "Thành phố" first, "Bà Rịa - Vũng Tàu")
# before ", ngày".
_PLACE = (
    rf"(?:(?:TP|Tp|TX)\.\s*|(?:Thành phố|Thị xã|Thị trấn)\s+)?"
    rf"[{UP}][{LOW}]*(?:\s+(?:-\s+)?[{UP}][{LOW}]*){{0,4}}"
)
_NUMBER_HEAD = re.compile(r"^\s*[-–—]?\s*(?:(?:Luật|Nghị quyết|Pháp lệnh)\s+số|Số)\s*:")
_PLACE_DATE_START = re.compile(rf"(?<=\S)\s+(?={_PLACE}\s*,\s*ngày\b)")
_PLACE_DATE_LINE = re.compile(rf"^\s*{_PLACE}\s*,\s*ngày\b")
_DATE_END = re.compile(r"(?<=năm)\s*(\d{4})\s+(?=\S)")
_DATE_OPEN = re.compile(rf"^{_PLACE}\s*,\s*ngày\b(?!.*năm\s*\d{{4}})")
_DATE_CLOSE = re.compile(r"năm\s*\d{4}")
_PLACE_TAIL = re.compile(rf"^[{UP}]?[{LOW}]*(?:\s+(?:-\s+)?[{UP}][{LOW}]*){{0,3}}\s*,\s*ngày\b")
_PLACE_HEAD = re.compile(
    rf"^(?:(?:TP|Tp)\.\s*)?[{UP}][{LOW}]*(?:\s+(?:-\s+)?[{UP}][{LOW}]*){{0,2}}$"
)


# A flattened document: one long line holding the header (motto or number line) and
# the body after it (basis, article, recipients).
_RUN_ON_LENGTH = 400
_HEADER_MARK = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA|(?<!\w)Số\s*:", re.IGNORECASE
)
_BODY_MARK = re.compile(rf"(?<!\w)(?:Căn\s+cứ|Căn\s+[{UP}]|Điều\s|Nơi\s+nhận)")
# Where a new line starts inside a flattened document.
_RUN_ON_BREAK = re.compile(
    rf"""(?<=\S)\s+(?=
        Căn\s+cứ\b|Căn\s+[{UP}]|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị
      | (?:Điều|ĐIỀU)\s+(?:\d+[a-z]?\s*[.:]|[{UP}][{LOW}])  # "Điều 2." or "Điều" without its number
      | Nơi\s+nhận|(?:TM|KT|TL|TUQ)\.\s*[{UP}]
    )
    | (?<=[.;:])\s+(?=\d{{1,2}}(?:\.\d{{1,2}})*\.\s+[{UP}]|[a-zđ]\)\s|[-–+•]\s)  # 1. a) -
    | (?<=\./\.)\s+                                           # after the end mark
    | \s*[-–—_]*\s*o0o\s*[-–—_]*(?=\s|$)                       # a "-o0o-" rule
    """,
    re.VERBOSE,
)
_NUMBER_ANYWHERE = re.compile(r"(?<!\w)Số\s*:")


def _caps_word(token: str) -> bool:
    """A word in capitals ("BỘ", "TRƢỞNG", "I."), not a number or symbol ("/QĐ-BYT")."""
    return token.isupper() and not any(ch.isdigit() or ch == "/" for ch in token)


def _break_caps_runs(line: str) -> list[str]:
    """Cut before and after every run of two or more words in capitals."""
    tokens = list(re.finditer(r"\S+", line))
    cuts: list[int] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and (
            _caps_word(tokens[j].group())
            or (j > i and tokens[j].group() in {"-", "–"} and j + 1 < len(tokens))
        ):
            j += 1
        while j > i and not _caps_word(tokens[j - 1].group()):
            j -= 1  # a run ends on a word, not on a dash
        if j - i >= 2:
            cuts += [tokens[i].start(), tokens[j - 1].end()]
            i = j
        else:
            i += 1
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if line[a:b].strip()]


def _is_run_on(line: str) -> bool:
    header = _HEADER_MARK.search(line)
    return (
        len(line) > _RUN_ON_LENGTH
        and header is not None
        and _BODY_MARK.search(line, header.end()) is not None
    )


def break_run_on(text: str) -> str:
    """Lay out again a document that extraction put on one line (see module doc)."""
    out: list[str] = []
    for line in text.split("\n"):
        if not _is_run_on(line):
            out.append(line)
            continue
        for piece in _RUN_ON_BREAK.sub("\n", line).split("\n"):
            for part in _break_caps_runs(piece):
                out.extend(_split_header_line(part) if _NUMBER_ANYWHERE.search(part) else [part])
    return "\n".join(out)


def literal_breaks(text: str) -> str:
    """Turn "\\r\\n" printed as characters into line breaks (scraped pages)."""
    if text.count("\\n") + text.count("\\r") < 2:
        return text
    return _LITERAL_BREAK.sub("\n", text)


def cut_motto(text: str) -> str:
    """Remove a national motto whose last word a column pushed onto the next line."""
    return _CUT_MOTTO.sub(lambda m: f"\n{m.group(2)}", text)


def split_cells(lines: list[str]) -> list[str]:
    """One line per "|" cell; a blank line marks each cell boundary."""
    out: list[str] = []
    for line in lines:
        if "|" not in line:
            out.append(line)
            continue
        for cell in line.split("|"):
            if cell.strip():
                out.append(cell)
            out.append("")
    return out


def _split_header_line(line: str) -> list[str]:
    if _HEADER_END.match(line.strip()):
        return [line]
    pieces: list[str] = []
    for piece in _NUMBER_START.sub("\n", line).split("\n"):
        match = None if _PLACE_DATE_LINE.match(piece) else _PLACE_DATE_START.search(piece)
        if match:
            before = piece[: match.start()]
            if _NUMBER_HEAD.match(before) or not re.search(rf"[{LOW}]", before):
                piece = f"{before}\n{piece[match.end() :]}"
        pieces.extend(_DATE_END.sub(r" \1\n", piece, count=1).split("\n"))
    # A lone "-" left where a rule touched the number ("-Số:") is no bullet.
    return [p for p in pieces if p.strip() not in {"-", "–", "—"}]


def _join_wrapped_dates(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        nxt = _next_nonblank(lines, i + 1)
        if (
            line
            and _PLACE_HEAD.match(line)
            and nxt is not None
            and _PLACE_TAIL.match(lines[nxt].strip())
        ):
            lines[nxt] = f"{line} {lines[nxt].strip()}"
            i += 1
            continue
        if line and _DATE_OPEN.match(line):
            joined, j = line, i + 1
            while j < len(lines) and j <= i + 3 and not _DATE_CLOSE.search(joined):
                if lines[j].strip():
                    joined = f"{joined} {lines[j].strip()}"
                j += 1
            if _DATE_CLOSE.search(joined):
                out.append(joined)
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for j in range(start, min(len(lines), start + 2)):
        if lines[j].strip():
            return j
    return None


def repair_header(lines: list[str]) -> list[str]:
    """Split run-together header parts and join wrapped place-date lines (header zone only)."""
    out: list[str] = []
    seen = 0
    in_header = True
    for line in lines:
        if in_header and line.strip():
            seen += 1
            if _HEADER_END.match(line.strip()) or seen > _HEADER_LINES:
                in_header = False
        if in_header:
            out.extend(_split_header_line(line))
        else:
            out.append(line)
    return _join_wrapped_dates(out)
