"""The default cache is shared between processes (files when REDIS_URL is unset,
Redis when set): a document published by another process (a command, another
gunicorn worker) is listed by this one at once, not after a restart."""

import importlib
import os
import subprocess
import sys

from django.conf import settings
from django.test import Client

import pytest

from content.importer import parse_text
from content.legal_import import import_document
from content.models import LegalLibraryPage
from portal.settings import base
from search import facts, indexing
from tests.search.conftest import DECISION

pytestmark = pytest.mark.django_db


def test_default_cache_is_files_without_redis_and_redis_with_it(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))
    try:
        config = importlib.reload(base).CACHES["default"]
        assert config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
        assert config["LOCATION"] == str(tmp_path)
        monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/2")
        config = importlib.reload(base).CACHES["default"]
        assert config["BACKEND"] == "django_redis.cache.RedisCache"
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def in_another_process(code: str, cache_dir) -> None:
    env = {
        **os.environ,
        "CACHE_DIR": str(cache_dir),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603 - our own manage.py with a fixed command
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )


def test_a_publish_in_another_process_is_seen(demo_site, tmp_path, monkeypatch, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    library = LegalLibraryPage.objects.child_of(demo_site).get()
    client = Client()
    assert "1472/QĐ-TTg" not in client.get("/tim-kiem/", {"q": "1472"}).content.decode()
    facts.all_facts()  # this process holds its copy of the facts

    # The other process publishes: this process's copy of the facts is not told
    # directly, only through the shared cache.
    monkeypatch.setattr(indexing, "changed", lambda: None)
    page = import_document(parse_text(DECISION), library=library, publish=True).page
    client.get("/tim-kiem/", {"q": "1472"})
    assert page.pk not in facts.all_facts().ids  # stale: what showed until a restart

    in_another_process("from search import facts; facts.changed()", tmp_path / "cache")
    html = client.get("/tim-kiem/", {"q": "1472"}).content.decode()
    assert page.pk in facts.all_facts().ids
    assert "1472/QĐ-TTg" in html
