"""Choosing a training manager in the admin: a chooser that searches the staff
(accounts that can open the admin) by name or e-mail, instead of a select listing
every username."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from accounts.security import admin_users


def staff_label(user) -> str:
    """How the chooser names a person: their name and e-mail address."""
    profile = getattr(user, "profile", None)
    name = (profile.full_name if profile else "") or user.get_full_name() or user.username
    return f"{name} <{user.email}>" if user.email else name


class StaffSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or e-mail"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search by name or e-mail")}),
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        query = self.cleaned_data.get("q", "").strip()
        self.is_searching = bool(query)
        self.search_query = query
        for word in query.split():
            objects = objects.filter(
                Q(profile__full_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(username__icontains=word)
            )
        return objects


class _OnlyForAreaEditors:
    """Staff names and addresses are listed only to who may assign managers' areas."""

    def dispatch(self, request, *args, **kwargs):
        if not can_assign_areas(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def can_assign_areas(user) -> bool:
    return user.has_perm("learning.add_areamanager") or user.has_perm("learning.change_areamanager")


class _StaffColumns(_OnlyForAreaEditors):
    filter_form_class = StaffSearchForm

    @property
    def columns(self) -> list[Column]:
        title = super().title_column
        title.accessor = staff_label
        title.label = _("Name and e-mail")
        return [title]


class StaffChooseView(_StaffColumns, chooser_views.ChooseView):
    pass


class StaffChooseResultsView(_StaffColumns, chooser_views.ChooseResultsView):
    pass


class StaffChosenView(_OnlyForAreaEditors, chooser_views.ChosenView):
    def get_display_title(self, instance) -> str:
        return staff_label(instance)


class StaffChooser(BaseChooser):
    def get_display_title(self, instance) -> str:
        return staff_label(instance)


class StaffChooserViewSet(ChooserViewSet):
    model = get_user_model()
    icon = "user"
    choose_one_text = _("Choose a staff member")
    choose_another_text = _("Choose another staff member")
    register_widget = False  # only the managers' areas use it, not every link to a user
    base_widget_class = StaffChooser
    choose_view_class = StaffChooseView
    choose_results_view_class = StaffChooseResultsView
    chosen_view_class = StaffChosenView
    per_page = 20

    def get_object_list(self) -> QuerySet:
        return admin_users().select_related("profile").order_by("email")


staff_chooser_viewset = StaffChooserViewSet("staff_chooser")
