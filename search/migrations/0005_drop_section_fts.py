"""Sections are no longer matched by the database (documents are, then the best
section of each hit is chosen in Python): drop their full-text structures."""

from django.db import migrations

SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES = [
    "DROP INDEX IF EXISTS search_entry_exact_gin",
    "DROP INDEX IF EXISTS search_entry_folded_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector_exact, "
    "DROP COLUMN IF EXISTS vector_folded",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0004_document_indexes")]

    # Going back leaves the sections without full-text structures (0002 made them).
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
