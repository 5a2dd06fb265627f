"""As-you-type suggestions: published documents whose number starts with what
was typed, or whose title holds every typed word (with or without diacritics)."""

from __future__ import annotations

from django.db.models import Q

from base.vietnamese import fold, normalise_number
from search.models import SearchDocument
from search.query import WORD

MAX_SUGGESTIONS = 8
MAX_WORDS = 6
MIN_LENGTH = 2


def suggest_documents(text: str) -> list[dict[str, str]]:
    """At most eight documents, newest first, as {number, title, url}."""
    text = " ".join(text.split())
    if len(text) < MIN_LENGTH:
        return []
    condition = Q(number_key__startswith=normalise_number(text))
    words = [fold(word) for word in WORD.findall(text)][:MAX_WORDS]
    if words:
        title_match = Q()
        for word in words:
            title_match &= Q(head_folded__contains=word)
        condition |= title_match
    heads = (
        SearchDocument.objects.filter(condition)
        .select_related("page")
        .order_by("-issued_on")[:MAX_SUGGESTIONS]
    )
    return [
        {"number": h.page.number or "", "title": h.page.title, "url": h.page.url} for h in heads
    ]
