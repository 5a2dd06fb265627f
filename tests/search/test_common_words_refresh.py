"""The refresh of the commonest words' bitmaps as the task worker runs it: in its own
transaction, outside any other (PostgreSQL)."""

from django.db import connection

import pytest

from search.backends.postgres import refresh_common_ids

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's kept bitmaps"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_refresh_task_reads_one_snapshot_on_a_connection_checked_first():
    """As the task worker runs it: outside any transaction (the refresh then sets
    REPEATABLE READ as its transaction's first statement), its connection due for a
    health check (CONN_HEALTH_CHECKS, which Django runs before the transaction begins)."""
    connection.ensure_connection()
    enabled = connection.health_check_enabled
    connection.health_check_enabled, connection.health_check_done = True, False
    try:
        refresh_common_ids()  # REPEATABLE READ is set first in its transaction, or this raises
        assert connection.health_check_done
    finally:
        connection.health_check_enabled = enabled
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        assert cursor.fetchone()[0] == "read committed"  # the next transaction as usual
