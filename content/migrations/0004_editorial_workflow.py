"""The editorial workflow: editors (Biên tập viên) submit, approvers (Người duyệt)
review and publish. It replaces the default workflow on the whole page tree."""

from django.db import migrations

WORKFLOW = "Duyệt trước khi đăng"
TASK = "Người duyệt kiểm tra và đăng"
APPROVERS = "Người duyệt"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Task = apps.get_model("wagtailcore.Task")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([approvers])
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=Task.objects.get(pk=task.pk), defaults={"sort_order": 0}
    )
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
