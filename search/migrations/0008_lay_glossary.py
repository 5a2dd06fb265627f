"""Lay wording in the glossary: what parents and teachers type for what the texts
call "bạo lực học đường", and "tố giác" for the guidance's "báo tin" (editable
under Snippets → search synonyms)."""

from django.db import migrations

from search.glossary import glossary_operation

GLOSSARY = [
    "bạo lực học đường, bạo hành ở trường, bạo lực ở trường, bạo hành học sinh",
    "tố giác, báo tin, trình báo",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranking_fields")]
    operations = [glossary_operation(GLOSSARY)]
