"""Tests of the document importer on the five seed texts and two normative samples."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from content.importer import (
    DOC_TYPE_ABBR,
    DOC_TYPES,
    MAX_FILE_BYTES,
    NoDocumentFound,
    ParsedDocument,
    UnreadableFile,
    extract_text,
    extract_text_from_bytes,
    parse_text,
)
from content.importer.lines import is_marker

FIXTURES = Path(__file__).resolve().parents[2] / "content" / "fixtures"
SEEDS = sorted((FIXTURES / "legal_seeds").glob("*.txt"))
SAMPLE_ND = FIXTURES / "legal_samples" / "01_nd-30-2020-cong-tac-van-thu.txt"
SAMPLE_TT = FIXTURES / "legal_samples" / "02_tt-05-2025-tt-bgddt-che-do-lam-viec-giao-vien.txt"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def seed(prefix: str) -> Path:
    return next(path for path in SEEDS if path.name.startswith(prefix))


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedDocument]:
    return {path.name[:3]: parse_text(read(path)) for path in SEEDS}


# -- the seeds, field by field ---------------------------------------------------

EXPECTED_SUMMARIES: dict[str, dict[str, Any]] = {
    "000": {
        "doc_type": "Công văn",
        "number": "5650/UBND-VX",
        "symbol": "UBND-VX",
        "issuer": "Ủy ban nhân dân thành phố Kon Tum",
        "place": "TP. Kon Tum",
        "issued_on": "2020-12-28",
        "signer": "Phan Ngọc Định",
        "signer_title": "Phó Chủ tịch",
        "title": "V/v tăng cường hiệu lực, hiệu quả việc thực hiện chính sách, pháp luật"
        " về phòng, chống xâm hại trẻ em trên địa bàn thành phố",
        "references": ["4682/UBND-KGVX", "1167/LĐTBXH"],
        "sections": 8,
        "missing": [],
        "warnings": [],
    },
    "001": {
        "doc_type": "Kế hoạch",
        "number": "03/KH-UBND",
        "symbol": "KH-UBND",
        "issuer": "Ủy ban nhân dân thành phố Hải Phòng",
        "place": "Hải Phòng",
        "issued_on": "2021-01-07",
        "signer": "Lê Khắc Nam",
        "signer_title": "Phó Chủ tịch",
        "title": "Kế hoạch triển khai thực hiện Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của"
        " Thủ tướng Chính phủ ban hành Kế hoạch thực hiện Nghị quyết số 121/2020/QH14 ngày"
        " 19/6/2020 của Quốc hội về việc tiếp tục tăng cường hiệu lực, hiệu quả việc thực"
        " hiện chính sách pháp luật về phòng, chống xâm hại trẻ em",
        "references": ["1472/QĐ-TTg", "121/2020/QH14", "76/KH-UBND"],
        "sections": 28,
        "missing": [],
        "warnings": [],
    },
    "002": {
        "doc_type": "Hướng dẫn",
        "number": None,
        "symbol": "HD-SLĐTBXH",
        "issuer": "Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum",
        "place": "Kon Tum",
        "issued_on": "2023-03",
        "signer": "Nguyễn Thanh Tính",
        "signer_title": "Phó Giám đốc",
        "title": "Hướng dẫn triển khai thực hiện công tác trẻ em trên địa bàn tỉnh năm 2023",
        "references": [
            "636/LĐTBXH-TE",
            "641/CTr-BCĐ",
            "782/KH-UBND",
            "2026/KH-UBND",
            "06/QĐ-TTg",
            "13/2021/TT-BLĐTBXH",
        ],
        "sections": 11,
        "missing": ["number"],
        "warnings": [
            "Số văn bản để trống (chỉ có ký hiệu /HD-SLĐTBXH)",
            "Ngày ban hành để trống (chỉ có tháng/năm)",
        ],
    },
    "003": {
        "doc_type": "Chỉ thị",
        "number": None,
        "symbol": None,
        "issuer": None,
        "place": None,
        "issued_on": None,
        "signer": "Lê Văn Phước",
        "signer_title": "Phó Chủ tịch",
        "title": "Chỉ thị tăng cường, nâng cao hiệu quả công tác trẻ em",
        "references": [],
        "sections": 5,
        "missing": ["number", "issuer", "place", "issued_on"],
        "warnings": [],
    },
    "004": {
        "doc_type": "Kế hoạch",
        "number": None,
        "symbol": "KH-UBND",
        "issuer": "Ủy ban nhân dân huyện Tam Đường",
        "place": "Tam Đường",
        "issued_on": "2020-10",
        "signer": "Vũ Xuân Thịnh",
        "signer_title": "Phó Chủ tịch",
        "title": "Kế hoạch thực hiện Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng Chính phủ"
        " về việc tăng cường các giải pháp bảo đảm thực hiện các quyền trẻ em và bảo vệ trẻ em"
        " trên địa bàn huyện Tam Đường",
        "references": ["23/CT-TTg", "1606/KH-UBND"],
        "sections": 22,
        "missing": ["number"],
        "warnings": [
            "Số văn bản để trống (chỉ có ký hiệu /KH-UBND)",
            "Ngày ban hành để trống (chỉ có tháng/năm)",
            "Đánh số không liên tục: sau III. là V.",
        ],
    },
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_SUMMARIES))
def test_seed_summary(parsed: dict[str, ParsedDocument], prefix: str) -> None:
    name = seed(prefix).name
    assert parsed[prefix].summary(name) == {"file": name, **EXPECTED_SUMMARIES[prefix]}


def test_seed_000_letter_details(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["000"]
    assert doc.doc_type == "CV"
    assert doc.number_key == "5650/UBND-VX"
    assert doc.issued_precision == "day"
    assert doc.subject.startswith("Tăng cường hiệu lực, hiệu quả")
    assert doc.addressees == ["Các đơn vị, phòng, ban thành phố", "UBND các xã, phường"]
    assert doc.signer_authority == "TM. Ủy ban nhân dân; KT. Chủ tịch"
    assert doc.recipients[0] == "Như trên"
    assert doc.recipients[-1] == "Lưu: VTUB (VHXH)"
    assert [s.label for s in doc.sections[:3]] == ["1.", "2.", "3."]
    assert [s.anchor for s in doc.sections[:3]] == ["muc-1", "muc-2", "muc-3"]
    assert doc.sections[0].heading == "Phòng Lao động - Thương binh và Xã hội thành phố"
    assert doc.sections[0].text.startswith("- Chủ trì, phối hợp")
    assert "\n- Tăng cường tập huấn" in doc.sections[0].text


def test_seed_000_footnotes_stay_linked(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["000"]
    assert [(f.marker, f.text) for f in doc.footnotes] == [
        ("1", "Văn bản số 4682/UBND-KGVX ngày 21/12/2020."),
        ("2", "Văn bản số 1167/LĐTBXH, ngày 25/12/2020."),
    ]
    assert "trên địa bàn tỉnh[^1] và nội dung" in doc.preamble
    assert "Xã hội thành phố[^2], UBND thành phố" in doc.preamble
    assert "¹" not in doc.preamble
    # the footnote text no longer sits inside section 1
    assert "4682" not in doc.sections[0].text


def test_seed_000_citations_by_name_and_part(parsed: dict[str, ParsedDocument]) -> None:
    named = [c for c in parsed["000"].citations if c.number is None]
    assert [(c.title_hint, c.part, c.section_anchor) for c in named] == [
        ("Luật trẻ em", "Khoản 3 Điều 90", "muc-1"),
        ("Luật Trẻ em", None, "muc-8"),
        ("Luật phòng, chống bạo lực gia đình", "Khoản 5 Điều 35", "muc-8"),
    ]
    letter = next(c for c in parsed["000"].citations if c.number == "4682/UBND-KGVX")
    assert (letter.doc_type, letter.date, letter.section_anchor) == ("CV", "2020-12-21", None)


def test_seed_001_table_layout_repaired(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["001"]
    assert doc.issuer_parent is None
    assert doc.signer_authority == "TM. Ủy ban nhân dân; KT. Chủ tịch"
    assert doc.recipients[:2] == ["VPCP", "Bộ LĐTB&XH"]
    assert [s.label for s in doc.sections[:4]] == ["I.", "1.", "2.", "II."]
    assert [s.anchor for s in doc.sections[:4]] == ["muc-i", "muc-i-1", "muc-i-2", "muc-ii"]
    assert doc.sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"
    assert doc.sections[3].heading == "ĐỐI TƯỢNG, PHẠM VI, THỜI GIAN, THỰC HIỆN"
    assert (doc.sections[1].level, doc.sections[1].parent) == (2, "muc-i")
    by_anchor = {s.anchor: s for s in doc.sections}
    assert by_anchor["muc-iv-2"].heading == "Sở Thông tin và Truyền thông"
    assert by_anchor["muc-ii-2"].heading == "Thời gian thực hiện"
    assert by_anchor["muc-ii-2"].text == "Năm 2020 và các các năm tiếp theo."
    assert by_anchor["muc-i-1"].text.startswith(
        "- Cụ thể hóa việc thực hiện các nội dung của Quyết định số 1472/QĐ-TTg"
    )
    assert doc.basis[0].startswith(
        "Thực hiện Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của Thủ tướng Chính phủ"
    )


def test_seed_001_citations(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["001"]
    first = doc.citations[0]
    assert first.source == "title"
    assert (first.raw, first.doc_type, first.date) == (
        "Quyết định số 1472/QĐ-TTg ngày 28/9/2020",
        "QD",
        "2020-09-28",
    )
    preamble = [c for c in doc.citations if c.source == "preamble"]
    assert [(c.number, c.relation, c.issuer_hint) for c in preamble] == [
        ("1472/QĐ-TTg", "thuc_hien", "Thủ tướng Chính phủ"),
        ("121/2020/QH14", "thuc_hien", "Quốc hội"),
    ]
    law = next(c for c in doc.citations if c.number == "121/2020/QH14")
    assert (law.doc_type, law.date) == ("NQ", "2020-06-19")
    plan = next(c for c in doc.citations if c.number == "76/KH-UBND")
    assert (plan.section_anchor, plan.issuer_hint) == ("muc-iii-7", "Ủy ban nhân dân thành phố")


def test_seed_002_blank_number_and_month(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["002"]
    assert (doc.number, doc.number_key, doc.symbol) == (None, None, "HD-SLĐTBXH")
    assert (doc.issued_on, doc.issued_precision) == ("2023-03", "month")
    assert doc.signer_authority == "KT. Giám đốc"
    assert doc.closing.startswith("Trên đây là hướng dẫn công tác trẻ em năm 2023")
    # a page break and a footnote interrupted item 4: the sentence is whole again
    assert doc.sections[3].text.endswith(
        "các mục tiêu, chỉ tiêu, giải pháp, mô hình của Chương trình hành động quốc gia vì trẻ em"
        " giai đoạn 2021 - 2030, các nghị quyết, chương trình, đề án, kế hoạch về bảo vệ, chăm sóc,"
        " giáo dục trẻ em, giải quyết các vấn đề về trẻ em tại địa phương."
    )
    assert [f.marker for f in doc.footnotes] == ["1", "2"]
    assert (
        doc.footnotes[1].text.split("\n")[1].startswith("- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    )
    assert doc.sections[0].text.endswith("2021 - 2030[^1].")
    cited = next(c for c in doc.citations if c.number == "13/2021/TT-BLĐTBXH")
    assert (cited.doc_type, cited.date, cited.section_anchor) == ("TT", "2021-09-30", "muc-11")


def test_seed_003_nbsp_and_no_header(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["003"]
    assert doc.subject == "Tăng cường, nâng cao hiệu quả công tác trẻ em"
    assert doc.preamble.startswith("Thời gian qua, các cấp, các ngành tỉnh")
    assert doc.signer_authority == "TM. Ủy ban nhân dân; KT. Chủ tịch"
    assert [s.anchor for s in doc.sections] == [f"muc-{n}" for n in range(1, 6)]
    assert doc.sections[4].text.endswith("những trường hợp vượt thẩm quyền.")
    assert len(doc.recipients) == 9


def test_seed_004_subject_and_structure(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["004"]
    assert doc.subject.startswith(
        "Thực hiện Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng Chính phủ về việc"
    )
    assert doc.basis == [
        "Thực hiện Kế hoạch số 1606/KH-UBND ngày 10/8/2020 của Ủy ban nhân dân tỉnh Lai Châu"
        " về Thực hiện Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng Chính phủ"
        " về việc tăng cường các giải pháp"
        " bảo đảm thực hiện các quyền trẻ em và bảo vệ trẻ em trên địa bàn tỉnh Lai Châu"
    ]
    labels = [(s.label, s.anchor, s.level, s.parent) for s in doc.sections[:6]]
    assert labels == [
        ("I.", "muc-i", 1, None),
        ("1.", "muc-i-1", 2, "muc-i"),
        ("2.", "muc-i-2", 2, "muc-i"),
        ("II.", "muc-ii", 1, None),
        ("1.", "muc-ii-1", 2, "muc-ii"),
        ("1.1.", "muc-ii-1-1", 3, "muc-ii-1"),
    ]
    by_anchor = {s.anchor: s for s in doc.sections}
    assert by_anchor["muc-ii-1-1"].number == "1.1"
    assert by_anchor["muc-iii-7"].heading == "Phòng Tài chính – Kế hoạch"
    assert by_anchor["muc-iii-7"].text.startswith("Tham mưu bố trí kinh phí")
    assert "nhất là các hành vi xâm hại trẻ em, bao che" in by_anchor["muc-i-2"].text
    assert doc.closing.startswith("Trên đây Kế hoạch triển khai thực hiện Chỉ thị 23/CT-TTg")
    assert doc.recipients[-1] == "Lưu VT"


# -- robustness: the same document however it is encoded or wrapped -------------

_BODY_START = re.compile(r"^(?:I\.|1\.)\s")


def _wrap_body(text: str) -> str:
    """Insert hard wraps in body paragraphs, before lower-case words.

    A wrap right before a word that would make the new line look like a
    structure marker ("a) ...") is skipped: that layout is ambiguous by nature.
    """
    out: list[str] = []
    in_body = False
    for line in text.split("\n"):
        in_body = (in_body or bool(_BODY_START.match(line))) and not line.startswith("Nơi nhận")
        if not in_body or len(line) < 60 or line[:1] in "¹²³":
            out.append(line)
            continue
        words, current = line.split(" "), []
        for word in words:
            width = sum(len(w) + 1 for w in current)
            candidate = " ".join([word, *words[words.index(word) + 1 :]])
            if width > 35 and word[:1].islower() and not is_marker(candidate):
                out.append(" ".join(current))
                current = []
            current.append(word)
        out.append(" ".join(current))
    return "\n".join(out)


VARIANTS = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "wrapped": _wrap_body,
    "all": lambda t: (
        unicodedata.normalize("NFD", _wrap_body(t)).replace(" ", "\u00a0").replace("\n", "\r\n")
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_parse_is_robust_to_encoding_and_wraps(path: Path, variant: str) -> None:
    text = read(path)
    changed = VARIANTS[variant](text)
    assert changed != text
    assert parse_text(changed).to_dict() == parse_text(text).to_dict()


def test_wrapping_really_adds_lines() -> None:
    text = read(seed("002"))
    assert _wrap_body(text).count("\n") > text.count("\n") + 20


# -- normative samples ---------------------------------------------------------


@pytest.fixture(scope="module")
def decree() -> ParsedDocument:
    return parse_text(read(SAMPLE_ND))


def test_decree_header(decree: ParsedDocument) -> None:
    assert (decree.doc_type, decree.number, decree.year_in_number) == ("ND", "30/2020/NĐ-CP", 2020)
    assert (decree.issuer, decree.place, decree.issued_on) == ("Chính phủ", "Hà Nội", "2020-03-05")
    assert decree.title == "Nghị định về công tác văn thư"
    assert (decree.signer, decree.signer_title, decree.signer_authority) == (
        "Nguyễn Xuân Phúc",
        "Thủ tướng",
        "TM. Chính phủ",
    )
    assert decree.basis == [
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015",
        "Theo đề nghị của Bộ trưởng Bộ Nội vụ",
    ]
    assert decree.missing == []


def test_decree_structure(decree: ParsedDocument) -> None:
    kinds = [s.kind for s in decree.sections]
    assert kinds.count("chuong") == 7
    assert [s.anchor for s in decree.sections if s.kind == "dieu"] == [
        f"dieu-{n}" for n in range(1, 39)
    ]
    chapters = [s for s in decree.sections if s.kind == "chuong"]
    assert [s.label for s in chapters] == [
        f"Chương {r}" for r in ["I", "II", "III", "IV", "V", "VI", "VII"]
    ]
    assert chapters[0].heading == "QUY ĐỊNH CHUNG"
    muc = [
        (s.anchor, s.parent) for s in decree.sections if s.kind == "muc" and s.parent == "chuong-ii"
    ]
    assert muc == [("chuong-ii-muc-1", "chuong-ii"), ("chuong-ii-muc-2", "chuong-ii")]
    assert "khoan" in kinds
    assert "diem" in kinds
    dieu1 = next(s for s in decree.sections if s.anchor == "dieu-1")
    assert (dieu1.label, dieu1.number, dieu1.heading, dieu1.parent) == (
        "Điều 1.",
        "1",
        "Phạm vi điều chỉnh",
        "chuong-i",
    )
    assert dieu1.text.startswith("Nghị định này quy định về công tác văn thư")
    anchors = [s.anchor for s in decree.sections]
    assert len(anchors) == len(set(anchors))
    assert "dieu-4-khoan-2-diem-dd" in anchors
    assert "dieu-4-khoan-2-diem-d" in anchors
    point = next(s for s in decree.sections if s.anchor == "dieu-4-khoan-2-diem-a")
    assert (point.kind, point.label, point.level, point.parent) == (
        "diem",
        "a)",
        4,
        "dieu-4-khoan-2",
    )


def test_decree_citations(decree: ParsedDocument) -> None:
    basis = [c for c in decree.citations if c.relation == "can_cu"]
    assert [(c.title_hint, c.doc_type) for c in basis] == [("Luật Tổ chức Chính phủ", "LUAT")]
    old = [c for c in decree.citations if c.number == "110/2004/NĐ-CP"]
    assert [(c.date, c.issuer_hint, c.section_anchor) for c in old] == [
        ("2004-04-08", "Chính phủ", "dieu-37"),
        ("2004-04-08", "Chính phủ", "dieu-37"),
    ]


def test_circular_sample() -> None:
    doc = parse_text(read(SAMPLE_TT))
    assert (doc.doc_type, doc.number, doc.symbol) == ("TT", "05/2025/TT-BGDĐT", "TT-BGDĐT")
    assert doc.issuer == "Bộ Giáo dục và Đào tạo"
    assert [s.kind for s in doc.sections].count("chuong") == 4
    assert [s.anchor for s in doc.sections if s.kind == "dieu"] == [
        f"dieu-{n}" for n in range(1, 16)
    ]
    assert doc.signer is None
    assert doc.missing == ["place", "issued_on", "signer", "signer_title"]
    assert doc.basis[3].startswith("Căn cứ Nghị định số 84/2020/NĐ-CP ngày 17 tháng 7 năm 2020")
    first = next(c for c in doc.citations if c.number == "84/2020/NĐ-CP")
    assert (first.relation, first.source, first.issuer_hint) == ("can_cu", "preamble", "Chính phủ")


# -- smaller cases -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "issuer", "place"),
    [
        (  # a town's office, its level abbreviated, its name printed with a dash
            "UBND TX. ĐỒNG XOÀI       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "PHÒNG GIÁO DỤC-ĐÀO TẠO         Độc lập - Tự do - Hạnh phúc\n"
            "  Số : 151/TB-PGDĐT        Đồng Xoài, ngày 20 tháng 3 năm 2012.\n",
            "Phòng Giáo dục và Đào tạo thị xã Đồng Xoài",
            "Đồng Xoài",
        ),
        (  # three lines, "UỶ" spelled the older way, the place a city named in full
            "UỶ BAN NHÂN DÂN                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
            "THÀNH PHỐ HỒ CHÍ MINH              Độc lập – Tự do – Hạnh phúc\n\n"
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\n"
            "Số : 4144 /GDĐT – VP          Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2018\n",
            "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh",
            "Thành phố Hồ Chí Minh",
        ),
    ],
)
def test_a_local_department_is_named_with_its_council_s_unit(header, issuer, place) -> None:
    """Every province has a "Sở Giáo dục và Đào tạo": a department under a local council
    is named with the council's unit, so two provinces' departments are two issuers."""
    doc = parse_text(header + "\nTHÔNG BÁO\nVề việc nghỉ học\n\nCác trường cho học sinh nghỉ.\n")
    assert (doc.issuer, doc.place) == (issuer, place)


def test_two_line_header_gives_parent_and_interleaved_signature() -> None:
    text = (
        "UBND TỈNH LAI CHÂU\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 12 / KH–SLĐTBXH\n\n"
        "Lai Châu, ngày 5 tháng 6 năm 2024\n\nKẾ HOẠCH\nTổ chức Tháng hành động vì trẻ em\n\n"
        "Căn cứ Luật Trẻ em năm 2016;\n\nI. MỤC ĐÍCH\n\nBảo vệ trẻ em¹.\n\n"
        "Nơi nhận: TM. SỞ\n- Như trên; KT. GIÁM ĐỐC\n- Lưu: VT. PHÓ GIÁM ĐỐC\n\nNguyễn Văn An\n"
    )
    doc = parse_text(text)
    assert doc.issuer_parent == "Ủy ban nhân dân tỉnh Lai Châu"
    assert doc.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"
    assert (doc.number, doc.number_key) == ("12/KH-SLĐTBXH", "12/KH-SLDTBXH")
    assert doc.title == "Kế hoạch tổ chức Tháng hành động vì trẻ em"
    assert doc.recipients == ["Như trên", "Lưu: VT"]
    assert (doc.signer, doc.signer_title, doc.signer_authority) == (
        "Nguyễn Văn An",
        "Phó Giám đốc",
        "TM. Sở; KT. Giám đốc",
    )
    assert doc.citations[0].relation == "can_cu"
    assert doc.warnings == ["Chú thích [^1] không có nội dung"]
    assert doc.sections[0].text == "Bảo vệ trẻ em[^1]."


def test_numbering_restart_without_parent_is_reported() -> None:
    doc = parse_text("CÔNG ĐIỆN\n\n1. Một.\n2. Hai.\n1. Lại một.\n")
    assert doc.doc_type == "CD"
    assert [s.anchor for s in doc.sections] == ["muc-1", "muc-2", "muc-1-2"]
    assert doc.warnings == ["Đánh số khởi động lại ở 1. mà không có mục cha"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t\n", random.Random(7).randbytes(3000).decode("latin-1")],
    ids=["empty", "whitespace", "binary"],
)
def test_no_document_found(text: str) -> None:
    with pytest.raises(NoDocumentFound, match="Không tìm thấy văn bản"):
        parse_text(text)
    assert issubclass(NoDocumentFound, UnreadableFile)


def test_doc_types_are_ascii_codes() -> None:
    assert {
        "LUAT",
        "PL",
        "ND",
        "NQ",
        "QD",
        "CT",
        "TT",
        "KH",
        "HD",
        "CV",
        "CD",
        "CTR",
        "TB",
        "BC",
    } <= set(DOC_TYPES)
    assert {"QC", "QYD", "DA", "PA", "TTR", "VBHN"} <= set(DOC_TYPES)
    assert all(code.isascii() and code.isupper() for code in DOC_TYPES)
    assert (DOC_TYPE_ABBR["QD"], DOC_TYPE_ABBR["CTR"], DOC_TYPE_ABBR["QYD"]) == ("QĐ", "CTr", "QyĐ")


# -- extraction ----------------------------------------------------------------


def test_extract_txt_variants(tmp_path: Path) -> None:
    content = "Số: 03/KH-UBND\nKẾ HOẠCH"
    (tmp_path / "a.txt").write_bytes(content.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(content.replace("\n", "\r\n").encode("utf-8"))
    for name in ("a.txt", "b.txt", "c.txt"):
        assert extract_text(tmp_path / name) == content


def test_extract_seed_file_is_unchanged_text() -> None:
    path = seed("001")
    assert extract_text(path) == read(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "rỗng"),
        ("binary.txt", bytes(range(256)) * 20, "không phải văn bản"),
        ("fake.pdf", b"this is not a pdf at all", "không phải PDF"),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage", "PDF"),
        ("fake.docx", b"PK\x03\x04 not really a zip", ".docx"),
        ("photo.jpg", b"\xff\xd8\xff", "không được hỗ trợ"),
    ],
)
def test_extract_rejects_bad_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=message):
        extract_text(path)
    with pytest.raises(UnreadableFile, match=message):
        extract_text_from_bytes(data, name)


def test_extract_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="Không tìm thấy tệp"):
        extract_text(tmp_path / "missing.txt")


def test_extract_pdf_without_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFile, match=re.escape("PDF không có lớp văn bản (bản quét?)")):
        extract_text(path)


def test_extract_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG"
    table.cell(0, 1).text = "Tam Đường, ngày 5 tháng 10 năm 2020"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phòng chống xâm hại trẻ em")
    document.add_paragraph("I. MỤC ĐÍCH")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    text = extract_text(path)
    assert text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TAM ĐƯỜNG",
        "|",
        "Tam Đường, ngày 5 tháng 10 năm 2020",
        "|",
        "KẾ HOẠCH",
        "Phòng chống xâm hại trẻ em",
        "I. MỤC ĐÍCH",
    ]
    doc = parse_text(text)
    assert (doc.issuer, doc.issued_on, doc.doc_type) == (
        "Ủy ban nhân dân huyện Tam Đường",
        "2020-10-05",
        "KH",
    )
    assert extract_text_from_bytes(path.read_bytes(), "plan.docx") == text


def test_extract_refuses_large_file_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no data written

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(UnreadableFile, match="quá lớn"):
        extract_text(path)


def test_extract_from_bytes_refuses_large_upload() -> None:
    with pytest.raises(UnreadableFile, match="quá lớn"):
        extract_text_from_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.txt")
