"""Keeping the full-text indexes compact on SQLite.

FTS5 writes each transaction as a new segment and merges them only now and then
(its automerge), so an index written page by page is read from many segments:
the demo's Wagtail index of 77 pages answered a MATCH in 0.27 ms, 0.085 ms once
merged, and the search page runs that MATCH once per page it scores. After a bulk
load everything is merged at once (`settle_indexes`); after editors publish, a
task merges a bounded amount of work, at most once per MERGE_EVERY seconds.
On PostgreSQL a bulk load is followed by a REINDEX and ANALYZE; daily writes
are kept by autovacuum. The commonest words' ids kept as bitmaps are made again after a
bulk load, and by a task once enough documents were written since
(search.backends.postgres.refresh_common_ids)."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import OperationalError, connection, transaction

from django_tasks import task

from search.backends import get_engine
from search.backends.postgres import (
    COMMON_REFRESH_AFTER,
    changed_since_refresh,
    refresh_common_ids,
    settle_tables,
)
from search.backends.sqlite import FTS_TABLES, optimize_fts

logger = logging.getLogger(__name__)

WAGTAIL_FTS = "wagtailsearch_indexentry_fts"  # Wagtail's page index (modelsearch, SQLite)
MERGE_PAGES = 1000  # leaf pages merged per task, segments of any level (FTS5 'merge', -N)
MERGE_EVERY = 10 * 60
MERGE_DUE_KEY = "search:index-merge-due"
COMMON_REFRESH_EVERY = 10 * 60
COMMON_REFRESH_DUE_KEY = "search:common-refresh-due"
COMMON_REFRESH_ATTEMPTS = 3
SERIALIZATION_FAILURE = "40001"


def _fts_tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    return [table for table in [*FTS_TABLES, WAGTAIL_FTS] if table in existing]


def settle_indexes() -> None:
    """After a bulk load (demo content, rebuild, benchmark): the legal texts' index
    and Wagtail's page index in the shape they reach in daily use."""
    get_engine().settle()
    settle_wagtail_index()


def settle_wagtail_index() -> None:
    if connection.vendor == "postgresql":
        settle_tables(["wagtailsearch_indexentry"])
    elif connection.vendor == "sqlite" and WAGTAIL_FTS in _fts_tables():
        optimize_fts([WAGTAIL_FTS])


def merge_indexes() -> None:
    """Merge up to MERGE_PAGES leaf pages of each FTS5 index's segments."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in _fts_tables():
            cursor.execute(
                f"INSERT INTO {table}({table}, rank) VALUES ('merge', %s)",  # noqa: S608
                [-MERGE_PAGES],
            )


@task()
def merge_indexes_task() -> None:
    merge_indexes()


def schedule_merge(**kwargs) -> None:
    """After a publish or unpublish: a merge, unless one was asked for lately."""
    if connection.vendor != "sqlite":
        return
    try:
        if cache.add(MERGE_DUE_KEY, True, MERGE_EVERY):
            merge_indexes_task.enqueue()
    except Exception:  # noqa: BLE001 - upkeep must never fail a publish
        logger.exception("search index merge could not be queued")


@task()
def refresh_common_ids_task() -> None:
    """A document already listed as changed and written again while the refresh reads
    its snapshot makes the refresh fail to serialize rather than forget it: it is run
    again at once, from a new snapshot that holds the write."""
    for attempt in range(1, COMMON_REFRESH_ATTEMPTS + 1):
        try:
            refresh_common_ids()
            return
        except OperationalError as error:
            raced = getattr(error.__cause__, "sqlstate", None) == SERIALIZATION_FAILURE
            if not raced or attempt == COMMON_REFRESH_ATTEMPTS:
                raise
            logger.info("refresh of the common words' ids raced a write: attempt %s", attempt + 1)


def schedule_common_refresh(**kwargs) -> None:
    """After a legal document is written (PostgreSQL): once COMMON_REFRESH_AFTER
    documents were written since the commonest words' bitmaps were made, a refresh
    when the write is committed, unless one was asked for lately."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():  # a failure here must not abort the publish's transaction
            due = changed_since_refresh() >= COMMON_REFRESH_AFTER
        if due and cache.add(COMMON_REFRESH_DUE_KEY, True, COMMON_REFRESH_EVERY):
            transaction.on_commit(refresh_common_ids_task.enqueue)
    except Exception:  # noqa: BLE001 - upkeep must never fail a publish
        logger.exception("refresh of the common words' ids could not be queued")
