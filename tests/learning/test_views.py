import json
import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from learning.models import Choice, Enrolment, Question, QuizAttempt
from learning.quiz import services
from tests.factories import UserFactory

from .conftest import correct_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(client, learner):
    client.force_login(learner)
    return client


def save(client, attempt, question, answer):
    return client.post(
        reverse("learning_save_answer", args=[attempt.public_id]),
        data=json.dumps({"question": question, "answer": answer}),
        content_type="application/json",
    )


def test_course_page_for_visitors_and_learners(client, course, learner):
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Sign in" in response.text or "Đăng nhập" in response.text
    client.force_login(learner)
    response = client.get(course.url)
    assert reverse("learning_enrol", args=[course.pk]) in response.text


def test_enrol_needs_login_and_post(client, course, learner):
    url = reverse("learning_enrol", args=[course.pk])
    assert client.post(url).status_code == 302
    assert not Enrolment.objects.exists()
    client.force_login(learner)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == course.lesson_list[0].url
    client.post(url)
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_mark_as_done_resumes_at_the_next_lesson(client_in, course, learner):
    client_in.post(reverse("learning_enrol", args=[course.pk]))
    first, second = course.lesson_list[:2]
    page = client_in.get(first.url)
    assert "Mark as done" in page.text or "Đánh dấu" in page.text
    response = client_in.post(reverse("learning_complete_lesson", args=[first.pk]))
    assert response.url == second.url
    course_page = client_in.get(course.url)
    assert f'href="{second.url}"' in course_page.text
    assert 'max="3" value="1"' in course_page.text  # the bar counts lessons, as its label


def test_lesson_of_a_course_not_enrolled_is_404(client_in, course):
    response = client_in.post(reverse("learning_complete_lesson", args=[course.lesson_list[0].pk]))
    assert response.status_code == 404


def _start(client, course) -> QuizAttempt:
    response = client.post(reverse("learning_start_quiz", args=[course.pk]))
    assert response.status_code == 302, response
    return QuizAttempt.objects.get(public_id=response.url.rstrip("/").split("/")[-1])


def test_nothing_correct_leaks_before_submission(client_in, enrolment, course):
    attempt = _start(client_in, course)
    page = client_in.get(reverse("learning_attempt", args=[attempt.public_id]))
    assert page.status_code == 200
    html = page.text
    for question in Question.objects.filter(course=course):
        assert question.explanation not in html
    for row in attempt.questions.all():
        assert row.question.text in html
    # options are named by per-attempt tokens only: no database ids, no flags
    assert "is_correct" not in html and "data-correct" not in html
    for token in attempt.questions.values_list("options__token", flat=True):
        tags = re.findall(r'<(?:input|option)\b([^>]*value="' + re.escape(token) + '"[^>]*)>', html)
        assert len(tags) >= 1
        for attributes in tags:
            names = set(re.findall(r"([a-z-]+)=", attributes))
            assert names <= {"type", "id", "name", "value"}, attributes
    for choice in Choice.objects.filter(question__attempt_questions__attempt=attempt):
        assert f'value="{choice.pk}"' not in html
    tokens = set(re.findall(r'value="([A-Za-z0-9_-]{12})"', html))
    assert tokens == set(attempt.questions.values_list("options__token", flat=True))
    row = attempt.questions.first()
    response = save(client_in, attempt, row.token, correct_answer(row))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"saved", "saved_at", "deadline", "seconds_left"}
    assert row.question.explanation not in response.text


def test_autosave_and_resume_after_reload(client_in, enrolment, course):
    attempt = _start(client_in, course)
    row = attempt.questions.first()
    answer = correct_answer(row)
    assert save(client_in, attempt, row.token, answer).status_code == 200
    again = _start(client_in, course)  # "Resume" starts nothing new
    assert again.pk == attempt.pk
    page = client_in.get(reverse("learning_attempt", args=[attempt.public_id]))
    marked = (f'value="{answer[0]}" checked', f'value="{answer[0]}" selected')
    assert any(text in page.text for text in marked)


def test_tampered_answers_are_refused_with_a_message(client_in, enrolment, course):
    attempt = _start(client_in, course)
    rows = list(attempt.questions.all())
    unused = (
        Question.objects.filter(course=course).exclude(pk__in=[r.question_id for r in rows]).first()
    )
    for question, answer in [
        ("forged-token", []),
        (str(unused.pk), [str(unused.choices.first().pk)]),
        (rows[0].token, [rows[1].options.first().token]),
    ]:
        response = save(client_in, attempt, question, answer)
        assert response.status_code == 400
        assert response.json()["error"]
    assert save(client_in, attempt, None, []).status_code == 400
    bad_json = client_in.post(
        reverse("learning_save_answer", args=[attempt.public_id]),
        data="{nope",
        content_type="application/json",
    )
    assert bad_json.status_code == 400
    forged_submit = client_in.post(
        reverse("learning_submit", args=[attempt.public_id]), {"forged-token": "x"}
    )
    assert forged_submit.status_code == 400
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_another_learners_attempt_is_404(client, enrolment, course):
    attempt = services.start_attempt(enrolment)
    client.force_login(UserFactory())
    assert client.get(reverse("learning_attempt", args=[attempt.public_id])).status_code == 404
    row = attempt.questions.first()
    assert save(client, attempt, row.token, []).status_code == 404


def test_submit_without_javascript_saves_everything_then_grades(client_in, enrolment, course):
    attempt = _start(client_in, course)
    data = {}
    for row in attempt.questions.all():
        data[row.token] = correct_answer(row)
    response = client_in.post(reverse("learning_submit", args=[attempt.public_id]), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed
    result = client_in.get(response.url)
    assert result.status_code == 200
    # review "full": the explanations are shown now
    for row in attempt.questions.all():
        assert row.question.explanation in result.text
    # a second submission grades nothing again
    again = client_in.post(reverse("learning_submit", args=[attempt.public_id]), {})
    assert again.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100
    # answers after submission are refused
    row = attempt.questions.first()
    closed = save(client_in, attempt, row.token, [])
    assert closed.status_code == 409 and closed.json()["closed"]


def test_review_setting_hides_answers(client_in, enrolment, course):
    course.quiz_review = "none"
    course.save()
    attempt = _start(client_in, course)
    client_in.post(reverse("learning_submit", args=[attempt.public_id]), {"confirm": "1"})
    result = client_in.get(reverse("learning_result", args=[attempt.public_id]))
    for row in attempt.questions.all():
        assert row.question.explanation not in result.text
    assert "0%" not in result.text


def test_late_submission_is_refused_and_graded_with_saved_answers(client_in, enrolment, course):
    course.quiz_time_limit_minutes = 5
    course.save()
    attempt = services.start_attempt(enrolment, now=timezone.now() - timedelta(minutes=10))
    row = attempt.questions.first()
    response = save(client_in, attempt, row.token, correct_answer(row))
    assert response.status_code == 409
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score == 0


def test_timed_attempt_page_has_the_timer_and_live_regions(client_in, enrolment, course):
    course.quiz_time_limit_minutes = 20
    course.save()
    attempt = _start(client_in, course)
    html = client_in.get(reverse("learning_attempt", args=[attempt.public_id])).text
    assert 'id="quiz-timer"' in html
    assert 'aria-live="assertive"' in html and 'aria-live="polite"' in html
    assert "data-seconds-left=" in html


def test_rate_limit_on_answer_saves(client_in, enrolment, course, settings):
    attempt = _start(client_in, course)
    row = attempt.questions.first()
    codes = [save(client_in, attempt, row.token, []).status_code for _ in range(125)]
    assert codes[:120] == [200] * 120
    assert codes[-1] == 429
    assert "error" in save(client_in, attempt, row.token, []).json()


def test_rate_limit_on_submissions(client_in, enrolment, course):
    attempt = _start(client_in, course)
    url = reverse("learning_submit", args=[attempt.public_id])
    codes = [client_in.post(url, {}).status_code for _ in range(11)]
    assert codes[-1] == 429


def test_dashboard_lists_courses_and_progress(client, client_in, enrolment, course):
    response = client_in.get(reverse("learning_dashboard"))
    assert response.status_code == 200
    assert course.title in response.text
    assert "<progress" in response.text
    client.logout()
    assert client.get(reverse("learning_dashboard")).status_code == 302


def test_admin_pages(client, course, enrolment, admin_user):
    client.force_login(admin_user)
    for name in ("questions", "enrolments", "attempts"):
        assert client.get(reverse(f"learning_{name}:index")).status_code == 200
    question = Question.objects.filter(course=course).first()
    assert client.get(reverse("learning_questions:edit", args=[question.pk])).status_code == 200
    assert client.get(reverse("learning_questions:add")).status_code == 200


def test_admin_extra_time_moves_the_open_attempts_deadline(client, course, enrolment, admin_user):
    course.quiz_time_limit_minutes = 10
    course.save()
    attempt = services.start_attempt(enrolment)
    before = attempt.deadline
    client.force_login(admin_user)
    response = client.post(
        reverse("learning_enrolments:edit", args=[enrolment.pk]),
        {"user": enrolment.user_id, "course": course.pk, "extra_minutes": 20},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.deadline - before == timedelta(minutes=20)
