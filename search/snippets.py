"""Snippets with the matched words in <mark>, escaped, placed on the original
(accented) text although matching is done on folded text."""

from __future__ import annotations

import re
from html import escape

from base.vietnamese import fold_aligned

SNIPPET_LENGTH = 240


def whole_words(pattern: re.Pattern, text: str, position: int = 0):
    """Matches of `pattern` (which ends with a word boundary) that also start at one.
    Checking the start here rather than with a look-behind lets the regex engine
    jump straight to the first letters, many times faster on long texts."""
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        if not start or not text[start - 1].isalnum():
            yield match
            position = match.end()
        else:
            position = start + 1


def first_whole_word(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first of whole_words, without a generator when the first match is whole
    (as it nearly always is)."""
    match = pattern.search(text)
    if match is None or not match.start() or not text[match.start() - 1].isalnum():
        return match
    return next(whole_words(pattern, text, match.start() + 1), None)


def _spans(text_folded: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for word in set(words):
        if not word:
            continue
        pattern = re.compile(rf"{re.escape(word)}(?![^\W_])")
        spans.extend(match.span() for match in whole_words(pattern, text_folded))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(
    text: str,
    words: list[str],
    length: int = SNIPPET_LENGTH,
    phrases: list[re.Pattern] | None = None,
) -> str:
    """An HTML-escaped extract of `text` around the first match of a quoted
    phrase (`phrases`, patterns on folded text), else of any of the folded
    `words`; each matched word wrapped in <mark>."""
    text = " ".join(text.split())
    folded = fold_aligned(text)
    spans = _spans(folded, words)
    focus = [m.start() for p in phrases or [] if (m := first_whole_word(p, folded))]
    if spans:
        first = min(focus) if focus else spans[0][0]
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
