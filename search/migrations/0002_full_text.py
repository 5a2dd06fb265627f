"""Full-text structures over search_searchdocument for the database engine in use.

SQLite (FTS5, external content kept in sync by triggers; no word positions, so
the indexes stay small and common words stay fast):
- search_doc_words_fts: `folded` words, `pairs` of neighbouring words as single
  tokens ("tre_em", hence `tokenchars '_'`: a phrase is a conjunction of pairs),
  and the filters as words in `tags`;
- search_doc_exact_fts: the words as written (accented, lower case), and `tags`;
- search_head_fts: the folded head (number, title, subject, headings), for ranking.

PostgreSQL: a text search configuration `vi_unaccent` (simple + unaccent, so every
Vietnamese letter folds, đ included) and generated tsvector columns with GIN
indexes: `vector_terms` (folded words and pairs, without positions),
`vector_exact`, `vector_tags` and `vector_head`. "/" and angle brackets are spaced
out first: the parser would read "1472/QĐ-TTg" as a file path and "<...>" as a tag.
"""

from django.db import migrations

TABLES = {
    "search_doc_words_fts": ("folded", "pairs", "tags"),
    "search_doc_exact_fts": ("exact", "tags"),
    "search_head_fts": ("head_folded",),
}


def _sqlite_up() -> list[str]:
    statements = []
    for table, columns in TABLES.items():
        tokenchars = " tokenchars '_'" if "pairs" in columns else ""
        statements.append(
            f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
            "content='search_searchdocument', content_rowid='page_id', detail=column, "
            f'tokenize="unicode61 remove_diacritics 0{tokenchars}")'
        )
    inserts, deletes = [], []
    for table, columns in TABLES.items():
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        inserts.append(f"INSERT INTO {table}(rowid, {names}) VALUES (new.page_id, {new});")
        deletes.append(
            f"INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', old.page_id, {old});"
        )
    on_insert, on_delete = "\n".join(inserts), "\n".join(deletes)
    statements += [
        f"CREATE TRIGGER search_doc_fts_ai AFTER INSERT ON search_searchdocument BEGIN\n"
        f"{on_insert}\nEND",
        f"CREATE TRIGGER search_doc_fts_ad AFTER DELETE ON search_searchdocument BEGIN\n"
        f"{on_delete}\nEND",
        f"CREATE TRIGGER search_doc_fts_au AFTER UPDATE ON search_searchdocument BEGIN\n"
        f"{on_delete}\n{on_insert}\nEND",
    ]
    statements += [f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in TABLES]
    return statements


SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_doc_fts_au",
    "DROP TRIGGER IF EXISTS search_doc_fts_ad",
    "DROP TRIGGER IF EXISTS search_doc_fts_ai",
    *(f"DROP TABLE IF EXISTS {table}" for table in TABLES),
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
    """ALTER TABLE search_searchdocument
        ADD COLUMN vector_terms tsvector GENERATED ALWAYS AS (
            strip(to_tsvector('vi_unaccent'::regconfig, translate(folded, '/<>', '   ')))
            || array_to_tsvector(string_to_array(pairs, ' '))) STORED,
        ADD COLUMN vector_exact tsvector GENERATED ALWAYS AS
            (strip(to_tsvector('simple'::regconfig, translate(exact, '/<>', '   ')))) STORED,
        ADD COLUMN vector_tags tsvector GENERATED ALWAYS AS
            (to_tsvector('simple'::regconfig, tags)) STORED,
        ADD COLUMN vector_head tsvector GENERATED ALWAYS AS
            (strip(to_tsvector('simple'::regconfig, translate(head_folded, '/<>', '   ')))) STORED""",
    "CREATE INDEX search_document_terms_gin ON search_searchdocument USING gin (vector_terms)",
    "CREATE INDEX search_document_exact_gin ON search_searchdocument USING gin (vector_exact)",
    "CREATE INDEX search_document_tags_gin ON search_searchdocument USING gin (vector_tags)",
    "CREATE INDEX search_document_head_gin ON search_searchdocument USING gin (vector_head)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_terms_gin",
    "DROP INDEX IF EXISTS search_document_exact_gin",
    "DROP INDEX IF EXISTS search_document_tags_gin",
    "DROP INDEX IF EXISTS search_document_head_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector_terms, "
    "DROP COLUMN IF EXISTS vector_exact, DROP COLUMN IF EXISTS vector_tags, "
    "DROP COLUMN IF EXISTS vector_head",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, _sqlite_up())
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
