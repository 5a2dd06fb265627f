from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import query_report


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("tim-kiem/thong-ke/", query_report, name="search_query_report")]


class SuperuserOrEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return SuperuserOrEditorMenuItem(
        _("Search queries"), reverse("search_query_report"), icon_name="search", order=900
    )
