"""Parse the text of a Vietnamese administrative or legal document.

``parse_text`` reads the header (issuer, number, place and date, type and
subject, addressees), the preamble (legal basis), the sections, the closing
(recipients and signature) and the footnotes, then finds citations.

What it never does is invent: a blank number or day stays blank (with a
warning), and a field that the text does not state is listed in ``missing``.

Issuer rule. The issuer is read from the capitals above the number. When the
header lacks it, the text's own statement of who acts is used, but only if it
names the body completely:
- "Ủy ban nhân dân huyện Tam Đường xây dựng Kế hoạch" names it outright;
- "UBND thành phố có ý kiến như sau" names the level only; the place line
  ("TP. Kon Tum") is by Nghị định 30/2020 the unit where the issuer sits, so the
  issuer is "Ủy ban nhân dân thành phố Kon Tum" when the place's level agrees
  (a "TP." place, or a bare place name);
- "Sở Lao động - Thương binh và Xã hội hướng dẫn" is a provincial department:
  it gets "tỉnh <place>" only when the text itself says "tỉnh <place>";
- "Ủy ban nhân dân tỉnh yêu cầu" with no place line names no province: the
  issuer stays missing (seed 003).
"""

from __future__ import annotations

import datetime as dt
import re

from base.vietnamese import VN_LOWER, VN_UPPER, fold, normalise_number, tidy_number
from content.importer.casing import (
    expand_abbreviations,
    lower_first,
    names_unit,
    org_case,
    recase_from_body,
    sentence_start,
    title_case,
)
from content.importer.citations import (
    DATE_PATTERN,
    NUMBER_PATTERN,
    PARTY_NUMBER_PATTERN,
    find_citations,
    iso_date,
    paragraph_relation,
    party_number,
)
from content.importer.doctypes import DOC_TYPES, code_for_name, code_for_symbol, type_names
from content.importer.encodings import repair_encoding
from content.importer.lines import ends_sentence, is_authority_line, is_caps, is_marker, prepare
from content.importer.model import Citation, Footnote, NoDocumentFound, ParsedDocument
from content.importer.structure import build_sections, is_normative, is_section_start
from content.importer.units import canonical_ministry, issuers_from_symbol, unit_for_place

UP = VN_UPPER
LOW = VN_LOWER
FIELDS = ("doc_type", "number", "issuer", "place", "issued_on", "signer", "signer_title", "subject")

# "Số: 03/KH-UBND", "Luật số: 13/2022/QH15", "Số: /KH-UBND".
_NUMBER_LINE = re.compile(
    r"^(?:(?P<kind>Luật|Bộ luật|Nghị quyết|Pháp lệnh|Lệnh|Công văn|Văn bản)\s+)?"
    r"[Ss]ố\s*(?::\s*|(?=\d*\s*/))(?P<rest>.*)$"
)
# The number part of a number line; the leading number may be blank ("/KH-UBND").
_HEADER_NUMBER = re.compile(
    NUMBER_PATTERN.replace(r"(?P<num>\d+[A-Za-z]?)", r"(?P<num>\d+[A-Za-z]?)?", 1)
)
# A short line going on with a letter's subject: a date ("Ngày 26/11/2018").
_SUBJECT_TAIL = re.compile(r"^(?:[Nn]gày|[Nn]ăm|[Tt]háng)\s+\d[\d/.\s]*$")
# A portal's heading: the subject, then the number in brackets.
_HEADED_LETTER = re.compile(
    rf"^(?P<subject>[^()]{{10,250}}?)\s*\((?:Số\s*:?\s*)?{NUMBER_PATTERN}\)$"
)
# A draft's mark in the header: "DỰ THẢO", "DỰ THẢO 1", "Dự thảo lần 2".
_DRAFT_MARK = re.compile(r"^\s*(?:DỰ THẢO|Dự thảo)(?:\s+(?:LẦN|lần)\s*)?(?:\s*\d+)?\s*$")
# A Party or Youth Union number, without a year: "225 - KH/TWĐTN-CTTN", "36-CT/TW".
_PARTY_NUMBER = re.compile(rf"^\s*{PARTY_NUMBER_PATTERN}(?![\w/])")
# "TP. Kon Tum, ngày 28 tháng 12 năm 2020"; day and month may be left blank.
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d][^,]{0,40}?)\s*,\s*ngày\b[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*"
    r"tháng[\s.…_]*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})"
)
# The text naming itself with a full date: "kèm theo Quyết định số 4128/QĐ-BYT ngày 29/7/2016".
_SELF_DATED = re.compile(rf"(?<!\w)số\s*:?\s*{NUMBER_PATTERN}\s*,?\s+ngày\s+{DATE_PATTERN}")
# How far into the text the real header (a number line) is looked for behind a cover.
_COVER_PARAGRAPHS = 30
_KINH_GUI = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$")
_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$")
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.")
# Signature pieces printed on a recipients line: "- Như trên; KT. CHỦ TỊCH".
_INTERLEAVED = re.compile(rf"\s+(?=(?:TM|KT|TL|TUQ)\.\s*[{UP}])")
_AUTHORITY_SPLIT = re.compile(r"\b(TM|KT|TL|TUQ|Q)\.\s*")
_SIGNED_NOTE = re.compile(r"^[\[(\s]*(?:Đã\s+ký|đã\s+ký|Ký)[)\]\s.]*$")
# A person's name: 2-6 capitalised syllables.
_PERSON = re.compile(rf"^[{UP}][{LOW}]*(?:\s+[{UP}][{LOW}]*){{1,5}}$")
# "Căn" before a capital is "Căn cứ" whose second word extraction dropped.
_BASIS = re.compile(rf"^(?:Căn cứ|Căn(?=\s[{UP}])|Thực hiện|Theo đề nghị|Xét)\b")
# A basis line, also with its words damaged by extraction ("Căn cLuật ...").
_BASIS_LIKE = re.compile(r"^(?:Căn\b|Căn c|Thực hiện\b|Theo đề nghị|Xét\b)")
_FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
_END_MARK = re.compile(r"\s*\./\.\s*$")
_CLOSING_START = ("Trên đây",)

# Positions that end a signature block, longest first ("PHÓ CHỦ TỊCH").
_BASE_TITLES = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "THỦ TƯỚNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA",
    "TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHỦ NHIỆM",
    "BÍ THƯ",
    "TỔNG BÍ THƯ",
    "CHÁNH ÁN",
    "TỔNG THƯ KÝ",
)
_TITLES = sorted({*_BASE_TITLES, *(f"PHÓ {t}" for t in _BASE_TITLES)}, key=len, reverse=True)

# Who acts in the preamble ("UBND thành phố có ý kiến như sau").
_ACTS = (
    r"(?:có ý kiến|xây dựng|ban hành|hướng dẫn|yêu cầu|chỉ thị|đề nghị"
    r"|thông báo|quyết định|báo cáo|chỉ đạo)\b"
)
_LEVEL = r"thành phố|tỉnh|huyện|quận|thị xã|xã|phường|thị trấn"
_LEVEL_CAPS = "THÀNH PHỐ|TỈNH|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN"
_SELF_UBND = re.compile(
    rf"(?:Ủy ban nhân dân|UBND)\s+(?P<level>{_LEVEL})(?P<name>(?:\s+[{UP}][{LOW}]*)*)\s+{_ACTS}"
)
# A body's name: capitalised word (+ one lower-case word), joined by "-", "và", ",".
_ORG_WORD = rf"[{UP}][{LOW}]*(?:\s+[{LOW}]+)?"
_ORG = rf"{_ORG_WORD}(?:(?:\s*[-–]\s*|\s+và\s+|,\s+){_ORG_WORD})*"
_SELF_DEPT = re.compile(rf"(?P<org>Sở\s+{_ORG})\s+{_ACTS}")
_SELF_NATIONAL = re.compile(
    rf"^(?:Bộ trưởng\s+)?(?P<org>Bộ\s+{_ORG}|Thủ tướng Chính phủ|Chính phủ|Quốc hội)\s+ban hành\b"
)
# The issuing authority printed in capitals between the title and the preamble
# ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...").
_AUTHORITY_LINE = re.compile(
    rf"^(?:(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC)\s+)?"
    rf"(?P<body>(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)"
    rf"\s+(?:{_LEVEL_CAPS})\s+[{UP}\s-]+)$"
)
# A body's name without its unit: "ỦY BAN NHÂN DÂN" alone says no province.
_BARE_COUNCIL = re.compile(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)$")
# Initial letter lost in extraction ("Y BAN NHÂN DÂN").
_LOST_INITIAL = re.compile(r"^(?:Y BAN NHÂN DÂN|I ĐỒNG NHÂN DÂN)\b")
# A sender named in a letter without header: ", Thanh tra Bộ ... đề nghị".
_SELF_SENDER = re.compile(
    rf"(?:^|,\s+)(?P<org>(?:Thanh tra\s+|Văn phòng\s+)?Bộ\s+{_ORG})(?:\s*\([^)]*\))?"
    rf"\s+(?:đề nghị|yêu cầu|hướng dẫn|thông báo)\b"
)

# Each ministry (or national committee) of a joint header: "BỘ Y TẾ - BỘ GIÁO DỤC VÀ
# ĐÀO TẠO", "BỘ Y TẾ - ... - UỶ BAN BẢO VỆ VÀ CHĂM SÓC TRẺ EM VIỆT NAM".
_MINISTRY_HEADS = re.compile(r"(?:^|\s*[-,]?\s+)(?=BỘ\s+(?!TRƯỞNG)|(?:ỦY|UỶ) BAN\s+(?!NHÂN DÂN))")
# A unit above the issuer in a two-line header: "UBND TỈNH LAI CHÂU" / "SỞ ...".
_PARENT_SPLIT = re.compile(
    rf"^(?P<parent>(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HĐND|BỘ\s+[{UP}\s,-]+?)"
    rf"\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|TX\.|TP\.)?\s*[{UP}\s]+?)"
    rf"\s+(?P<issuer>(?:SỞ|PHÒNG|BAN|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|TRƯỜNG|CỤC|THANH TRA|CÔNG AN)"
    rf"\s+\S.*)$"
)
# A local council above the issuer, and the unit it governs ("thị xã Đồng Xoài").
_LOCAL_PARENT = re.compile(
    r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+(?P<unit>\S.*)$"
)
# A unit's level abbreviated in a header ("UBND TX. ĐỒNG XOÀI").
_ABBREVIATED_LEVEL = {"TX.": "THỊ XÃ", "TP.": "THÀNH PHỐ"}
# "PHÒNG GIÁO DỤC-ĐÀO TẠO": the department's name is "Giáo dục và Đào tạo".
_EDUCATION_DASHED = re.compile(r"GIÁO DỤC\s*[-–]\s*ĐÀO TẠO")


def _with_unit(issuer: str, parent: str | None) -> str:
    """A department of a local council named with the council's unit, as its documents
    are listed ("Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh"): the department of
    every province has the same name."""
    local = _LOCAL_PARENT.match(parent or "")
    if local is None or names_unit(issuer):
        return issuer
    return f"{issuer} {local.group('unit')}"


def parse_text(text: str) -> ParsedDocument:
    """Parse one document; raise NoDocumentFound when nothing of a document is found."""
    text, encoding_warnings = repair_encoding(text)
    paragraphs, notes = prepare(text)
    doc = ParsedDocument(warnings=encoding_warnings)
    body_end = _body_end(paragraphs)
    paragraphs = [
        _END_MARK.sub(".", p) if i == body_end - 1 else p for i, p in enumerate(paragraphs)
    ]
    cover = _header_start(paragraphs, body_end)
    if cover:
        skipped = " ".join(paragraphs[:cover])
        shown = skipped if len(skipped) <= 80 else f"{skipped[:80]}…"
        doc.warnings.append(f"Bỏ qua {cover} đoạn (trang bìa) trước phần đầu văn bản: “{shown}”")
    header = _Header(doc, paragraphs, body_end, cover)
    start = header.read()
    normative = is_normative(paragraphs[start:body_end])
    first = next(
        (i for i in range(start, body_end) if is_section_start(paragraphs[i], normative)), body_end
    )
    preamble = paragraphs[start:first]
    body, closing = _split_closing(paragraphs[first:body_end])
    doc.preamble = "\n".join(preamble)
    doc.closing = "\n".join(closing)
    doc.basis = [_strip_item(_FOOTNOTE_REF.sub("", p)) for p in preamble if _BASIS.match(p)]
    doc.sections, numbering_warnings = build_sections(body, normative)
    _read_closing(doc, paragraphs[body_end:])
    doc.footnotes = [Footnote(marker, note) for marker, note in notes]
    doc.issuer = _complete_issuer(doc, preamble, "\n".join(paragraphs))
    _finish(doc, header, "\n".join(paragraphs[start:]))
    doc.warnings.extend(numbering_warnings)
    doc.warnings.extend(_footnote_warnings(doc, paragraphs))
    if not any(
        (doc.doc_type, doc.number, doc.symbol, doc.issuer, doc.issued_on, doc.signer, doc.sections)
    ):
        raise NoDocumentFound(
            "Không tìm thấy văn bản: không nhận ra loại, số, cơ quan, ngày, người ký hay mục nào"
        )
    return doc


# -- zones ---------------------------------------------------------------------


def _body_end(paragraphs: list[str]) -> int:
    """Index after the body: after the "./." paragraph, or at Nơi nhận / signature."""
    end = len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if _NOI_NHAN.match(paragraph) or (_AUTHORITY.match(paragraph) and is_caps(paragraph)):
            return min(end, index)
        if _END_MARK.search(paragraph) and index:
            return index + 1
    return end


def _header_start(paragraphs: list[str], end: int) -> int:
    """Index of the real header when a cover comes before it, else 0.

    The header is the first number line ("Số: 4128/QĐ-BYT") next to a place-date
    line, with the issuer's capitals above it; what comes before is a cover
    (title page of a guide issued with the decision) and is no header.
    """
    for index in range(min(end, _COVER_PARAGRAPHS)):
        if not _NUMBER_LINE.match(paragraphs[index]):
            continue
        near = paragraphs[max(0, index - 1) : index + 2]
        if not any(_PLACE_DATE.match(p) for p in near):
            return 0
        while index > 0 and is_caps(paragraphs[index - 1]):
            index -= 1
        return index
    return 0


def _split_closing(body: list[str]) -> tuple[list[str], list[str]]:
    """Trailing "Trên đây ..." paragraphs close the document; they are no section text."""
    cut = len(body)
    while cut > 0 and body[cut - 1].startswith(_CLOSING_START):
        cut -= 1
    return body[:cut], body[cut:]


class _Header:
    """Reads the header paragraphs in order and fills the document."""

    def __init__(self, doc: ParsedDocument, paragraphs: list[str], end: int, start: int) -> None:
        self.doc = doc
        self.paragraphs = paragraphs
        self.end = end
        self.index = start
        self.caps: list[str] = []
        self.subject_caps = False
        self.letter = False
        self.number_kind: str | None = None
        self.type_code: str | None = None
        self.date: tuple[str | None, str | None, str] | None = None
        self.heading_title = False  # the subject is a portal's title for the document
        self.done = False

    def read(self) -> int:
        """Consume header paragraphs; return the index where the preamble starts."""
        while self.index < self.end:
            paragraph = self.paragraphs[self.index]
            if not self._step(paragraph):
                break
        self._set_header_date()
        self._issuer_from_caps()
        return self.index

    def _step(self, paragraph: str) -> bool:
        if self.done:
            return False
        readers = (
            self._headed_letter,
            self._draft_mark,
            self._number,
            self._place_date,
            self._letter,
            self._type,
            self._untyped_subject,
            self._addressees,
        )
        for reader in readers:
            if reader(paragraph):
                return True
        if (
            is_caps(paragraph)
            and self.type_code is None
            and not self.doc.subject
            and not self.doc.number_key
        ):
            self.caps.append(paragraph)
            self.index += 1
            return True
        return False

    def _number(self, paragraph: str) -> bool:
        match = _NUMBER_LINE.match(paragraph)
        if not match or self.doc.symbol:
            return False
        self.number_kind = match.group("kind")
        rest, _, subject = match.group("rest").partition("V/v")
        party = _PARTY_NUMBER.match(rest)
        number = None if party else _HEADER_NUMBER.search(rest)
        if party:
            self.doc.number = party_number(party)
            self.doc.symbol = self.doc.number.split("-", 1)[1]
            self.doc.number_key = normalise_number(self.doc.number)
        elif number:
            _set_number(self.doc, number)
        if subject.strip(" :."):
            self.letter = True
            self.doc.subject = subject.strip(" :.")
        self.index += 1
        return True

    def _headed_letter(self, paragraph: str) -> bool:
        """A portal's heading over a letter shown from "Kính gửi" on, its number in brackets
        ("Chỉ đạo triển khai Tháng hành động vì trẻ em năm 2012 (204/UBND-VX)"): the
        letter's number, and its subject as the portal titles it."""
        if self.doc.symbol or self.doc.subject or self.caps:
            return False
        following = self.paragraphs[self.index + 1 : min(self.index + 3, self.end)]
        for taken in (1, 2):  # the bracketed number may have been put on a line of its own
            match = _HEADED_LETTER.match(" ".join([paragraph, *following[: taken - 1]]))
            if match and len(following) >= taken and _KINH_GUI.match(following[taken - 1]):
                _set_number(self.doc, match)
                self.doc.subject, self.heading_title = match.group("subject"), True
                self.index += taken
                self._addressees(self.paragraphs[self.index])
                self.done = True  # the text goes on from "Kính gửi": no header below
                return True
        return False

    def _draft_mark(self, paragraph: str) -> bool:
        """ "DỰ THẢO 1" above the type line: said in a warning, not part of the issuer."""
        if not _DRAFT_MARK.match(paragraph):
            return False
        self.doc.warnings.append(f"Văn bản ghi “{paragraph.strip()}”: đây là bản dự thảo")
        self.index += 1
        return True

    def _place_date(self, paragraph: str) -> bool:
        match = _PLACE_DATE.match(paragraph)
        if not match or self.doc.place:
            return False
        self.doc.place = match.group("place").strip()
        self.date = match.group("d"), match.group("m"), match.group("y")
        self.index += 1
        return True

    def _set_header_date(self) -> None:
        """The header's date; a month left blank is taken from the text naming itself."""
        if self.date is None:
            return
        day, month, year = self.date
        if day and not month:
            text = "\n".join(self.paragraphs)
            month, words = _month_from_own_reference(self.doc.number_key, text, day, year)
            if month:
                self.doc.warnings.append(f"Tháng ban hành để trống ở phần đầu; lấy từ “{words}”")
        _set_date(self.doc, day, month, year)

    def _letter(self, paragraph: str) -> bool:
        printed_vv = paragraph.startswith("V/v")
        if not (printed_vv or self._letter_subject_without_vv(paragraph)):
            return False
        self.letter = True
        self.doc.subject = paragraph.removeprefix("V/v").strip(" :.")
        self.index += 1
        if (
            not printed_vv
            and self.index < self.end
            and _SUBJECT_TAIL.match(self.paragraphs[self.index])
        ):
            # "Về cho học sinh nghỉ học" / "Ngày 26/11/2018": the subject wrapped
            self.doc.subject += " " + lower_first(self.paragraphs[self.index].strip(" :."))
            self.index += 1
        return True

    def _letter_subject_without_vv(self, paragraph: str) -> bool:
        """ "Về ..." under a letter's number (its symbol names no type), where "V/v" was
        dropped: the letter's subject, when it is short and no sentence."""
        return (
            paragraph.startswith("Về ")
            and not (self.type_code or self.doc.subject)
            and self.doc.symbol is not None
            and code_for_symbol(self.doc.symbol) == "CV"
            and len(paragraph) <= 200
            and not ends_sentence(paragraph)
        )

    def _type(self, paragraph: str) -> bool:
        if self.type_code or not is_caps(paragraph):
            return False
        code, rest = _type_prefix(paragraph)
        if code is None:
            return False
        by_symbol = code_for_symbol(self.doc.symbol) if self.doc.symbol else None
        if rest and by_symbol not in (None, "CV", code):
            # "QUY ĐỊNH XỬ PHẠT ..." under "Số: 130/2021/NĐ-CP": a subject, not a type line.
            code, rest = by_symbol, paragraph
        self.type_code = code
        self.index += 1
        if rest:
            self.doc.subject, self.subject_caps = rest, True
            self._subject_continues()
        elif self.index < self.end and _subject_like(self.paragraphs[self.index]):
            subject = self.paragraphs[self.index]
            self.doc.subject, self.subject_caps = subject, is_caps(subject)
            self.index += 1
        return True

    def _subject_continues(self) -> None:
        """ "QUY CHẾ PHỐI HỢP" / "VỀ PHÒNG, CHỐNG ...": a caps line after goes on."""
        if self.index < self.end:
            nxt = self.paragraphs[self.index]
            if is_caps(nxt) and not is_marker(nxt) and not is_authority_line(nxt):
                self.doc.subject = f"{self.doc.subject} {nxt}"
                self.index += 1

    def _untyped_subject(self, paragraph: str) -> bool:
        """A subject under the number and date when the page dropped the type line.

        Capitals ("NGĂN CHẶN, ĐẨY LÙI BẠO LỰC HỌC ĐƯỜNG") or one unfinished
        sentence followed by the legal basis; the type then comes from the symbol.
        """
        if self.type_code or self.doc.subject or not self.doc.number_key:
            return False
        if is_marker(paragraph) or is_authority_line(paragraph) or _BASIS.match(paragraph):
            return False
        nxt = self.paragraphs[self.index + 1] if self.index + 1 < self.end else ""
        if is_caps(paragraph):
            self.subject_caps = True
        elif ends_sentence(paragraph) or len(paragraph) > 300 or not _BASIS_LIKE.match(nxt):
            return False
        self.doc.subject = paragraph
        self.index += 1
        return True

    def _addressees(self, paragraph: str) -> bool:
        match = _KINH_GUI.match(paragraph)
        if not match:
            return False
        rest = match.group("rest").strip()
        if rest:
            self.doc.addressees.append(_strip_item(rest))
        self.index += 1
        while self.index < self.end and self.paragraphs[self.index].startswith(("- ", "+ ", "• ")):
            self.doc.addressees.append(_strip_item(self.paragraphs[self.index]))
            self.index += 1
        return True

    def _issuer_from_caps(self) -> None:
        caps = " ".join(self.caps).strip()
        if not caps:
            return
        caps = _LOST_INITIAL.sub(lambda m: ("Ủ" if m.group()[0] == "Y" else "HỘ") + m.group(), caps)
        split = None if len(_MINISTRY_HEADS.findall(caps)) > 1 else _PARENT_SPLIT.match(caps)
        if split:
            parent = " ".join(_ABBREVIATED_LEVEL.get(w, w) for w in split.group("parent").split())
            self.doc.issuer_parent = org_case(expand_abbreviations(parent))
            caps = _EDUCATION_DASHED.sub("GIÁO DỤC VÀ ĐÀO TẠO", split.group("issuer"))
        joint = issuers_from_symbol(self.doc.symbol)
        if len(joint) > 1 or len(_MINISTRY_HEADS.findall(caps)) > 1:
            # Joint issuers: the symbol names each ministry even where the header is damaged.
            names = joint or [org_case(p) for p in _MINISTRY_HEADS.split(caps) if p.strip(" -,")]
            self.doc.issuer = "; ".join(names)
            return
        issuer = org_case(expand_abbreviations(caps))
        self.doc.issuer = _with_unit(canonical_ministry(issuer) or issuer, self.doc.issuer_parent)


def _type_prefix(paragraph: str) -> tuple[str | None, str]:
    """("KH", "") for "KẾ HOẠCH"; ("QD", "VỀ VIỆC ...") for "QUYẾT ĐỊNH VỀ VIỆC ..."."""
    code = code_for_name(paragraph)
    if code and code != "CV":
        return code, ""
    folded = fold(paragraph)
    for name in type_names():
        key = fold(name)
        if folded.startswith(key + " "):
            words = len(name.split())
            return code_for_name(name), " ".join(paragraph.split()[words:])
    return None, ""


def _subject_like(paragraph: str) -> bool:
    if is_marker(paragraph) or _BASIS.match(paragraph) and ends_sentence(paragraph):
        return False
    return is_caps(paragraph) or (not ends_sentence(paragraph) and len(paragraph) <= 400)


def _set_number(doc: ParsedDocument, match: re.Match[str]) -> None:
    year = match.group("year")
    symbol = tidy_number(match.group("sym"))
    doc.symbol = symbol
    doc.year_in_number = int(year) if year else None
    if match.group("num"):
        doc.number = tidy_number(f"{match.group('num')}/{year + '/' if year else ''}{symbol}")
        doc.number_key = normalise_number(doc.number)
    else:
        doc.warnings.append(f"Số văn bản để trống (chỉ có ký hiệu /{symbol})")


def _month_from_own_reference(
    number_key: str | None, text: str, day: str, year: str
) -> tuple[str | None, str]:
    """(month, words) from the text citing its own number on the same day and year.

    "kèm theo Quyết định số 4128/QĐ-BYT ngày 29/7/2016" completes a header dated
    "ngày 29 tháng năm 2016"; any disagreement leaves the month blank.
    """
    for match in _SELF_DATED.finditer(text) if number_key else ():
        year_part = match.group("year")
        number = f"{match.group('num')}/{year_part + '/' if year_part else ''}{match.group('sym')}"
        iso = iso_date(match)
        if (
            iso
            and normalise_number(number) == number_key
            and iso[:4] == year
            and int(iso[8:]) == int(day)
        ):
            return iso[5:7], " ".join(match.group().split())
    return None, ""


def _set_date(doc: ParsedDocument, day: str | None, month: str | None, year: str) -> None:
    try:
        if day and month:
            doc.issued_on, doc.issued_precision = (
                dt.date(int(year), int(month), int(day)).isoformat(),
                "day",
            )
        elif month:
            dt.date(int(year), int(month), 1)
            doc.issued_on, doc.issued_precision = f"{int(year):04d}-{int(month):02d}", "month"
            doc.warnings.append("Ngày ban hành để trống (chỉ có tháng/năm)")
        else:
            doc.issued_on, doc.issued_precision = f"{int(year):04d}", "year"
            blank = "Tháng" if day else "Ngày, tháng"
            doc.warnings.append(f"{blank} ban hành để trống (chỉ có năm)")
    except ValueError:
        doc.warnings.append(f"Ngày ban hành không hợp lệ: {day or '..'}/{month or '..'}/{year}")


def _strip_item(text: str) -> str:
    """A list line without its bullet and final ";" / "." ("- UBND tỉnh;" -> "UBND tỉnh")."""
    text = re.sub(r"^[-–+•]\s*", "", text.strip())
    return re.sub(r"\s*(?:\./\.|[;,.])+\s*$", "", text).strip()


# -- closing -------------------------------------------------------------------


def _read_closing(doc: ParsedDocument, paragraphs: list[str]) -> None:
    caps: list[str] = []
    for paragraph in paragraphs:
        for piece in _INTERLEAVED.split(_FOOTNOTE_REF.sub("", paragraph)):
            _closing_piece(doc, piece.strip(), caps)
    _read_signature(doc, caps)


def _closing_piece(doc: ParsedDocument, piece: str, caps: list[str]) -> None:
    noi_nhan = _NOI_NHAN.match(piece)
    if noi_nhan:
        rest = noi_nhan.group("rest")
        doc.recipients.extend(
            _strip_item(r) for r in re.split(r"(?:^|\s)-\s+", rest) if _strip_item(r)
        )
    elif piece.startswith(("-", "+", "•")):
        title = next((t for t in _TITLES if piece.endswith(f" {t}")), None)
        if title:  # a title of the signature column printed on the same line
            piece = piece[: -len(title)]
            caps.append(title)
        if _strip_item(piece):
            doc.recipients.append(_strip_item(piece))
    elif _SIGNED_NOTE.match(piece) or not piece.strip("[]() "):
        return
    elif _AUTHORITY.match(piece) or is_caps(piece):
        caps.append(piece)
    elif doc.signer is None and _PERSON.match(piece):
        doc.signer = piece


def _read_signature(doc: ParsedDocument, caps: list[str]) -> None:
    """ "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" -> authority chain and title."""
    text = " ".join(caps)
    if not text:
        return
    pieces = _AUTHORITY_SPLIT.split(text)
    lead = pieces[0].strip()
    pairs = [(pieces[i], pieces[i + 1].strip()) for i in range(1, len(pieces) - 1, 2)]
    if not pairs:
        doc.signer_title = title_case(lead) if lead else None
        return
    prefix, last = pairs[-1]
    title = next(
        (t for t in _TITLES if last.endswith(t) and (last == t or last[-len(t) - 1] == " ")), None
    )
    if title and last != title:
        pairs[-1] = (prefix, last[: -len(title)].strip())
        doc.signer_title = title_case(title)
    elif lead:
        doc.signer_title = title_case(lead)
    doc.signer_authority = "; ".join(f"{p}. {org_case(name)}" for p, name in pairs if name)


# -- issuer from the text --------------------------------------------------------


def _place_level_name(place: str | None) -> tuple[str | None, str | None]:
    """("thành phố", "Kon Tum") for "TP. Kon Tum"; (None, "Kon Tum") for "Kon Tum"."""
    if not place:
        return None, None
    match = re.match(
        r"^(?:(?P<tp>TP\.|Tp\.|Thành phố|thành phố)|(?P<tx>TX\.|Thị xã))\s*(?P<name>.+)$", place
    )
    if match:
        return ("thành phố" if match.group("tp") else "thị xã"), match.group("name").strip()
    return None, place


def _complete_issuer(doc: ParsedDocument, preamble: list[str], text: str) -> str | None:
    """The header's issuer, completed when it lacks its unit ("ỦY BAN NHÂN DÂN |").

    In order: the authority line under the title ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"),
    the place line when it names a province, the text's own statement of who acts;
    with no header at all, a central body named by the symbol ("NĐ-CP": Chính phủ).
    Otherwise the issuer stays missing: "Ủy ban nhân dân" alone is never output.
    """
    issuer = doc.issuer
    if issuer and not _BARE_COUNCIL.match(issuer):
        return issuer
    for paragraph in preamble[:2]:
        if match := _AUTHORITY_LINE.match(paragraph):
            return org_case(match.group("body"))
    if issuer:
        unit = unit_for_place(doc.place)
        if unit:
            return f"{issuer} {unit}"
    found = _issuer_from_text(preamble, doc.place, text)
    if found and (not issuer or fold(found).startswith(fold(issuer))):
        return found
    if not issuer:
        bodies = issuers_from_symbol(doc.symbol)
        return "; ".join(bodies) if bodies else None
    return None


def _issuer_from_text(preamble: list[str], place: str | None, text: str) -> str | None:
    """The body that states it acts, completed from the place line (see module doc)."""
    place_level, place_name = _place_level_name(place)
    for paragraph in preamble:
        if match := _SELF_UBND.search(paragraph):
            level, name = match.group("level"), match.group("name").strip()
            if name:
                return f"Ủy ban nhân dân {level} {name}"
            if place_name and place_level in {None, level}:
                return f"Ủy ban nhân dân {level} {place_name}"
            return None
        if match := _SELF_DEPT.search(paragraph):
            for level in ("tỉnh", "thành phố"):
                if place_name and f"{level} {place_name}" in text:
                    return f"{match.group('org')} {level} {place_name}"
            return None
        if match := _SELF_NATIONAL.search(paragraph):
            return match.group("org")
        if match := _SELF_SENDER.search(paragraph):
            return match.group("org")
    return None


# -- title, citations, missing -------------------------------------------------


def _finish(doc: ParsedDocument, header: _Header, body_text: str) -> None:
    doc.doc_type = header.type_code or ("CV" if header.letter else None)
    if doc.doc_type is None and doc.symbol:
        doc.doc_type = code_for_symbol(doc.symbol)
    if doc.doc_type is None and header.number_kind:
        doc.doc_type = code_for_name(header.number_kind)
    if doc.doc_type is None and doc.addressees and not doc.symbol:
        doc.doc_type = "CV"  # a letter shown from "Kính gửi:" on: no type line, no number
    if doc.subject:
        subject = doc.subject
        if header.subject_caps:
            subject = recase_from_body(subject, body_text)
        doc.subject = sentence_start(_FOOTNOTE_REF.sub("", subject).strip())
    doc.title = doc.subject if header.heading_title else _title(doc, header.letter)
    doc.citations = _citations(doc)
    doc.missing = [name for name in FIELDS if not getattr(doc, name)]


def _title(doc: ParsedDocument, letter: bool) -> str:
    name = DOC_TYPES.get(doc.doc_type) if doc.doc_type else None
    if letter and doc.subject:
        # "Về cho học sinh nghỉ học": a letter's subject printed without "V/v" is its title
        return doc.subject if doc.subject.startswith("Về ") else f"V/v {lower_first(doc.subject)}"
    if name and doc.subject:
        return f"{name} {lower_first(doc.subject)}"
    # No subject: no title (a bare "Kế hoạch" says nothing); the page falls back itself.
    return doc.subject or ""


def _citations(doc: ParsedDocument) -> list[Citation]:
    found: list[Citation] = []
    if doc.subject:
        for cite in find_citations(doc.subject, None, "title"):
            cite.relation = paragraph_relation(doc.subject) or cite.relation
            found.append(cite)
    for paragraph in doc.preamble.split("\n"):
        found.extend(find_citations(paragraph, None, "preamble"))
    for section in doc.sections:
        for paragraph in [section.heading, *section.text.split("\n")]:
            if paragraph:
                found.extend(find_citations(paragraph, section.anchor, "section"))
    for paragraph in doc.closing.split("\n"):
        found.extend(find_citations(paragraph, None, "closing"))
    for note in doc.footnotes:
        for paragraph in note.text.split("\n"):
            found.extend(find_citations(paragraph, None, "footnote"))
    return found


def _footnote_warnings(doc: ParsedDocument, paragraphs: list[str]) -> list[str]:
    used: list[str] = []
    for paragraph in paragraphs:
        used.extend(m for m in _FOOTNOTE_REF.findall(paragraph) if m not in used)
    have = {note.marker for note in doc.footnotes}
    warnings = [f"Chú thích [^{m}] không có nội dung" for m in used if m not in have]
    warnings += [
        f"Chú thích {n.marker} không được đánh dấu trong văn bản"
        for n in doc.footnotes
        if n.marker not in used
    ]
    return warnings
