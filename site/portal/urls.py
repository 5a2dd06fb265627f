from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.account.decorators import secure_admin_login

from accounts import views as accounts_views
from content import feeds, seo
from learning.courses import offline
from portal.health import health
from search import views as search_views

# Both admins sign in through allauth, so through the second factor: their own
# login forms would take a password alone.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/login/", accounts_views.admin_login, name="admin_login_redirect"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="web_manifest"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese needs no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    # allauth's sign-out, also emptying what this device kept offline
    path("accounts/logout/", offline.logout),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("hoc-tap/bao-cao/", include("learning.reports.urls")),
    path("hoc-tap/", include("learning.courses.urls")),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/api/", search_views.search_api, name="search_api"),
    path("tim-kiem/goi-y/", search_views.suggest, name="search_suggest"),
    path("feeds/tin-tuc.rss", feeds.NewsFeed(), name="feed_news_rss"),
    path("feeds/tin-tuc.atom", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("feeds/van-ban.rss", feeds.LegalDocumentsFeed(), name="feed_documents_rss"),
    path("feeds/van-ban.atom", feeds.LegalDocumentsAtomFeed(), name="feed_documents_atom"),
    path("chung-nhan/", include("learning.certificates.urls")),
    path(
        "quyen-rieng-tu/",
        TemplateView.as_view(template_name="accounts/privacy_notice.html"),
        name="privacy_notice",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
