"""Admin hooks of the content app: the "Import a document" view and its menu item;
a submission racing the autosave that created the page."""

import datetime

from django.http import HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from wagtail import hooks

from content.admin_import import ImportDocumentView, ImportMenuItem, menu_item


@hooks.register("register_admin_urls")
def register_import_url() -> list[URLPattern]:
    view = ImportDocumentView.as_view()
    return [
        path("nhap-van-ban/", view, name="content_import_document"),
        path("nhap-van-ban/<uuid:job_id>/", view, name="content_import_job"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> ImportMenuItem:
    return menu_item()


AUTOSAVE_WINDOW = datetime.timedelta(minutes=2)


@hooks.register("before_create_page")
def continue_the_autosaved_page(request, parent_page, page_class):
    """Submit or publish clicked while Wagtail's autosave was creating the page: the
    form still posts to "add", which would fail with "slug already in use" and leave
    the autosaved page behind as a stray draft. The same form is sent on (307 keeps
    the method and the data) to the page the autosave just created, by this user,
    never published."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None
    slug = request.POST.get("slug", "")
    if not slug:
        return None
    page = (
        parent_page.get_children()
        .filter(
            slug=slug,
            owner=request.user,
            live=False,
            first_published_at__isnull=True,
            latest_revision_created_at__gte=timezone.now() - AUTOSAVE_WINDOW,
        )
        .first()
    )
    if page is None or page.specific_class is not page_class:
        return None
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)), status=307)


@hooks.register("register_personal_data")
def register_import_jobs():
    """An editor's document imports in progress (the upload is deleted once a draft
    exists): listed in their data export, deleted with the account."""
    from base.personal_data import PersonalData
    from content.models import ImportJob

    def export(user):
        return [
            {"file": job.filename, "status": job.status, "created_at": job.created_at}
            for job in ImportJob.objects.filter(user=user).order_by("created_at")
        ]

    def erase(user, choices):
        for job in ImportJob.objects.filter(user=user):
            if job.upload:
                job.upload.delete(save=False)
            job.delete()

    return PersonalData(
        key="document_imports", models=(ImportJob,), export=export, erase=erase, order=50
    )
