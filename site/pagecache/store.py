"""Keys, entries and purges of the anonymous page cache (in the shared `default` cache).

A cached page is stored under a key that includes a site-wide generation and a version
for its path (every query string of that path shares it). Purging a path gives it a new
version; purging everything gives a new generation. Keys are computed when the request
starts, so a page rendered from data older than a purge is stored under a key no request
will look up again.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

PREFIX = "pagecache"
GENERATION_KEY = f"{PREFIX}:generation"


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def _path_version_key(path: str) -> str:
    return f"{PREFIX}:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def entry_key(request: HttpRequest) -> str:
    """The key this request's page is read from and stored under (one cache round trip)."""
    path_key = _path_version_key(request.path)
    versions = cache().get_many([GENERATION_KEY, path_key])
    full = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(full.encode()).hexdigest()[:40]
    return (
        f"{PREFIX}:page:{versions.get(GENERATION_KEY, '0')}:{versions.get(path_key, '0')}:{digest}"
    )


@dataclass
class Entry:
    """A stored page: the body with the CSP nonce replaced by a placeholder."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    uses_nonce: bool
    on_hit: tuple[str, tuple] | None = None


def chrome_key(site_id: int, language: str) -> str | None:
    """Key of the parts shown on every page (menu, home link), tied to the generation."""
    try:
        generation = cache().get(GENERATION_KEY, "0")
    except Exception:
        return None
    # the number is the entry's shape: a release that changes it never reads the old one
    return f"{PREFIX}:chrome3:{generation}:{site_id}:{language}"


def site_wide(name: str, compute):
    """A value every page reads (the languages, the view restrictions), kept in the
    shared cache until the generation changes; computed here when the cache fails."""
    try:
        key = f"{PREFIX}:{name}:{cache().get(GENERATION_KEY, '0')}"
        value = cache().get(key)
    except Exception:
        return compute()
    if value is None:
        value = compute()
        cache().set(key, value, timeout())
    return value


def purge_paths(paths: Iterable[str]) -> list[str]:
    """Give each path (all its query strings, every host) a new version."""
    paths = sorted({p for p in paths if p})
    if paths:
        cache().set_many({_path_version_key(p): uuid.uuid4().hex for p in paths}, None)
    return paths


def purge_all() -> None:
    cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
