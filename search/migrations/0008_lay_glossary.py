"""Lay wording in the glossary: what parents and teachers type for what the texts
call "bạo lực học đường" (editable under Snippets → search synonyms)."""

from django.db import migrations

GLOSSARY = [
    "bạo lực học đường, bạo hành ở trường, bạo lực ở trường, bạo hành học sinh",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(Synonym(terms=t) for t in GLOSSARY if t not in existing)


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=GLOSSARY).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranking_fields")]
    operations = [migrations.RunPython(add, remove)]
