"""Training managers' pages, inside the Wagtail admin: the report and its exports,
CSV enrolment (upload, preview, confirm; its template), the certificates ZIP.

Every view goes through :class:`ManagerPage` (or ``manager_required``) and
``learners_in_scope``. The admin's own gate (``access_admin``) comes first: the
managers' group holds that permission. The pages' former public addresses under
``/hoc-tap/bao-cao/`` redirect here (``urls.py``).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

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
    """For the downloads (no page around them): managers only."""

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


class ManagerPage(WagtailAdminTemplateMixin, TemplateView):
    """An admin page for training managers (superusers included), with the admin's
    header and breadcrumbs: Home › Training report › this page."""

    header_icon = "table"
    http_method_names = ["get", "head"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [*self.breadcrumbs_items]
        if not isinstance(self, ReportView):
            items.append({"url": reverse("learning_report"), "label": _("Training report")})
        return [*items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["areas"] = managed_units(self.request.user)
        context["everything"] = sees_everything(self.request.user)
        return context


class ReportView(ManagerPage):
    page_title = gettext_lazy("Training report")
    template_name = "learning/manage/report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, result = _report(request)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=result,
                chart=_chart(result),
                rule=COUNTING_RULE,
                query=request.GET.urlencode(),
            )
        )


def _chart(result):
    if result is None or not result.rows:
        return None
    dimension = result.dimension_label.lower()
    return bar_chart(
        "report-chart",
        _("Completion and pass rates by %(dimension)s") % {"dimension": dimension},
        _(
            "Bar chart of the table below: completion rate and pass rate, in per cent, "
            "for each %(dimension)s."
        )
        % {"dimension": dimension},
        [row.label for row in result.rows],
        [
            Series(_("Completion rate"), [row.completion_rate for row in result.rows]),
            Series(_("Pass rate"), [row.pass_rate for row in result.rows]),
        ],
    )


@manager_required
def report_export(request, fmt: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
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


@manager_required
def enrolment_template(request):
    """The empty learners list to fill in: Vietnamese headers, as Vietnamese Excel opens it."""
    response = HttpResponse(csv_upload.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_upload.TEMPLATE_FILENAME}"'
    return response


class EnrolView(ManagerPage):
    page_title = gettext_lazy("Enrol learners from a CSV file")
    header_icon = "user"
    template_name = "learning/manage/enrol.html"
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["columns"] = csv_upload.column_guide()
        context["roles"] = csv_upload.role_guide()
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=EnrolmentUploadForm()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "")
        if action == "preview":
            return self.preview(request)
        if action == "confirm":
            return self.confirm(request)
        return HttpResponseBadRequest(
            _("Unknown action."), content_type="text/plain; charset=utf-8"
        )

    def preview(self, request: HttpRequest) -> HttpResponse:
        form = EnrolmentUploadForm(request.POST, request.FILES)
        context: dict[str, Any] = {"form": form}
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
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request: HttpRequest) -> HttpResponse:
        form = EnrolmentConfirmForm(request.POST)
        data = _confirmed_upload(request, form)
        if data is None:
            return self.expired()
        try:
            checked, summary = csv_upload.apply_file(
                data, manager=request.user, course=form.cleaned_data["course"], request=request
            )
        except csv_upload.CsvFileError:
            return self.expired()
        forget_in_session(request.session, SESSION_KEY)
        return self.render_to_response(
            self.get_context_data(
                checked=checked, summary=summary, course=form.cleaned_data["course"], done=True
            )
        )

    def expired(self) -> HttpResponse:
        context = self.get_context_data(form=EnrolmentUploadForm(), expired=True)
        return self.render_to_response(context, status=400)


def _confirmed_upload(request, form: EnrolmentConfirmForm) -> bytes | None:
    """The CSV kept at the preview that this confirmation names, or None."""
    if not form.is_valid() or form.cleaned_data["token"].get("course") != (
        form.cleaned_data["course"].pk
    ):
        return None
    return pending_in_session(request.session, SESSION_KEY, form.cleaned_data["token"])


def certificates_in_scope(manager, *, unit=None, course=None):
    """Valid certificates of the learners a manager may see (narrowed to a unit/course)."""
    from learning.models import Certificate, CertificateStatus

    certificates = Certificate.objects.with_status(CertificateStatus.VALID).filter(
        user__in=learners_in_scope(manager, unit=unit)
    )
    if course is not None:
        certificates = certificates.filter(course_id=course.pk)
    return certificates.order_by("learner_name", "issued_at")


class CertificatesView(ManagerPage):
    page_title = gettext_lazy("Certificates for printing")
    header_icon = "doc-full"
    template_name = "learning/manage/certificates.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from learning.certificates.services import certificates_zip

        form = CertificateZipForm(request.GET or None, manager=request.user)
        context: dict[str, Any] = {"form": form, "limit": MAX_CERTIFICATES}
        if "download" in request.GET and form.is_valid():
            unit, course = form.cleaned_data["unit"], form.cleaned_data["course"]
            certificates = certificates_in_scope(request.user, unit=unit, course=course)
            count = certificates.count()
            if count == 0:
                context["empty"] = True
            elif count > MAX_CERTIFICATES:
                context["too_many"] = count
            else:
                response = HttpResponse(
                    certificates_zip(certificates), content_type="application/zip"
                )
                _record(request, "certificates-zip", unit=unit, course=course)
                suffix = f"-{unit.pk}" if unit else ""
                response["Content-Disposition"] = f'attachment; filename="chung-nhan{suffix}.zip"'
                return response
        return self.render_to_response(self.get_context_data(**context))
