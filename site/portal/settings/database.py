"""The database connection, tuned when it is SQLite so that the embedded default
holds a small school's load under a multi-process web server."""

from __future__ import annotations

import os

import dj_database_url

# WAL lets readers run while one writer writes; NORMAL is safe with WAL (a power cut
# may lose the last transactions, never corrupt the file); foreign keys as always.
SQLITE_INIT_COMMAND = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA mmap_size=134217728;"
    "PRAGMA cache_size=-20000"
)


def database_from_env(default_url: str) -> dict:
    """DATABASE_URL (or `default_url`) as Django's database settings.

    On SQLite: write transactions take the write lock when they begin (IMMEDIATE),
    so two requests never both read and then fail to upgrade to a write ("database
    is locked" at once, whatever the timeout); a writer waits up to
    SQLITE_BUSY_TIMEOUT seconds for the lock instead of failing. Each process keeps
    its connection for DATABASE_CONN_MAX_AGE seconds (default 600): opening one runs
    the pragmas above and starts with a cold page cache, about 3 ms of every request.
    """
    config = dj_database_url.parse(
        os.environ.get("DATABASE_URL", default_url),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
                "init_command": SQLITE_INIT_COMMAND,
            }
        )
    return config
