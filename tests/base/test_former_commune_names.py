"""How a typed former name matches a commune's name (plain Python, no database)."""

import pytest

from base.former_communes import enough_letters, name_rank, words


def rank(typed: str, name: str) -> int | None:
    full = words(name)
    bare = (
        full[1:]
        if full[0] in {"xa", "phuong"}
        else full[2:]
        if full[:2] == ("thi", "tran")
        else full
    )
    return name_rank(words(typed), bare, full)


@pytest.mark.parametrize(
    ("typed", "name", "expected"),
    [
        ("quan thanh", "Phường Quán Thánh", 0),
        ("QUÁN THÁNH", "Phường Quán Thánh", 0),
        ("phuong quan thanh", "Phường Quán Thánh", 0),
        ("xã quán thánh", "Phường Quán Thánh", 0),  # another unit type typed
        ("thi tran yen phu", "Thị trấn Yên Phú", 0),
        ("quan th", "Phường Quán Thánh", 1),  # still typing
        ("thanh", "Phường Quán Thánh", 2),
        ("dong ba", "Phường Đông Ba", 0),  # đ = d
        ("xa ly", "Xã Xa Lý", 0),  # a name that begins like a unit type
        ("ea h'leo", "Xã Ea H’leo", 0),
        ("hoa binh", "Phường Hoà Bình", 0),
        ("quan", "Phường Trúc Bạch", None),
        ("thanh quan", "Phường Quán Thánh", None),
        ("phuong 1", "Phường 12", 1),
    ],
)
def test_a_typed_name_matches_with_or_without_diacritics(typed, name, expected):
    assert rank(typed, name) == expected


def test_too_little_typed_is_no_query():
    assert not enough_letters("x") and not enough_letters(" . ,") and not enough_letters("")
    assert enough_letters("Ba") and enough_letters("P1")
