"""Document types (Nghị định 30/2020/NĐ-CP, Phụ lục III, plus normative types)."""

from __future__ import annotations

import re

from base.vietnamese import fold, normalise_number

#: ASCII code (used as database choice) -> Vietnamese name.
DOC_TYPES: dict[str, str] = {
    "LUAT": "Luật",
    "BL": "Bộ luật",
    "PL": "Pháp lệnh",
    "ND": "Nghị định",
    "NQ": "Nghị quyết",
    "QD": "Quyết định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
    "CD": "Công điện",
    "CTR": "Chương trình",
    "TB": "Thông báo",
    "TC": "Thông cáo",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "QC": "Quy chế",
    "QYD": "Quy định",
    "DA": "Đề án",
    "PA": "Phương án",
    "TTR": "Tờ trình",
    "VBHN": "Văn bản hợp nhất",
}

#: Code -> abbreviation as printed in numbers ("QĐ", "CTr"); Luật and Công văn have none.
DOC_TYPE_ABBR: dict[str, str] = {
    "ND": "NĐ",
    "NQ": "NQ",
    "QD": "QĐ",
    "CT": "CT",
    "TT": "TT",
    "TTLT": "TTLT",
    "KH": "KH",
    "HD": "HD",
    "CD": "CĐ",
    "CTR": "CTr",
    "TB": "TB",
    "TC": "TC",
    "BC": "BC",
    "BB": "BB",
    "QC": "QC",
    "QYD": "QyĐ",
    "DA": "ĐA",
    "PA": "PA",
    "TTR": "TTr",
    "VBHN": "VBHN",
}

_BY_FOLDED_NAME = {fold(name): code for code, name in DOC_TYPES.items()}
_BY_ABBR_KEY = {normalise_number(abbr): code for code, abbr in DOC_TYPE_ABBR.items()}
# Words that introduce a letter's number in citations: "Văn bản số 4682/UBND-KGVX".
_LETTER_WORDS = {"van ban", "cong van"}


def code_for_name(name: str) -> str | None:
    """Type code for a printed type name in any case ("KẾ HOẠCH" -> "KH")."""
    key = fold(" ".join(name.split()))
    if key in _LETTER_WORDS:
        return "CV"
    return _BY_FOLDED_NAME.get(key)


def code_for_symbol(symbol: str) -> str | None:
    """Type code implied by a symbol: "KH-UBND" -> "KH", "UBND-VX" -> "CV".

    A symbol whose first part is no type abbreviation belongs to a công văn;
    "QH14" (Luật or Nghị quyết of Quốc hội) says nothing and gives None.
    """
    parts = re.split(r"[-/]", normalise_number(symbol))  # "TTLT/YT-TM": an older joint symbol
    head = parts[0]
    if head in _BY_ABBR_KEY and len(parts) > 1:
        return _BY_ABBR_KEY[head]
    if head.startswith("QH") or head.startswith("VBHN"):
        return None
    return "CV"


def type_names() -> list[str]:
    """Every type name, longest first (for building regex alternations)."""
    return sorted(DOC_TYPES.values(), key=len, reverse=True)
