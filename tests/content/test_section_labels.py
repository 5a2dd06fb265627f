"""Sections are named as a reader cites them, in the contents, the "#" links and hits."""

from pathlib import Path

import pytest

from content.importer import parse_text
from content.section_labels import first_words, label_sections

FIXTURES = Path(__file__).resolve().parents[2] / "content" / "fixtures"


def labels_of(path: Path) -> list[str]:
    document = parse_text(path.read_text(encoding="utf-8"))
    labels = label_sections(document.sections)
    return [labels[s.anchor] for s in document.sections]


def test_a_plan_names_its_items_with_the_part_and_first_words():
    labels = labels_of(FIXTURES / "legal_seeds" / "001_72bc782a1ebc1410.txt")
    assert labels[0] == "Mục I — MỤC ĐÍCH, YÊU CẦU"
    assert labels[1] == "Mục I.1 — Mục đích"
    assert "Mục III.1 — Nghiên cứu, rà soát, kiến nghị cấp có…" in labels
    assert not any(label.rstrip(".").isdigit() for label in labels)


def test_nested_items_carry_their_whole_path():
    labels = labels_of(FIXTURES / "legal_seeds" / "004_9356eee88e556c18.txt")
    assert "Mục II.1.3 — Về bảo vệ trẻ em" in labels


def test_a_decree_names_articles_with_their_heading_and_clauses_with_their_article():
    labels = labels_of(FIXTURES / "legal_samples" / "01_nd-30-2020-cong-tac-van-thu.txt")
    assert labels[0] == "Chương I. QUY ĐỊNH CHUNG"
    assert "Điều 3. Giải thích từ ngữ" in labels
    assert "Điều 3, khoản 2" in labels


def test_points_are_cited_with_their_article_and_clause():
    text = (
        "CHÍNH PHỦ\nSố: 1/2020/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định thử\n\n"
        "Điều 1. Phạm vi\n1. Khoản một:\na) Điểm a;\nđ) Điểm đ.\n"
    )
    document = parse_text(text)
    labels = list(label_sections(document.sections).values())
    assert "Điều 1, khoản 1, điểm a" in labels
    assert "Điều 1, khoản 1, điểm đ" in labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngắn gọn.", "Ngắn gọn"),
        ("- một hai ba bốn năm sáu bảy tám chín mười", "một hai ba bốn năm sáu bảy tám…"),
        ("Có chú thích[^1] ở đây", "Có chú thích ở đây"),
    ],
)
def test_first_words(text, expected):
    assert first_words(text) == expected
