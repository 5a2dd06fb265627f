"""Views for a document's downloads (the page's routes stay one line each)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from content.document_files import cached_document_pdf, download_stem
from content.legal_render import document_facts


def download_links(page) -> dict[str, str]:
    """The addresses of the PDF and of the original file, with the names they save as."""
    stem = download_stem(page)
    links = {"pdf_name": f"{stem}.pdf", "pdf_url": page.url + page.reverse_subpage("pdf")}
    original = page.original_file
    if original is not None:
        links["original_name"] = f"{stem}.{(original.file_extension or 'bin').lower()}"
        links["original_url"] = page.url + page.reverse_subpage("original")
    return links


def serve_pdf(page) -> HttpResponse:
    note = _("Made from the text published at %(url)s. The original file is authoritative.") % {
        "url": page.full_url or page.url
    }
    facts = [(label, value) for label, value, _known in document_facts(page)]
    response = HttpResponse(cached_document_pdf(page, facts, note), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{download_stem(page)}.pdf"'
    return response


def serve_original(page) -> FileResponse:
    original = page.original_file
    if original is None:
        raise Http404(_("This document has no original file."))
    name = f"{download_stem(page)}.{(original.file_extension or 'bin').lower()}"
    return FileResponse(original.file.open("rb"), as_attachment=True, filename=name)
