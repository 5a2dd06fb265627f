"""Simple illustrations drawn with Pillow for the demo content: posters and
pictures made of shapes and a few words. Nothing is downloaded, and no person
(let alone a child) is depicted."""

import io
import math
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

PALETTES = {
    "june": ((255, 214, 102), (11, 92, 173), (164, 22, 26)),
    "water": ((173, 216, 230), (8, 63, 120), (255, 140, 0)),
    "home": ((232, 245, 233), (46, 125, 50), (11, 92, 173)),
    "school": ((255, 243, 224), (121, 85, 72), (11, 92, 173)),
    "phone": ((255, 241, 240), (164, 22, 26), (27, 31, 36)),
    "online": ((237, 231, 246), (81, 45, 168), (11, 92, 173)),
}


def font(size: int, bold: bool = True):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, face, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _draw_sun(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=accent)
    for i in range(12):
        angle = i * math.pi / 6
        draw.line(
            (
                cx + int(math.cos(angle) * r * 0.6),
                cy + int(math.sin(angle) * r * 0.6),
                cx + int(math.cos(angle) * r * 0.9),
                cy + int(math.sin(angle) * r * 0.9),
            ),
            fill=accent,
            width=max(4, r // 15),
        )


def _draw_waves(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    x0, y0, x1, y1 = box
    for row in range(4):
        y = y0 + (row + 1) * (y1 - y0) // 5
        for x in range(x0, x1, max(20, r // 2)):
            draw.arc((x, y - r // 6, x + r // 2, y + r // 6), 0, 180, fill=main, width=6)


def _draw_buoy(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=accent)
    draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=background)
    for start in (0, 90, 180, 270):
        draw.pieslice((cx - r, cy - r, cx + r, cy + r), start, start + 25, fill="white")
    draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=background)


def _draw_phone(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.rounded_rectangle((cx - r // 2, cy - r, cx + r // 2, cy + r), radius=r // 6, fill=main)
    draw.rectangle((cx - r // 2 + 10, cy - r + 25, cx + r // 2 - 10, cy + r - 40), fill="white")
    draw.text((cx, cy), "111", font=font(max(16, r // 3)), fill=main, anchor="mm")


def _draw_house(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.polygon([(cx - r, cy), (cx, cy - r), (cx + r, cy)], fill=accent)
    draw.rectangle((cx - r * 3 // 4, cy, cx + r * 3 // 4, cy + r), fill=main)
    draw.rectangle((cx - r // 6, cy + r // 3, cx + r // 6, cy + r), fill=background)


def _draw_book(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.polygon(
        [
            (cx, cy - r // 2),
            (cx - r, cy - r * 3 // 4),
            (cx - r, cy + r // 2),
            (cx, cy + r * 3 // 4),
        ],
        fill=main,
    )
    draw.polygon(
        [
            (cx, cy - r // 2),
            (cx + r, cy - r * 3 // 4),
            (cx + r, cy + r // 2),
            (cx, cy + r * 3 // 4),
        ],
        fill=accent,
    )


def _draw_shield(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.polygon(
        [
            (cx, cy - r),
            (cx + r, cy - r // 2),
            (cx + r * 2 // 3, cy + r // 2),
            (cx, cy + r),
            (cx - r * 2 // 3, cy + r // 2),
            (cx - r, cy - r // 2),
        ],
        fill=main,
    )
    draw.line(
        (cx - r // 3, cy, cx - r // 10, cy + r // 3, cx + r // 2, cy - r // 3),
        fill="white",
        width=max(6, r // 8),
    )


def _draw_heart(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.ellipse((cx - r, cy - r // 2, cx, cy + r // 2), fill=accent)
    draw.ellipse((cx, cy - r // 2, cx + r, cy + r // 2), fill=accent)
    draw.polygon([(cx - r + 4, cy + r // 6), (cx + r - 4, cy + r // 6), (cx, cy + r)], fill=accent)


def _draw_screen(draw, box, cx: int, cy: int, r: int, background, main, accent) -> None:
    draw.rounded_rectangle((cx - r, cy - r * 2 // 3, cx + r, cy + r // 2), radius=12, fill=main)
    draw.rectangle((cx - r + 12, cy - r * 2 // 3 + 12, cx + r - 12, cy + r // 2 - 12), fill="white")
    draw.rectangle((cx - r // 4, cy + r // 2, cx + r // 4, cy + r * 3 // 4), fill=main)


MOTIFS = {
    "sun": _draw_sun,
    "waves": _draw_waves,
    "buoy": _draw_buoy,
    "phone": _draw_phone,
    "house": _draw_house,
    "book": _draw_book,
    "shield": _draw_shield,
    "heart": _draw_heart,
    "screen": _draw_screen,
}


def _motif(draw, motif: str, box: tuple[int, int, int, int], colours) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    r = min(x1 - x0, y1 - y0) // 2
    background, main, accent = colours
    MOTIFS.get(motif, _draw_screen)(draw, box, cx, cy, r, background, main, accent)


def draw_picture(
    title: str, motif: str, palette: str, size=(1200, 800), subtitle: str = ""
) -> Image.Image:
    colours = PALETTES[palette]
    background, main, _ = colours
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    _motif(draw, motif, (width // 8, height // 10, width * 7 // 8, height * 6 // 10), colours)
    face = font(max(24, width // 20))
    y = height * 2 // 3
    for line in _wrap(draw, title, face, width - 80):
        draw.text((width // 2, y), line, font=face, fill=main, anchor="ma")
        y += int(face.size * 1.25)
    if subtitle:
        small = font(max(18, width // 34), bold=False)
        for line in _wrap(draw, subtitle, small, width - 80):
            draw.text((width // 2, y), line, font=small, fill=main, anchor="ma")
            y += int(small.size * 1.3)
    return image


def demo_image(title: str, motif: str, palette: str, **kwargs):
    """The demo image with this title, drawn and stored once."""
    Image_ = get_image_model()
    existing = Image_.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = draw_picture(kwargs.pop("text", title), motif, palette, **kwargs)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    image = Image_(title=title)
    image.file.save(f"{slugify(title)[:60] or 'anh'}.jpg", ContentFile(out.getvalue()), save=False)
    image.save()
    return image


def demo_pdf_poster(title: str, motif: str, palette: str, subtitle: str = ""):
    """A one-page A4 poster as a PDF document (stored once)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = draw_picture(title, motif, palette, size=(1240, 1754), subtitle=subtitle)
    out = io.BytesIO()
    picture.save(out, "PDF", resolution=150)
    return _document(title, f"{title[:40]}.pdf", out.getvalue())


def demo_text_document(title: str, filename: str, text: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return _document(title, filename, text.encode("utf-8"))


def _document(title: str, filename: str, data: bytes):
    Document = get_document_model()
    document = Document(title=title)
    stem, _, extension = filename.rpartition(".")
    document.file.save(f"{slugify(stem) or 'tai-lieu'}.{extension}", ContentFile(data), save=False)
    document.file_size = len(data)
    document.save()
    return document
