"""Offline use: the service worker (served from the site root so that its scope is the
whole site), the web app manifest, a course downloaded by an enrolled learner, and
sign-out clearing what this device kept.

The worker (learning/templates/learning/sw.js) keeps two things apart:
- public files, fetched without cookies: the certificate check page, its script and
  styles, the public keys and the signed revocation list;
- the learner's own copy of a course, only when an enrolled learner presses
  "download" (nothing personal is cached for anonymous visitors); sign-out sends
  Clear-Site-Data, which empties it."""

from __future__ import annotations

import hashlib
import json
import os
import re
from html import unescape as html_unescape
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET


def public_files() -> list[str]:
    """Fetched when the worker installs; the same for every visitor."""
    return [
        reverse("certificate_offline_check"),
        reverse("certificate_public_keys"),
        reverse("certificate_revocations"),
        static("css/site.css"),
        static("css/learning.css"),
        static("js/certificate-check.js"),
    ]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    files = public_files()
    body = render_to_string(
        "learning/sw.js",
        {
            "files": json.dumps(files),
            "version": hashlib.sha256("\n".join(files).encode()).hexdigest()[:12],
            "offline_page": json.dumps(reverse("certificate_offline_check")),
            "certificate_prefixes": json.dumps(["/chung-nhan/", "/en/chung-nhan/"]),
            "network_first": json.dumps(
                [reverse("certificate_public_keys"), reverse("certificate_revocations")]
            ),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


# --- a course downloaded by an enrolled learner -----------------------------------------

_ASSET_RE = re.compile(
    r"""<(?:img|source|link|script)\b[^>]*?\b(?:src|srcset|href)="([^"]+)"[^>]*>""", re.I
)


def _phone_size(candidates: str) -> str:
    """From a srcset, the candidate meant for a phone: the narrowest one."""
    best, best_width = "", None
    for candidate in candidates.split(","):
        parts = candidate.split()
        if not parts:
            continue
        width = int(parts[1][:-1]) if len(parts) > 1 and parts[1].endswith("w") else 0
        if best_width is None or width < best_width:
            best, best_width = parts[0], width
    return best


def _asset_urls(html: str) -> list[str]:
    urls = []
    for match in _ASSET_RE.finditer(html):
        tag, value = match.group(0), html_unescape(match.group(1))
        if tag.lower().startswith("<link") and 'rel="stylesheet"' not in tag:
            continue
        urls.append(_phone_size(value) if "srcset=" in tag else value)
    return [url for url in urls if url.startswith((settings.STATIC_URL, settings.MEDIA_URL))]


def _file_size(url: str) -> int:
    """The size of a static or media file from its URL, 0 when it cannot be found."""
    path = unquote(urlsplit(url).path)
    try:
        if path.startswith(settings.MEDIA_URL):
            return default_storage.size(path[len(settings.MEDIA_URL) :])
        name = path[len(settings.STATIC_URL) :]
        try:
            return staticfiles_storage.size(name)
        except (OSError, NotImplementedError, ValueError):
            found = finders.find(name)
            return os.path.getsize(found) if found else 0
    except (OSError, NotImplementedError, ValueError):
        return 0


def course_bundle(request: HttpRequest, course) -> dict:
    """What "download for offline" stores: the course and lesson pages as this learner
    sees them, the images at phone size and the styles and scripts they use, with
    their sizes, so the page can say how much it will download before it does."""
    from wagtail.models import Page

    files: dict[str, int] = {}
    pages: list[Page] = [course, *course.lessons().live().public().specific()]
    for page in pages:
        response = page.specific.serve(request)
        if hasattr(response, "render"):
            response.render()
        html = response.content.decode()
        files[page.url] = len(response.content)
        for url in _asset_urls(html):
            if url not in files:
                files[url] = _file_size(url)
    return {
        "course": course.pk,
        "pages": [page.url for page in pages],
        "files": [{"url": url, "bytes": size} for url, size in files.items()],
        "bytes": sum(files.values()),
    }


@login_required
@require_GET
def download_list(request: HttpRequest, course_id: int) -> JsonResponse:
    from learning.models import CoursePage, Enrolment

    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    if not Enrolment.objects.filter(user=request.user, course=course).exists():
        raise Http404("not enrolled")
    response = JsonResponse(course_bundle(request, course))
    response["Cache-Control"] = "private, no-store"
    return response


# --- signing out empties this device's copies -----------------------------------------------


def logout(request: HttpRequest) -> HttpResponse:
    """allauth's sign-out, plus Clear-Site-Data so that the lessons, answers and
    queued actions kept on a shared phone go with the session."""
    from allauth.account.views import logout as allauth_logout

    response = allauth_logout(request)
    if request.method == "POST":
        response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: the portal can be added to a phone's home screen."""
    response = JsonResponse(
        {
            "name": settings.WAGTAIL_SITE_NAME,
            "short_name": "Bảo vệ Trẻ em",
            "lang": "vi",
            "start_url": reverse("learning_dashboard"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5cad",
            "icons": [{"src": static("img/app-icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
