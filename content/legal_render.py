"""HTML for a document's structured text: escaped paragraphs and bullet lists,
footnote references, and citations linked to the documents in the library."""

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from content.section_labels import label_sections

FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


def _link_citations(html: str, links: dict[str, str]) -> str:
    # longest first, so "Quyết định số 1472/QĐ-TTg ngày 28/9/2020" wins over a shorter overlap
    for raw in sorted(links, key=len, reverse=True):
        escaped = escape(raw)
        if escaped in html:
            html = html.replace(
                escaped, f'<a class="citation" href="{escape(links[raw])}">{escaped}</a>', 1
            )
    return html


def _inline(line: str, links: dict[str, str]) -> str:
    html = _link_citations(escape(line), links)
    return FOOTNOTE_REF.sub(
        r'<sup class="fn-ref"><a href="#fn-\1" id="fnref-\1"'
        r' aria-describedby="footnotes-heading">\1</a></sup>',
        html,
    )


def render_text(text: str, links: dict[str, str] | None = None) -> SafeString:
    """Paragraphs, and runs of "- " lines as lists; everything escaped first."""
    links = links or {}
    parts: list[str] = []
    bullets: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("- ", "+ ", "• ")):
            bullets.append(f"<li>{_inline(line[2:], links)}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(f"<p>{_inline(line, links)}</p>")
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def citation_links(citations: Iterable) -> dict[str, str]:
    """raw citation text -> URL of the cited document (live targets only)."""
    links: dict[str, str] = {}
    for citation in citations:
        target = citation.target
        if target is not None and target.live:
            url = target.url
            if url:
                links[citation.raw] = url
    return links


CITATION_FIELDS = (
    *("source", "target", "raw", "doc_type", "number", "number_key", "title_hint"),
    *("part", "relation"),
)
#: what a link to a cited document needs (Wagtail's page URL comes from `url_path`)
LINK_FIELDS = ("target__live", "target__url_path")
#: what the "cited by" list and the validity (content.validity) read of a citing document
SOURCE_FIELDS = (
    *("source__title", "source__live", "source__url_path", "source__doc_type"),
    *("source__number", "source__effective_on", "source__issued_on", "source__issued_precision"),
)


def document_context(page) -> dict:
    """Template context for a document page: rendered text, citations both ways, footnotes."""
    from content.validity import changes_among, validity_of  # content.models imports us

    # the other documents are read with only what the page shows of them: their rows
    # have some 80 columns, and building the query for all of them costs more than the
    # rest of the query
    made = list(page.citations_made.select_related("target").only(*CITATION_FIELDS, *LINK_FIELDS))
    received = list(
        page.citations_received.filter(source__live=True)
        .select_related("source")
        .only(*CITATION_FIELDS, *SOURCE_FIELDS)
    )
    links = citation_links(made)
    validity = validity_of(page, changes=changes_among(received, page))
    all_sections = list(page.sections.all())
    labels = label_sections(all_sections)
    sections = [
        {"section": s, "label": labels[s.anchor], "html": render_text(s.text, links)}
        for s in all_sections
    ]
    cited, seen = [], set()
    for c in made:
        key = (c.target_id, c.number_key or c.title_hint)
        if key in seen:
            continue
        seen.add(key)
        cited.append(c)
    citing = {c.source_id: c for c in received}.values()
    return {
        "preamble_html": render_text(page.preamble, links),
        "closing_html": render_text(page.closing, links),
        "rendered_sections": sections,
        "contents": [item for item in sections if item["section"].kind in CONTENTS_KINDS],
        "facts": document_facts(page, validity),
        "validity": validity,
        "validity_label": page.Status(validity.status).label,
        "cited": cited,
        "citing": list(citing),
        "footnotes": [
            {"marker": f.marker, "html": render_text(f.text, links)} for f in page.footnotes.all()
        ],
    }


#: the units listed in a document's contents (khoản and điểm are reached from their Điều)
CONTENTS_KINDS = {"phan", "chuong", "muc", "dieu", "part", "item"}


def document_facts(page, validity=None) -> list[tuple[str, str, bool]]:
    """(label, value, known) for every metadata row, in the order readers look for them.

    An unknown value reads "Not stated in the text", the same in every row."""
    unknown = _("Not stated in the text")

    def row(label: str, value: str) -> tuple[str, str, bool]:
        return (label, value, True) if value else (label, unknown, False)

    issuer = page.issuer.name if page.issuer else ""
    if page.issuer and page.issuer.successor:
        issuer += " (" + _("now %(successor)s") % {"successor": page.issuer.successor.name} + ")"
    number = page.number or (
        capfirst(_("no number yet")) + f" (…/{page.symbol})" if page.symbol else ""
    )
    issued = page.issued_display
    if issued and page.issued_precision != "day":
        issued += " (" + _("day left blank in the text") + ")"
    signer = page.signer_name
    if signer and (page.signer_authority or page.signer_title):
        signer += " — " + ", ".join(p for p in (page.signer_authority, page.signer_title) if p)
    rows = [
        row(_("Number and symbol"), number),
        row(_("Document type"), page.doc_type_label),
        row(_("Issuing body"), issuer),
        row(_("Place"), page.place),
        row(_("Date issued"), issued),
        row(
            _("Date in force"), page.effective_on.strftime("%d/%m/%Y") if page.effective_on else ""
        ),
        (_("Validity"), str(page.Status((validity or page.validity).status).label), True),
        row(_("Signer"), signer),
    ]
    if page.field:
        rows.append(row(_("Field"), page.get_field_display()))
    topics = ", ".join(t.label for t in page.topics.all())
    if topics:
        rows.append(row(_("Topics"), topics))
    return rows
