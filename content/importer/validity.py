"""When a text takes effect, read from its own words (plain Python, no Django).

Texts say "có hiệu lực (thi hành) (kể) từ ngày 01 tháng 7 năm 2017", "… từ ngày
15/02/2022" or "… kể từ ngày ký (ban hành)". Administrative texts that say nothing
take effect when they are signed (Luật Ban hành văn bản quy phạm pháp luật leaves
that to the issuer; in practice a plan, letter or directive applies from signing).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_IN_FORCE = r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+ngày\s+"
_SIGNING = re.compile(_IN_FORCE + r"(?:ký|kí)\b", re.IGNORECASE)
_DATE_WORDS = re.compile(
    _IN_FORCE + r"(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
_DATE_DIGITS = re.compile(
    _IN_FORCE + r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.IGNORECASE
)

#: administrative types (not quy phạm): they apply from the day they are signed
#: unless they say otherwise; normative types must state their date in force.
APPLY_ON_SIGNING = {"CT", "KH", "HD", "CV", "CD", "CTR", "TB", "TC", "PA", "DA"}


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def effective_date(
    text: str,
    issued_on: dt.date | None,
    *,
    signed_precisely: bool = True,
    doc_type: str = "",
) -> tuple[dt.date | None, str]:
    """(date, how it was found): "stated", "on signing", or (None, "") when unknown.

    "on signing" needs the day of signing: a draft that leaves the day blank has
    no date in force yet.
    """
    flat = _clean(text)
    for pattern in (_DATE_WORDS, _DATE_DIGITS):
        if match := pattern.search(flat):
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"])), "stated"
            except ValueError:
                continue
    said_on_signing = _SIGNING.search(flat) or doc_type in APPLY_ON_SIGNING
    if said_on_signing and issued_on and signed_precisely:
        return issued_on, "on signing"
    return None, ""
