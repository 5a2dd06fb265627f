"""Report exporters: CSV (UTF-8 with BOM, so that Excel reads Vietnamese) and XLSX.

The CSV follows the reader's Excel: in Vietnamese, semicolons between cells and a
decimal comma ("100,0"), as Excel set to Vietnamese expects; on /en/, commas and
a decimal point.

Both write ``Report.table()``: the same figures as the page.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .rows import Report

# Spreadsheet programs run cells starting with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _period(report: Report) -> list[str]:
    start = report.date_from.isoformat() if report.date_from else "…"
    end = report.date_to.isoformat() if report.date_to else "…"
    return [_("Period (enrolment date)"), f"{start} – {end}"]


SEPARATORS = {"comma": ",", "semicolon": ";"}


def _excel_vi(value):
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return value


def report_csv(report: Report, separator: str | None = None) -> bytes:
    """RFC 4180 with ``separator``: every text cell quoted (doubled inner quotes), so a
    cell holding ",", ";", a tab or a line break stays one cell in a spreadsheet set to
    either separator. By default as Vietnamese Excel reads it (";" and a decimal comma)
    on the Vietnamese site, and "," with a decimal point on the English one."""
    buffer = io.StringIO()
    vietnamese = (get_language() or "vi").startswith("vi")
    separator = separator or (";" if vietnamese else ",")
    writer = csv.writer(
        buffer, delimiter=separator, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n"
    )
    for line in report.table():
        writer.writerow([_safe(_excel_vi(v) if separator == ";" else v) for v in line])
    writer.writerow([])
    writer.writerow(_period(report))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: Report) -> bytes:
    # openpyxl is imported for an export only, not in every web process (memory)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    for line in report.table():
        sheet.append([_safe(value) for value in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([])
    sheet.append(_period(report))
    sheet.column_dimensions["A"].width = 40
    for column in "BCDEFG":
        sheet.column_dimensions[column].width = 16
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
