"""Server-rendered SVG bar charts (no JavaScript, no external library).

The chart is an image with a title and a description; the report table next to
it is its text alternative, so the SVG itself stays simple.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
LABEL_WIDTH = 230
BAR_AREA = WIDTH - LABEL_WIDTH - 60
BAR_HEIGHT = 14
ROW_GAP = 12
TOP = 40
# A label wraps at word boundaries into lines that fit LABEL_WIDTH at 13 px
# (about 7 px a character, Vietnamese diacritics add no width); never cut.
LINE_CHARS = 28
LINE_HEIGHT = 16
# Colours with at least 3:1 contrast on white (WCAG 1.4.11) and told apart by the legend.
COLOURS = ("#1d5fa8", "#b4461b")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]  # percentages, 0..100


def _lines(label: str) -> list[str]:
    return textwrap.wrap(label, LINE_CHARS, break_on_hyphens=False) or [""]


@dataclass(frozen=True)
class _Row:
    lines: list[str]
    top: float
    height: float


def _layout(labels: Sequence[str], bar_count: int) -> tuple[list[_Row], float]:
    """Where each group of bars goes: as tall as its label's lines or its bars."""
    rows, y = [], float(TOP)
    for label in labels:
        lines = _lines(label)
        height = max(len(lines) * LINE_HEIGHT, bar_count * BAR_HEIGHT)
        rows.append(_Row(lines, y, height))
        y += height + ROW_GAP
    return rows, y


def bar_chart(
    chart_id: str, title: str, description: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """A horizontal bar chart of percentages, one group of bars per label."""
    rows, bottom = _layout(labels, len(series))
    height = bottom + 30
    parts: list[str] = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" role="img" '
            'viewBox="0 0 {w} {h}" width="100%" aria-labelledby="{id}-title {id}-desc">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=height,
            title=title,
            desc=description,
        )
    ]
    # legend
    x = LABEL_WIDTH
    for index, serie in enumerate(series):
        parts.append(
            format_html(
                '<rect x="{x}" y="10" width="12" height="12" fill="{c}"/>'
                '<text x="{tx}" y="21" font-size="13" fill="#1a1a1a">{name}</text>',
                x=x,
                tx=x + 18,
                c=COLOURS[index % len(COLOURS)],
                name=serie.name,
            )
        )
        x += 40 + 8 * len(serie.name)
    # axis lines at 0, 50, 100 %
    bottom = height - 24
    for percent in (0, 50, 100):
        gx = LABEL_WIDTH + BAR_AREA * percent / 100
        parts.append(
            format_html(
                '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#767676" '
                'stroke-width="1"/><text x="{x}" y="{ty}" font-size="12" fill="#1a1a1a" '
                'text-anchor="middle">{p}%</text>',
                x=f"{gx:.1f}",
                top=TOP - 4,
                bottom=bottom,
                ty=bottom + 16,
                p=percent,
            )
        )
    for number, row in enumerate(rows):
        parts.append(_label(row))
        bars_top = row.top + (row.height - len(series) * BAR_HEIGHT) / 2
        for index, serie in enumerate(series):
            value = max(0.0, min(100.0, float(serie.values[number])))
            by = bars_top + index * BAR_HEIGHT
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>'
                    '<text x="{tx}" y="{ty}" font-size="11" fill="#1a1a1a">{v}%</text>',
                    x=LABEL_WIDTH,
                    y=f"{by:.1f}",
                    w=f"{BAR_AREA * value / 100:.1f}",
                    h=BAR_HEIGHT - 2,
                    c=COLOURS[index % len(COLOURS)],
                    tx=f"{LABEL_WIDTH + BAR_AREA * value / 100 + 4:.1f}",
                    ty=f"{by + BAR_HEIGHT - 3:.1f}",
                    v=_number(value),
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every piece above is escaped


def _label(row: _Row) -> str:
    """The label's lines, right-aligned beside its bars and centred on them."""
    first = row.top + (row.height - len(row.lines) * LINE_HEIGHT) / 2 + LINE_HEIGHT - 4
    lines = "".join(
        format_html(
            '<tspan x="{x}" y="{y}">{line}</tspan>',
            x=LABEL_WIDTH - 8,
            y=f"{first + index * LINE_HEIGHT:.1f}",
            line=line,
        )
        for index, line in enumerate(row.lines)
    )
    return format_html(
        '<text font-size="13" fill="#1a1a1a" text-anchor="end">{}</text>',
        mark_safe(lines),  # noqa: S308 - escaped above
    )


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


__all__ = ["Series", "bar_chart"]
