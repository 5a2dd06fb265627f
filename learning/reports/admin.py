"""Admin side of training managers: their areas (Settings menu) and a link to the report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AreaManager
from .scope import is_manager


class AreaManagerViewSet(ModelViewSet):
    model = AreaManager
    icon = "group"
    menu_label = _("Training managers' areas")
    add_to_settings_menu = True
    list_display = ["user", "unit"]
    list_filter = ["unit__level"]
    search_fields = ["user__username", "user__email", "unit__name"]
    form_fields = ["user", "unit"]


class ManagerReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_manager(request.user)


def report_menu_item() -> MenuItem:
    return ManagerReportMenuItem(
        _("Training report"), reverse("learning_report"), icon_name="table", order=900
    )
