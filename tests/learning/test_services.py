from datetime import timedelta

from django.utils import timezone

import pytest

from learning.models import CoursePage, Enrolment, Question, QuestionType, QuizAttempt
from learning.quiz import services
from tests.factories import UserFactory

from .conftest import correct_answer, wrong_answer

pytestmark = pytest.mark.django_db


def answer_all(attempt, chooser) -> None:
    for row in attempt.questions.select_related("question"):
        services.save_answer(attempt, row.token, chooser(row))


def test_enrol_is_idempotent(course, learner):
    manager = UserFactory()
    first = services.enrol(learner, course, by=manager)
    again = services.enrol(learner, course)
    assert first.pk == again.pk
    assert again.enrolled_by == manager
    assert Enrolment.objects.count() == 1


def test_final_quiz_needs_required_lessons_only(bank, course, learner):
    enrolment = services.enrol(learner, course)
    with pytest.raises(services.QuizUnavailable):
        services.start_attempt(enrolment)
    for lesson in course.lesson_list[:2]:  # the optional third lesson is not needed
        services.complete_lesson(enrolment, lesson)
    services.complete_lesson(enrolment, course.lesson_list[0])  # twice: still one
    assert enrolment.lesson_completions.count() == 2
    assert services.start_attempt(enrolment).questions.count() == 10


def test_passing_completes_the_course_once(enrolment):
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, correct_answer)
    outcome = services.submit_attempt(attempt)
    assert outcome.graded_now
    assert outcome.attempt.score == 100
    assert outcome.attempt.passed
    enrolment.refresh_from_db()
    completed = enrolment.completed_at
    assert completed is not None
    again = services.submit_attempt(attempt)
    assert not again.graded_now
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed
    with pytest.raises(services.QuizUnavailable):
        services.start_attempt(enrolment)


def test_failing_leaves_the_course_open(enrolment):
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, wrong_answer)
    outcome = services.submit_attempt(attempt)
    assert outcome.attempt.score == 0
    assert not outcome.attempt.passed
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


@pytest.fixture
def whole_bank(enrolment):
    """The final quiz draws every question of the bank, so each type is in the attempt."""
    course = enrolment.course
    CoursePage.objects.filter(pk=course.pk).update(
        quiz_question_count=Question.objects.filter(course=course).count()
    )
    course.refresh_from_db()
    return enrolment


def test_ordering_question_grading(whole_bank):
    attempt = services.start_attempt(whole_bank)
    row = attempt.questions.get(question__type=QuestionType.ORDERING)
    options = sorted(row.options.select_related("choice"), key=lambda o: o.choice.sort_order)
    tokens = [o.token for o in options]
    for answer, expected in [
        (tokens, True),
        ([tokens[1], tokens[0], *tokens[2:]], False),
        (tokens[:3] + [""], False),
        ([tokens[0]] * 4, False),
    ]:
        services.save_answer(attempt, row.token, answer)
        row.refresh_from_db()
        assert services._correct(row, options) is expected


def test_multiple_choice_is_all_or_nothing(whole_bank):
    attempt = services.start_attempt(whole_bank)
    row = attempt.questions.get(question__type=QuestionType.MULTIPLE)
    options = list(row.options.select_related("choice"))
    right = [o.token for o in options if o.choice.is_correct]
    wrong = next(o.token for o in options if not o.choice.is_correct)
    for answer, expected in [(right, True), (right[:1], False), ([*right, wrong], False)]:
        services.save_answer(attempt, row.token, answer)
        row.refresh_from_db()
        assert services._correct(row, options) is expected


def test_answers_to_other_questions_are_refused(enrolment):
    attempt = services.start_attempt(enrolment)
    rows = list(attempt.questions.all())
    with pytest.raises(services.InvalidAnswer):
        services.save_answer(attempt, "not-a-token", [])
    with pytest.raises(services.InvalidAnswer):  # an option of another question
        services.save_answer(attempt, rows[0].token, [rows[1].options.first().token])
    single = next(r for r in rows if r.question.type == QuestionType.SINGLE)
    with pytest.raises(services.InvalidAnswer):  # two options for a single choice
        services.save_answer(attempt, single.token, [o.token for o in single.options.all()[:2]])
    with pytest.raises(services.InvalidAnswer):
        services.save_answer(attempt, single.token, "abc")


def test_late_answers_are_refused_and_the_attempt_graded(enrolment, course):
    course.quiz_time_limit_minutes = 10
    course.save()
    start = timezone.now() - timedelta(minutes=30)
    attempt = services.start_attempt(enrolment, now=start)
    row = attempt.questions.first()
    services.save_answer(attempt, row.token, correct_answer(row), now=start + timedelta(minutes=1))
    within_grace = attempt.deadline + timedelta(seconds=10)
    services.save_answer(attempt, row.token, correct_answer(row), now=within_grace)
    with pytest.raises(services.TimeUp):
        services.save_answer(attempt, row.token, [], now=attempt.deadline + timedelta(minutes=2))
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert attempt.auto_submitted
    assert attempt.score == 10  # the one answer saved in time, of ten
    with pytest.raises(services.AttemptClosed):
        services.save_answer(attempt, row.token, [])


def test_late_submission_grades_only_what_was_saved(enrolment, course):
    course.quiz_time_limit_minutes = 5
    course.save()
    start = timezone.now() - timedelta(minutes=20)
    attempt = services.start_attempt(enrolment, now=start)
    answers = {row.token: correct_answer(row) for row in attempt.questions.all()}
    outcome = services.submit_attempt(attempt, answers)
    assert outcome.late
    assert outcome.attempt.score == 0
    assert outcome.attempt.auto_submitted


def test_expired_attempt_is_graded_when_the_learner_comes_back(enrolment, course):
    course.quiz_time_limit_minutes = 5
    course.save()
    attempt = services.start_attempt(enrolment, now=timezone.now() - timedelta(hours=1))
    assert services.open_attempt(enrolment) is None
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score == 0


def test_extra_time_moves_the_deadline(enrolment, course):
    course.quiz_time_limit_minutes = 10
    course.save()
    attempt = services.start_attempt(enrolment)
    first_deadline = attempt.deadline
    enrolment.extra_minutes = 15
    enrolment.save()
    assert services.refresh_deadlines(enrolment) == 1
    attempt.refresh_from_db()
    assert attempt.deadline - first_deadline == timedelta(minutes=15)


def test_max_attempts(enrolment):
    for _ in range(3):
        attempt = services.start_attempt(enrolment)
        services.submit_attempt(attempt)
    assert services.attempts_left(enrolment) == 0
    with pytest.raises(services.QuizUnavailable):
        services.start_attempt(enrolment)


def test_resume_returns_the_same_attempt_with_its_answers(enrolment):
    attempt = services.start_attempt(enrolment)
    row = attempt.questions.first()
    services.save_answer(attempt, row.token, correct_answer(row))
    again = services.start_attempt(enrolment)
    assert again.pk == attempt.pk
    assert again.questions.get(pk=row.pk).answer == correct_answer(row)


def test_shuffling_differs_between_attempts_and_is_stable_within_one(enrolment):
    orders = set()
    for _ in range(3):
        attempt = services.start_attempt(enrolment)
        order = tuple(
            (row.question_id, tuple(o.choice_id for o in row.options.all()))
            for row in attempt.questions.prefetch_related("options")
        )
        assert services.start_attempt(enrolment).pk == attempt.pk
        resumed = tuple(
            (row.question_id, tuple(o.choice_id for o in row.options.all()))
            for row in QuizAttempt.objects.get(pk=attempt.pk).questions.prefetch_related("options")
        )
        assert resumed == order
        orders.add(order)
        services.submit_attempt(attempt)
    assert len(orders) == 3


def test_double_submission_grades_once(enrolment):
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, correct_answer)
    first = services.submit_attempt(attempt)
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    stale.submitted_at = None  # a second request that read the attempt before the first
    second = services.submit_attempt(stale)
    assert first.graded_now and not second.graded_now
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at == first.attempt.submitted_at


def test_lesson_quiz_marks_the_lesson_done(bank, course, learner):
    enrolment = services.enrol(learner, course)
    lesson = course.lesson_list[0]
    lesson.quiz_question_count = 1
    lesson.save()
    attempt = services.start_attempt(enrolment, lesson=lesson)
    assert [r.question.lesson_id for r in attempt.questions.all()] == [lesson.pk]
    answer_all(attempt, correct_answer)
    assert services.submit_attempt(attempt).attempt.passed
    assert lesson.pk in services.completed_lesson_ids(enrolment)


def test_completing_the_course_issues_the_certificate_once(enrolment, course):
    from learning.models import Certificate

    course.certificate_valid_months = 24
    course.save()
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, correct_answer)
    services.submit_attempt(attempt)
    services.submit_attempt(attempt)
    certificate = Certificate.objects.get(user=enrolment.user)
    assert certificate.course_id == course.pk
    assert certificate.issued_at == QuizAttempt.objects.get(pk=attempt.pk).submitted_at
    assert certificate.expires_at.year == certificate.issued_at.year + 2


def test_no_certificate_when_the_course_gives_none(enrolment, course):
    from learning.models import Certificate

    course.issues_certificate = False
    course.save()
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, correct_answer)
    services.submit_attempt(attempt)
    assert not Certificate.objects.exists()
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def test_certificate_failure_rolls_back_the_grading(enrolment, monkeypatch):
    import learning.certificates.services

    def broken(**kwargs):
        raise RuntimeError("PDF store down")

    monkeypatch.setattr(learning.certificates.services, "issue_certificate", broken)
    attempt = services.start_attempt(enrolment)
    answer_all(attempt, correct_answer)
    with pytest.raises(RuntimeError):
        services.submit_attempt(attempt)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.score is None
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None
