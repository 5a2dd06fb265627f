"""The managers' pages: their admin addresses (``admin_urlpatterns``, registered by
``learning.wagtail_hooks``) and the former public ones, which redirect there so that
bookmarks and e-mails keep working (``urlpatterns``, under ``/hoc-tap/bao-cao/``)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

admin_urlpatterns = [
    path("", views.ReportView.as_view(), name="learning_report"),
    path("bao-cao.csv", views.report_export, {"fmt": "csv"}, name="learning_report_csv"),
    path("bao-cao.xlsx", views.report_export, {"fmt": "xlsx"}, name="learning_report_xlsx"),
    path("ghi-danh/", views.EnrolView.as_view(), name="learning_enrol_csv"),
    path("ghi-danh/mau.csv", views.enrolment_template, name="learning_enrol_template"),
    path("chung-nhan/", views.CertificatesView.as_view(), name="learning_certificates_zip"),
]


def _moved(route: str, name: str):
    view = RedirectView.as_view(pattern_name=name, query_string=True, permanent=True)
    return path(route, view, name=f"{name}_moved")


urlpatterns = [
    _moved("", "learning_report"),
    _moved("bao-cao.csv", "learning_report_csv"),
    _moved("bao-cao.xlsx", "learning_report_xlsx"),
    _moved("ghi-danh/", "learning_enrol_csv"),
    _moved("chung-nhan/", "learning_certificates_zip"),
]
