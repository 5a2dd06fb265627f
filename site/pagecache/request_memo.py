"""Lookups Wagtail repeats many times per page, read once per request.

The active `Locale` is looked up by language code on every `.localized` and menu link,
every `page.locale` reads its row, every `.public()` reads all page view
restrictions, serving a page reads its own and finding the request's `Site` reads the
sites matching its host: one query each time. Within a
request these are read once, from the shared cache (until a locale or a restriction
changes: pagecache.invalidation purges everything then); outside requests (commands,
tests between requests) nothing is remembered, and a change forgets at once.
"""

from __future__ import annotations

import threading

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from pagecache import store

_state = threading.local()
_original_get_for_language = LocaleManager.get_for_language
_original_private_q = PageQuerySet.private_q
_original_get_view_restrictions = Page.get_view_restrictions
_original_find_site = Site._find_for_request


def _start(**kwargs) -> None:
    _state.memo = {}


def _finish(**kwargs) -> None:
    _state.memo = None


def _forget(**kwargs) -> None:
    if getattr(_state, "memo", None) is not None:
        _state.memo = {}


def _memo() -> dict | None:
    return getattr(_state, "memo", None)


def _site_wide() -> dict:
    return {
        "locales": {locale.language_code: locale for locale in Locale.objects.all()},
        "restricted": list(PageViewRestriction.objects.select_related("page")),
        # routing reads only the root page's place in the tree and its language
        "sites": list(Site.objects.select_related("root_page")),
    }


def _shared(memo: dict) -> dict:
    if "shared" not in memo:
        memo["shared"] = store.site_wide("sitewide2", _site_wide)
    return memo["shared"]


def _locales(memo: dict) -> dict[str, Locale]:
    return _shared(memo)["locales"]


def get_for_language(self, language_code: str):
    memo = _memo()
    if memo is None:
        return _original_get_for_language(self, language_code)
    code = get_supported_content_language_variant(language_code)
    try:
        return _locales(memo)[code]
    except KeyError:
        raise Locale.DoesNotExist(code) from None


def _restrictions(memo: dict) -> list[PageViewRestriction]:
    return _shared(memo)["restricted"]


def private_q(self) -> Q:
    memo = _memo()
    if memo is None:
        return _original_private_q(self)
    q = Q()
    for restriction in _restrictions(memo):
        q |= self.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def get_view_restrictions(self):
    """Serving a page checks its and its ancestors' restrictions (two queries): none
    when the site has none at all, as the once-per-request list says."""
    memo = _memo()
    if memo is not None and not _restrictions(memo):
        return PageViewRestriction.objects.none()
    return _original_get_view_restrictions(self)


def site_for_host(sites: list[Site], hostname: str, port: int | str) -> Site | None:
    """Wagtail's choice of site (`get_site_for_hostname`) made among `sites`: the host
    and port, else the host on the default site, else the host alone when only one site
    has it, else the default site (none without one)."""
    exact = [s for s in sites if s.hostname == hostname and str(s.port) == str(port)]
    named = [s for s in sites if s.hostname == hostname]
    default = next((s for s in sites if s.is_default_site), None)
    if exact:
        return exact[0]
    if default is not None and default.hostname == hostname:
        return default
    if len(named) == 1:
        return named[0]
    return default


def find_site(request):
    """The request's site from the once-per-request read of all sites (the site and its
    root page are otherwise one query on every request)."""
    memo = _memo()
    if memo is None:
        return _original_find_site(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    return site_for_host(_shared(memo)["sites"], hostname, request.get_port())


def _memoised_locale_fk(descriptor) -> None:
    """`page.locale` (a foreign key) from the same once-per-request read."""
    original = descriptor.get_object

    def get_object(instance):
        memo = _memo()
        if memo is not None:
            for locale in _locales(memo).values():
                if locale.pk == instance.locale_id:
                    return locale
        return original(instance)

    descriptor.get_object = get_object


def install() -> None:
    from django.apps import apps

    descriptors = {
        id(model.__dict__["locale"]): model.__dict__["locale"]
        for model in apps.get_models()
        if isinstance(model.__dict__.get("locale"), ForwardManyToOneDescriptor)
        and model.__dict__["locale"].field.related_model is Locale
    }
    for descriptor in descriptors.values():
        _memoised_locale_fk(descriptor)
    LocaleManager.get_for_language = get_for_language
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
    Site._find_for_request = staticmethod(find_site)
    request_started.connect(_start, dispatch_uid="pagecache_memo_start")
    request_finished.connect(_finish, dispatch_uid="pagecache_memo_finish")
    for model in (Locale, PageViewRestriction, Site):
        post_save.connect(_forget, sender=model, dispatch_uid=f"pagecache_memo_save_{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"pagecache_memo_del_{model}")
