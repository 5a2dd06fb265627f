"""Vietnamese text helpers shared by the importer and the search (no Django).

The functions here only normalise: they never guess content. They are used to
clean pasted or extracted text, to fold text for diacritic-insensitive search
and to turn a printed document number ("1472/QĐ-TTg") into a lookup key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "VN_LOWER",
    "VN_UPPER",
    "clean_text",
    "fold",
    "fold_aligned",
    "normalise_number",
    "tidy_number",
    "unit_name_key",
]

# Spaces that word processors and web pages put in text: NBSP, narrow NBSP,
# figure space, the typographic spaces U+2000..U+200A, ideographic space.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters removed outright: zero-width space/joiners, word joiner,
# soft hyphen, BOM (also seen mid-text after concatenation).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# C0/C1 control characters except \t and \n (\r is handled before).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Line and paragraph separators some exporters use instead of \n.
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)

# Dashes that stand for "-" in document numbers: en dash, em dash, minus,
# hyphen, non-breaking hyphen, figure dash.
_NUMBER_DASHES = re.compile("[_\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")


def _vietnamese_letters() -> tuple[str, str]:
    """Every lower and upper case letter of the Vietnamese alphabet, precomposed."""
    bases = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    vowels = {unicodedata.normalize("NFC", b + t) for b in bases for t in tones}
    lower = "".join(sorted(vowels | set("bcdđfghjklmnpqrstvwxz")))
    return lower, lower.upper()


#: All lower-case letters of Vietnamese (with f, j, w, z for foreign words).
VN_LOWER, VN_UPPER = _vietnamese_letters()


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with LF line ends, plain spaces and no control chars.

    Trailing spaces are removed from every line; tabs and newlines are kept.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _TRAILING_SPACE.sub("", text)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic, đ included ("Điều" -> "dieu")."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def exact_form(text: str) -> str:
    """Text as written, for matching accented words exactly: NFC, lower case."""
    return unicodedata.normalize("NFC", text).casefold()


def normalise_number(raw: str) -> str:
    """Key for matching document numbers: "1472 / qđ–ttg" -> "1472/QD-TTG"."""
    text = unicodedata.normalize("NFC", raw).upper()
    text = _NUMBER_DASHES.sub("-", text)
    text = text.replace("Đ", "D")
    return re.sub(r"\s+", "", text)


def tidy_number(raw: str) -> str:
    """A printed number cleaned for display, case kept: "5650 /UBND-VX" -> "5650/UBND-VX"."""
    text = unicodedata.normalize("NFC", raw).strip()
    text = _NUMBER_DASHES.sub("-", text)
    return _SPACES_AROUND_SEPARATORS.sub(r"\1", text)


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else (ch.lower()[:1] or ch)


class _AlignedFolds(dict):
    """Character code -> its folded character (_fold_char), filled as met: a table
    str.translate reads at C speed (a call per character cost 50 µs a section)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_ALIGNED_FOLDS = _AlignedFolds()


def fold_aligned(text: str) -> str:
    """``fold`` character by character, so that position i of the result is the
    folded form of character i of ``text`` (used to place highlights in the
    original text). Characters whose folded form is not one character are kept
    lower-cased."""
    return unicodedata.normalize("NFC", text).translate(_ALIGNED_FOLDS)


# The old and the new places of the tone mark on "oa", "oe", "uy" ("Hoà"/"Hòa",
# "Thuỷ"/"Thủy"): both spellings are in official lists of place names.
_OLD_TONE_PLACES = {
    f"{vowel}{marked}": f"{unicodedata.normalize('NFC', base + tone)}{follower}"
    for vowel, base, follower in (("o", "o", "a"), ("o", "o", "e"), ("u", "u", "y"))
    for tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    for marked in [unicodedata.normalize("NFC", follower + tone)]
}
_OLD_TONE_PATTERN = re.compile("|".join(_OLD_TONE_PLACES))
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc\u00b4`]")


def unit_name_key(name: str) -> str:
    """Key for matching the name of an administrative unit across datasets:
    lower case, one tone-mark placement, plain apostrophes and hyphens, single
    spaces ("Xã Ea H’leo" and "xã Ea H'Leo", "Phường Hoà Bình" and "Phường
    Hòa Bình", "Chân Mây – Lăng Cô" and "Chân Mây - Lăng Cô")."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = _APOSTROPHES.sub("'", _NUMBER_DASHES.sub("-", text))
    text = _OLD_TONE_PATTERN.sub(lambda match: _OLD_TONE_PLACES[match.group()], text)
    return " ".join(text.split())
