"""Find citations of other documents in a paragraph.

Two shapes are recognised:
- by number: "Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của Thủ tướng Chính phủ",
  "Văn bản số 4682/UBND-KGVX" (a letter), "Chỉ thị 23/CT-TTg", or a bare
  "121/2020/QH14";
- by name: "Khoản 3 Điều 90 Luật trẻ em", "Bộ luật Lao động".
"""

from __future__ import annotations

import datetime as dt
import re

from base.vietnamese import VN_LOWER, VN_UPPER, normalise_number, tidy_number
from content.importer.doctypes import code_for_name, code_for_symbol, type_names
from content.importer.model import Citation

UP = VN_UPPER
LOW = VN_LOWER

# One part of a symbol: letters (Đ included), digits, "&".
# a part of a symbol; "ngày" run into it ("178/1999/QĐ-TTgngày 30/8/1999") ends it
_SYM_PART = rf"(?:(?!ngày)[0-9A-Za-z{UP}{LOW}&])+"
# number / optional year / symbol with "-" parts: 1472/QĐ-TTg, 121/2020/QH14; a joint
# circular's older symbol names its issuers after a "/": 04/2001/TTLT/YT-TM.
NUMBER_PATTERN = (
    rf"(?P<num>\d+[A-Za-z]?)\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<sym>(?:TTLT\s*/\s*)?{_SYM_PART}(?:\s*[-–_]\s*{_SYM_PART})*)"
)
# Dates as "28/9/2020" or "ngày 28 tháng 02 năm 2023".
DATE_PATTERN = (
    r"(?:(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
)
# The cited part of a text: "điểm a khoản 1 Điều 3", "Khoản 3 Điều 90".
_PART = r"(?P<part>(?:[Đđ]iểm\s+[a-zđ]\s+)?(?:[Kk]hoản\s+\d+\s+)?[Đđ]iều\s+\d+[a-z]?)\s+(?:của\s+)?"
_TYPE_WORDS = "|".join(re.escape(n) for n in [*type_names(), "Văn bản", "Công văn"])

# Typed citation: optional part, type word, optional "số", the number, optional date.
_TYPED = re.compile(
    rf"(?:{_PART})?(?P<type>(?i:{_TYPE_WORDS}))\s+(?:(?i:số)\s*:?\s*)?{NUMBER_PATTERN}"
    rf"(?P<date>\s*,?\s+ngày\s+{DATE_PATTERN})?"
)
# A number printed without a type word ("theo 121/2020/QH14"); the symbol must
# start with a capital letter so dates ("13/3/2020") never match.
_BARE = re.compile(
    rf"(?<![\w/])(?P<num>\d+[A-Za-z]?)/(?:(?P<year>(?:19|20)\d{{2}})/)?"
    rf"(?P<sym>[A-Z{UP}][0-9A-Za-z{UP}{LOW}&]*(?:-{_SYM_PART})+|QH\d+)(?![\w/])"
)
# A Party or Youth Union document: number-TYPE/BODY ("36-CT/TW", "08-CTr/TU", "179- KH/TU",
# "68-HD/BTGTU", "183-KH/TWĐTN-TNNT"); the body part is in capitals.
PARTY_NUMBER_PATTERN = (
    rf"(?P<num>\d+)\s*-\s*(?P<type>[A-Z{UP}][A-Za-z{UP}{LOW}]{{0,4}})"
    rf"/(?P<body>[A-Z{UP}]{{2,}}[0-9A-Z{UP}]*(?:-[A-Z{UP}][0-9A-Z{UP}]*)*)"
)
_PARTY = re.compile(rf"(?<![\w/-]){PARTY_NUMBER_PATTERN}(?![\w/])")
# A law cited by name: capital "Luật" or "Bộ luật" not followed by "số"/"này".
_NAMED = re.compile(rf"(?:{_PART})?(?P<law>(?:Bộ\s+luật|Luật)\s+(?!số\b|này\b)[{UP}{LOW}])")
_NAME_STOP_WORDS = frozenset(
    [
        "ngày",
        "năm",
        "số",
        "của",
        "và",
        "thì",
        "đã",
        "được",
        "theo",
        "tại",
        "để",
        "với",
        "cho",
        "này",
        "hiện",
        "sửa",
        "có",
        "là",
        "trong",
        "về",
        "đến",
        "không",
        "do",
        "khi",
        "nhằm",
    ]
)
# Who issued the cited text: "của Thủ tướng Chính phủ", "của Ủy ban nhân dân tỉnh".
_ORG_NAME = (
    rf"[{UP}]\w*(?:\s+[{LOW}]\w*)?(?:(?:\s*[-–]\s*|,\s+|\s+và\s+)[{UP}]\w*(?:\s+[{LOW}]\w*)?)*"
)
_LEVEL = r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)"
_ISSUER = re.compile(
    rf"\s+của\s+(?P<issuer>Thủ tướng Chính phủ|Chính phủ|Quốc hội(?:\s+[Kk]hóa\s+[IVXLC]+)?"
    rf"|Ủy ban [Tt]hường vụ Quốc hội|Chủ tịch nước"
    rf"|(?:Bộ trưởng\s+)?Bộ\s+{_ORG_NAME}|(?:Giám đốc\s+)?Sở\s+{_ORG_NAME}"
    rf"|(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)(?:\s+{_LEVEL}(?:\s+[{UP}]\w*)*)?"
    rf"|Ban\s+[Cc]hỉ\s+đạo(?:\s+[{UP}]\w*)*)"
)
_RELATION_BEFORE = (
    ("hướng dẫn thi hành", "huong_dan"),
    ("hướng dẫn", "huong_dan"),
    ("thực hiện", "thuc_hien"),
    ("căn cứ", "can_cu"),
)


def iso_date(match: re.Match[str]) -> str | None:
    """ISO date from a DATE_PATTERN match, or None when it is not a real date."""
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def paragraph_relation(paragraph: str) -> str | None:
    """Relation given by how the paragraph starts ("Căn cứ ...", "Thực hiện ...")."""
    if paragraph.startswith("Căn cứ"):
        return "can_cu"
    if paragraph.startswith("Thực hiện"):
        return "thuc_hien"
    return None


# Words that make a later text replace, repeal or amend the one it names, when they
# stand before the citation in the same clause ("Quyết định này thay thế Quyết định số
# …", "bãi bỏ Chỉ thị số …", "sửa đổi, bổ sung một số điều của Nghị định số …").
_EFFECT_BEFORE = re.compile(
    r"(?P<word>thay thế|bãi bỏ|hủy bỏ|huỷ bỏ|sửa đổi|bổ sung)(?:(?![.;:]).)*$",
    re.IGNORECASE,
)
_EFFECTS = {"thay thế": "thay_the", "bãi bỏ": "bai_bo", "hủy bỏ": "bai_bo", "huỷ bỏ": "bai_bo"}


def _effect(paragraph: str, start: int) -> str | None:
    """A replacing, repealing or amending relation stated just before a citation."""
    before = paragraph[max(0, start - 80) : start]
    match = _EFFECT_BEFORE.search(before)
    if not match:
        return None
    return _EFFECTS.get(match.group("word").casefold(), "sua_doi")


def _relation(paragraph: str, start: int) -> str:
    given = paragraph_relation(paragraph)
    if given:
        return given
    if effect := _effect(paragraph, start):
        return effect
    before = paragraph[max(0, start - 30) : start].casefold().rstrip(" ,")
    for words, relation in _RELATION_BEFORE:
        if before.endswith(words):
            return relation
    return "dan_chieu"


def _issuer_after(text: str, pos: int) -> str | None:
    match = _ISSUER.match(text, pos)
    return match.group("issuer") if match else None


def _number(match: re.Match[str]) -> str:
    year = f"/{match.group('year')}" if match.group("year") else ""
    return tidy_number(f"{match.group('num')}{year}/{match.group('sym')}")


def _typed(paragraph: str, match: re.Match[str], where: tuple[str | None, str]) -> Citation:
    number = _number(match)
    code = code_for_name(match.group("type")) or code_for_symbol(match.group("sym"))
    date_match = re.search(DATE_PATTERN, match.group("date") or "")
    return Citation(
        raw=match.group(0).strip(),
        doc_type=code,
        number=number,
        number_key=normalise_number(number),
        date=iso_date(date_match) if date_match else None,
        issuer_hint=_issuer_after(paragraph, match.end()),
        title_hint=None,
        part=match.group("part"),
        relation=_relation(paragraph, match.start()),
        section_anchor=where[0],
        source=where[1],
    )


def _bare(paragraph: str, match: re.Match[str], where: tuple[str | None, str]) -> Citation:
    number = _number(match)
    return Citation(
        raw=match.group(0),
        doc_type=code_for_symbol(match.group("sym")),
        number=number,
        number_key=normalise_number(number),
        date=None,
        issuer_hint=_issuer_after(paragraph, match.end()),
        title_hint=None,
        part=None,
        relation=_relation(paragraph, match.start()),
        section_anchor=where[0],
        source=where[1],
    )


def party_number(match: re.Match[str]) -> str:
    """ "225-KH/TWĐTN-CTTN" from a match of PARTY_NUMBER_PATTERN."""
    return f"{match.group('num')}-{match.group('type')}/{match.group('body')}"


def _party(paragraph: str, match: re.Match[str], where: tuple[str | None, str]) -> Citation:
    number = party_number(match)
    return Citation(
        raw=match.group(0),
        doc_type=code_for_name(match.group("type")),
        number=number,
        number_key=normalise_number(number),
        date=None,
        issuer_hint=None,
        title_hint=None,
        part=None,
        relation=_relation(paragraph, match.start()),
        section_anchor=where[0],
        source=where[1],
    )


def _law_name(paragraph: str, start: int) -> tuple[str, int]:
    """Words of a law's name from ``start``: stops at punctuation or a stop word.

    "phòng, chống" is one phrase: the comma before "chống" does not end the name.
    """
    tokens = list(re.finditer(r"\S+", paragraph[start:]))
    head = 2 if paragraph.startswith("Bộ", start) else 1
    words: list[str] = []
    end = start
    for index, token in enumerate(tokens):
        word = token.group()
        bare = word.rstrip(",.;:)")
        if index >= head and (
            bare in _NAME_STOP_WORDS or len(words) >= 12 or not bare or bare[0] == "("
        ):
            break
        words.append(bare)
        end = start + token.start() + len(bare)
        if bare == word:
            continue
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if word.endswith(",") and following == "chống":
            words[-1] = word
            continue
        break
    return " ".join(words), end


def _named(paragraph: str, match: re.Match[str], where: tuple[str | None, str]) -> Citation | None:
    title, end = _law_name(paragraph, match.start("law"))
    if len(title.split()) < 2 or title.split()[-1] in {"luật", "Luật"}:
        return None
    return Citation(
        raw=paragraph[match.start() : end],
        doc_type="BL" if title.startswith("Bộ") else "LUAT",
        number=None,
        number_key=None,
        date=None,
        issuer_hint=None,
        title_hint=title,
        part=match.group("part"),
        relation=_relation(paragraph, match.start()),
        section_anchor=where[0],
        source=where[1],
    )


def find_citations(paragraph: str, anchor: str | None, source: str) -> list[Citation]:
    """Every citation in ``paragraph``, in order of position."""
    where = (anchor, source)
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    for match in _TYPED.finditer(paragraph):
        found.append((match.start(), _typed(paragraph, match, where)))
        taken.append(match.span())
    for match in _BARE.finditer(paragraph):
        if not any(a <= match.start() < b for a, b in taken):
            found.append((match.start(), _bare(paragraph, match, where)))
            taken.append(match.span())
    for match in _PARTY.finditer(paragraph):
        if not any(a <= match.start() < b for a, b in taken):
            found.append((match.start(), _party(paragraph, match, where)))
            taken.append(match.span())
    for match in _NAMED.finditer(paragraph):
        if any(a <= match.start("law") < b for a, b in taken):
            continue
        citation = _named(paragraph, match, where)
        if citation:
            found.append((match.start(), citation))
    return [citation for _, citation in sorted(found, key=lambda item: item[0])]
