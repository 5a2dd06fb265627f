from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.confirmation import PendingField
from base.forms import id_or_none
from base.models import AdministrativeUnit
from learning.enrolment.csv_upload import MAX_BYTES

from .rows import DIMENSIONS
from .scope import managed_units, sees_everything

#: The session key of an enrolment CSV between its preview and its confirmation.
UPLOAD_KEY = "learning_enrolment_upload"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def courses():
    from learning.models import CoursePage

    return CoursePage.objects.live().order_by("title")


def units_for(manager, chosen=None):
    """Areas a manager can narrow a report to: their own units and, for a province,
    its current communes. Superusers get the current provinces, and the communes of
    the province chosen (or of the chosen commune's province), so that the list
    stays short enough for a phone: choose the province, then one of its communes."""
    current = AdministrativeUnit.objects.current().select_related("parent")
    if not sees_everything(manager):
        own = managed_units(manager)
        return current.filter(pk__in=own) | AdministrativeUnit.objects.communes_of(own)
    provinces = current.filter(level="province")
    chosen_id = id_or_none(chosen)
    chosen_unit = current.filter(pk=chosen_id).first() if chosen_id else None
    if chosen_unit is None:
        return provinces
    province_id = chosen_unit.pk if chosen_unit.level == "province" else chosen_unit.parent_id
    return provinces | AdministrativeUnit.objects.communes_of(province_id)


class CourseAndAreaForm(forms.Form):
    """The course and area choices of the report and of the certificates ZIP: the
    manager's own areas (units_for)."""

    area_help = ""  # shown to superusers, who choose a province before a commune
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("All courses"),
    )
    unit = forms.ModelChoiceField(
        label=_("Area"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("All my area"),
    )

    def __init__(self, data, *, manager):
        super().__init__(data)
        self.fields["course"].queryset = courses()
        self.fields["unit"].queryset = units_for(manager, (data or {}).get("unit"))
        if sees_everything(manager):
            self.fields["unit"].help_text = self.area_help


class ReportForm(CourseAndAreaForm):
    field_order = ["date_from", "date_to", "dimension", "course", "unit"]
    area_help = _(
        "To narrow to a commune, choose its province and press “Show”: "
        "its communes are then listed."
    )
    date_from = forms.DateField(label=_("Enrolled from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Enrolled until"), required=False, widget=DateInput())
    dimension = forms.ChoiceField(
        label=_("Group by"), choices=list(DIMENSIONS.items()), initial="course"
    )

    def __init__(self, data, *, manager):
        today = timezone.localdate()
        defaults = {
            "date_from": datetime.date(today.year, 1, 1).isoformat(),
            "date_to": today.isoformat(),
            "dimension": "course",
        }
        data = {**defaults, **{k: v for k, v in data.items() if k in self.base_fields}}
        super().__init__(data, manager=manager)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned


class EnrolmentUploadForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=AdministrativeUnit.objects.none())
    file = forms.FileField(
        label=_("Learners list (CSV file)"),
        help_text=_(
            "The template below, filled in, or any CSV whose first line names the columns "
            "(listed below). UTF-8 (Excel: “CSV UTF-8”), semicolon or comma. "
            "At most 1 MB and 5,000 learners."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s kB.") % {"size": MAX_BYTES // 1000}
            )
        return upload


class EnrolmentConfirmForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.none(), widget=forms.HiddenInput
    )
    token = PendingField(UPLOAD_KEY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses()


class CertificateZipForm(CourseAndAreaForm):
    field_order = ["unit", "course"]
    area_help = _("To narrow to a commune, choose its province and press “List its communes”.")
