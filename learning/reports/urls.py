from django.urls import path

from . import views

urlpatterns = [
    path("", views.report, name="learning_report"),
    path("bao-cao.csv", views.report_export, {"fmt": "csv"}, name="learning_report_csv"),
    path("bao-cao.xlsx", views.report_export, {"fmt": "xlsx"}, name="learning_report_xlsx"),
    path("ghi-danh/", views.enrol_csv, name="learning_enrol_csv"),
]
urlpatterns += [
    path("chung-nhan/", views.certificates_zip_view, name="learning_certificates_zip"),
]
