"""Hotline numbers written in editors' text become tap-to-call links."""

import re

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Links and tags are copied as they are; only the text between them is read.
_SKIP = re.compile(r"(<a\b.*?</a>|<[^>]+>)", re.IGNORECASE | re.DOTALL)


def _number_pattern(number: str) -> str:
    # "18008077" may be written "1800 8077" or "1800.8077".
    if len(number) == 8:
        return rf"{number[:4]}[ .\u00a0]?{number[4:]}"
    return re.escape(number)


def _pattern() -> re.Pattern:
    numbers = "|".join(_number_pattern(n) for n in settings.HOTLINES.values())
    # Not part of a longer number, a date, a document number ("111/QĐ") or a decimal.
    return re.compile(rf"(?<![\w/.,-])({numbers})(?![\w/-]|[.,]\d)")


def link_hotlines(html: str) -> str:
    """The same HTML with every free-standing hotline number as a tel: link."""
    pattern = _pattern()

    def linkify(text: str) -> str:
        return pattern.sub(
            lambda m: f'<a href="tel:{re.sub(r"[^0-9]", "", m.group(1))}">{m.group(1)}</a>', text
        )

    parts = _SKIP.split(str(html))
    return "".join(part if i % 2 else linkify(part) for i, part in enumerate(parts))


@register.filter
def hotline_links(html) -> SafeString:
    """Use after |richtext: "111" in a paragraph becomes a link that dials it."""
    return mark_safe(link_hotlines(html))  # noqa: S308 (input is already-rendered safe HTML)
