"""A deterministic synthetic legal corpus for the search benchmark.

Documents are shaped like the real ones: numbers and symbols, issuers, dates,
Điều/khoản structure, sentences taken from the seed texts. They are written
with bulk inserts (pages, sections, search rows) so that 100,000 documents
can be built in minutes; the benchmark runs inside a transaction that is rolled
back, so nothing stays in the database.
"""

from __future__ import annotations

import datetime
import random
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page

from base.vietnamese import fold, normalise_number
from content.importer import DOC_TYPE_ABBR, DOC_TYPES, extract_text, parse_text
from content.models import Issuer, LegalDocumentPage, LegalLibraryPage, LegalSection
from content.section_labels import label_sections
from search.models import SearchEntry

SEEDS = Path(__file__).resolve().parent.parent / "content" / "fixtures" / "legal_seeds"
TYPES = ["KH", "CV", "QD", "CT", "HD", "TB", "BC", "ND", "TT", "NQ"]
PLACES = ["Hà Nội", "Hải Phòng", "Kon Tum", "Lai Châu", "Đà Nẵng", "Cần Thơ", "Huế", "Sơn La"]
SLUG = "bench-{n}"  # the slug of the n-th synthetic document
NUMBER_EVERY = 97  # the number of every 97th document is looked up by the query mix
BODIES = ["Ủy ban nhân dân", "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo"]


@dataclass
class Corpus:
    library: LegalLibraryPage
    pages: list[LegalDocumentPage]
    numbers: list[str]  # printed numbers that exist, for the query mix
    entries: list[SearchEntry]  # the search rows, not yet written (indexing is timed)


def seed_sentences() -> list[str]:
    """Sentences of the seed documents, cleaned of numbering."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(extract_text(path))
        for section in parsed.sections:
            for line in section.text.split("\n"):
                line = re.sub(r"^[-+•]\s*", "", line).replace("[^", "[").strip()
                if len(line) > 40:
                    sentences.append(line)
    return sentences


def build_corpus(docs: int, seed: int = 2026) -> Corpus:
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    sentences = seed_sentences()
    library = LegalLibraryPage.objects.first()
    if library is None:
        raise RuntimeError("No legal library page: run load_demo first.")
    issuers = [
        Issuer.objects.get_or_create(
            name=f"{body} {'tỉnh' if i % 2 else 'thành phố'} {place}",
            defaults={"level": Issuer.Level.PROVINCE},
        )[0]
        for i, (body, place) in enumerate((b, p) for b in BODIES for p in PLACES)
    ]
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    start = library.numchild + 1
    now = timezone.now()
    pages, numbers = [], []
    for n in range(docs):
        code = TYPES[n % len(TYPES)]
        year = 2015 + rng.randrange(11)
        issuer = issuers[rng.randrange(len(issuers))]
        abbr = DOC_TYPE_ABBR.get(code, code)
        if code in {"ND", "TT", "NQ"}:
            number = f"{n % 400 + 1:02d}/{year}/{abbr}-CP"
        elif code == "CV":
            number = f"{n % 9000 + 1}/UBND-VX"
        else:
            number = f"{n % 9000 + 1:02d}/{abbr}-UBND"
        subject = rng.choice(sentences)[:180]
        title = f"{DOC_TYPES[code]} {subject[0].lower()}{subject[1:]}"[:250]
        path = Page._get_path(library.path, library.depth + 1, start + n)
        pages.append(
            LegalDocumentPage(
                title=title,
                draft_title=title,
                slug=SLUG.format(n=n),
                path=path,
                depth=library.depth + 1,
                numchild=0,
                url_path=f"{library.url_path}{SLUG.format(n=n)}/",
                content_type=content_type,
                locale_id=library.locale_id,
                translation_key=uuid.UUID(int=rng.getrandbits(128)),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                doc_type=code,
                number=number,
                number_key=normalise_number(number),
                symbol=number.split("/")[-1],
                issuer=issuer,
                place=rng.choice(PLACES),
                issued_on=datetime.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28)),
                subject=subject,
                status=rng.choice(LegalDocumentPage.Status.values),
            )
        )
        if n % NUMBER_EVERY == 0:
            numbers.append(number)
    created = _insert_pages(pages)
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + len(created))
    entries = _insert_sections(created, sentences, rng)
    return Corpus(library=library, pages=created, numbers=numbers, entries=entries)


def kept_numbers(docs: int) -> list[str] | None:
    """The numbers the query mix looks up, when a database kept exactly `docs`
    synthetic documents from an earlier build (bench_search --keep)."""
    kept = LegalDocumentPage.objects.filter(slug__startswith=SLUG.format(n=""))
    if kept.count() != docs:
        return None
    slugs = [SLUG.format(n=n) for n in range(0, docs, NUMBER_EVERY)]
    by_slug = dict(kept.filter(slug__in=slugs).values_list("slug", "number"))
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def _insert_pages(pages: list[LegalDocumentPage]) -> list[LegalDocumentPage]:
    """Bulk insert of multi-table pages: the wagtailcore_page rows first, then the
    content_legaldocumentpage rows pointing at them."""
    base_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    created: list[LegalDocumentPage] = []
    for chunk_start in range(0, len(pages), 2000):
        chunk = pages[chunk_start : chunk_start + 2000]
        bases = Page.objects.bulk_create(
            [Page(**{name: getattr(page, name) for name in base_fields}) for page in chunk]
        )
        if bases[0].pk is None:  # backends that do not return ids (old SQLite)
            paths = [page.path for page in chunk]
            ids = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
            for base in bases:
                base.pk = ids[base.path]
        for page, base in zip(chunk, bases, strict=True):
            page.pk = page.page_ptr_id = base.pk
        LegalDocumentPage._base_manager._insert(
            chunk, fields=LegalDocumentPage._meta.local_concrete_fields, using="default"
        )
        created.extend(chunk)
    return created


def _insert_sections(
    pages: list[LegalDocumentPage], sentences: list[str], rng: random.Random
) -> list[SearchEntry]:
    sections, entries = [], []
    for page in pages:
        own: list[LegalSection] = []
        head = " ".join([page.number, page.doc_type_name, page.title, page.subject])
        facts = {
            "page_id": page.pk,
            "number_key": page.number_key,
            "doc_type": page.doc_type,
            "issuer_id": page.issuer_id,
            "year": page.issued_on.year,
            "status": page.status,
            "topics": "",
            "issued_on": page.issued_on,
        }
        entries.append(
            SearchEntry(
                position=0,
                anchor="",
                label="",
                heading=page.title,
                body=head,
                folded=fold(head),
                **facts,
            )  # fmt: skip
        )
        for k in range(1, 6 + rng.randrange(7)):
            heading = rng.choice(sentences)[:70]
            text = "\n".join(
                f"{i}. {rng.choice(sentences)}" for i in range(1, 2 + rng.randrange(3))
            )
            label, anchor = f"Điều {k}.", f"dieu-{k}"
            own.append(
                LegalSection(
                    page_id=page.pk,
                    sort_order=k,
                    kind="dieu",
                    label=label,
                    number=str(k),
                    heading=heading,
                    text=text,
                    anchor=anchor,
                    level=1,
                )  # fmt: skip
            )
        places = label_sections(own)
        for section in own:
            body = f"{section.label} {section.heading} {section.text}"
            entries.append(
                SearchEntry(
                    position=section.sort_order,
                    anchor=section.anchor,
                    label=places[section.anchor],
                    heading=section.heading,
                    body=body,
                    folded=fold(body),
                    **facts,
                )  # fmt: skip
            )
        sections.extend(own)
    LegalSection.objects.bulk_create(sections, batch_size=2000)
    return entries
