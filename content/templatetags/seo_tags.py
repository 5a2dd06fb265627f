"""Head links and sharing tags: canonical, hreflang alternates, feeds, Open Graph
and Twitter cards."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.images.models import Filter
from wagtail.models import Page

from content.translations import translations_by_locale

register = template.Library()

#: made once: a Filter works out its operations on first use (base/templatetags/portal_images.py)
SHARE_FILTER = Filter("fill-1200x630|format-jpeg|jpegquality-80")


def _absolute(request, url: str) -> str:
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def alternates(page: Page, request) -> list[dict]:
    """hreflang links: every live translation (this page included) and x-default
    (the Vietnamese original)."""
    links = []
    default_url = None
    for translation in translations_by_locale(page).values():
        if not translation.live:
            continue
        url = translation.get_full_url(request)
        if not url:
            continue
        code = translation.locale.language_code
        links.append({"lang": code, "url": url})
        if code == settings.LANGUAGE_CODE:
            default_url = url
    links.sort(key=lambda link: link["lang"])
    if default_url:
        links.append({"lang": "x-default", "url": default_url})
    return links


@register.inclusion_tag("content/includes/page_meta.html", takes_context=True)
def page_meta(context) -> dict:
    request = context.get("request")
    page = context.get("page")
    result = {"request": request, "language": get_language()}
    if isinstance(page, Page) and getattr(page, "pk", None) and page.live:
        specific = page.specific if not hasattr(page, "share_description") else page
        result["canonical"] = page.get_full_url(request)
        result["alternates"] = alternates(page, request)
        result["title"] = page.seo_title or page.title
        result["description"] = getattr(specific, "share_description", "") or (
            page.search_description
        )
        image = getattr(specific, "share_image", None)
        if image is not None:
            rendition = image.get_rendition(SHARE_FILTER)
            result["image"] = {
                "url": _absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": rendition.alt if hasattr(rendition, "alt") else "",
            }
    elif request is not None:
        result["canonical"] = request.build_absolute_uri(request.path)
    return result
