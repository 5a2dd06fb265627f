"""Issue 16, server side: the confirmation before submitting with unanswered
questions (works without JavaScript), the result page after a pass and a fail, and a
progress bar that counts what its label says."""

import re

from django.urls import reverse

import pytest

from learning.courses.progress import course_progress
from learning.models import QuizAttempt
from learning.quiz import services

from .conftest import correct_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(client, learner):
    client.force_login(learner)
    return client


def _start(client, course) -> QuizAttempt:
    response = client.post(reverse("learning_start_quiz", args=[course.pk]))
    return QuizAttempt.objects.get(public_id=response.url.rstrip("/").split("/")[-1])


def test_unanswered_questions_are_confirmed_on_a_page_without_javascript(
    client_in, enrolment, course
):
    attempt = _start(client_in, course)
    rows = list(attempt.questions.order_by("position"))
    data = {row.token: correct_answer(row) for row in rows[:7]}
    url = reverse("learning_submit", args=[attempt.public_id])
    response = client_in.post(url, data)
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.submitted_at is None  # no attempt spent yet
    # the answers posted were saved, and the three missing questions are listed
    assert all(row.answer for row in attempt.questions.filter(position__lt=7))
    listed = re.findall(r'#question-(\d+)"', response.text)
    assert listed == ["8", "9", "10"]
    assert 'name="confirm" value="1"' in response.text
    confirmed = client_in.post(url, {"confirm": "1"})
    assert confirmed.status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score == 70


def test_all_answered_submits_without_confirmation(client_in, enrolment, course):
    attempt = _start(client_in, course)
    data = {row.token: correct_answer(row) for row in attempt.questions.all()}
    response = client_in.post(reverse("learning_submit", args=[attempt.public_id]), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed


def test_fail_shows_try_again_with_attempts_left(client_in, enrolment, course):
    course.quiz_question_count = 12  # the whole bank: the multiple-choice question too
    course.quiz_review = "full"  # reviews after every attempt (the default waits for the last)
    course.save()
    attempt = _start(client_in, course)
    answers = {row.token: wrong_answer(row) for row in attempt.questions.all()}
    services.submit_attempt(attempt, answers)
    html = client_in.get(reverse("learning_result", args=[attempt.public_id])).text
    assert "quiz-outcome--failed" in html
    assert reverse("learning_start_quiz", args=[course.pk]) in html
    assert re.search(r"(2 attempts left|2 lượt)", html)
    # a multiple-choice answer is a list, never joined with arrows
    assert "→" not in html
    assert 'class="review__answers"' in html


def test_pass_shows_certificate_button(client_in, enrolment, course):
    attempt = _start(client_in, course)
    services.submit_attempt(
        attempt, {row.token: correct_answer(row) for row in attempt.questions.all()}
    )
    html = client_in.get(reverse("learning_result", args=[attempt.public_id])).text
    assert "quiz-outcome--passed" in html
    assert re.search(r'<a class="button" href="/chung-nhan/[^"]+/pdf/"', html)
    assert reverse("learning_start_quiz", args=[course.pk]) not in html


def test_progress_bar_counts_the_lessons_its_label_counts(client_in, enrolment, course):
    for lesson in course.lesson_list:
        services.complete_lesson(enrolment, lesson)
    progress = course_progress(course, enrolment.user)
    assert progress.percent == 100
    html = client_in.get(course.url).text
    assert re.search(r'<progress id="course-progress" max="3" value="3"', html)
