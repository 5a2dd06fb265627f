"""Full-text structures for the database engine in use.

SQLite: an FTS5 table over search_searchentry (external content, kept in sync by
triggers) with two columns: `exact` (accented, lower case) and `folded`.
PostgreSQL: a text search configuration `vi_unaccent` (simple + unaccent, so
every Vietnamese letter folds, đ included), generated tsvector columns and GIN
indexes.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        exact, folded, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, exact, folded) VALUES (new.id, new.exact, new.folded);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, exact, folded)
        VALUES ('delete', old.id, old.exact, old.folded);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, exact, folded)
        VALUES ('delete', old.id, old.exact, old.folded);
        INSERT INTO search_fts(rowid, exact, folded) VALUES (new.id, new.exact, new.folded);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION vi_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    # "/" is replaced by a space: the default parser would read "1472/QĐ-TTg" as a
    # file path and keep it as one lexeme.
    """ALTER TABLE search_searchentry
        ADD COLUMN vector_folded tsvector GENERATED ALWAYS AS
            (to_tsvector('vi_unaccent'::regconfig, replace(body, '/', ' '))) STORED,
        ADD COLUMN vector_exact tsvector GENERATED ALWAYS AS
            (to_tsvector('simple'::regconfig, replace(body, '/', ' '))) STORED""",
    "CREATE INDEX search_entry_folded_gin ON search_searchentry USING gin (vector_folded)",
    "CREATE INDEX search_entry_exact_gin ON search_searchentry USING gin (vector_exact)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_exact_gin",
    "DROP INDEX IF EXISTS search_entry_folded_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector_exact, DROP COLUMN IF EXISTS vector_folded",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DOWN)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DOWN)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
