"""Search engines behind one interface; `get_engine()` picks the one settings ask for."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from .base import SearchEngine

ENGINES = {
    "sqlite": "search.backends.sqlite.SQLiteEngine",
    "postgresql": "search.backends.postgres.PostgresEngine",
    "elasticsearch": "search.backends.elastic.ElasticsearchEngine",
}


def engine_name() -> str:
    configured = getattr(settings, "LEGAL_SEARCH_ENGINE", "") or ""
    if configured:
        return configured
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return "elasticsearch"
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def get_engine() -> SearchEngine:
    return import_string(ENGINES[engine_name()])()
