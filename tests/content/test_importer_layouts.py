"""The layouts real documents arrive in, and the public corpus as a whole (no database)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from content.importer import parse_text
from content.importer.evaluate import evaluate, read_expected

CORPUS = Path(__file__).resolve().parents[2] / "content" / "fixtures" / "legal_corpus"
TEXTS = sorted((CORPUS / "texts").glob("*.txt"))
# openings in layouts the corpus lacked, collected after the importer was tuned on it
LAYOUTS = CORPUS.parent / "legal_layouts"
LAYOUT_TEXTS = sorted((LAYOUTS / "texts").glob("*.txt"))

BODY = "Căn cứ Luật Trẻ em năm 2016;\nI. MỤC ĐÍCH\n1. Bảo vệ trẻ em."


# -- header cells flattened with "|" -----------------------------------------------


def test_pipe_cells_give_number_place_and_date() -> None:
    doc = parse_text(
        "THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 18/CT-TTg | Hà Nội, ngày 16 tháng 05 năm 2017 |\n"
        "CHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG BẢO VỆ TRẺ EM\n" + BODY
    )
    assert (doc.number, doc.place, doc.issued_on) == ("18/CT-TTg", "Hà Nội", "2017-05-16")
    assert doc.issuer == "Thủ tướng Chính phủ"
    assert doc.title == "Chỉ thị về việc tăng cường bảo vệ trẻ em"


def test_cut_issuer_cell_is_completed_from_the_authority_line() -> None:
    doc = parse_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 12/QĐ-UBND | Buôn Ma Thuột, ngày 3 tháng 4 năm 2020 |\n"
        "QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT KẾ HOẠCH\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\n" + BODY
    )
    assert doc.issuer == "Ủy ban nhân dân tỉnh Đắk Lắk"
    assert doc.title == "Quyết định về việc phê duyệt kế hoạch"


def test_cut_issuer_cell_is_completed_from_a_province_place() -> None:
    doc = parse_text(
        "ỦY BAN NHÂN DÂN |\nSố: 41/KH-UBND |\nBà Rịa - Vũng Tàu, ngày 10 tháng 05 năm 2017 |\n"
        + BODY
    )
    assert doc.issuer == "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"


def test_cut_issuer_without_province_stays_missing() -> None:
    doc = parse_text(
        "ỦY BAN NHÂN DÂN |\nSố: 5/KH-UBND | Ea Súp, ngày 10 tháng 05 năm 2017 |\n" + BODY
    )
    assert doc.issuer is None
    assert "issuer" in doc.missing


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        "Gia\nLai, ngày 21 tháng 9\nnăm 2021",
        "Gia Lai, ngày 21\ntháng 9 năm 2021",
        "Gia Lai, ngày 21tháng 09năm 2021",
        "   Gia Lai, ngày  21  tháng  09  năm 2021",
    ],
    ids=["wrapped-place", "wrapped-day", "glued", "leading-spaces"],
)
def test_dates_in_every_shape(lines: str) -> None:
    doc = parse_text(f"ỦY BAN NHÂN DÂN TỈNH GIA LAI\nSố: 7/KH-UBND\n{lines}\nKẾ HOẠCH\n" + BODY)
    assert (doc.place, doc.issued_on) == ("Gia Lai", "2021-09-21")


def test_blank_day_keeps_month_precision() -> None:
    doc = parse_text("BỘ Y TẾ\nSố: 7/KH-BYT\nHà Nội, ngày    tháng 9 năm 2021\n" + BODY)
    assert (doc.issued_on, doc.issued_precision) == ("2021-09", "month")


# -- number lines ----------------------------------------------------------------------


def test_number_line_with_leading_spaces_and_em_dash_rules() -> None:
    doc = parse_text(
        "BỘ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI\n——————\n   Số:  23/2010/TT-BLĐTBXH\n"
        "—————\nHà Nội, ngày 16 tháng 8 năm 2010\n  THÔNG TƯ\nQUY ĐỊNH QUY TRÌNH\n"
        "——-\n" + BODY
    )
    assert doc.number == "23/2010/TT-BLĐTBXH"
    assert doc.issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert doc.title == "Thông tư quy định quy trình"


def test_subject_on_the_number_line() -> None:
    doc = parse_text(
        "Công văn số 698/UBND-GD V/v tăng cường giáo dục đạo đức cho học sinh\n"
        "Kính gửi: Các trường học.\nNội dung."
    )
    assert (doc.doc_type, doc.number) == ("CV", "698/UBND-GD")
    assert doc.title == "V/v tăng cường giáo dục đạo đức cho học sinh"
    assert doc.references() == []


def test_literal_line_breaks_of_scraped_text() -> None:
    text = (
        r"ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\r\nSố: 9/KH-UBND\r\n"
        r"Lạng Sơn, ngày 5 tháng 3 năm 2022\r\nKẾ HOẠCH\r\nBẢO VỆ TRẺ EM\r\n"
        r"Căn cứ Nghị định số 56/2017/NĐ-CP;\r\nI. MỤC ĐÍCH"
    )
    doc = parse_text(text)
    assert (doc.number, doc.issued_on, doc.title) == (
        "9/KH-UBND",
        "2022-03-05",
        "Kế hoạch bảo vệ trẻ em",
    )


# -- a PDF text flattened onto one line, behind a cover ---------------------------------

COVER = (
    "BỘ GIÁO DỤC VÀ ĐÀO TẠO -o0o- TÀI LIỆU HƯỚNG DẪN công tác y tế trường học "
    "(Ban hành kèm theo Quyết định số 215/QĐ-BGDĐT ngày {cover_date} của Bộ trưởng "
    "Bộ Giáo dục và Đào tạo) Hà Nội, 2019 "
)
ONE_LINE_DECISION = (
    "BỘ GIÁO DỤC VÀ ĐÀO TẠO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự - Hạnh phúc "
    "Số: 215 /QĐ-BGDĐT Hà Nội, ngày 12 tháng năm 2019 QUYẾT ĐỊNH Về việc ban hành tài liệu "
    "hướng dẫn công tác y tế trường học BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO Căn Nghị định số "
    "69/2017/NĐ-CP ngày 25 tháng 5 năm 2017 của Chính phủ quy định chức năng, nhiệm vụ của "
    "Bộ Giáo dục và Đào tạo; Xét đề nghị của Vụ trưởng Vụ Giáo dục thể chất, QUYẾT ĐỊNH: "
    "Điều 1. Ban hành kèm theo Quyết định này tài liệu hướng dẫn công tác y tế trường học. "
    "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Nơi nhận: - Như Điều 2; - Lưu: VT. "
    "KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn An"
)


def test_one_line_pdf_text_behind_a_cover_reads_like_the_printed_decision() -> None:
    doc = parse_text(COVER.format(cover_date="12/3/2019") + ONE_LINE_DECISION)
    assert (doc.number, doc.doc_type, doc.issuer, doc.place) == (
        "215/QĐ-BGDĐT",
        "QD",
        "Bộ Giáo dục và Đào tạo",
        "Hà Nội",
    )
    assert doc.title == "Quyết định về việc ban hành tài liệu hướng dẫn công tác y tế trường học"
    # The header left the month blank; the cover's "kèm theo Quyết định số 215/QĐ-BGDĐT
    # ngày 12/3/2019" names the same number, day and year, and says so in a warning.
    assert (doc.issued_on, doc.issued_precision) == ("2019-03-12", "day")
    assert any("215/QĐ-BGDĐT ngày 12/3/2019" in w for w in doc.warnings)
    assert any("trang bìa" in w and "TÀI LIỆU HƯỚNG DẪN" in w for w in doc.warnings)
    assert "TÀI LIỆU HƯỚNG DẪN" not in doc.preamble
    assert doc.basis[0].startswith("Căn Nghị định số 69/2017/NĐ-CP")
    assert [s.label for s in doc.sections] == ["Điều 1.", "Điều 2."]
    assert doc.references() == ["69/2017/NĐ-CP"]
    assert doc.recipients == ["Như Điều 2", "Lưu: VT"]
    assert (doc.signer, doc.signer_title) == ("Nguyễn Văn An", "Thứ trưởng")


def test_cover_on_lines_of_its_own_is_skipped() -> None:
    doc = parse_text(
        "TÀI LIỆU HƯỚNG DẪN\nCông tác y tế trường học\nHà Nội, 2019\n"
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 215/QĐ-BGDĐT\nHà Nội, ngày 12 tháng 3 năm 2019\n"
        "QUYẾT ĐỊNH\nVề việc ban hành tài liệu hướng dẫn\nCăn cứ Luật Giáo dục;\nĐiều 1. Ban hành."
    )
    assert (doc.doc_type, doc.issuer, doc.issued_on) == (
        "QD",
        "Bộ Giáo dục và Đào tạo",
        "2019-03-12",
    )
    assert doc.title == "Quyết định về việc ban hành tài liệu hướng dẫn"


@pytest.mark.parametrize(
    "cover", ["", COVER.format(cover_date="15/3/2019")], ids=["no-cover", "other-day"]
)
def test_blank_month_is_never_invented(cover: str) -> None:
    doc = parse_text(cover + ONE_LINE_DECISION)
    assert (doc.issued_on, doc.issued_precision) == ("2019", "year")
    assert "Tháng ban hành để trống (chỉ có năm)" in doc.warnings


# -- titles ----------------------------------------------------------------------------


def test_upper_case_title_keeps_proper_names() -> None:
    doc = parse_text(
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nSố: 3/KH-UBND\nĐắk Lắk, ngày 1 tháng 2 năm 2022\n"
        "KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT CỦA QUỐC HỘI VÀ CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ "
        "TRÊN ĐỊA BÀN TỈNH ĐẮK LẮK\nI. MỤC ĐÍCH\n1. Bảo vệ."
    )
    assert doc.title == (
        "Kế hoạch thực hiện nghị quyết của Quốc hội và chỉ thị của Thủ tướng Chính phủ "
        "trên địa bàn tỉnh Đắk Lắk"
    )


def test_title_does_not_swallow_the_authority_line() -> None:
    doc = parse_text(
        "BỘ Y TẾ\nSố: 4/QĐ-BYT\nHà Nội, ngày 1 tháng 2 năm 2022\nQUYẾT ĐỊNH\n"
        "VỀ VIỆC PHÊ DUYỆT TÀI LIỆU HƯỚNG DẪN\nBỘ TRƯỞNG BỘ Y TẾ\n"
        "Căn cứ Luật Khám bệnh, chữa bệnh;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt."
    )
    assert doc.title == "Quyết định về việc phê duyệt tài liệu hướng dẫn"


def test_type_from_symbol_beats_a_type_word_starting_the_subject() -> None:
    doc = parse_text(
        "CHÍNH PHỦ |\nSố: 130/2021/NĐ-CP |\nHà Nội, ngày 30 tháng 12 năm 2021 |\n"
        "QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH\nCăn cứ Luật Trẻ em;\nĐiều 1. Phạm vi"
    )
    assert (doc.doc_type, doc.issuer) == ("ND", "Chính phủ")
    assert doc.title == "Nghị định quy định xử phạt vi phạm hành chính"


def test_no_subject_gives_no_title() -> None:
    doc = parse_text("ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nSố: 1/KH-UBND\n" + BODY)
    assert doc.title == ""
    assert doc.doc_type == "KH"


def test_joint_issuers_are_read_from_the_symbol() -> None:
    doc = parse_text(
        "BỘ Y TẾ - BGIÁO DỤC VÀ ĐÀO TẠO\nSố: 13/2016/TTLT-BYT-BGDĐT\n"
        "Hà Nội, ngày 12 tháng 05 năm 2016\nTHÔNG TƯ LIÊN TỊCH\nQUY ĐỊNH Y TẾ TRƯỜNG HỌC\n" + BODY
    )
    assert doc.issuer == "Bộ Y tế; Bộ Giáo dục và Đào tạo"


def test_party_documents_are_cited() -> None:
    doc = parse_text(
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 75/KH-UBND\nSơn La, ngày 1 tháng 2 năm 2020\n"
        "Thực hiện Chỉ thị số 36-CT/TW của Bộ Chính trị, Kế hoạch số 179- KH/TU;\nI. MỤC ĐÍCH"
    )
    assert doc.references() == ["36-CT/TW", "179-KH/TU"]


def test_a_youth_union_plan_numbered_as_the_party_numbers() -> None:
    doc = parse_text(
        "BAN CHẤP HÀNH TRUNG ƯƠNG          ĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "   Số: 225 - KH/TWĐTN-CTTN          Hà Nội, ngày 16 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\nTổ chức các hoạt động hè dành cho thiếu nhi năm 2024\n\n"
        "Căn cứ Kế hoạch số 183-KH/TWĐTN-TNNT ngày 28/2/2024 của Ban Bí thư Trung ương Đoàn;\n"
        "I. MỤC ĐÍCH"
    )
    assert (doc.number, doc.number_key, doc.doc_type) == (
        "225-KH/TWĐTN-CTTN",
        "225-KH/TWDTN-CTTN",
        "KH",
    )
    assert doc.issuer == "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh"
    assert doc.references() == ["183-KH/TWĐTN-TNNT"]


def test_an_older_joint_circular_names_its_issuers_after_a_slash() -> None:
    """ "TTLT/YT-TM-...": the whole symbol is the number, the type is the circular's, each
    body of the one-line header is an issuer (none taken for a parent of the next), and
    "ngày" run into a cited number is no part of it."""
    doc = parse_text(
        "BỘ Y TẾ - BỘ THƯƠNG MẠI - UỶ BAN BẢO VỆ VÀ CHĂM SÓC TRẺ EM VIỆT NAM\n"
        "Số: 04/2001/TTLT/YT-TM-UBBVCSTEVN\nHà Nội, ngày 14 tháng 03 năm 2001\n\n"
        "THÔNG TƯ LIÊN TỊCH\nHướng dẫn thi hành Nghị định số 74/2000/NĐ-CP\n\n"
        "Căn cứ Quyết định số 178/1999/QĐ-TTgngày 30/8/1999 của Thủ tướng Chính phủ;\n"
        "I. PHẠM VI"
    )
    assert (doc.number, doc.doc_type) == ("04/2001/TTLT/YT-TM-UBBVCSTEVN", "TTLT")
    assert doc.issuer == "Bộ Y tế; Bộ Thương mại; Uỷ ban bảo vệ và chăm sóc trẻ em Việt Nam"
    assert doc.issuer_parent is None
    assert "178/1999/QĐ-TTg" in doc.references()


def test_a_draft_s_mark_is_said_not_taken_for_the_issuer() -> None:
    doc = parse_text(
        "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n--------\nSố:      /2020/TT-BLĐTBXH\n"
        "Hà Nội, ngày    tháng   năm 2020\n\nDỰ THẢO 1\n\nTHÔNG TƯ\n\n"
        "QUY ĐỊNH VỀ SỬ DỤNG NGƯỜI CHƯA ĐỦ 15 TUỔI LÀM VIỆC\n\nCăn cứ Bộ luật Lao động;\n"
        "Điều 1. Phạm vi"
    )
    assert doc.issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert doc.number is None and doc.issued_on == "2020"
    assert "Văn bản ghi “DỰ THẢO 1”: đây là bản dự thảo" in doc.warnings


def test_a_letter_s_subject_printed_without_v_v_is_its_title() -> None:
    doc = parse_text(
        "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n"
        "Số : 4144 /GDĐT – VP      Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2018\n\n"
        "Về cho học sinh nghỉ học\n\nNgày 26/11/2018\n\nKHẨN\n\n"
        "Kính gửi : Chủ tịch Ủy ban nhân dân các quận, huyện.\n\n"
        "Căn cứ tình hình sau cơn bão số 9, Sở đề nghị cho học sinh nghỉ học."
    )
    assert (doc.doc_type, doc.title) == ("CV", "Về cho học sinh nghỉ học ngày 26/11/2018")


def test_a_portal_s_heading_over_a_letter_gives_its_number_and_title() -> None:
    """A letter shown from "Kính gửi" on under the portal's heading: the bracketed number
    is the letter's own (not a citation), and the body's "…, ngày 05 tháng 3 năm 2012" is
    no place and date of it."""
    doc = parse_text(
        "Chỉ đạo triển khai Tháng hành động vì trẻ em năm 2012 (204/UBND-VX)\n\n"
        " Kính gửi: Sở Lao động – Thương binh và Xã hội\n\n"
        "Thực hiện Công văn số 581/LĐTBXH-BVCSTE, ngày 05 tháng 3 năm 2012 của Bộ Lao động – "
        "Thương binh và Xã hội; Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:\n"
        "1. Giao Sở Lao động – Thương binh và Xã hội xây dựng Kế hoạch."
    )
    assert (doc.number, doc.doc_type) == ("204/UBND-VX", "CV")
    assert doc.title == "Chỉ đạo triển khai Tháng hành động vì trẻ em năm 2012"
    assert doc.addressees == ["Sở Lao động – Thương binh và Xã hội"]
    assert (doc.place, doc.issued_on) == (None, None)
    assert doc.references() == ["581/LĐTBXH-BVCSTE"]


# -- the corpus ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "count", "bar"),
    [(CORPUS, len(TEXTS), 0.97), (LAYOUTS, 12, 0.9)],
    ids=["corpus", "new-layouts"],
)
def test_accuracy_and_no_invented_values(folder: Path, count: int, bar: float) -> None:
    """Where the importer still misses a field, it leaves it empty or close (the new
    layouts' SOURCES.md lists what is left); it never invents one."""
    report = evaluate([folder / "texts"], read_expected(folder / "expected.tsv"))
    assert report.files == count
    assert report.invented == 0, [str(m) for m in report.misses if m.invented]
    assert report.accuracy >= bar, "\n".join(report.lines())


def _variant(text: str) -> str:
    return unicodedata.normalize("NFD", text).replace("\n", "\r\n").replace(" ", "\u00a0")


@pytest.mark.parametrize(
    "path", TEXTS + LAYOUT_TEXTS, ids=[p.name[:3] for p in TEXTS + LAYOUT_TEXTS]
)
def test_nfd_crlf_nbsp_variants_give_identical_results(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        plain = parse_text(text).to_dict()
    except Exception as error:  # a refused text must be refused the same way
        with pytest.raises(type(error)):
            parse_text(_variant(text))
        return
    assert parse_text(_variant(text)).to_dict() == plain


# -- legacy encodings ------------------------------------------------------------------

HEADER = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 5/KH-UBND\nKon Tum, ngày 3 tháng 4 năm 2020\n"


def _cp1252_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_mojibake_is_repaired_with_a_warning() -> None:
    doc = parse_text(_cp1252_mojibake(HEADER + "KẾ HOẠCH\nBẢO VỆ TRẺ EM\n" + BODY))
    assert (doc.issuer, doc.number, doc.issued_on) == (
        "Ủy ban nhân dân tỉnh Kon Tum",
        "5/KH-UBND",
        "2020-04-03",
    )
    assert any("UTF-8" in w for w in doc.warnings)


def test_tcvn3_text_is_converted_with_a_warning() -> None:
    tcvn3 = (
        "Sè: 5/KH-UBND\nKon Tum, ngµy 3 th¸ng 4 n¨m 2020\n"
        "KÕ ho¹ch\nB¶o vÖ trÎ em\nC¨n cø LuËt TrÎ em n¨m 2016;\nI. Môc ®Ých"
    )
    doc = parse_text(tcvn3)
    assert (doc.place, doc.issued_on, doc.doc_type) == ("Kon Tum", "2020-04-03", "KH")
    assert doc.basis == ["Căn cứ Luật Trẻ em năm 2016"]
    assert any("TCVN3" in w for w in doc.warnings)


def test_vni_text_is_converted_with_a_warning() -> None:
    vni = (
        "UÛY BAN NHAÂN DAÂN TÆNH KON TUM\nSoá: 5/KH-UBND\nKon Tum, ngaøy 3 thaùng 4 naêm 2020\n"
        "Caên cöù Luaät Treû em naêm 2016;\nI. Muïc ñích"
    )
    doc = parse_text(vni)
    assert doc.issuer == "Ủy ban nhân dân tỉnh Kon Tum"
    assert doc.issued_on == "2020-04-03"
    assert any("VNI" in w for w in doc.warnings)


def test_windows_1258_combining_sequences_are_composed() -> None:
    text = "Kê\u0301 hoa\u0323ch".encode("cp1258").decode("cp1258")
    assert "\u0301" in text  # cp1258 writes "ế" as "ê" + combining acute
    doc = parse_text(HEADER + text.upper() + "\nBẢO VỆ TRẺ EM\n" + BODY)
    assert doc.doc_type == "KH"
    assert any("Windows-1258" in w for w in doc.warnings)


def test_pdf_font_oi_for_u_is_read_as_u_with_a_warning() -> None:
    """Copied from a PDF, "Hướng dẫn" arrives as "Hƣớng dẫn" (U+01A3): the
    title a reader sees and searches for is the Vietnamese one."""
    doc = parse_text(HEADER + "KẾ HOẠCH\nHƣớng dẫn bảo vệ trẻ em trong trƣờng học\n" + BODY)
    assert doc.title == "Kế hoạch hướng dẫn bảo vệ trẻ em trong trường học"
    assert not any("ƣ" in section.text for section in doc.sections)
    assert any("ƣ" in w for w in doc.warnings)


def test_correct_text_is_never_converted() -> None:
    doc = parse_text(HEADER + "KẾ HOẠCH\nBẢO VỆ TRẺ EM\n" + BODY)
    assert doc.warnings == []
