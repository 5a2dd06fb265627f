"""The public keys and the signed revocation list (JSON at stable addresses) and the
page that checks a certificate's signature in the browser, offline once visited."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from learning.certificates.signing import public_jwks, signed_revocation_list


@require_GET
def public_keys(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(public_jwks())
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
def revocation_list(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(signed_revocation_list())
    patch_cache_control(response, public=True, no_cache=True, max_age=0)
    return response


@require_GET
def offline_check(request: HttpRequest) -> HttpResponse:
    """The same for every visitor (nothing personal), so the service worker may keep it."""
    response = render(request, "learning/certificate_offline.html")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
