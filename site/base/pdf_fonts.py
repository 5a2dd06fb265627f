"""The fonts embedded in every PDF the site makes (certificates, legal documents):
DejaVu Sans covers every Vietnamese letter, and embedding it makes a PDF read the
same on any device. ReportLab is imported when a PDF is made, not when a web
process starts (memory per worker)."""

import functools
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


@functools.cache
def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
