import datetime

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Workflow

import pytest

from content.models import GuidancePage
from tests.content.test_pages import add_url, admin_form
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(group_name: str, client):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def test_the_migration_sets_up_the_editorial_workflow(home_page):
    workflow = home_page.get_workflow()
    assert isinstance(workflow, Workflow)
    assert workflow.name == "Duyệt trước khi đăng"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Người duyệt"]


def test_editor_cannot_publish_and_approver_does(client, sections):
    from django.test import Client

    member("Biên tập viên", client)
    data = admin_form(GuidancePage, title="Nhận biết dấu hiệu xâm hại", audience="parents")
    client.post(add_url(GuidancePage, sections["guidance"]), data)
    page = GuidancePage.objects.get(title="Nhận biết dấu hiệu xâm hại")
    assert not page.live  # publishing is not offered to editors

    # Submitting without the privacy tick is refused.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = admin_form(GuidancePage, title=page.title, audience="parents", slug=page.slug)
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    del data["privacy_confirmed"]
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "privacy_confirmed" in response.context["form"].errors
    page.refresh_from_db()
    assert page.current_workflow_state is None

    data["privacy_confirmed"] = "on"
    response = client.post(edit_url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not page.live

    approver_client = Client()
    member("Người duyệt", approver_client)
    task_state = state.current_task_state
    response = approver_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.privacy_confirmed


def test_scheduled_page_goes_live_with_publish_scheduled(sections):
    page = GuidancePageFactory(parent=sections["guidance"], live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    # An hour later (moved back in time instead of waiting)…
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


def test_scheduled_expiry_unpublishes(sections):
    page = GuidancePageFactory(parent=sections["guidance"])
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired
