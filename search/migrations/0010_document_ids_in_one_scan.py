"""`search_document_ids` reads the ids in one index scan and returns them packed in
one value.

- A set-returning PL/pgSQL function wrote every id into a tuple store, which the
  caller then read back into an array: for a word found in all of 100,000
  documents that took as long as the index and heap scans themselves (30 ms
  against 21 for the same ids aggregated inside the function).
- The ids are packed as 4-byte big-endian integers (`int4send`) in one `bytea`,
  which Python reads into an array of unsigned integers in one copy
  (search.backends.postgres.ids_of), and which a bitmap of the ids is built from
  without a Python integer per id: an `integer[]` is written out as text and parsed
  back, 100,000 numbers each way (p95 of the 100,000-document benchmark 51-54 ms
  with an array, 34-36 with the packed ids).
- The words and the filters share one GIN index. With an index each, the planner
  read the filter's documents through the tags index and tested the words on each
  row, unpacking its long `vector_terms` (190 ms for "xâm hại" in 2019–2021 at
  100,000 documents), so the function intersected two scans as two hashed sets
  (35 ms). One index over both columns intersects their posting lists inside the
  scan (12 ms), and serves the words alone as before.

No id found is an empty value.
"""

from importlib import import_module

from django.db import migrations

PACKED_FUNCTION = """
CREATE FUNCTION search_document_ids(vector_column text, q tsquery, tags tsquery)
RETURNS bytea LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
DECLARE
    ids bytea;
BEGIN
    IF vector_column NOT IN ('vector_terms', 'vector_exact', 'vector_head') THEN
        RAISE EXCEPTION 'unknown search vector %', vector_column;
    END IF;
    -- the ids back to back, 4 bytes each (a NULL separator is none)
    IF tags IS NULL THEN
        EXECUTE format(
            'SELECT string_agg(int4send(page_id), NULL::bytea) FROM search_searchdocument '
            'WHERE %I @@ $1',
            vector_column
        ) INTO ids USING q;
    ELSE
        EXECUTE format(
            'SELECT string_agg(int4send(page_id), NULL::bytea) FROM search_searchdocument '
            'WHERE %I @@ $1 AND vector_tags @@ $2',
            vector_column
        ) INTO ids USING q, tags;
    END IF;
    RETURN COALESCE(ids, '');
END $$
"""

# the set-returning function of migration 0003, which a rollback restores
ROWS_FUNCTION = import_module("search.migrations.0003_document_ids_function").CREATE

DROP_FUNCTION = "DROP FUNCTION IF EXISTS search_document_ids(text, tsquery, tsquery)"

FORWARDS = [
    DROP_FUNCTION,
    PACKED_FUNCTION,
    "CREATE INDEX search_document_terms_tags_gin ON search_searchdocument "
    "USING gin (vector_terms, vector_tags)",
    "DROP INDEX IF EXISTS search_document_terms_gin",
    "DROP INDEX IF EXISTS search_document_tags_gin",
]
BACKWARDS = [
    DROP_FUNCTION,
    ROWS_FUNCTION,
    "CREATE INDEX search_document_terms_gin ON search_searchdocument USING gin (vector_terms)",
    "CREATE INDEX search_document_tags_gin ON search_searchdocument USING gin (vector_tags)",
    "DROP INDEX IF EXISTS search_document_terms_tags_gin",
]


def run(statements: list[str]):
    def on_postgresql(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return on_postgresql


class Migration(migrations.Migration):
    dependencies = [("search", "0009_landing_label")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
