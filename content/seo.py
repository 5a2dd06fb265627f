"""sitemap.xml (every language's pages) and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's tree only; the English pages live
    in the root's translation, a separate tree: list every translation's tree."""

    def items(self):
        site = self.get_wagtail_site()
        roots = [site.root_page, *site.root_page.get_translations()]
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


@require_GET
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": AllLanguagesSitemap})


@require_GET
def robots_txt(request) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
