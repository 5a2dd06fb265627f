from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from home.models import NavigationSettings
from pagecache import store

register = template.Library()


def _site_root(request) -> Page | None:
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def _locale(code: str) -> Locale | None:
    try:
        return Locale.objects.get_for_language(code)
    except (Locale.DoesNotExist, LookupError):
        return None


def _chrome(request) -> dict:
    """The menu and the home link in the visitor's language: the same on every page, so
    kept in the shared cache until the page cache's generation changes (a menu, a menu
    page or the footer changed: pagecache.invalidation)."""
    site = Site.find_for_request(request) if request else None
    key = store.chrome_key(site.pk if site else 0, get_language())
    chrome = store.cache().get(key) if key else None
    if chrome is None:
        root = site.root_page if site else None
        items = NavigationSettings.load(request_or_site=request).menu_items()
        chrome = {
            "home_url": (root.localized.url if root is not None else None) or "/",
            "menu": [{"url": item["url"], "label": item["label"]} for item in items],
        }
        if key:
            store.cache().set(key, chrome, store.timeout())
    return chrome


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    return _chrome(context.get("request"))["home_url"]


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    return _chrome(context.get("request"))["menu"]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translation of the current page where one is
    live, otherwise that language's home page (or, outside Wagtail pages, the
    same URL in that language). When a page has no translation the link says so,
    in the language it leads to (`untranslated`)."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    root = _site_root(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        untranslated = ""
        locale = _locale(code)
        if isinstance(page, Page) and locale is not None:
            if locale.pk == page.locale_id:
                translated = page
            else:
                translated = page.get_translation_or_none(locale)
            if translated is not None and translated.live:
                url = translated.url
            elif code != current:
                with translation.override(code):
                    untranslated = _(
                        "This page has no version in this language: the link opens the home page."
                    )
        if url is None and not isinstance(page, Page) and request is not None:
            url = translate_url(request.get_full_path(), code)
        if url is None and root is not None and locale is not None:
            home = root.get_translation_or_none(locale)
            url = home.url if home is not None and home.live else None
        if url is None:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "untranslated": untranslated,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def query_with(context, *pairs, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and
    filters). Names with dashes go as pairs: {% query_with "co-quan" 3 trang="" %}."""
    request = context["request"]
    params = request.GET.copy()
    changes = {**dict(zip(pairs[::2], pairs[1::2], strict=False)), **changes}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, for keys with dashes."""
    return mapping.get(key) if hasattr(mapping, "get") else None
