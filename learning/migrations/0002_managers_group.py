"""The training managers' group (their areas are AreaManager rows)."""

from django.db import migrations


MANAGERS_GROUP = "Quản lý đào tạo"


def create_group(apps, schema_editor):
    """The managers' group: training reports and CSV enrolment (their area comes
    from AreaManager rows), plus access to the admin to reach the report link."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    for app_label, model, codename, name in [
        ("learning", "areamanager", "manage_training", "Can see training reports and enrol learners of their area"),
        ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ]:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(perm)


def remove_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=MANAGERS_GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailadmin', '0005_editingsession_is_editing'),
    ]

    operations = [
        migrations.RunPython(create_group, remove_group),
    ]
