"""Issue 16 in Chromium: an enrolled learner downloads a course (its size shown
first) and its lessons open with the network off; "mark as done" pressed offline is
sent when the connection returns; nothing personal is cached for an anonymous
visitor; signing out empties the learner's copy; axe-core on the changed pages."""

import re
import time

from django.test import Client

import pytest

from home.demo import load_site_frame
from learning.demo import load_courses
from learning.models import CourseIndexPage, LessonCompletion
from learning.quiz import services
from tests.browser.conftest import describe, run_axe
from tests.factories import ProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CACHES = "() => caches.keys()"


@pytest.fixture
def course(live_server, restore_migrated_data):
    home = load_site_frame()
    return load_courses(CourseIndexPage.objects.child_of(home).get())[0]


@pytest.fixture
def learner(page, course, live_server):
    user = ProfileFactory(full_name="Lê Thị Mai").user
    enrolment = services.enrol(user, course)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return enrolment


def _download(page, course):
    page.goto(course.url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
    box = page.locator("#offline-download")
    box.wait_for(state="visible")
    size = page.locator("#offline-download-size").inner_text()
    assert re.search(r"\d+ (KB|MB)", size), size
    page.get_by_role("button", name="Tải về để học khi không có mạng").click()
    page.wait_for_function(
        "() => document.getElementById('offline-download-status')"
        ".textContent.includes('Đã tải về')",
        timeout=30_000,
    )


def test_downloaded_lessons_open_offline_and_done_is_synced_later(page, course, learner):
    _download(page, course)
    violations = run_axe(page)
    assert not violations, describe(violations)
    lessons = list(course.lessons())
    page.context.set_offline(True)
    for lesson in lessons:
        page.goto(lesson.url)
        assert page.locator("h1").inner_text() == lesson.title
    # the last lesson, marked as done while offline
    lesson = lessons[-1]
    page.get_by_role("button", name="Đánh dấu đã học xong").click()
    note = page.locator(".lesson__offline-note")
    assert "trên máy này" in note.inner_text()
    assert not LessonCompletion.objects.filter(enrolment=learner, lesson=lesson).exists()
    violations = run_axe(page)
    assert not violations, describe(violations)

    page.context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelector('.lesson__offline-note')"
        ".textContent === 'Đã đánh dấu học xong.'",
        timeout=20_000,
    )
    assert LessonCompletion.objects.filter(enrolment=learner, lesson=lesson).count() == 1


def test_signing_out_empties_the_learners_copy(page, course, learner):
    _download(page, course)
    assert "learner-offline" in page.evaluate(CACHES)
    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    deadline = time.monotonic() + 10
    while "learner-offline" in page.evaluate(CACHES) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert "learner-offline" not in page.evaluate(CACHES)
    assert page.evaluate("localStorage.length") == 0


def test_nothing_personal_is_cached_for_anonymous_visitors(page, course):
    page.goto(course.url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
    assert not page.locator("#offline-download").count()
    lesson = course.lessons().first()
    page.goto(lesson.url)
    names = page.evaluate(CACHES)
    assert names and all(name.startswith("public-") for name in names)
    urls = page.evaluate(
        """async () => { const out = [];
             for (const name of await caches.keys()) {
               for (const request of await (await caches.open(name)).keys()) out.push(request.url);
             } return out; }"""
    )
    assert not [url for url in urls if "/hoc-tap/" in url or lesson.url in url]
    violations = run_axe(page)
    assert not violations, describe(violations)
