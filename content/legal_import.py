"""Turn a parsed document (content.importer) into a LegalDocumentPage.

Identity is issuer + year + number; a document without a number is matched on
issuer + year + type + title. Re-importing the same document saves a new revision
of the existing page, never a duplicate.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from wagtail.documents import get_document_model
from wagtail.models import Page

from base.models import AdministrativeUnit
from base.vietnamese import fold
from content.citations import rebuild_citations
from content.importer import ParsedDocument
from content.importer.validity import effective_date
from content.models import (
    Issuer,
    LegalDocumentPage,
    LegalFootnote,
    LegalLibraryPage,
    LegalSection,
)
from content.originals import private_collection, release_original
from content.topic_rules import suggest_topics

CENTRAL_PREFIXES = (
    "chính phủ",
    "thủ tướng",
    "quốc hội",
    "ủy ban thường vụ quốc hội",
    "bộ ",
    "văn phòng chính phủ",
)
CENTRALLY_RUN_CITIES = {"hà nội", "hải phòng", "đà nẵng", "hồ chí minh", "cần thơ", "huế"}
DISTRICT_WORDS = re.compile(r"\b(huyện|quận|thị xã)\b", re.IGNORECASE)
COMMUNE_WORDS = re.compile(r"\b(xã|phường|thị trấn|đặc khu)\b", re.IGNORECASE)
CITY = re.compile(r"\bthành phố (.+)$", re.IGNORECASE)


@dataclass
class ImportResult:
    page: LegalDocumentPage
    created: bool


def fingerprint_of(parsed: ParsedDocument) -> str:
    return hashlib.sha256(json.dumps(parsed.to_dict(), sort_keys=True).encode()).hexdigest()


def short_title(title: str, limit: int = 255) -> str:
    """Page titles hold 255 characters; a longer title is cut at a word, the full
    text stays in the subject."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def issuer_level(name: str) -> str:
    lowered = name.lower()
    if lowered.startswith(CENTRAL_PREFIXES):
        return Issuer.Level.CENTRAL
    city = CITY.search(name)
    if city:
        return (
            Issuer.Level.PROVINCE
            if city.group(1).strip().lower() in CENTRALLY_RUN_CITIES
            else Issuer.Level.DISTRICT
        )
    if DISTRICT_WORDS.search(name):
        return Issuer.Level.DISTRICT
    if COMMUNE_WORDS.search(name) and "tỉnh" not in lowered:
        return Issuer.Level.COMMUNE
    return Issuer.Level.PROVINCE


def province_in(*texts: str | None) -> AdministrativeUnit | None:
    """The province a name mentions ("... tỉnh Kon Tum", "UBND TỈNH LAI CHÂU")."""
    folded = " ".join(fold(t) for t in texts if t)
    for unit in AdministrativeUnit.objects.filter(level="province").order_by("-name"):
        if re.search(rf"\b{re.escape(fold(unit.name))}\b", folded):
            return unit
    return None


def issuer_for(parsed: ParsedDocument) -> Issuer | None:
    if not parsed.issuer:
        return None
    issuer, created = Issuer.objects.get_or_create(
        name=parsed.issuer, defaults={"level": issuer_level(parsed.issuer)}
    )
    if created or issuer.province_id is None:
        province = province_in(parsed.issuer, parsed.issuer_parent, parsed.place)
        if province is not None:
            issuer.province = province
            issuer.save(update_fields=["province"])
    return issuer


def issued_date(parsed: ParsedDocument) -> tuple[datetime.date | None, str]:
    if not parsed.issued_on:
        return None, LegalDocumentPage.Precision.DAY
    parts = [int(p) for p in parsed.issued_on.split("-")]
    precision = {3: "day", 2: "month", 1: "year"}[len(parts)]
    year, month, day = (parts + [1, 1])[:3]
    try:
        return datetime.date(year, month, day), precision
    except ValueError:
        return None, LegalDocumentPage.Precision.DAY


def find_existing(
    parsed: ParsedDocument, issuer: Issuer | None, issued_on
) -> LegalDocumentPage | None:
    pages = LegalDocumentPage.objects.filter(issuer=issuer)
    pages = pages.filter(
        Q(issued_on__year=issued_on.year) if issued_on else Q(issued_on__isnull=True)
    )
    if parsed.number_key:
        return pages.filter(number_key=parsed.number_key).first()
    return pages.filter(number_key="", doc_type=parsed.doc_type or "", title=parsed.title).first()


def find_existing_page(parsed: ParsedDocument) -> LegalDocumentPage | None:
    """The page a re-import would update (as ``import_document`` finds it), read-only."""
    if not parsed.issuer:
        return None
    issuer = Issuer.objects.filter(name=parsed.issuer).first()
    if issuer is None:
        return None
    return find_existing(parsed, issuer, issued_date(parsed)[0])


#: Fields compared when a document is imported again: (label, page attribute, parsed attribute).
COMPARED = (
    ("Tiêu đề", "title", "title"),
    ("Loại", "doc_type", "doc_type"),
    ("Số, ký hiệu", "number", "number"),
    ("Nơi ban hành", "place", "place"),
    ("Trích yếu", "subject", "subject"),
    ("Người ký", "signer_name", "signer"),
    ("Chức vụ người ký", "signer_title", "signer_title"),
)


def changes_from(page: LegalDocumentPage, parsed: ParsedDocument) -> list[tuple[str, str, str]]:
    """(label, current, new) for each field the new text changes, the latest revision first."""
    current = page.get_latest_revision_as_object()
    changes = []
    for label, attribute, name in COMPARED:
        old, new = str(getattr(current, attribute) or ""), str(getattr(parsed, name) or "")
        if name == "title":
            new = short_title(new) if new else old
        if old != new:
            changes.append((label, old, new))
    old_date = current.issued_on.isoformat() if current.issued_on else ""
    if parsed.issued_on and not old_date.startswith(parsed.issued_on):
        changes.append(("Ngày ban hành", old_date, parsed.issued_on))
    old_sections = [(s.anchor, s.heading, s.text) for s in current.sections.all()]
    new_sections = [(s.anchor, s.heading, s.text) for s in parsed.sections]
    if old_sections != new_sections:
        changes.append(
            ("Nội dung", f"{len(old_sections)} mục", f"{len(new_sections)} mục (đã thay đổi)")
        )
    return changes


def apply(
    page: LegalDocumentPage,
    parsed: ParsedDocument,
    issuer: Issuer | None,
    issued_on,
    precision: str,
    topics=None,
) -> None:
    fallback = " ".join(filter(None, [parsed.doc_type_name, parsed.number])) or "Văn bản"
    page.title = short_title(parsed.title or parsed.subject or fallback)
    page.full_title = parsed.title or parsed.subject or ""
    page.doc_type = parsed.doc_type or ""
    page.number = parsed.number or ""
    page.symbol = parsed.symbol or ""
    page.issuer = issuer
    page.place = parsed.place or ""
    page.issued_on, page.issued_precision = issued_on, precision
    page.subject = parsed.subject or ""
    page.signer_name = parsed.signer or ""
    page.signer_authority = parsed.signer_authority or ""
    page.signer_title = parsed.signer_title or ""
    page.addressees = "\n".join(parsed.addressees)
    page.recipients = "\n".join(parsed.recipients)
    page.preamble = parsed.preamble
    page.closing = parsed.closing
    page.import_notes = {
        "missing": parsed.missing,
        "warnings": parsed.warnings,
        "fingerprint": fingerprint_of(parsed),
    }
    page.sections = [
        LegalSection(
            sort_order=position,
            kind=s.kind,
            label=s.label[:40],
            number=s.number[:20],
            heading=s.heading,
            text=s.text,
            anchor=s.anchor[:80],
            level=s.level,
            parent_anchor=(s.parent or "")[:80],
        )
        for position, s in enumerate(parsed.sections)
    ]
    page.footnotes = [
        LegalFootnote(sort_order=position, marker=f.marker[:8], text=f.text)
        for position, f in enumerate(parsed.footnotes)
    ]
    body = body_text_of(parsed)
    if not page.effective_on:
        page.effective_on, _how = effective_date(
            body, issued_on, signed_precisely=precision == "day", doc_type=page.doc_type
        )
    if topics is not None:  # confirmed by the editor (the admin import's step 2)
        page.topics = list(topics)
    elif not page.pk or not page.topics.exists():
        # Suggested topics; an editor's choice (a page that has topics) is kept.
        page.topics = suggest_topics(page.full_title, body)


def suggested_topics(parsed: ParsedDocument) -> list:
    """The topics the text suggests, for the editor to confirm before the import."""
    return suggest_topics(parsed.title or parsed.subject or "", body_text_of(parsed))


def body_text_of(parsed: ParsedDocument) -> str:
    """The text a reader sees, in order: where the date in force and the themes are."""
    sections = "\n".join(f"{s.heading}\n{s.text}" for s in parsed.sections)
    return "\n".join((parsed.preamble, sections, parsed.closing))


def attach_original(page: LegalDocumentPage, data: bytes, filename: str) -> None:
    """Keep the original as a Wagtail document, private until the page is published."""
    Document = get_document_model()
    if page.original_file_id and page.original_file.file_size == len(data):
        return
    document = Document(
        title=page.title[:255], file_size=len(data), collection=private_collection()
    )
    document.file.save(filename, ContentFile(data), save=False)
    document._set_file_hash()
    document.save()
    page.original_file = document


def slug_for(parsed: ParsedDocument, library: Page) -> str:
    from content.slugs import slugify_vi

    base = (
        slugify_vi((parsed.number or parsed.title).replace("/", "-"))[:60].strip("-") or "van-ban"
    )
    slug, n = base, 2
    while library.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def import_document(
    parsed: ParsedDocument,
    *,
    library: LegalLibraryPage,
    original: bytes | None = None,
    filename: str = "",
    publish: bool = False,
    user=None,
    original_document=None,
    republish_live: bool = True,
    skip_unchanged: bool = False,
    topics=None,
) -> ImportResult:
    """Create or update the page for `parsed`; publish when asked or when it is live.

    `original_document` (a stored Wagtail document) stands in for `original` bytes;
    `republish_live=False` leaves a live page's new revision as a draft. With
    `skip_unchanged`, a document already imported from the same text is left alone
    (the demo loader uses it to stay idempotent). `topics`, when given, are the ones
    the editor confirmed; otherwise they are suggested from the text.
    """
    issuer = issuer_for(parsed)
    issued_on, precision = issued_date(parsed)
    existing = find_existing(parsed, issuer, issued_on)
    if (
        skip_unchanged
        and existing is not None
        and existing.import_notes.get("fingerprint") == fingerprint_of(parsed)
    ):
        return ImportResult(page=existing, created=False)
    if existing is None:
        page = LegalDocumentPage(live=False)
        apply(page, parsed, issuer, issued_on, precision, topics)
        page.slug = slug_for(parsed, library)
        if original is not None:
            attach_original(page, original, filename)
        elif original_document is not None:
            page.original_file = original_document
        library.add_child(instance=page)
        created = True
    else:
        page = existing.get_latest_revision_as_object()
        apply(page, parsed, issuer, issued_on, precision, topics)
        if original is not None:
            attach_original(page, original, filename)
        elif original_document is not None:
            page.original_file = original_document
        created = False
    revision = page.save_revision(user=user, log_action=True)
    if publish or (republish_live and not created and existing.live):
        revision.publish(user=user)
    page = LegalDocumentPage.objects.get(pk=page.pk)
    if page.live and not page.has_unpublished_changes:
        release_original(page)
    rebuild_citations(page, parsed.citations)
    return ImportResult(page=page, created=created)
