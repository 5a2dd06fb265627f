"""Each section's search row says where it lands as a reader cites it ("Điều 3,
khoản 2, điểm a", "Mục III.1 — …"), so a search needs no read of the document's
sections to say it. Rows already indexed are given theirs here."""

from django.db import migrations, models

from content.section_labels import label_sections

LABELLED_FIELDS = ("kind", "number", "heading", "text", "anchor", "parent_anchor")


def label_indexed_sections(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    LegalSection = apps.get_model("content", "LegalSection")
    indexed = SearchEntry.objects.exclude(anchor="").values_list("page_id", flat=True)
    for page_id in sorted(set(indexed)):
        sections = LegalSection.objects.filter(page_id=page_id).order_by("sort_order")
        places = label_sections(sections.only(*LABELLED_FIELDS))
        entries = SearchEntry.objects.filter(page_id=page_id).exclude(anchor="")
        changed = []
        for entry in entries.only("pk", "anchor"):
            entry.label = places.get(entry.anchor, "")
            changed.append(entry)
        SearchEntry.objects.bulk_update(changed, ["label"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_lay_glossary"),
        ("content", "0008_image_alt_text_guidance"),
    ]
    operations = [
        migrations.AlterField(
            model_name="searchentry", name="label", field=models.TextField(blank=True)
        ),
        migrations.RunPython(label_indexed_sections, migrations.RunPython.noop),
    ]
