"""Two application servers sharing the database and Redis: a page published through one
process is purged everywhere and shown fresh by both servers at once."""

import os
import socket
import urllib.request
import uuid
from urllib.parse import urlparse

from django.test import override_settings

import pytest

from content.models import LegalLibraryPage
from pagecache.bench import Server, collect_static
from tests.factories import LegalDocumentPageFactory

# the servers must see the pages; what the migrations created is put back after
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_available() -> bool:
    url = urlparse(REDIS_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not redis_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI ({REDIS_URL})")
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ENABLED=True):
        from django.core.cache import cache

        yield {
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
            "SECRET_KEY": uuid.uuid4().hex * 2,
        }
        cache.delete_pattern("*")


def get(server: Server, path: str) -> tuple[str, str]:
    request = urllib.request.Request(  # noqa: S310 (a local server)
        f"http://127.0.0.1:{server.port}{path}",
        # behind one load balancer every server sees the site's own host name
        headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def test_publishing_through_one_process_purges_both_servers(redis_cache, demo_site):
    library = LegalLibraryPage.objects.get(locale__language_code="vi")
    document = LegalDocumentPageFactory(parent=library, title="Kế hoạch số 5")
    document.save_revision().publish()
    collect_static(redis_cache)
    servers = [Server(1, True, redis_cache) for _ in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        first, second = servers
        # one server renders and stores; the other serves the copy from Redis
        assert get(first, document.url)[0] == "miss"
        state, html = get(second, document.url)
        assert state == "hit" and "Kế hoạch số 5" in html
        # publish through this process (the editor's): the purge reaches both servers
        document.title = "Kế hoạch số 5 (sửa đổi)"
        document.save_revision().publish()
        state, html = get(second, document.url)
        assert state == "miss" and "Kế hoạch số 5 (sửa đổi)" in html
        state, html = get(first, document.url)
        assert state == "hit" and "Kế hoạch số 5 (sửa đổi)" in html
        state, html = get(first, library.url)
        assert "Kế hoạch số 5 (sửa đổi)" in html
    finally:
        for server in servers:
            server.stop()
