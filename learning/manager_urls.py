from django.urls import path

from . import manager_views

urlpatterns = [
    path("", manager_views.report, name="learning_report"),
    path("bao-cao.csv", manager_views.report_export, {"fmt": "csv"}, name="learning_report_csv"),
    path("bao-cao.xlsx", manager_views.report_export, {"fmt": "xlsx"}, name="learning_report_xlsx"),
    path("ghi-danh/", manager_views.enrol_csv, name="learning_enrol_csv"),
]
urlpatterns += [
    path("chung-nhan/", manager_views.certificates_zip_view, name="learning_certificates_zip"),
]
