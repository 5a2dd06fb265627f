"""Citations between documents: store what a text cites, link it to the cited
document when that is in the library, and link it later when it is imported."""

import datetime
from collections.abc import Iterable

from django.db import transaction

from base.vietnamese import fold
from content.importer import Citation as ParsedCitation
from content.importer.citations import find_citations
from content.models import Citation, LegalDocumentPage
from content.validity import CHANGING, refresh_status


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def find_target(citation: Citation) -> LegalDocumentPage | None:
    """The cited document, when exactly one in the library fits.

    Numbers repeat across issuers and years, so several candidates are narrowed
    by the cited date, then by the issuer named in the citation.
    """
    pages = LegalDocumentPage.objects.exclude(pk=citation.source_id).select_related("issuer")
    if citation.number_key:
        candidates = list(pages.filter(number_key=citation.number_key))
    elif citation.title_hint:
        wanted = fold(citation.title_hint)
        candidates = [p for p in pages.filter(number_key="") if fold(p.title) == wanted]
    else:
        return None
    if len(candidates) > 1 and citation.cited_date:
        candidates = [p for p in candidates if p.issued_on == citation.cited_date] or candidates
    if len(candidates) > 1 and citation.issuer_hint:
        hint = fold(citation.issuer_hint)
        candidates = [
            p for p in candidates if p.issuer and hint in fold(p.issuer.name)
        ] or candidates
    return candidates[0] if len(candidates) == 1 else None


@transaction.atomic
def rebuild_citations(page: LegalDocumentPage, parsed: Iterable[ParsedCitation]) -> list[Citation]:
    """Replace the citations made by `page`, then link any older citations of it."""
    page.citations_made.all().delete()
    rows = [
        Citation(
            source=page,
            raw=c.raw[:400],
            doc_type=c.doc_type or "",
            number=c.number or "",
            number_key=c.number_key or "",
            cited_date=_date(c.date),
            issuer_hint=(c.issuer_hint or "")[:200],
            title_hint=(c.title_hint or "")[:200],
            part=(c.part or "")[:80],
            relation=c.relation
            if c.relation in Citation.Relation.values
            else Citation.Relation.CITES,
            section_anchor=c.section_anchor or "",
        )
        for c in parsed
    ]
    for row in rows:
        row.target = find_target(row)
    Citation.objects.bulk_create(rows)
    link_waiting_citations(page)
    # A text that replaces, repeals or amends another changes that one's validity; so
    # does this one's own publication, if a text already in the library changes it.
    changed = {row.target_id for row in rows if row.target_id and row.relation in CHANGING}
    refresh_status(LegalDocumentPage.objects.filter(pk__in=changed | {page.pk}))
    return rows


def link_waiting_citations(page: LegalDocumentPage) -> int:
    """Point citations that were waiting for this document at it."""
    waiting = Citation.objects.filter(target__isnull=True).exclude(source=page)
    if page.number_key:
        waiting = waiting.filter(number_key=page.number_key)
    else:
        waiting = waiting.filter(number_key="").exclude(title_hint="")
    linked = 0
    for citation in waiting:
        if find_target(citation) == page:
            citation.target = page
            citation.save(update_fields=["target"])
            linked += 1
    return linked


def citations_in_page(page: LegalDocumentPage) -> list[ParsedCitation]:
    """Find the citations in a page's stored text (after an editor changed it)."""
    found: list[ParsedCitation] = []
    if page.subject:
        found.extend(find_citations(page.subject, None, "title"))
    for paragraph in page.preamble.split("\n"):
        found.extend(find_citations(paragraph, None, "preamble"))
    for section in page.sections.all():
        for paragraph in [section.heading, *section.text.split("\n")]:
            if paragraph:
                found.extend(find_citations(paragraph, section.anchor, "section"))
    for paragraph in page.closing.split("\n"):
        found.extend(find_citations(paragraph, None, "closing"))
    for note in page.footnotes.all():
        for paragraph in note.text.split("\n"):
            found.extend(find_citations(paragraph, None, "footnote"))
    return found


def on_page_published(sender, instance, **kwargs) -> None:
    """Publishing a document (from the editor or an import) refreshes its citations
    and links the citations that were waiting for it."""
    rebuild_citations(instance, citations_in_page(instance))
