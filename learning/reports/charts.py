"""Server-rendered SVG bar charts (no JavaScript, no external library).

The chart is an image with a title and a description; the report table next to
it is its text alternative, so the SVG itself stays simple.
"""

from __future__ import annotations

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
MAX_LABEL = 34
# Colours with at least 3:1 contrast on white (WCAG 1.4.11) and told apart by the legend.
COLOURS = ("#1d5fa8", "#b4461b")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]  # percentages, 0..100


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(
    chart_id: str, title: str, description: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """A horizontal bar chart of percentages, one group of bars per label."""
    group_height = len(series) * BAR_HEIGHT + ROW_GAP
    height = TOP + max(len(labels), 1) * group_height + 30
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
    for row, label in enumerate(labels):
        y = TOP + row * group_height
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="13" fill="#1a1a1a" text-anchor="end">'
                "<title>{full}</title>{short}</text>",
                x=LABEL_WIDTH - 8,
                y=y + len(series) * BAR_HEIGHT / 2 + 4,
                full=label,
                short=_short(label),
            )
        )
        for index, serie in enumerate(series):
            value = max(0.0, min(100.0, float(serie.values[row])))
            by = y + index * BAR_HEIGHT
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>'
                    '<text x="{tx}" y="{ty}" font-size="11" fill="#1a1a1a">{v}%</text>',
                    x=LABEL_WIDTH,
                    y=by,
                    w=f"{BAR_AREA * value / 100:.1f}",
                    h=BAR_HEIGHT - 2,
                    c=COLOURS[index % len(COLOURS)],
                    tx=f"{LABEL_WIDTH + BAR_AREA * value / 100 + 4:.1f}",
                    ty=by + BAR_HEIGHT - 3,
                    v=_number(value),
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every piece above is escaped


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


__all__ = ["Series", "bar_chart"]
