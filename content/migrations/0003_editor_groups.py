from django.db import migrations

EDITORS = "Biên tập viên"
APPROVERS = "Người duyệt"
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
]


def permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return perm


def create_groups(apps, schema_editor):
    """Editors write and submit pages; approvers also publish them (and are the
    reviewers of the default moderation workflow)."""
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")

    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
        for app_label, model, perms in COLLECTION_PERMISSIONS:
            for codename in perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )

    approvers = Group.objects.get(name=APPROVERS)
    workflow_page = WorkflowPage.objects.filter(page=root_page).select_related("workflow").first()
    if workflow_page is not None:
        task_ids = workflow_page.workflow.workflow_tasks.values_list("task_id", flat=True)
        for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
            task.groups.add(approvers)


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[EDITORS, APPROVERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_topics"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
