"""Admin view "Nhập văn bản": upload or paste a document, check what the importer
found, then save it as a draft LegalDocumentPage (never published from here).

The view is stateless between the two steps: step 2 carries the extracted text in
a signed hidden field, and an uploaded .docx/.pdf is stored as a Wagtail document
at step 1 so that only its id travels (signed) with the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale
from wagtail.permissions import policy_registry

from content.forms import ImportConfirmForm, ImportSourceForm, sign_source
from content.importer import ParsedDocument, UnreadableFile, parse_text
from content.legal_import import import_document
from content.models import LegalLibraryPage

CONFIRM_STEP = "confirm"


def library_for(user: Any) -> LegalLibraryPage | None:
    """The first legal library (default language first) where `user` may add documents."""
    default_locale_id = Locale.get_default().pk
    libraries = sorted(
        LegalLibraryPage.objects.all(), key=lambda p: (p.locale_id != default_locale_id, p.path)
    )
    for library in libraries:
        if library.permissions_for_user(user).can_add_subpage():
            return library
    return None


class ImportMenuItem(MenuItem):
    """Shown only to users who may add a document to a legal library."""

    def is_shown(self, request: HttpRequest) -> bool:
        return library_for(request.user) is not None


class ImportDocumentView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Import a document")
    header_icon = "upload"
    template_name = "content/admin/import_document.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not LegalLibraryPage.objects.exists():
            raise Http404("There is no legal library to import into.")
        library = library_for(request.user)
        if library is None:
            raise PermissionDenied
        self.library = library
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(source_form=ImportSourceForm()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("step") == CONFIRM_STEP:
            return self.confirm(request)
        return self.read_source(request)

    def read_source(self, request: HttpRequest) -> HttpResponse:
        """Step 1 posted: read and parse the source, then show step 2."""
        form = ImportSourceForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(source_form=form))
        suffix = Path(form.filename).suffix.lower()
        document_id = None
        if form.source_bytes is not None and suffix in (".docx", ".pdf"):
            document_id = self.store_original(form.source_bytes, form.filename)
        source = sign_source(form.source_text, form.filename, document_id)
        confirm_form = ImportConfirmForm.for_parsed(form.parsed, source)
        return self.render_step_2(confirm_form, form.parsed, form.filename, document_id)

    def store_original(self, data: bytes, filename: str) -> int | None:
        """Keep an uploaded .docx/.pdf as a Wagtail document, when the user may add one."""
        Document = get_document_model()
        if not policy_registry.get_by_type(Document).user_has_permission(self.request.user, "add"):
            return None
        document = Document(
            title=filename[:255],
            collection=Collection.get_first_root_node(),
            uploaded_by_user=self.request.user,
        )
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
        return document.pk

    def confirm(self, request: HttpRequest) -> HttpResponse:
        """Step 2 posted: re-parse the signed text, apply the corrections, save a draft."""
        form = ImportConfirmForm(request.POST)
        if not form.is_valid() and "source" in form.errors:
            return self.restart(form.errors["source"])
        payload = form.payload
        try:
            parsed = parse_text(payload["text"])
        except UnreadableFile as error:  # only if the parser changed since step 1
            return self.restart([str(error)])
        filename = payload.get("filename") or ""
        if not form.is_valid():
            return self.render_step_2(form, parsed, filename, payload.get("document_id"))
        form.apply_to(parsed)
        try:
            page = self.save_draft(parsed, payload)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_step_2(form, parsed, filename, payload.get("document_id"))
        messages.success(
            request,
            _("Draft created from the imported text: review it and submit it for moderation."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    def restart(self, errors: list[str]) -> HttpResponse:
        """Back to step 1 with `errors`: step 2's source cannot be trusted or read."""
        context = self.get_context_data(source_form=ImportSourceForm(), source_errors=errors)
        return self.render_to_response(context)

    @transaction.atomic
    def save_draft(self, parsed: ParsedDocument, payload: dict[str, Any]) -> Any:
        """Create the page or a new revision of it; roll back if the user may not edit it."""
        filename = payload.get("filename") or ""
        is_txt = Path(filename).suffix.lower() == ".txt"
        document = None
        if payload.get("document_id"):
            document = get_document_model().objects.filter(pk=payload["document_id"]).first()
        result = import_document(
            parsed,
            library=self.library,
            # A .txt upload is rebuilt from its text; a .docx/.pdf was stored at step 1.
            original=payload["text"].encode("utf-8") if is_txt else None,
            filename=filename,
            publish=False,
            user=self.request.user,
            original_document=document,
            republish_live=False,
        )
        if (
            not result.created
            and not result.page.permissions_for_user(self.request.user).can_edit()
        ):
            raise PermissionDenied
        return result.page

    def render_step_2(
        self,
        form: ImportConfirmForm,
        parsed: ParsedDocument,
        filename: str,
        document_id: int | None,
    ) -> HttpResponse:
        context = self.get_context_data(
            confirm_form=form,
            parsed=parsed,
            filename=filename,
            original_kept=bool(document_id) or Path(filename).suffix.lower() == ".txt",
            missing=form.missing_labels(parsed.missing),
            confirm_step=CONFIRM_STEP,
        )
        return self.render_to_response(context)


def menu_item() -> ImportMenuItem:
    return ImportMenuItem(
        _("Import a document"),
        reverse("content_import_document"),
        name="import-document",
        icon_name="upload",
        order=250,
    )
