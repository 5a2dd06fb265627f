"""One pair of editor groups: Wagtail's own "Editors" and "Moderators" are merged
into "Biên tập viên" and "Người duyệt" (their members moved), then removed."""

from django.conf import settings
from django.db import migrations

PAIRS = {"Editors": "Biên tập viên", "Moderators": "Người duyệt"}


def merge_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for english, vietnamese in PAIRS.items():
        old = Group.objects.filter(name=english).first()
        new = Group.objects.filter(name=vietnamese).first()
        if old is None or new is None:
            continue
        new.user_set.add(*old.user_set.all())
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(merge_groups, migrations.RunPython.noop)]
