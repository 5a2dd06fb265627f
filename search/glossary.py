"""Glossary entries shipped in migrations: added once, never over an editor's own
entry with the same terms, removed again if the migration is reversed."""

from django.db import migrations


def glossary_operation(entries: list[str]) -> migrations.RunPython:
    """A migration operation adding these synonym groups ("a, b, c" each)."""

    def add(apps, schema_editor):
        Synonym = apps.get_model("search", "Synonym")
        existing = set(Synonym.objects.values_list("terms", flat=True))
        Synonym.objects.bulk_create(Synonym(terms=t) for t in entries if t not in existing)

    def remove(apps, schema_editor):
        apps.get_model("search", "Synonym").objects.filter(terms__in=entries).delete()

    return migrations.RunPython(add, remove)
