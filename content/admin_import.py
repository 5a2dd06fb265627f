"""Admin view "Nhập văn bản": upload or paste a document, check what the importer
found, then save it as a draft LegalDocumentPage (never published from here).

Step 1 stores the upload privately in an ImportJob and enqueues ``read_import``
(content.tasks): the web request never extracts or parses a file. The job's
status page refreshes itself (no JavaScript needed) until the task is done,
then shows step 2. The original file becomes a Wagtail document only when the
draft is created, in a private collection, and is released when the page is
published (content.originals).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from content.forms import ImportConfirmForm, ImportSourceForm, sign_source
from content.importer import ParsedDocument
from content.legal_import import changes_from, find_existing_page, import_document
from content.models import ImportJob, LegalLibraryPage
from content.tasks import read_import


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
        self.job: ImportJob | None = None
        if "job_id" in kwargs:
            self.job = get_object_or_404(ImportJob, pk=kwargs["job_id"], user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.job is None:
            return self.render_to_response(self.get_context_data(source_form=ImportSourceForm()))
        job = self.job
        if job.status == ImportJob.Status.FAILED:
            form = ImportSourceForm.failed("file" if job.filename else "text", job.error)
            return self.render_to_response(self.get_context_data(source_form=form))
        if job.status == ImportJob.Status.SAVED and job.page_id:
            return redirect("wagtailadmin_pages:edit", job.page_id)
        if not job.finished:
            return self.render_to_response(self.get_context_data(job=job, waiting=True))
        parsed = ParsedDocument.from_dict(job.parsed or {})
        form = ImportConfirmForm.for_parsed(parsed, sign_source(str(job.pk)))
        return self.render_step_2(form, parsed)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.job is not None:
            return self.confirm(request, self.job)
        return self.start(request)

    def start(self, request: HttpRequest) -> HttpResponse:
        """Step 1 posted: keep the source privately and have a task read it."""
        form = ImportSourceForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(source_form=form))
        job = ImportJob(user=request.user, filename=form.filename, text=form.source_text)
        upload = form.cleaned_data.get("file")
        if upload:
            job.upload.save(form.filename, upload, save=False)
        job.save()
        read_import.enqueue(str(job.pk))
        return redirect("content_import_job", job_id=job.pk)

    def confirm(self, request: HttpRequest, job: ImportJob) -> HttpResponse:
        """Step 2 posted: apply the corrections to what the task read, save a draft."""
        if job.status != ImportJob.Status.DONE:
            return redirect("content_import_job", job_id=job.pk)
        form = ImportConfirmForm(request.POST)
        if not form.is_valid() and "source" in form.errors:
            return self.restart(form.errors["source"])
        if form.cleaned_data["source"].get("job") != str(job.pk):
            return self.restart([_("The form does not belong to this import; start again.")])
        parsed = ParsedDocument.from_dict(job.parsed or {})
        if not form.is_valid():
            return self.render_step_2(form, parsed)
        form.apply_to(parsed)
        try:
            page = self.save_draft(parsed, job, form.cleaned_data["topics"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_step_2(form, parsed)
        job.status, job.page = ImportJob.Status.SAVED, page
        if job.upload:  # the original now lives with the draft
            job.upload.delete(save=False)
        job.save(update_fields=["status", "page", "upload", "updated_at"])
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
    def save_draft(self, parsed: ParsedDocument, job: ImportJob, topics=None) -> Any:
        """Create the page or a new revision of it; roll back if the user may not edit it."""
        original = None
        if job.upload:
            with job.upload.open("rb") as handle:
                original = handle.read()
        result = import_document(
            parsed,
            library=self.library,
            original=original,
            filename=job.filename,
            publish=False,
            user=self.request.user,
            republish_live=False,
            topics=topics,
        )
        if (
            not result.created
            and not result.page.permissions_for_user(self.request.user).can_edit()
        ):
            raise PermissionDenied
        return result.page

    def render_step_2(self, form: ImportConfirmForm, parsed: ParsedDocument) -> HttpResponse:
        job = self.job
        existing = find_existing_page(parsed)
        context = self.get_context_data(
            confirm_form=form,
            parsed=parsed,
            filename=job.filename if job else "",
            original_kept=bool(job and job.upload),
            missing=form.missing_labels(parsed.missing),
            existing=existing,
            changes=changes_from(existing, parsed) if existing else [],
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
