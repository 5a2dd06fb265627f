import os

from django.core.management import call_command

import pytest
from allauth.account.models import EmailAddress

from learning import demo
from learning.models import CoursePage, LessonPage, Question, QuestionType
from learning.quiz import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_site):
    from learning.models import CourseIndexPage

    section = CourseIndexPage.objects.child_of(demo_site).get()
    return demo.load_courses(section)


def test_two_courses_with_three_lessons_and_a_real_bank(loaded):
    assert [course.title for course in loaded] == [
        "Phòng, chống xâm hại trẻ em dành cho giáo viên",
        "Cha mẹ bảo vệ con trên môi trường mạng",
    ]
    for course in loaded:
        assert LessonPage.objects.child_of(course).live().count() == 3
        questions = Question.objects.filter(course=course)
        assert questions.count() >= 12
        assert {q.type for q in questions} == set(QuestionType.values)
        for question in questions:
            choices = list(question.choices.all())
            assert question.explanation
            assert len(choices) >= 2
            if question.type != QuestionType.ORDERING:
                assert any(c.is_correct for c in choices)
            if question.type in (QuestionType.SINGLE, QuestionType.TRUE_FALSE):
                assert sum(c.is_correct for c in choices) == 1
        assert questions.count() >= course.quiz_question_count


def test_loading_twice_changes_nothing(loaded, demo_site):
    from learning.models import CourseIndexPage

    counts = (CoursePage.objects.count(), LessonPage.objects.count(), Question.objects.count())
    demo.load_courses(CourseIndexPage.objects.child_of(demo_site).get())
    assert (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Question.objects.count(),
    ) == counts


def test_demo_learner_can_sign_in_and_take_a_course(loaded, client):
    user = demo.demo_learner()
    assert demo.demo_learner().pk == user.pk
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(
        "/accounts/login/",
        {"login": demo.DEMO_LEARNER_EMAIL, "password": demo.DEMO_LEARNER_PASSWORD},
    )
    assert response.status_code == 302
    enrolment = services.enrol(user, loaded[0])
    for lesson in loaded[0].lessons():
        services.complete_lesson(enrolment, lesson)
    attempt = services.start_attempt(enrolment)
    assert attempt.questions.count() == 10
    assert attempt.deadline is not None


def test_load_demo_prints_the_demo_learner():
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    assert CoursePage.objects.count() == 2
    assert EmailAddress.objects.filter(email=demo.DEMO_LEARNER_EMAIL, verified=True).exists()
