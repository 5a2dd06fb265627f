"""Turn text printed in capitals into normal Vietnamese case.

Headers print the issuer, the type and the subject in capitals. Names of bodies
follow fixed rules (first word capitalised, the proper name after "tỉnh",
"huyện"... title-cased, "Chính phủ", "Quốc hội" always capitalised); a subject
takes the casing of the same words where the body prints them, so citations
inside it come out as "Quyết định số 1472/QĐ-TTg ... của Thủ tướng Chính phủ".
"""

from __future__ import annotations

import re

from base.vietnamese import VN_UPPER
from content.importer.doctypes import type_names
from content.importer.units import province_names

# Words after which the rest of a name is a proper (place) name.
_LEVEL_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
# Heads of bodies whose next word starts the body's proper name ("Sở Y tế").
_ORG_HEADS = frozenset(
    {"bộ", "sở", "phòng", "cục", "vụ", "viện", "trung tâm", "văn phòng", "chi cục", "tổng cục"}
)
# Acronyms kept in capitals.
_ACRONYMS = frozenset({"UBND", "HĐND", "MTTQ", "MTTQVN", "TP", "TP.", "TW", "VN"})
# Phrases always capitalised in running text.
_ALWAYS = ("Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Việt Nam", "Nhà nước", "Đảng")
# Names of courts, procuracies and the Party's and Youth Union's bodies, spelled as they
# print them in running text.
_FIXED_NAMES = (
    "Hội đồng Thẩm phán",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Kiểm toán nhà nước",
    "Ban Chấp hành Trung ương",
    "Đoàn TNCS Hồ Chí Minh",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
)
_EXPANSIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
# Mid-sentence "Về việc" printed with a capital V (seed 004).
_MID_VE_VIEC = re.compile(r"(?<=\S )Về việc\b")
# A subject starting with a cited type ("Quyết định số ...") keeps its capital.
_CITED_START = re.compile(
    rf"^(?:{'|'.join(re.escape(n) for n in type_names())})\s+(?:số\s+)?\d"
    rf"|^(?:Luật|Bộ luật)\s+[{VN_UPPER}]"
)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def expand_abbreviations(text: str) -> str:
    """ "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
    return " ".join(_EXPANSIONS.get(word, word) for word in text.split())


def names_unit(name: str) -> bool:
    """Whether a body's name says its administrative unit ("... tỉnh Lai Châu")."""
    words = name.split()
    return any(_is_level(words, index) for index in range(len(words) - 1))


def _is_level(words: list[str], index: int) -> bool:
    """Whether words[index] ends an administrative level ("tỉnh", "thành phố")."""
    word = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    previous = words[index - 1].lower() if index else ""
    if word == "xã" and following == "hội":  # "Xã hội" is no commune
        return False
    return word in _LEVEL_WORDS or f"{previous} {word}" in _LEVEL_WORDS


def org_case(caps: str) -> str:
    """Normal case for a body's name printed in capitals.

    "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" -> "Ủy ban nhân dân thành phố Hải Phòng",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" -> "Sở Lao động - Thương binh và Xã hội".
    """
    words = caps.split()
    out: list[str] = []
    proper = org_name = False
    capitalise_next = True
    for index, word in enumerate(words):
        lower = word.lower()
        if word in _ACRONYMS:
            out.append(word)
        else:
            out.append(_cap(lower) if capitalise_next or proper else lower)
        capitalise_next = False
        pair = f"{lower} {words[index + 1].lower()}" if index + 1 < len(words) else ""
        if lower in _ORG_HEADS:
            org_name = capitalise_next = True
        elif pair in _ORG_HEADS:
            org_name = True
        elif org_name and (lower in {"-", "–", "và"} or word.endswith(",")):
            capitalise_next = True
        if _is_level(words, index):
            proper = True
    return _fix_always(" ".join(out))


def _fix_places(text: str) -> str:
    """ "tỉnh đắk lắk" -> "tỉnh Đắk Lắk": a province after its level word keeps its capitals."""
    for name in province_names():
        text = re.sub(
            rf"\b(tỉnh|thành phố|Tỉnh|Thành phố)\s+{re.escape(name)}(?!\w)",
            lambda m, name=name: f"{m.group(1)} {name}",
            text,
            flags=re.IGNORECASE,
        )
    return text


def _fix_always(text: str) -> str:
    text = _fix_places(text)
    for phrase in _FIXED_NAMES:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", phrase, text, flags=re.IGNORECASE)
    for phrase in _ALWAYS:
        text = re.sub(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", phrase, text)
    return text


def title_case(caps: str) -> str:
    """A position printed in capitals: "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"."""
    words = caps.lower().split()
    if not words:
        return ""
    words[0] = _cap(words[0])
    if words[0] == "Phó" and len(words) > 1:
        words[1] = _cap(words[1])
    return _fix_always(" ".join(words))


def _word_bounded_find(haystack: str, needle: str) -> list[int]:
    positions = []
    start = haystack.find(needle)
    while start >= 0:
        before = haystack[start - 1] if start else " "
        end = start + len(needle)
        after = haystack[end] if end < len(haystack) else " "
        if not before.isalnum() and not after.isalnum():
            positions.append(start)
        start = haystack.find(needle, start + 1)
    return positions


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" ")
    return (
        not before
        or before[-1] in ".:;!?\n)"
        or bool(re.search(r"(?:^|\n)(?:[-–+•]|\d+\.|[a-zđ]\))$", before))
    )


def _from_body(words: list[str], start: int, body: str, body_lower: str) -> tuple[str, int] | None:
    """Longest run of ``words`` from ``start`` (2+ words) printed in the body."""
    for end in range(len(words), start + 1, -1):
        phrase = " ".join(words[start:end]).lower()
        positions = _word_bounded_find(body_lower, phrase)
        if not positions:
            continue
        middle = [p for p in positions if not _at_sentence_start(body, p)]
        pos = (middle or positions)[0]
        printed = body[pos : pos + len(phrase)]
        if not middle and not _CITED_START.match(printed):
            printed = printed[:1].lower() + printed[1:]
        return printed, end
    return None


def recase_from_body(caps: str, body: str) -> str:
    """Case a capitalised subject after the body's own spelling of its words."""
    words = caps.split()
    body_lower = body.lower()
    out: list[str] = []
    index = 0
    while index < len(words):
        found = _from_body(words, index, body, body_lower)
        if found:
            out.append(found[0])
            index = found[1]
            continue
        word = words[index]
        out.append(word if any(ch.isdigit() for ch in word) or word in _ACRONYMS else word.lower())
        index += 1
    return _fix_always(" ".join(out))


def sentence_start(text: str) -> str:
    """First letter upper-case, "Về việc" mid-sentence lower-case."""
    text = _MID_VE_VIEC.sub("về việc", text)
    return _cap(text)


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the text starts with a name or a number."""
    first = text.split(" ", 1)[0]
    if not first or first[0] not in VN_UPPER or first in _ACRONYMS or _CITED_START.match(text):
        return text
    if len(first) > 1 and all(ch in VN_UPPER for ch in first if ch.isalpha()):
        return text
    if any(text.startswith(p) for p in _ALWAYS) or text.startswith(
        ("Ủy ban", "Thủ tướng", "Bộ ", "Sở ")
    ):
        return text
    return first[:1].lower() + text[1:] if first[:1] in VN_UPPER else text
