"""The ids of the commonest words, kept as compressed bitmaps (PostgreSQL).

A word most of the library holds has a posting list in the GIN index as long as the
library: at 100,000 documents "tre_em" alone is 25 to 45 ms of index scan, heap scan
and packing, and a phrase of five such pairs 50 to 70 ms, against 1 ms to read the
same ids as bitmaps. `search_common_ids` holds each such word's ids, serialized by
pyroaring, as of the last refresh (search.common_ids); `search_common_changed` the
documents written since, which a search checks through the index instead. A trigger
fills it while there are words kept; emptying the documents' table (TRUNCATE)
empties both, as no id kept would still be true.
"""

from importlib import import_module

from django.db import migrations

run = import_module("search.migrations.0010_document_ids_in_one_scan").run

FORWARDS = [
    "CREATE TABLE search_common_ids (lexeme text PRIMARY KEY, ids bytea NOT NULL)",
    "CREATE TABLE search_common_changed (page_id integer PRIMARY KEY)",
    """
CREATE FUNCTION search_common_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM search_common_ids) THEN
        -- a row already listed is written again, so that a refresh under way (which
        -- deletes the rows it saw) fails to serialize rather than forget this change
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO search_common_changed VALUES (OLD.page_id)
            ON CONFLICT (page_id) DO UPDATE SET page_id = EXCLUDED.page_id;
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.page_id <> OLD.page_id) THEN
            INSERT INTO search_common_changed VALUES (NEW.page_id)
            ON CONFLICT (page_id) DO UPDATE SET page_id = EXCLUDED.page_id;
        END IF;
    END IF;
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION search_common_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_common_ids;
    DELETE FROM search_common_changed;
    RETURN NULL;
END $$
""",
    "CREATE TRIGGER search_common_note_change AFTER INSERT OR UPDATE OR DELETE "
    "ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_common_note_change()",
    "CREATE TRIGGER search_common_forget AFTER TRUNCATE ON search_searchdocument "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_common_forget()",
]
BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_common_forget ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_common_note_change ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_common_forget()",
    "DROP FUNCTION IF EXISTS search_common_note_change()",
    "DROP TABLE IF EXISTS search_common_changed",
    "DROP TABLE IF EXISTS search_common_ids",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0011_typed_words_in_the_same_scan")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
