"""Issue 16, server side of offline use: the service worker and manifest at the
root, the download list (enrolled learners only, with sizes), sign-out clearing the
device's copies."""

from django.urls import reverse

import pytest

from learning.quiz import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_worker_and_manifest_are_served_from_the_root(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert "learner-offline" in worker.text
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == reverse("learning_dashboard") and data["display"] == "standalone"


def test_download_list_is_for_enrolled_learners_only(client, course, learner):
    url = reverse("learning_offline_download", args=[course.pk])
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # not enrolled
    services.enrol(learner, course)
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    data = response.json()
    lessons = [lesson.url for lesson in course.lessons().live()]
    assert data["pages"] == [course.url, *lessons]
    assert data["bytes"] == sum(item["bytes"] for item in data["files"]) > 0
    assert any(item["url"].endswith("offline-lessons.js") for item in data["files"])


def test_course_page_offers_the_download_to_enrolled_learners_only(client, course, learner):
    assert 'id="offline-download"' not in client.get(course.url).text
    services.enrol(learner, course)
    client.force_login(learner)
    assert 'id="offline-download"' in client.get(course.url).text


def test_signing_out_sends_clear_site_data(client, learner):
    client.force_login(learner)
    assert "Clear-Site-Data" not in client.get("/accounts/logout/")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session
