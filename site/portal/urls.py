from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese needs no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/api/", search_views.search_api, name="search_api"),
    path("tim-kiem/goi-y/", search_views.suggest, name="search_suggest"),
    path("chung-nhan/", include("learning.certificate_urls")),
    path(
        "quyen-rieng-tu/",
        TemplateView.as_view(template_name="accounts/privacy_notice.html"),
        name="privacy_notice",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
