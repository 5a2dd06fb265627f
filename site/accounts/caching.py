"""Nothing personal in shared or browser caches (issue 17, finding 5)."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers, patch_cache_control

# Pages about one person (with or without a language prefix).
PERSONAL_PREFIXES = ("/accounts/", "/hoc-tap/")


def is_personal(path: str) -> bool:
    if path.startswith("/en/"):
        path = path[3:]
    return path.startswith(PERSONAL_PREFIXES)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user and
    on every personal page, whatever the view set (a proxy or a shared computer's
    browser must keep no copy). Placed below any page cache, which then skips them."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or is_personal(request.path_info):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)  # drops "public"
        return response
