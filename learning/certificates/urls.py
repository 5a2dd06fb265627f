"""Public certificate pages, included at /chung-nhan/ by portal.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.verify_index, name="certificate_verify_index"),
    path("<str:code>/", views.verify, name="certificate_verify"),
    path("<str:code>/pdf/", views.download_pdf, name="certificate_pdf"),
]
