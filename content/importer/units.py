"""Names of issuing bodies the header often prints incompletely.

Provinces: the 63 provincial units before 1 July 2025 plus the names kept or
created by the merger (Nghị quyết 202/2025/QH15). Old names stay valid: a text
issued before the merger is read under the name it carries.

Ministries and central bodies by the code they use in document symbols
(Nghị định 30/2020, Phụ lục III): the code names its body unambiguously, so a
joint circular "TTLT-BGDĐT-BCA" names its issuers even when the header is cut.
"""

from __future__ import annotations

import re

from base.vietnamese import fold

_CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế")
_PROVINCES = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)

# Symbol code (folded, no "B" needed) -> body.
_CENTRAL = {
    "QH": "Quốc hội",
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "TTCP": "Thanh tra Chính phủ",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "UBDT": "Ủy ban Dân tộc",
}
_MINISTRIES = {
    "QP": "Bộ Quốc phòng",
    "CA": "Bộ Công an",
    "NG": "Bộ Ngoại giao",
    "NV": "Bộ Nội vụ",
    "TP": "Bộ Tư pháp",
    "TC": "Bộ Tài chính",
    "KHDT": "Bộ Kế hoạch và Đầu tư",
    "CT": "Bộ Công Thương",
    "NNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "NNMT": "Bộ Nông nghiệp và Môi trường",
    "GTVT": "Bộ Giao thông vận tải",
    "XD": "Bộ Xây dựng",
    "TNMT": "Bộ Tài nguyên và Môi trường",
    "TTTT": "Bộ Thông tin và Truyền thông",
    "LDTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "VHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "KHCN": "Bộ Khoa học và Công nghệ",
    "GDDT": "Bộ Giáo dục và Đào tạo",
    "YT": "Bộ Y tế",
    "DTTG": "Bộ Dân tộc và Tôn giáo",
}
_BY_FOLDED_NAME = {
    re.sub(r"[^a-z ]", "", fold(name)).split().__str__(): name for name in _MINISTRIES.values()
}


def _code(part: str) -> str:
    return re.sub(r"[^A-Z]", "", fold(part).upper())


def body_for_code(part: str, joint: bool = False) -> str | None:
    """The body a symbol part names ("TTg", "BGDĐT"; in joint symbols also "GDĐT")."""
    code = _code(part)
    if code in _CENTRAL:
        return _CENTRAL[code]
    if code.startswith("B") and code[1:] in _MINISTRIES:
        return _MINISTRIES[code[1:]]
    if joint and code in _MINISTRIES:
        return _MINISTRIES[code]
    return None


def issuers_from_symbol(symbol: str | None) -> list[str]:
    """Bodies named by the issuer parts of a symbol: "TTLT-BYT-BGDĐT" -> two ministries.

    Empty unless every issuer part is a known central code (a "UBND" says no province).
    """
    if not symbol:
        return []
    parts = [p for p in re.split(r"[-–/]", symbol) if p.strip()]
    issuer_parts = parts[1:] if len(parts) > 1 else parts
    joint = len(issuer_parts) > 1
    bodies = [body_for_code(p, joint) for p in issuer_parts]
    if not bodies or any(b is None for b in bodies):
        return []
    return [b for b in bodies if b]


def canonical_ministry(name: str) -> str | None:
    """A ministry's official spelling for a printed variant ("Bộ Lao động thương binh ...")."""
    key = re.sub(r"[^a-z ]", "", fold(name)).split().__str__()
    return _BY_FOLDED_NAME.get(key)


def unit_for_place(place: str | None) -> str | None:
    """ "tỉnh Hậu Giang" / "thành phố Hà Nội" for a place line naming a province; else None."""
    if not place:
        return None
    key = fold(re.sub(r"^(?:TP\.|Tp\.|Thành phố|thành phố)\s*", "", place).strip())
    key = " ".join(key.replace("-", " - ").split())
    for city in _CITIES:
        if key == fold(city):
            return f"thành phố {city}"
    for province in _PROVINCES:
        if key == " ".join(fold(province).replace("-", " - ").split()):
            return f"tỉnh {province}"
    return None


def province_names() -> tuple[str, ...]:
    """Every province and centrally run city name (for keeping them capitalised)."""
    return (*_PROVINCES, *_CITIES)
