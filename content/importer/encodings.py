"""Detect and convert Vietnamese text stored in a legacy or damaged encoding.

- Mojibake: UTF-8 read as Windows-1252 ("Ã¡" for "á") is repaired by ftfy.
- TCVN3 (ABC): the .VnTime fonts put one Vietnamese letter in each Latin-1
  code point ("Céng hoµ x· héi" = "Cộng hoà xã hội").
- VNI: the VNI fonts write a base letter followed by a mark character
  ("Coäng hoøa xaõ hoäi").
The legacy tables are applied only when the text holds no real Vietnamese
letter (ơ, ư, đ, ạ ...) and many characters that only those fonts produce, so
correct text is never touched. Every conversion is reported in a warning.
Windows-1258 combining sequences are decoded by Python's cp1258 codec and
composed by NFC in ``clean_text``. Texts copied out of PDFs made with some
Vietnamese fonts write "ư" as "ƣ" (U+01A3, a letter Vietnamese never uses):
"Hƣớng dẫn" is read as "Hướng dẫn".
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC): Latin-1 code point -> letter.
_TCVN3 = dict(
    zip(
        "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô­øõö÷ùýúûüþ¡¢§£¤¥¦",
        "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)
# Symbols of the Latin-1 range (A1-BF) that TCVN3 uses for common letters and
# that neither correct Vietnamese text nor VNI (letters C0-FF only) contains.
_TCVN3_ONLY = set("¸µ¶·¹¨¾»¼½©®ª«¬\xad¡¢§£¤¥¦")

# VNI: base letter + mark -> letter (two characters first), then single characters.
_VNI_MARKS = {
    "ù": "\u0301",
    "ø": "\u0300",
    "û": "\u0309",
    "õ": "\u0303",
    "ï": "\u0323",
}
# Circumflex (after a, e, o) and breve (after a) with their tone in one character:
# "oä" = ộ, "aâ" = â, "aë" = ặ.
_VNI_HATS = {
    "\u0302": {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"},
    "\u0306": {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"},
}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_VNI_SINGLE.update({"î": "ỵ"})
_VNI_SINGLE_UPPER = {"Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ"}
_VNI_SINGLE_UPPER.update({"Ò": "Ị", "Î": "Ỵ"})
_VNI_SIGNS = re.compile(r"[aeouyAEOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âÂ][áàåãäÁÀÅÃÄ]?|ö|Ö|ñ|Ñ")
# Letters only correct Vietnamese text has (mojibake, TCVN3 and VNI have none).
_REAL_VIETNAMESE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def _compose(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _toned(pairs, marks: dict[str, str], shape) -> dict[str, str]:
    """VNI letter + mark (either case) -> the composed letter, for each (vni, letter) pair."""
    return {
        vni + m: _compose(shape(letter, combining))
        for vni, letter in pairs
        for mark, combining in marks.items()
        for m in (mark, mark.upper())
    }


def _vni_table() -> dict[str, str]:
    table = _toned(((b, b) for b in "aeiouyAEIOUY"), _VNI_MARKS, str.__add__)
    # ơ / ư carry tones too: "ôù" = ớ, "öø" = ừ
    horns = (("ô", "ơ"), ("ö", "ư"), ("Ô", "Ơ"), ("Ö", "Ư"))
    table.update(_toned(horns, _VNI_MARKS, str.__add__))
    for hat, marks in _VNI_HATS.items():
        bases = "aeoAEO" if hat == "\u0302" else "aA"
        table.update(_toned(((b, b) for b in bases), marks, lambda b, tone, h=hat: b + h + tone))
    table.update(_VNI_SINGLE)
    table.update(_VNI_SINGLE_UPPER)
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI, key=len, reverse=True)))


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _is_tcvn3(text: str) -> bool:
    if _REAL_VIETNAMESE.search(text):
        return False
    marks = sum(1 for ch in text if ch in _TCVN3_ONLY)
    return marks >= 3 and marks >= _letters(text) * 0.02


def _is_vni(text: str) -> bool:
    if _REAL_VIETNAMESE.search(text):
        return False
    signs = len(_VNI_SIGNS.findall(text))
    return signs >= 3 and signs >= _letters(text) * 0.02


def _from_tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(ch, ch) for ch in text)


def _from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI[m.group()], text)


# A tone mark combined onto a precomposed ê, ơ, ă ...: how Windows-1258 writes
# "ế" (NFD would have decomposed the circumflex as well).
_CP1258_SEQUENCE = re.compile("[âêôăơưÂÊÔĂƠƯ][\u0300\u0301\u0303\u0309\u0323]")


_PDF_OI = re.compile("[\u01a2\u01a3]")
_PDF_OI_TO_U = str.maketrans({"\u01a3": "ư", "\u01a2": "Ư"})


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """The text in correct Unicode (NFC), and a warning for each conversion made."""
    warnings: list[str] = []
    if _CP1258_SEQUENCE.search(text):
        warnings.append("Đã ghép dấu thanh tổ hợp (kiểu Windows-1258) thành chữ dựng sẵn")
    text = unicodedata.normalize("NFC", text)
    if _PDF_OI.search(text):
        warnings.append("Đã sửa chữ “ƣ” (lỗi phông khi chép từ PDF) thành “ư”")
        text = unicodedata.normalize("NFC", text.translate(_PDF_OI_TO_U))
    if _REAL_VIETNAMESE.search(text):
        return text, warnings  # correct Unicode; ftfy would read "Ã\u00a0" as "à"
    import ftfy  # only when importing texts: not in every web process's memory

    fixed, explanation = ftfy.fix_encoding_and_explain(text)
    if explanation and fixed != text:
        warnings.append("Đã sửa lỗi mã hóa: văn bản UTF-8 bị đọc nhầm (ví dụ “Ã¡” thành “á”)")
        text = fixed
    if _is_tcvn3(text):
        warnings.append("Đã chuyển văn bản từ bảng mã TCVN3 (ABC, phông .VnTime) sang Unicode")
        text = _from_tcvn3(text)
    elif _is_vni(text):
        warnings.append("Đã chuyển văn bản từ bảng mã VNI (phông VNI-Times) sang Unicode")
        text = _from_vni(text)
    return text, warnings
