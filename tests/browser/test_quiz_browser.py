"""The quiz page in a real browser: answers saved as given, kept after a reload,
"not saved yet" while offline and saved by itself once back online; axe-core on
the course, lesson and quiz pages."""

from django.test import Client

import pytest

from home.demo import load_site_frame
from learning.demo import load_courses
from learning.models import AttemptQuestion, CourseIndexPage, QuestionType
from learning.quiz import services
from tests.browser.conftest import describe, run_axe
from tests.factories import ProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def setup(live_server, restore_migrated_data):
    home = load_site_frame()
    courses = load_courses(CourseIndexPage.objects.child_of(home).get())
    user = ProfileFactory(full_name="Lê Văn An").user
    enrolment = services.enrol(user, courses[0])
    for lesson in courses[0].lessons():
        services.complete_lesson(enrolment, lesson)
    attempt = services.start_attempt(enrolment)
    client = Client()
    client.force_login(user)
    return {
        "course": courses[0],
        "attempt": attempt,
        "cookie": client.cookies["sessionid"].value,
        "url": live_server.url,
    }


def _login(page, setup) -> None:
    page.context.add_cookies([{"name": "sessionid", "value": setup["cookie"], "url": setup["url"]}])


def _single_rows(attempt):
    return list(
        AttemptQuestion.objects.filter(
            attempt=attempt, question__type__in=[QuestionType.SINGLE, QuestionType.TRUE_FALSE]
        )
    )


def test_answers_survive_reload_and_going_offline(page, setup):
    _login(page, setup)
    attempt = setup["attempt"]
    first, second = _single_rows(attempt)[:2]
    page.goto(f"/hoc-tap/bai-lam/{attempt.public_id}/")
    option = page.locator(f'fieldset[data-question="{first.token}"] input').first
    option.check()
    page.wait_for_function(
        "t => document.querySelector(`[data-state-for='${t}']`).textContent.includes('Saved')"
        " || document.querySelector(`[data-state-for='${t}']`).textContent.includes('lưu')",
        arg=first.token,
    )
    saved_value = option.get_attribute("value")
    page.reload()
    assert page.locator(f'input[value="{saved_value}"]').is_checked()

    page.context.set_offline(True)
    number = page.locator(f'fieldset[data-question="{second.token}"]').get_attribute("data-number")
    page.locator(f'fieldset[data-question="{second.token}"] input').first.check()
    status = page.locator("#quiz-status")
    page.wait_for_function(
        "n => document.getElementById('quiz-status').textContent.includes(n)", arg=number
    )
    assert status.get_attribute("aria-live") == "polite"
    second.refresh_from_db()
    assert second.answer == []
    page.context.set_offline(False)
    page.wait_for_function(
        "n => !document.getElementById('quiz-status').textContent.includes(n)",
        arg=number,
        timeout=20_000,
    )
    second.refresh_from_db()
    assert len(second.answer) == 1


def test_course_lesson_and_quiz_pages_have_no_wcag_violations(page, setup):
    _login(page, setup)
    lesson = setup["course"].lessons().last()
    for path in (
        setup["course"].url,
        lesson.url,
        f"/hoc-tap/bai-lam/{setup['attempt'].public_id}/",
        "/hoc-tap/",
    ):
        page.goto(path)
        violations = run_axe(page)
        assert not violations, f"{path}: {describe(violations)}"
