"""The site's public address: one setting (PUBLIC_BASE_URL) for every absolute link
that leaves the site (certificate PDFs and QR codes, e-mails, feeds), so that
none depends on the Host header or on Wagtail's Site row (``localhost`` by default)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core import checks

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "testserver"}


def base_url() -> str:
    """``PUBLIC_BASE_URL`` without its trailing slash (development: the admin's base URL)."""
    return (getattr(settings, "PUBLIC_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(path_or_url: str) -> str:
    """``path_or_url`` on the public address (an absolute URL keeps only its path)."""
    parts = urlsplit(path_or_url)
    base = urlsplit(base_url())
    path = base.path.rstrip("/") + (parts.path or "/")
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_public_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production (PUBLIC_BASE_URL_REQUIRED) the public address must be set, be
    http(s) and name a real host, not a loopback one."""
    if not getattr(settings, "PUBLIC_BASE_URL_REQUIRED", False):
        return []
    value = getattr(settings, "PUBLIC_BASE_URL", "")
    parts = urlsplit(value)
    if not value:
        problem = "PUBLIC_BASE_URL is not set."
    elif parts.scheme not in {"http", "https"} or not parts.hostname:
        problem = f"PUBLIC_BASE_URL {value!r} is not an http(s) address with a host."
    elif _is_loopback(parts.hostname):
        problem = f"PUBLIC_BASE_URL {value!r} names a loopback host."
    else:
        return []
    return [
        checks.Error(
            problem,
            hint="Set PUBLIC_BASE_URL to the site's public address, e.g. https://baovetreem.example.vn",
            id="content.E001",
        )
    ]
