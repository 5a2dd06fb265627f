from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from content.translations import translations_by_locale
from home.context_processors import site_context
from home.models import FooterSettings, NavigationSettings
from pagecache import store

register = template.Library()


def _locale(code: str) -> Locale | None:
    try:
        return Locale.objects.get_for_language(code)
    except (Locale.DoesNotExist, LookupError):
        return None


def _chrome(request) -> dict:
    """The menu, the home links and the footer in the visitor's language: the same on
    every page, so kept in the shared cache until the page cache's generation changes
    (a menu, a menu page, a home page or the footer changed: pagecache.invalidation),
    and read once per request. The footer is kept rendered."""
    memo = getattr(request, "_portal_chrome", None)
    if memo is not None:
        return memo
    site = Site.find_for_request(request) if request else None
    key = store.chrome_key(site.pk if site else 0, get_language())
    chrome = store.cache().get(key) if key else None
    if chrome is None:
        root = site.root_page if site else None
        items = NavigationSettings.load(request_or_site=request).menu_items()
        footer = FooterSettings.load(request_or_site=request)
        chrome = {
            "home_url": (root.localized.url if root is not None else None) or "/",
            "home_urls": _home_urls(root),
            "menu": [{"url": item["url"], "label": item["label"]} for item in items],
            "footer_html": render_to_string(
                "includes/footer.html",
                {
                    **site_context(request),
                    "footer": {"about": footer.about_for_language(), "email": footer.contact_email},
                },
            ),
        }
        if key:
            store.cache().set(key, chrome, store.timeout())
    if request is not None:
        request._portal_chrome = chrome
    return chrome


def _home_urls(root: Page | None) -> dict[str, str]:
    """The live home page's URL in each language that has one, by language code."""
    if root is None:
        return {}
    urls = {}
    for code, _name in settings.LANGUAGES:
        locale = _locale(code)
        home = translations_by_locale(root).get(locale.pk) if locale is not None else None
        if home is not None and home.live and home.url:
            urls[code] = home.url
    return urls


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    return _chrome(context.get("request"))["home_url"]


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    return _chrome(context.get("request"))["menu"]


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The footer in the visitor's language, rendered once with the menu."""
    return mark_safe(_chrome(context.get("request"))["footer_html"])  # noqa: S308 (our template)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translation of the current page where one is
    live, otherwise that language's home page (or, outside Wagtail pages, the
    same URL in that language). When a page has no translation the link says so,
    in the language it leads to (`untranslated`)."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    home_urls = _chrome(request)["home_urls"]
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        untranslated = ""
        locale = _locale(code)
        if isinstance(page, Page) and locale is not None:
            translated = translations_by_locale(page).get(locale.pk)
            if translated is not None and translated.live:
                url = translated.url
            elif code != current:
                with translation.override(code):
                    untranslated = _(
                        "This page has no version in this language: the link opens the home page."
                    )
        if url is None and not isinstance(page, Page) and request is not None:
            url = translate_url(request.get_full_path(), code)
        if url is None:
            url = home_urls.get(code)
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
