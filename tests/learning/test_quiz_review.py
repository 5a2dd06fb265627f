"""Quiz reviews do not hand out the answers (issue 17, finding 4): by default the
answers appear once the quiz is passed or the last attempt used; the final quiz
never draws a lesson's questions; editors are warned about a small bank."""

from django.urls import reverse
from django.utils import translation

import pytest

from learning.models import CoursePage, Question, ReviewSetting
from learning.quiz import services
from tests.factories import QuestionFactory

from .conftest import correct_answer, wrong_answer

pytestmark = pytest.mark.django_db


def submit(enrolment, chooser):
    attempt = services.start_attempt(enrolment)
    for row in attempt.questions.select_related("question"):
        services.save_answer(attempt, row.token, chooser(row))
    services.submit_attempt(attempt)
    attempt.refresh_from_db()
    return attempt


def result_page(client, attempt) -> str:
    return client.get(reverse("learning_result", args=[attempt.public_id])).content.decode()


def test_the_default_review_waits_for_a_pass_or_the_last_attempt(client, enrolment, course):
    assert CoursePage._meta.get_field("quiz_review").default == ReviewSetting.AFTER_LAST
    course.quiz_review = ReviewSetting.AFTER_LAST
    course.save()
    client.force_login(enrolment.user)
    for _ in range(course.quiz_max_attempts - 1):
        attempt = submit(enrolment, wrong_answer)
        html = result_page(client, attempt)
        for row in attempt.questions.select_related("question"):
            assert row.question.explanation not in html
    last = submit(enrolment, wrong_answer)
    html = result_page(client, last)
    for row in last.questions.select_related("question"):
        assert row.question.explanation in html
    # an earlier attempt's review opens too once nothing is left to try
    assert attempt.questions.first().question.explanation in result_page(client, attempt)


def test_a_pass_opens_the_review(client, enrolment, course):
    course.quiz_review = ReviewSetting.AFTER_LAST
    course.save()
    client.force_login(enrolment.user)
    attempt = submit(enrolment, correct_answer)
    assert attempt.passed
    html = result_page(client, attempt)
    assert attempt.questions.first().question.explanation in html


def test_the_final_quiz_never_draws_a_lesson_quiz_question(enrolment, course):
    lesson = course.lesson_list[0]
    lesson.quiz_question_count = 1
    lesson.save()
    lesson_questions = set(
        Question.objects.filter(course=course, lesson__isnull=False).values_list("pk", flat=True)
    )
    assert lesson_questions
    course.quiz_question_count = 50
    course.save()
    attempt = services.start_attempt(enrolment)
    drawn = set(attempt.questions.values_list("question_id", flat=True))
    assert drawn and not drawn & lesson_questions


def test_editors_are_warned_when_the_bank_is_under_twice_the_draw(rf, course, bank):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from learning.wagtail_hooks import warn_about_a_small_question_bank

    lesson = course.lesson_list[0]
    lesson.quiz_question_count = 1  # its question is not in the final quiz's bank
    lesson.save()
    with translation.override("en"):
        assert "draws 10 questions from a bank of 11" in services.pool_warning(course)
    request = rf.post("/admin/pages/")
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_about_a_small_question_bank(request, course)
    assert ["11" in str(m) for m in get_messages(request)] == [True]
    for _ in range(9):
        QuestionFactory(course=course)
    assert services.pool_warning(course) is None
