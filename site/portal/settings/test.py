"""Settings for the test suite: fast hashing, local e-mail, plain static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "https://baovetreem.example.vn"
# Serve static files straight from the sources (no collectstatic needed for the live server).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file rather than SQLite's shared in-memory database: the browser tests' live
# server thread and the serialized rollback between them need a real file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Tasks run at once in the test process, so a test sees their outcome.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# One process: local memory is shared by everything a test runs (the cross-process
# tests build their own file caches). Each search's statistics are flushed at once.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SEARCH_LOG_BATCH = 1
# Whole-page caching is tested on its own (tests/pagecache): elsewhere every request renders.
PAGE_CACHE_ENABLED = False
