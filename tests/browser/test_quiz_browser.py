"""The quiz page in a real browser: answers saved as given, kept after a reload,
"not saved yet" while offline and saved by itself once back online; axe-core on
the course, lesson and quiz pages."""

import pytest

from tests.browser.conftest import describe, run_axe, single_choice_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_answers_survive_reload_and_going_offline(learner_page, quiz_attempt):
    page = learner_page
    attempt = quiz_attempt["attempt"]
    first, second = single_choice_rows(attempt)[:2]
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


def test_course_lesson_and_quiz_pages_have_no_wcag_violations(learner_page, quiz_attempt):
    page = learner_page
    lesson = quiz_attempt["course"].lessons().last()
    for path in (
        quiz_attempt["course"].url,
        lesson.url,
        f"/hoc-tap/bai-lam/{quiz_attempt['attempt'].public_id}/",
        "/hoc-tap/",
    ):
        page.goto(path)
        violations = run_axe(page)
        assert not violations, f"{path}: {describe(violations)}"
