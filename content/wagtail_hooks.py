"""Admin hooks of the content app: the "Import a document" view and its menu item."""

from django.urls import URLPattern, path

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
