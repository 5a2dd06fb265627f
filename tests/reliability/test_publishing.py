"""Approve and publish ("Phê chuẩn và Xuất bản") always publishes: from the page
editor, from the dashboard, through the workflow's own API; an autosave racing the
approval cannot put a draft on top of it or take the page offline; the privacy tick
survives a refused submission. Run on SQLite and PostgreSQL.

The cause found: Wagtail's autosave (a JSON "save" of the editor's form) loaded the
page while it was a draft; landing after the publish, it wrote the page row back as
not live (404: "left as draft") or saved a new revision on top (LIVE + DRAFT), logged
as an `edit` by the approver after `workflow.approve` and `publish`.
"""

import datetime

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail import hooks
from wagtail.models import PageLogEntry

import pytest

from base.roles import Role
from content.models import CampaignPage
from tests.content.test_pages import add_url, admin_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SLUG = "vui-tet-an-toan-2027"


def member(group_name: str) -> tuple:
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return user, client


def campaign_form(**fields) -> dict:
    today = datetime.date.today()
    data = admin_form(
        CampaignPage,
        title="Vui Tết an toàn 2027",
        slug=SLUG,
        start_date=(today - datetime.timedelta(days=3)).isoformat(),
        end_date=(today + datetime.timedelta(days=30)).isoformat(),
        audiences=[Role.PARENT, Role.TEACHER],
        call_to_action="Gọi 111",
        call_to_action_url="tel:111",
    )
    del data["action-publish"]
    data.update(fields)
    return data


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def submitted(sections):
    """A campaign an editor created as a draft and then submitted with the tick."""
    _, editor = member("Biên tập viên")
    data = campaign_form()
    response = editor.post(add_url(CampaignPage, sections["campaigns"]), data)
    assert response.status_code == 302, response.context["form"].errors
    page = CampaignPage.objects.get(slug=SLUG)
    response = editor.post(edit_url(page), {**data, "action-submit": "action-submit"})
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.current_workflow_state.status == "in_progress"
    return page


def assert_published(page) -> None:
    page.refresh_from_db()
    assert page.live
    assert not page.has_unpublished_changes  # no draft on top
    assert page.live_revision_id == page.latest_revision_id
    assert page.privacy_confirmed
    assert Client().get(page.url).status_code == 200
    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["wagtail.workflow.approve", "wagtail.publish"]


def test_approve_and_publish_from_the_page_editor(submitted):
    _, approver = member("Người duyệt")
    assert approver.get(edit_url(submitted)).status_code == 200
    data = campaign_form(**{"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = approver.post(edit_url(submitted), data)
    assert response.status_code == 302
    assert_published(submitted)


def test_approve_from_the_dashboard(submitted):
    _, approver = member("Người duyệt")
    dashboard = approver.get(reverse("wagtailadmin_home")).content.decode()
    task_state = submitted.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk)
    )
    assert url in dashboard
    response = approver.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    assert_published(submitted)


def test_approve_through_the_workflow_api(submitted):
    approver, _ = member("Người duyệt")
    task = submitted.current_workflow_task
    task.on_action(submitted.current_workflow_task_state, approver, "approve")
    assert_published(submitted)


def test_an_autosave_racing_the_approval_changes_nothing(submitted):
    """The approver's editor autosaves while "Approve and publish" is being done:
    the autosave loaded the draft, the approval publishes, then the autosave saves."""
    approver_user, approver = member("Người duyệt")
    page = CampaignPage.objects.get(pk=submitted.pk)
    loaded = page.latest_revision

    def approve_meanwhile(request, page_being_edited):
        if not request.accepts("text/html"):
            fresh = CampaignPage.objects.get(pk=page_being_edited.pk)
            fresh.current_workflow_task.on_action(
                fresh.current_workflow_task_state, approver_user, "approve"
            )

    data = campaign_form(
        summary="Tóm tắt sửa trong lúc duyệt.",
        loaded_revision_id=str(loaded.pk),
        loaded_revision_created_at=loaded.created_at.isoformat(),
    )
    with hooks.register_temporarily("before_edit_page", approve_meanwhile):
        response = approver.post(edit_url(page), data, headers={"Accept": "application/json"})
    body = response.json()
    assert body["success"] is False and body["error_code"] == "invalid_revision"
    assert_published(page)


def test_resubmitting_with_the_privacy_tick_after_a_refusal(sections):
    _, editor = member("Biên tập viên")
    data = campaign_form()
    editor.post(add_url(CampaignPage, sections["campaigns"]), data)
    page = CampaignPage.objects.get(slug=SLUG)
    loaded = page.latest_revision
    data.update(
        loaded_revision_id=str(loaded.pk),
        loaded_revision_created_at=loaded.created_at.isoformat(),
    )
    refused = {**data, "action-submit": "action-submit"}
    del refused["privacy_confirmed"]
    response = editor.post(edit_url(page), refused)
    assert response.status_code == 200
    assert "privacy_confirmed" in response.context["form"].errors
    assert page.revisions.count() == 1  # the refused submission saved nothing
    html = response.content.decode()
    assert "another window" not in html

    response = editor.post(edit_url(page), {**data, "action-submit": "action-submit"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "in_progress"
    assert page.latest_revision.as_object().privacy_confirmed
    form = editor.get(edit_url(page)).context["form"]
    assert form["privacy_confirmed"].value() is True  # the tick is kept


def test_submit_while_the_autosave_creates_the_page(sections):
    """The autosave (JSON) creates the page; the submission, sent to "add" at the same
    time, lands on that page: one page, submitted, no slug error."""
    _, editor = member("Biên tập viên")
    url = add_url(CampaignPage, sections["campaigns"])
    autosave = editor.post(url, campaign_form(), headers={"Accept": "application/json"})
    assert autosave.status_code == 200 and autosave.json()["success"]
    response = editor.post(url, {**campaign_form(), "action-submit": "action-submit"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 307
    page = CampaignPage.objects.get(slug=SLUG)  # only one
    assert page.current_workflow_state.status == "in_progress"
    assert not CampaignPage.objects.filter(slug__startswith=f"{SLUG}-").exists()
