"""One pair of editor groups: Wagtail's own "Editors" and "Moderators" are merged
into "Biên tập viên" and "Người duyệt" (their members moved), then removed."""

from django.db import migrations

PAIRS = {"Editors": "Biên tập viên", "Moderators": "Người duyệt"}


def merge_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    User = apps.get_model("accounts.User")
    for english, vietnamese in PAIRS.items():
        old = Group.objects.filter(name=english).first()
        new = Group.objects.filter(name=vietnamese).first()
        if old is None or new is None:
            continue
        for user in User.objects.filter(groups=old):
            user.groups.add(new)
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_editor_groups"),
        ("content", "0008_editorial_workflow"),
    ]

    operations = [migrations.RunPython(merge_groups, migrations.RunPython.noop)]
