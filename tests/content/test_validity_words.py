"""The date a text takes effect is read from its own words, never guessed."""

import datetime as dt

import pytest

from content.importer.validity import effective_date

SIGNED = dt.date(2021, 1, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2017.", dt.date(2017, 7, 1)),
        ("Thông tư này có hiệu lực từ ngày 15/02/2022.", dt.date(2022, 2, 15)),
        ("Luật này có\nhiệu lực thi hành từ ngày 1 tháng 6\nnăm 2017.", dt.date(2017, 6, 1)),
        ("Quyết định này có hiệu lực kể từ ngày ký.", SIGNED),
        ("Chỉ thị này có hiệu\u00a0lực kể từ ngày ký ban hành.", SIGNED),
    ],
)
def test_the_date_in_force_is_read_from_the_text(text, expected):
    assert effective_date(text, SIGNED)[0] == expected


def test_nothing_said_means_unknown():
    assert effective_date("Các sở, ngành triển khai thực hiện.", SIGNED) == (None, "")


def test_on_signing_needs_the_day_of_signing():
    text = "Kế hoạch này có hiệu lực kể từ ngày ký."
    assert effective_date(text, None) == (None, "")
    assert effective_date(text, SIGNED, signed_precisely=False) == (None, "")


def test_an_impossible_date_is_not_taken():
    assert effective_date("có hiệu lực từ ngày 31/02/2022", SIGNED) == (None, "")


def test_an_administrative_text_applies_from_signing_a_decree_must_say_so():
    silent = "Các sở, ngành triển khai thực hiện."
    assert effective_date(silent, SIGNED, doc_type="KH") == (SIGNED, "on signing")
    assert effective_date(silent, SIGNED, doc_type="ND") == (None, "")
