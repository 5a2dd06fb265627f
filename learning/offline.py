"""The service worker, served from the site root so that its scope is the whole site.

What it keeps (see learning/templates/learning/sw.js): public files only — the
certificate check page, its script and styles, the public keys and the signed
revocation list — so that a certificate can be checked offline once the page has been
opened. Nothing personal is cached for anonymous visitors."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse
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
