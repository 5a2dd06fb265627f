"""Tests of the plain-Python Vietnamese helpers (no Django)."""

import unicodedata

import pytest

from base.vietnamese import VN_LOWER, VN_UPPER, clean_text, fold, normalise_number, tidy_number


def test_clean_text_normalises_unicode_and_line_ends() -> None:
    raw = unicodedata.normalize(
        "NFD", "\ufeffLuật\u00a0Trẻ\u202fem  \r\nĐiều\u200b 1\rkhoản\x07\tx"
    )
    assert clean_text(raw) == "Luật Trẻ em\nĐiều 1\nkhoản\tx"


def test_clean_text_keeps_tabs_and_newlines() -> None:
    assert clean_text("a\tb\n\nc") == "a\tb\n\nc"


def test_clean_text_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", clean_text(unicodedata.normalize("NFD", "Nghị định")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Luật Trẻ em, Điều", "luat tre em, dieu"),
        ("NGHỊ QUYẾT", "nghi quyet"),
        ("những quyền đặc biệt", "nhung quyen dac biet"),
        (unicodedata.normalize("NFD", "Đường"), "duong"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("raw", ["1472/QĐ-TTg", "1472 / qđ–ttg", "1472/QD_TTG", " 1472/Qđ—TTg "])
def test_normalise_number_matches_variants(raw: str) -> None:
    assert normalise_number(raw) == "1472/QD-TTG"


def test_normalise_number_keeps_year() -> None:
    assert normalise_number("121 / 2020 / qh14") == "121/2020/QH14"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5650 /UBND-VX", "5650/UBND-VX"),
        ("1472/QĐ-TTG", "1472/QĐ-TTG"),
        ("03 / KH – UBND", "03/KH-UBND"),
        ("56/2017/NĐ_CP", "56/2017/NĐ-CP"),
        (unicodedata.normalize("NFD", "641/CTr-BCĐ"), "641/CTr-BCĐ"),
    ],
)
def test_tidy_number(raw: str, expected: str) -> None:
    assert tidy_number(raw) == expected


def test_letter_tables_are_complete() -> None:
    assert len(VN_LOWER) == len(VN_UPPER)
    for letter in "đăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ":
        assert letter in VN_LOWER
        assert letter.upper() in VN_UPPER
