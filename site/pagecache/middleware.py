"""Whole anonymous pages from the shared cache, with browser and CDN headers.

A page is stored only when every condition for "the same for every anonymous visitor"
holds: a GET of a Wagtail page or the search page, by a visitor without a session or
messages cookie, answered 200 in HTML without setting a cookie and without a
`Cache-Control` of its own. The CSP nonce of the response is stored as a placeholder
and each hit gets a fresh one (django-csp then puts it in the header).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.module_loading import import_string

from pagecache import store

logger = logging.getLogger(__name__)

NONCE_PLACEHOLDER = b"__pagecache_csp_nonce__"
HIT_HEADER = "X-Page-Cache"
# What a response may carry over from the stored copy (the outer middleware adds the rest).
STORED_HEADERS = {
    "content-type",
    "content-language",
    "vary",
    "x-frame-options",
    "cross-origin-opener-policy",
    "referrer-policy",
    "x-content-type-options",
}
CACHEABLE_VIEWS = {"wagtail_serve", "search"}


def _cookie_names() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGES_COOKIE_NAME", "messages"))


def request_is_cacheable(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in _cookie_names()):
        return False
    if len(request.META.get("QUERY_STRING", "")) > 512:
        return False
    return not request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES)


def response_is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not response.has_header("Cache-Control")
        and match is not None
        and match.url_name in CACHEABLE_VIEWS
        and not getattr(request, "is_preview", False)
        and (user is None or not user.is_authenticated)
    )


def _browser_cache_control(response: HttpResponse, uses_nonce: bool) -> None:
    if uses_nonce:
        # A nonce must not be shared: browsers keep the page but ask again (ETag), CDNs
        # do not store it.
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(
            response,
            public=True,
            max_age=int(getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60)),
            s_maxage=int(getattr(settings, "PAGE_CACHE_CDN_SECONDS", 600)),
        )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            return self._mark_private(request, response)
        try:
            key = store.entry_key(request)
            entry = store.cache().get(key)
        except Exception:  # the cache is down: serve the page, do not fail it
            logger.exception("page cache unavailable")
            return self.get_response(request)
        if entry is not None:
            return self._serve(request, entry)
        response = self.get_response(request)
        if response_is_storable(request, response):
            self._store(request, response, key)
        else:
            response = self._mark_private(request, response)
        return response

    @staticmethod
    def _mark_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Pages for a signed-in visitor are never kept by a shared cache."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _store(self, request: HttpRequest, response: HttpResponse, key: str) -> None:
        nonce = getattr(request, "_csp_nonce", None)
        body = response.content
        uses_nonce = isinstance(nonce, str) and nonce.encode() in body
        if uses_nonce:
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        entry = store.Entry(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() in STORED_HEADERS],
            body=body,
            etag=etag,
            uses_nonce=uses_nonce,
            # what the view asks to run on every hit too: (dotted path, arguments), e.g.
            # the search statistics, which count searches, not renderings
            on_hit=getattr(request, "page_cache_on_hit", None),
        )
        try:
            store.cache().set(key, entry, store.timeout())
        except Exception:
            logger.exception("page cache unavailable")
            return
        response["ETag"] = etag
        response[HIT_HEADER] = "miss"
        _browser_cache_control(response, uses_nonce)

    def _serve(self, request: HttpRequest, entry: store.Entry) -> HttpResponse:
        if entry.on_hit:
            dotted, args = entry.on_hit
            try:
                import_string(dotted)(*args, request)
            except Exception:
                logger.exception("page cache: %s failed on a hit", dotted)
        response = HttpResponse(status=entry.status)
        for name, value in entry.headers:
            response[name] = value
        response["ETag"] = entry.etag
        response[HIT_HEADER] = "hit"
        _browser_cache_control(response, entry.uses_nonce)
        conditional = get_conditional_response(request, etag=entry.etag, response=response)
        if conditional is not response:
            conditional[HIT_HEADER] = "hit"
            return conditional
        body = entry.body
        if entry.uses_nonce:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response.content = body
        return response
