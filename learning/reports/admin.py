"""Admin side of training managers: their areas (Settings menu) and a link to the report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AreaManager
from .scope import managed_units, sees_everything


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
    """Shown to superusers and to managers who have an area (the others have nothing to see)."""

    def is_shown(self, request) -> bool:
        return sees_everything(request.user) or managed_units(request.user).exists()


def report_menu_item() -> MenuItem:
    return ManagerReportMenuItem(
        _("Training report"), reverse("learning_report"), icon_name="table", order=900
    )
