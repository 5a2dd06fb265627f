"""Keeping the search index in step with the legal library.

Only live, public documents are indexed. Each document gives one row for its
head (number, type, title, subject, preamble) and one per section.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from base.vietnamese import exact_form, fold
from content.models import LegalDocumentPage
from content.section_labels import label_sections
from search.backends import engine_name, get_engine
from search.facts import changed, tags_for
from search.models import RankingFields, SearchDocument, SearchEntry
from search.query import WORD
from search.ranking import normalise, ranking_row, spelled_out
from search.types import IndexEntry

DATABASE_ENGINES = {"sqlite", "postgresql"}


def indexable(page: LegalDocumentPage) -> bool:
    return page.live and not page.get_view_restrictions().exists()


def issued_by(page: LegalDocumentPage) -> str:
    """The issuer and place as searchable words, with the abbreviations of the
    issuer's name ("Ủy ban nhân dân" and "UBND"), so either spelling finds it."""
    issuer = page.issuer.name if page.issuer else ""
    words = " ".join(part for part in [issuer, page.place] if part)
    folded = " ".join(WORD.findall(fold(words).lower()))
    forms = {normalise(folded), spelled_out(folded)} - {folded}
    return " ".join([words, *sorted(forms)])


def entries_for(page: LegalDocumentPage) -> list[SearchEntry]:
    facts = {
        "page": page,
        "number_key": page.number_key,
        "doc_type": page.doc_type,
        "issuer_id": page.issuer_id,
        "year": page.issued_on.year if page.issued_on else None,
        "status": page.status,
        "topics": " ".join(page.topics.values_list("slug", flat=True)),
        "issued_on": page.issued_on,
    }
    # the type name and the subject only when the title does not already say them,
    # so a snippet of the head does not read "Chỉ thị Chỉ thị …"
    title = fold(page.title or "")
    type_name = page.doc_type_name if not title.startswith(fold(page.doc_type_name or "")) else ""
    subject = page.subject if fold(page.subject or "") not in title else ""
    head = " ".join(
        part
        for part in [page.number, type_name, page.title, subject, page.preamble, issued_by(page)]
        if part
    )
    rows = [SearchEntry(position=0, anchor="", label="", heading=page.title, body=head, **facts)]
    sections = list(page.sections.all())
    places = label_sections(sections)
    for position, section in enumerate(sections, start=1):
        body = " ".join(part for part in [section.label, section.heading, section.text] if part)
        rows.append(
            SearchEntry(
                position=position,
                anchor=section.anchor,
                label=places[section.anchor],
                heading=section.heading,
                body=body,
                **facts,
            )
        )
    for row in rows:
        row.body = row.body.replace("[^", "[")  # footnote markers are not words
        row.folded = fold(row.body)
    return rows


def word_pairs(folded: str) -> set[str]:
    """Each pair of neighbouring words as one token: "tre em" -> {"tre_em"}."""
    words = WORD.findall(folded)
    return {f"{first}_{second}" for first, second in zip(words, words[1:], strict=False)}


def document_for(page: LegalDocumentPage, rows: list[SearchEntry]) -> SearchDocument:
    """The document-level row: all of its text, and its facts. Pairs of words are
    taken within a section, so a phrase does not run from one section into the next."""
    head = rows[0]
    headings = " ".join(row.heading for row in rows[1:] if row.heading)
    folded = [row.folded for row in rows]
    pairs: set[str] = set().union(*map(word_pairs, folded))
    return SearchDocument(
        page=page,
        exact="\n".join(exact_form(row.body) for row in rows),
        folded="\n".join(folded),
        pairs=" ".join(sorted(pairs)),
        tags=tags_for(head.doc_type, head.issuer_id, head.year, head.status, head.topics),
        head_folded=fold(f"{head.body} {headings}"),
        number_key=head.number_key,
        doc_type=head.doc_type,
        issuer_id=head.issuer_id,
        year=head.year,
        status=head.status,
        topics=head.topics,
        issued_on=head.issued_on,
    )


def as_index_entry(row: SearchEntry) -> IndexEntry:
    return IndexEntry(
        id=row.pk,
        page_id=row.page_id,
        position=row.position,
        anchor=row.anchor,
        label=row.label,
        heading=row.heading,
        body=row.body,
        exact=exact_form(row.body),
        folded=row.folded,
        number_key=row.number_key,
        doc_type=row.doc_type,
        issuer_id=row.issuer_id,
        year=row.year,
        status=row.status,
        topics=row.topics.split(),
        issued_on=row.issued_on,
    )


@transaction.atomic
def index_pages(pages: Iterable[LegalDocumentPage]) -> int:
    """(Re)index these documents; those no longer live are removed. Returns rows written."""
    pages = list(pages)
    SearchEntry.objects.filter(page__in=pages).delete()
    SearchDocument.objects.filter(page__in=pages).delete()
    RankingFields.objects.filter(page__in=pages).delete()
    rows, documents = [], []
    for page in pages:
        if indexable(page):
            page_rows = entries_for(page)
            rows.extend(page_rows)
            documents.append(document_for(page, page_rows))
    SearchEntry.objects.bulk_create(rows, batch_size=500)
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    RankingFields.objects.bulk_create(
        [ranking_row(doc.page, doc.head_folded) for doc in documents], batch_size=500
    )
    transaction.on_commit(changed)
    changed()
    if engine_name() not in DATABASE_ENGINES:
        engine = get_engine()
        engine.delete_pages([page.pk for page in pages])
        saved = SearchEntry.objects.filter(page__in=pages).order_by("page_id", "position")
        engine.index(as_index_entry(row) for row in saved)
    return len(rows)


def remove_pages(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    SearchEntry.objects.filter(page_id__in=page_ids).delete()
    SearchDocument.objects.filter(page_id__in=page_ids).delete()
    RankingFields.objects.filter(page_id__in=page_ids).delete()
    changed()
    if engine_name() not in DATABASE_ENGINES:
        get_engine().delete_pages(page_ids)


def documents_to_index():
    return (
        LegalDocumentPage.objects.live()
        .public()
        .select_related("issuer")
        .prefetch_related("sections", "topics")
        .order_by("pk")
    )
