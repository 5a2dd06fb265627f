from django.urls import path

from . import area_views, views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("my-data/", views.my_data, name="accounts_my_data"),
    path("my-data/download/", views.export_data, name="accounts_export_data"),
    path("delete/", views.delete_account_view, name="accounts_delete"),
    path("communes/", area_views.communes, name="accounts_communes"),
    path("communes/former/", area_views.former_communes, name="accounts_former_communes"),
]
