"""Vietnamese alphabetical order for names of places (plain Python, no Django).

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: Đ
comes after D, Ă and Â after A, and so on; tone marks only break ties. Unit-type
prefixes ("Thành phố", "Tỉnh", "Xã", "Phường", "Đặc khu") are ignored, so "Thành
phố Hồ Chí Minh" is under H and "Phường Bến Thành" under B.
"""

from __future__ import annotations

import re
import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Combining marks that make a separate letter (breve, circumflex, horn) are kept;
# the five tone marks are read apart as the tie-breaker.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
PREFIXES = re.compile(r"^(thành phố|tỉnh|xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE)


def strip_unit_prefix(name: str) -> str:
    return PREFIXES.sub("", name.strip())


def sort_key(name: str) -> tuple:
    """Key for sorted(): letters by the Vietnamese alphabet, then tones, then case."""
    text = unicodedata.normalize("NFD", strip_unit_prefix(name).lower())
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in text:
        if char in _TONES:
            tones[-1:] = [_TONES[char]] if tones else [_TONES[char]]
            continue
        if unicodedata.combining(char) and letters:
            # a breve/circumflex/horn turns the previous letter into another letter
            base = ALPHABET[letters[-1][0]] if letters[-1][0] >= 0 else ""
            combined = unicodedata.normalize("NFC", base + char)
            if combined in _RANK:
                letters[-1] = (_RANK[combined], 0)
            continue
        letters.append((_RANK.get(char, -1), ord(char)))
        tones.append(0)
    return ([rank for rank, _code in letters], [code for _rank, code in letters], tones, name)


def sort_units(units, attribute: str = "name") -> list:
    """Objects sorted by the Vietnamese order of one of their attributes."""
    return sorted(units, key=lambda unit: sort_key(getattr(unit, attribute)))
