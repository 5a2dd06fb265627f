"""The administrative units in the admin (Settings → Administrative units): a
listing to look a unit up, a former one with the units that took it over."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AdministrativeUnit


def successor_names(unit: AdministrativeUnit) -> str:
    return ", ".join(str(successor) for successor in unit.successors())


class AdministrativeUnitViewSet(ModelViewSet):
    """Loaded by ``manage.py load_communes``: only the name and the date can be
    corrected here, the rest comes from the datasets."""

    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Administrative units")
    add_to_settings_menu = True
    list_display = [
        "name",
        "level",
        "parent",
        Column("successors", label=_("taken over by"), accessor=successor_names),
        "abolished_on",
    ]
    list_filter = ["level", "abolished_on"]
    search_fields = ["name"]
    search_backend_name = None  # the database, not the search index
    inspect_view_enabled = True
    inspect_view_fields = ["name", "level", "parent", "successor", "other_successors"]
    panels = [FieldPanel("name"), FieldPanel("abolished_on")]

    def get_queryset(self, request):
        return AdministrativeUnit.objects.select_related(
            "parent", "successor__parent"
        ).prefetch_related("other_successors__parent")


@hooks.register("register_admin_viewset")
def register_administrative_units() -> AdministrativeUnitViewSet:
    return AdministrativeUnitViewSet("administrative_units")
