"""The admin's "Certificates": list, search by code or name, filter by status and unit,
revoke with a reason, download the listed certificates as one ZIP of PDFs.

Certificates are only ever created by the grading code, and never deleted from the
admin (a learner deleting their account decides what happens to theirs): "change"
means "revoke"."""

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from base.forms import IdListField
from base.models import AdministrativeUnit

from .models import Certificate, CertificateStatus, normalise_code
from .services import certificates_zip, revoke

ZIP_LIMIT = 1000


class CertificatePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CertificateStatus.choices, method="filter_status"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        field_name="user__profile__province",
        queryset=AdministrativeUnit.objects.current().filter(level="province"),
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"),
        field_name="user__profile__commune",
        queryset=AdministrativeUnit.objects.current().filter(level="commune"),
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset


def search_certificates(queryset, query: str):
    """A name, a course title or a code (typed with or without hyphens, any case)."""
    condition = Q(learner_name__icontains=query) | Q(course_title__icontains=query)
    code = normalise_code(query)
    if code:
        condition |= Q(code=code)
    compact = query.replace("-", "").replace(" ", "").upper()
    if compact.isalnum():
        condition |= Q(code__contains=compact)
    return queryset.filter(condition)


class StatusColumn(Column):
    def get_value(self, instance):
        return CertificateStatus(instance.status()).label


class CertificateIndexView(IndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_certificates(queryset, self.search_query)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("revoked_by")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        url = reverse("learning_certificate:zip")
        if query:
            url += "?" + query.urlencode()
        buttons.append(HeaderButton(_("Download PDFs (ZIP)"), url=url, icon_name="download"))
        return buttons


class CertificateZipView(CertificateIndexView):
    """The certificates the list shows (same filters and search), or those ticked by id,
    as one ZIP of PDFs for printing."""

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        ids = IdListField().clean(request.GET.getlist("id"))
        if ids:
            queryset = queryset.filter(pk__in=ids)
        certificates = list(queryset[:ZIP_LIMIT])
        response = HttpResponse(certificates_zip(certificates), content_type="application/zip")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="chung-nhan-{stamp}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response


class RevokeForm(WagtailAdminModelForm):
    class Meta:
        model = Certificate
        fields = ["revoked_reason"]
        widgets = {"revoked_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["revoked_reason"]
        field.required = True
        field.help_text = _(
            "Shown on the public verification page, next to the learner's name: say why "
            "the certificate is no longer valid, without personal details."
        )

    def clean_revoked_reason(self) -> str:
        reason = " ".join(self.cleaned_data.get("revoked_reason", "").split())
        if not reason:
            raise forms.ValidationError(_("Give the reason for revoking this certificate."))
        return reason


class RevokeView(EditView):
    page_title = _("Revoke certificate")
    submit_button_label = _("Revoke")
    submit_button_active_label = _("Revoking…")
    success_message = _("Certificate '%(object)s' revoked.")

    def save_instance(self):
        certificate = revoke(
            self.object,
            reason=self.form.cleaned_data["revoked_reason"],
            by=self.request.user,
        )
        log(instance=certificate, action="wagtail.edit", user=self.request.user)
        return certificate

    def get_success_buttons(self):
        return []


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "certificates"
    name = "learning_certificate"
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = CertificateIndexView
    edit_view_class = RevokeView
    form_fields = ["revoked_reason"]
    list_display = [
        "learner_name",
        "course_title",
        Column("display_code", label=_("Code")),
        "issued_at",
        "expires_at",
        StatusColumn("status", label=_("Status")),
    ]
    search_fields = ["learner_name", "course_title", "code"]
    filterset_class = CertificateFilterSet
    inspect_view_fields = [
        "learner_name",
        "course_title",
        "code",
        "issued_at",
        "expires_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]

    def get_permissions_to_register(self):
        # only "view" and "change" (= revoke) mean anything for certificates
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["view_certificate", "change_certificate"])
        )

    def get_form_class(self, for_update=False):
        return RevokeForm

    @property
    def zip_view(self):
        return self.construct_view(CertificateZipView, **self.get_index_view_kwargs())

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("zip/", self.zip_view, name="zip")]
