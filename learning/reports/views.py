"""Pages for training managers: reports and exports, CSV enrolment, certificates ZIP.

Every view goes through ``manager_required`` and ``learners_in_scope``.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import record_access
from base.confirmation import forget_in_session, keep_in_session, pending_in_session
from learning.enrolment import csv_upload

from .charts import Series, bar_chart
from .exports import SEPARATORS, report_csv, report_xlsx
from .forms import (
    UPLOAD_KEY,
    CertificateZipForm,
    EnrolmentConfirmForm,
    EnrolmentUploadForm,
    ReportForm,
)
from .rows import COUNTING_RULE, build_report
from .scope import UnitMap, is_manager, learners_in_scope, managed_units, sees_everything

SESSION_KEY = UPLOAD_KEY
MAX_CERTIFICATES = 500


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _record(request, action: str, *, unit=None, course=None) -> None:
    """Log a view or export of learners' data (accounts.audit)."""
    if unit is not None:
        areas = unit.name
    elif sees_everything(request.user):
        areas = _("Whole country")
    else:
        areas = ", ".join(managed_units(request.user).values_list("name", flat=True))
    record_access(request.user, action, areas=areas, course=course.title if course else "")


def _report(request, action: str = "report"):
    form = ReportForm(request.GET, manager=request.user)
    if not form.is_valid():
        return form, None
    units = UnitMap()
    data = form.cleaned_data
    _record(request, action, unit=data["unit"], course=data["course"])
    learners = learners_in_scope(request.user, unit=data["unit"], units=units)
    report = build_report(
        learners,
        data["dimension"],
        date_from=data["date_from"],
        date_to=data["date_to"],
        course=data["course"],
        units=units,
    )
    return form, report


@require_GET
@manager_required
def report(request):
    form, result = _report(request)
    chart = None
    if result is not None and result.rows:
        chart = bar_chart(
            "report-chart",
            _("Completion and pass rates by %(dimension)s")
            % {"dimension": result.dimension_label.lower()},
            _(
                "Bar chart of the table below: completion rate and pass rate, in per cent, "
                "for each %(dimension)s."
            )
            % {"dimension": result.dimension_label.lower()},
            [row.label for row in result.rows],
            [
                Series(_("Completion rate"), [row.completion_rate for row in result.rows]),
                Series(_("Pass rate"), [row.pass_rate for row in result.rows]),
            ],
        )
    context = {
        "form": form,
        "report": result,
        "chart": chart,
        "rule": COUNTING_RULE,
        "areas": managed_units(request.user),
        "everything": sees_everything(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "learning/manage/report.html", context)


@require_GET
@manager_required
def report_export(request, fmt: str):
    form, result = _report(request, f"report-{fmt}")
    if result is None:
        return HttpResponseBadRequest(
            _("The report filters are not valid."), content_type="text/plain; charset=utf-8"
        )
    name = f"bao-cao-dao-tao-{result.dimension}"
    if fmt == "csv":
        separator = SEPARATORS.get(request.GET.get("sep", ""))
        response = HttpResponse(
            report_csv(result, separator), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        report_xlsx(result),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@manager_required
def enrol_csv(request):
    context: dict = {
        "areas": managed_units(request.user),
        "everything": sees_everything(request.user),
    }
    action = request.POST.get("action", "")
    if request.method == "GET":
        context["form"] = EnrolmentUploadForm()
    elif action == "preview":
        form = EnrolmentUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"].read(csv_upload.MAX_BYTES + 1)
            course = form.cleaned_data["course"]
            try:
                checked = csv_upload.check_file(data, manager=request.user, course=course)
                _record(request, "enrolment-preview", course=course)
            except csv_upload.CsvFileError as error:
                form.add_error("file", str(error))
            else:
                token = keep_in_session(request.session, SESSION_KEY, data, course=course.pk)
                context.update(
                    checked=checked,
                    course=course,
                    confirm=EnrolmentConfirmForm(initial={"course": course.pk, "token": token}),
                )
    elif action == "confirm":
        form = EnrolmentConfirmForm(request.POST)
        data = _confirmed_upload(request, form)
        if data is None:
            return _preview_expired(request, context)
        try:
            checked, summary = csv_upload.apply_file(
                data, manager=request.user, course=form.cleaned_data["course"], request=request
            )
        except csv_upload.CsvFileError:
            return _preview_expired(request, context)
        forget_in_session(request.session, SESSION_KEY)
        context.update(
            checked=checked, summary=summary, course=form.cleaned_data["course"], done=True
        )
    else:
        return HttpResponseBadRequest(
            _("Unknown action."), content_type="text/plain; charset=utf-8"
        )
    return render(request, "learning/manage/enrol.html", context)


def _confirmed_upload(request, form: EnrolmentConfirmForm) -> bytes | None:
    """The CSV kept at the preview that this confirmation names, or None."""
    if not form.is_valid() or form.cleaned_data["token"].get("course") != (
        form.cleaned_data["course"].pk
    ):
        return None
    return pending_in_session(request.session, SESSION_KEY, form.cleaned_data["token"])


def _preview_expired(request, context: dict) -> HttpResponse:
    context.update(form=EnrolmentUploadForm(), expired=True)
    return render(request, "learning/manage/enrol.html", context, status=400)


def certificates_in_scope(manager, *, unit=None, course=None):
    """Valid certificates of the learners a manager may see (narrowed to a unit/course)."""
    from learning.models import Certificate, CertificateStatus

    certificates = Certificate.objects.with_status(CertificateStatus.VALID).filter(
        user__in=learners_in_scope(manager, unit=unit)
    )
    if course is not None:
        certificates = certificates.filter(course_id=course.pk)
    return certificates.order_by("learner_name", "issued_at")


@require_GET
@manager_required
def certificates_zip_view(request):
    from learning.certificates.services import certificates_zip

    form = CertificateZipForm(request.GET or None, manager=request.user)
    context = {
        "form": form,
        "areas": managed_units(request.user),
        "everything": sees_everything(request.user),
        "limit": MAX_CERTIFICATES,
    }
    if "download" in request.GET and form.is_valid():
        certificates = certificates_in_scope(
            request.user, unit=form.cleaned_data["unit"], course=form.cleaned_data["course"]
        )
        count = certificates.count()
        if count == 0:
            context["empty"] = True
        elif count > MAX_CERTIFICATES:
            context["too_many"] = count
        else:
            response = HttpResponse(certificates_zip(certificates), content_type="application/zip")
            unit = form.cleaned_data["unit"]
            _record(request, "certificates-zip", unit=unit, course=form.cleaned_data["course"])
            suffix = f"-{unit.pk}" if unit else ""
            response["Content-Disposition"] = f'attachment; filename="chung-nhan{suffix}.zip"'
            return response
    return render(request, "learning/manage/certificates.html", context)
