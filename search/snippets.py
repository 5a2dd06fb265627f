"""Snippets with the matched words in <mark>, escaped, placed on the original
(accented) text although matching is done on folded text."""

from __future__ import annotations

import re
from html import escape

from content.vietnamese import fold_aligned

SNIPPET_LENGTH = 240


def _spans(text_folded: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for word in set(words):
        if not word:
            continue
        for match in re.finditer(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text_folded):
            spans.append(match.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, words: list[str], length: int = SNIPPET_LENGTH) -> str:
    """An HTML-escaped extract of `text` around the first match of the folded
    `words`, each match wrapped in <mark>."""
    text = " ".join(text.split())
    spans = _spans(fold_aligned(text), words)
    if spans:
        first = spans[0][0]
        start = max(0, first - length // 3)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space != -1 else start
    else:
        start = 0
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out, cursor = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
