"""Public certificate pages, included at /chung-nhan/ by portal.urls."""

from django.urls import path

from . import signing_views, views

urlpatterns = [
    path("", views.verify_index, name="certificate_verify_index"),
    path("khoa-cong-khai.json", signing_views.public_keys, name="certificate_public_keys"),
    path("thu-hoi.json", signing_views.revocation_list, name="certificate_revocations"),
    path("xac-minh/", signing_views.offline_check, name="certificate_offline_check"),
    path("<str:code>/", views.verify, name="certificate_verify"),
    path("<str:code>/pdf/", views.download_pdf, name="certificate_pdf"),
]
