"""Document-level full-text structures (see 0002 for the section level)."""

from django.db import migrations

SQLITE_UP = [
    # Whole documents: folded words with positions (for phrases), folded words
    # and exact words without positions (fast AND of common words), and their
    # filters as words in `tags`; plus the short head, for ranking.
    """CREATE VIRTUAL TABLE search_doc_fts USING fts5(
        folded, tags, content='search_searchdocument', content_rowid='page_id', detail=full,
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE VIRTUAL TABLE search_doc_words_fts USING fts5(
        folded, tags, content='search_searchdocument', content_rowid='page_id', detail=column,
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE VIRTUAL TABLE search_doc_exact_fts USING fts5(
        exact, tags, content='search_searchdocument', content_rowid='page_id', detail=column,
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE VIRTUAL TABLE search_head_fts USING fts5(
        head_exact, head_folded, content='search_searchdocument', content_rowid='page_id', detail=column,
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER search_doc_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_doc_fts(rowid, folded, tags) VALUES (new.page_id, new.folded, new.tags);
        INSERT INTO search_doc_words_fts(rowid, folded, tags) VALUES (new.page_id, new.folded, new.tags);
        INSERT INTO search_doc_exact_fts(rowid, exact, tags) VALUES (new.page_id, new.exact, new.tags);
        INSERT INTO search_head_fts(rowid, head_exact, head_folded) VALUES (new.page_id, new.head_exact, new.head_folded);
    END""",
    """CREATE TRIGGER search_doc_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_doc_fts(search_doc_fts, rowid, folded, tags) VALUES ('delete', old.page_id, old.folded, old.tags);
        INSERT INTO search_doc_words_fts(search_doc_words_fts, rowid, folded, tags) VALUES ('delete', old.page_id, old.folded, old.tags);
        INSERT INTO search_doc_exact_fts(search_doc_exact_fts, rowid, exact, tags) VALUES ('delete', old.page_id, old.exact, old.tags);
        INSERT INTO search_head_fts(search_head_fts, rowid, head_exact, head_folded) VALUES ('delete', old.page_id, old.head_exact, old.head_folded);
    END""",
    """CREATE TRIGGER search_doc_fts_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_doc_fts(search_doc_fts, rowid, folded, tags) VALUES ('delete', old.page_id, old.folded, old.tags);
        INSERT INTO search_doc_words_fts(search_doc_words_fts, rowid, folded, tags) VALUES ('delete', old.page_id, old.folded, old.tags);
        INSERT INTO search_doc_exact_fts(search_doc_exact_fts, rowid, exact, tags) VALUES ('delete', old.page_id, old.exact, old.tags);
        INSERT INTO search_head_fts(search_head_fts, rowid, head_exact, head_folded) VALUES ('delete', old.page_id, old.head_exact, old.head_folded);
        INSERT INTO search_doc_fts(rowid, folded, tags) VALUES (new.page_id, new.folded, new.tags);
        INSERT INTO search_doc_words_fts(rowid, folded, tags) VALUES (new.page_id, new.folded, new.tags);
        INSERT INTO search_doc_exact_fts(rowid, exact, tags) VALUES (new.page_id, new.exact, new.tags);
        INSERT INTO search_head_fts(rowid, head_exact, head_folded) VALUES (new.page_id, new.head_exact, new.head_folded);
    END""",
    # index what the content table already holds
    "INSERT INTO search_doc_fts(search_doc_fts) VALUES ('rebuild')",
    "INSERT INTO search_doc_words_fts(search_doc_words_fts) VALUES ('rebuild')",
    "INSERT INTO search_doc_exact_fts(search_doc_exact_fts) VALUES ('rebuild')",
    "INSERT INTO search_head_fts(search_head_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_doc_fts_au",
    "DROP TRIGGER IF EXISTS search_doc_fts_ad",
    "DROP TRIGGER IF EXISTS search_doc_fts_ai",
    "DROP TABLE IF EXISTS search_doc_fts",
    "DROP TABLE IF EXISTS search_doc_words_fts",
    "DROP TABLE IF EXISTS search_doc_exact_fts",
    "DROP TABLE IF EXISTS search_head_fts",
]
# exact and folded hold the text already lower-cased (and folded). "/" and angle
# brackets are spaced out: the parser would read "1472/QĐ-TTg" as a file path,
# and "<...>" as a tag hiding the words after it.
POSTGRES_UP = [
    """ALTER TABLE search_searchdocument
        ADD COLUMN vector_folded tsvector GENERATED ALWAYS AS
            (to_tsvector('vi_unaccent'::regconfig, translate(folded, '/<>', '   '))) STORED,
        ADD COLUMN vector_exact tsvector GENERATED ALWAYS AS
            (to_tsvector('simple'::regconfig, translate(exact, '/<>', '   '))) STORED,
        ADD COLUMN vector_tags tsvector GENERATED ALWAYS AS
            (to_tsvector('simple'::regconfig, tags)) STORED,
        ADD COLUMN vector_head tsvector GENERATED ALWAYS AS
            (to_tsvector('simple'::regconfig, translate(head_folded, '/<>', '   '))) STORED""",
    "CREATE INDEX search_document_folded_gin ON search_searchdocument USING gin (vector_folded)",
    "CREATE INDEX search_document_exact_gin ON search_searchdocument USING gin (vector_exact)",
    "CREATE INDEX search_document_tags_gin ON search_searchdocument USING gin (vector_tags)",
    "CREATE INDEX search_document_head_gin ON search_searchdocument USING gin (vector_head)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_exact_gin",
    "DROP INDEX IF EXISTS search_document_folded_gin",
    "DROP INDEX IF EXISTS search_document_tags_gin",
    "DROP INDEX IF EXISTS search_document_head_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector_exact, "
    "DROP COLUMN IF EXISTS vector_folded, DROP COLUMN IF EXISTS vector_tags, "
    "DROP COLUMN IF EXISTS vector_head",
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
    dependencies = [("search", "0003_search_document")]

    operations = [migrations.RunPython(forwards, backwards)]
