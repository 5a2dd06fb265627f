"""A version kept in the shared cache, which every process compares with the one
its kept copy was made under: renewing it makes every copy stale at once."""

from __future__ import annotations

import uuid

from django.core.cache import cache


def current_version(key: str) -> str:
    version = cache.get(key)
    if version is None:  # never set, or the cache was cleared: nobody's copy is trusted
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def renew_version(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
