"""Page addresses from Vietnamese titles: one rule for the server and the admin.

"Vui Tết an toàn 2027" -> "vui-tet-an-toan-2027", "Trẻ em đón Tết" -> "tre-em-don-tet".
Django's slugify (and Wagtail's default admin transliteration) drops letters with
two diacritics and turns đ into "dj"; here every letter is folded first with
base.vietnamese.fold, and the admin's slug field (Wagtail's w-slug controller)
gets the same folding as its `formatters`, generated from that function.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from django.utils.text import slugify

from base.vietnamese import fold

VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_letters() -> str:
    """Every Vietnamese letter with a diacritic, lower and upper case (NFC)."""
    letters = {"đ"}
    for vowel in VOWELS:
        letters.add(vowel)
        letters.update(unicodedata.normalize("NFC", vowel + tone) for tone in TONES)
    letters = {letter for letter in letters if fold(letter) != letter}
    return "".join(sorted(letters | {letter.upper() for letter in letters}))


def slugify_vi(text: str) -> str:
    """The page address for a Vietnamese (or any) title."""
    return slugify(fold(text))


def slug_formatters() -> list[tuple[str, str]]:
    """The fold as (character class, replacement) pairs for the admin's w-slug
    controller, applied before its own slugify/urlify; combining marks (text typed
    or pasted decomposed) are removed."""
    groups: dict[str, str] = defaultdict(str)
    for letter in vietnamese_letters():
        groups[fold(letter)] += letter
    formatters = [(f"[{letters}]", base) for base, letters in sorted(groups.items())]
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters
