"""WSGI entry point; puts site/ on the path so the project package imports."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402


def rest_framework_without_postgresql_fields() -> None:
    """Django REST framework (Wagtail's admin API) imports django.contrib.postgres's
    fields whenever it can, and with them psycopg (about 6 MB), to map PostgreSQL's
    fields in its serializers. With no PostgreSQL database there are none to map: on
    SQLite, REST framework is imported here, before the URLs, as if
    django.contrib.postgres were not there (its own fallback, `postgres_fields = None`).
    Nothing else a web process loads imports those fields on SQLite; they stay
    importable afterwards."""
    from django.db import connections

    fields = "django.contrib.postgres.fields"
    if any(connections[alias].vendor == "postgresql" for alias in connections):
        return
    if "rest_framework.compat" in sys.modules or fields in sys.modules:
        return
    sys.modules[fields] = None  # an import of it raises ImportError
    try:
        import rest_framework.compat  # noqa: F401
    finally:
        if sys.modules.get(fields, 0) is None:
            del sys.modules[fields]


application = get_wsgi_application()
rest_framework_without_postgresql_fields()
