"""Admin side of training managers: their areas (Settings menu) and a link to the report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AreaManager
from .scope import managed_units, sees_everything
from .staff_chooser import staff_chooser_viewset, staff_label


class AreaManagerViewSet(ModelViewSet):
    model = AreaManager
    icon = "group"
    menu_label = _("Training managers' areas")
    add_to_settings_menu = True
    list_display = [
        Column("user", label=_("manager"), accessor=lambda area: staff_label(area.user)),
        "unit",
    ]
    list_filter = ["unit__level"]
    search_fields = ["user__username", "user__email", "user__first_name", "unit__name"]
    panels = [FieldPanel("user", widget=staff_chooser_viewset.widget_class), FieldPanel("unit")]


class ManagerReportMenuItem(MenuItem):
    """Shown to superusers and to managers who have an area (the others have nothing to see)."""

    def is_shown(self, request) -> bool:
        return sees_everything(request.user) or managed_units(request.user).exists()


def report_menu_item() -> MenuItem:
    return ManagerReportMenuItem(
        _("Training report"), reverse("learning_report"), icon_name="table", order=900
    )
