"""PostgreSQL: a statement run again on a connection is prepared, so planned once
(settings/base.py, DATABASE_PREPARE_THRESHOLD)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from content.models import LegalDocumentPage


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI runs it)")
def test_a_query_run_again_is_planned_once():
    for _ in range(6):
        list(LegalDocumentPage.objects.filter(slug="khong-co").select_related("issuer"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any("content_legaldocumentpage" in s and "content_issuer" in s for s in statements)


def database_options(**env) -> dict:
    """The database OPTIONS production settings make from this environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {}), default=str))"
    )
    root = Path(settings.BASE_DIR)
    environ = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), str(root / "site")]),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
        "PUBLIC_BASE_URL": "https://example.org",
        "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
        **env,
    }
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_prepared_statements_are_on_by_default_and_can_be_turned_off():
    assert database_options() == {"server_side_binding": True, "prepare_threshold": 5}
    assert "prepare_threshold" not in database_options(DATABASE_PREPARE_THRESHOLD="0")
