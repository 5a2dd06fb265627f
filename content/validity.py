"""A document's validity (tình trạng hiệu lực), worked out rather than typed.

It follows from the date in force and from later texts in the library that replace,
repeal or amend it: when such a text is imported, the status of the text it names
changes with no manual work. An editor may still set it by hand, with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from content.models import Citation, LegalDocumentPage

Status = LegalDocumentPage.Status
Relation = Citation.Relation

#: relations by which a later text ends (part of) the one it names
ENDING = (Relation.REPLACES, Relation.REPEALS)
CHANGING = (*ENDING, Relation.AMENDS)


@dataclass(frozen=True)
class Validity:
    status: str
    #: the live texts that replace, repeal or amend this one, with how
    changed_by: tuple[Citation, ...] = ()


def _in_force_on(page: LegalDocumentPage, day: dt.date) -> bool:
    start = page.effective_on or (page.issued_on if page.issued_precision == "day" else None)
    return start is not None and start <= day


def changes_among(citations: Iterable[Citation], page: LegalDocumentPage) -> list[Citation]:
    """Of `citations` received by `page` (their sources live and read with them), those
    that replace, repeal or amend it, oldest first (an undated source first)."""
    changes = [c for c in citations if c.relation in CHANGING and c.source_id != page.pk]
    return sorted(changes, key=lambda c: (c.source.issued_on or dt.date.min, c.pk))


def changes_to(page: LegalDocumentPage) -> list[Citation]:
    """Citations by live texts that replace, repeal or amend `page`, oldest first."""
    citations = Citation.objects.filter(target=page, relation__in=CHANGING, source__live=True)
    return changes_among(citations.select_related("source"), page)


def validity_of(
    page: LegalDocumentPage,
    today: dt.date | None = None,
    changes: Iterable[Citation] | None = None,
) -> Validity:
    """The status on `today`, and the texts that changed it (`changes`, when the caller
    has already read them with `changes_among`)."""
    today = today or dt.date.today()
    if changes is None:
        changes = changes_to(page) if page.pk else ()
    changes = tuple(changes)
    if page.status_override:
        return Validity(page.status_override, changes)
    ending = [c for c in changes if c.relation in ENDING and _in_force_on(c.source, today)]
    if any(not c.part for c in ending):
        return Validity(Status.EXPIRED, changes)
    if ending:
        return Validity(Status.PARTLY_EXPIRED, changes)
    if page.effective_on is None:
        return Validity(Status.UNKNOWN, changes)
    if page.effective_on > today:
        return Validity(Status.NOT_YET, changes)
    return Validity(Status.IN_FORCE, changes)


def refresh_status(pages) -> int:
    """Store the worked-out status of `pages` (for the library's filter); returns how
    many changed. Only the `status` column is written, so no revision is made."""
    changed = 0
    for page in pages:
        status = validity_of(page).status
        if status != page.status:
            LegalDocumentPage.objects.filter(pk=page.pk).update(status=status)
            page.status = status
            changed += 1
    return changed


def refresh_all_statuses() -> int:
    """For a daily run: a text's "not yet in force" turns to "in force" with time."""
    pages = LegalDocumentPage.objects.filter(
        Q(status_override="") | Q(status_override__isnull=True)
    ).only("pk", "status", "status_override", "effective_on", "issued_on", "issued_precision")
    return refresh_status(pages.iterator())
