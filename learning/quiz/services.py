"""Enrolment, progress and the quiz engine. Everything a learner can change goes
through these functions; views only translate HTTP to calls and errors to messages.

Integrity rules kept here, on the server:
- an attempt's questions and option order are fixed when it starts; answers name
  them by per-attempt opaque tokens, anything else is refused;
- answers and submissions after the deadline (+ a small grace) are refused, and an
  expired attempt is graded with what was saved;
- an attempt is graded once (row lock + conditional UPDATE on submitted_at IS NULL);
  grading, closing the attempt, completing the course and issuing the certificate
  happen in one transaction.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models import (
    AttemptOption,
    AttemptQuestion,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    Question,
    QuestionType,
    QuizAttempt,
    ReviewSetting,
)

_system_random = secrets.SystemRandom()


class LearningError(Exception):
    """A request the rules refuse; `message` is shown to the learner."""

    status = 400

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    default_message = _("This action is not possible.")


class InvalidAnswer(LearningError):
    default_message = _("This answer does not belong to your attempt.")


class AttemptClosed(LearningError):
    status = 409
    default_message = _("This attempt has already been submitted.")


class TimeUp(LearningError):
    status = 409
    default_message = _(
        "The time limit has passed: this answer was not saved. Your attempt was graded "
        "with the answers saved before the time ran out."
    )


class QuizUnavailable(LearningError):
    status = 409
    default_message = _("This quiz cannot be started.")


def grace() -> timedelta:
    """Answers reaching the server this long after the deadline still count
    (network latency); later ones are refused."""
    return timedelta(seconds=getattr(settings, "LEARNING_DEADLINE_GRACE_SECONDS", 30))


# --- enrolment and lessons ---------------------------------------------------------


def enrol(user, course: CoursePage, *, by=None) -> Enrolment:
    """The learner's enrolment in the course, created if missing (idempotent)."""
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, course=course, enrolled_by=by)
    except IntegrityError:  # enrolled at the same moment by another request
        return Enrolment.objects.get(user=user, course=course)


def required_lesson_ids(course: CoursePage) -> set[int]:
    return set(course.lessons().filter(required=True).values_list("pk", flat=True))


def completed_lesson_ids(enrolment: Enrolment) -> set[int]:
    return set(enrolment.lesson_completions.values_list("lesson_id", flat=True))


def required_lessons_done(enrolment: Enrolment) -> bool:
    """No required lesson left without a completion (one query)."""
    done = enrolment.lesson_completions.values("lesson_id")
    return not enrolment.course.lessons().filter(required=True).exclude(pk__in=done).exists()


def _check_lesson(enrolment: Enrolment, lesson: LessonPage) -> None:
    if lesson.get_parent().pk != enrolment.course_id:
        raise LearningError(_("This lesson is not part of the course."))


def complete_lesson(enrolment: Enrolment, lesson: LessonPage) -> LessonCompletion:
    """Record the lesson as done (idempotent)."""
    _check_lesson(enrolment, lesson)
    try:
        with transaction.atomic():
            completion, _created = LessonCompletion.objects.get_or_create(
                enrolment=enrolment, lesson=lesson
            )
    except IntegrityError:
        completion = LessonCompletion.objects.get(enrolment=enrolment, lesson=lesson)
    return completion


# --- starting an attempt -------------------------------------------------------------


def quiz_attempts(enrolment: Enrolment, lesson: LessonPage | None = None):
    return QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson)


def attempts_left(enrolment: Enrolment, lesson: LessonPage | None = None) -> int | None:
    """None when unlimited."""
    if lesson is not None or enrolment.course.quiz_max_attempts is None:
        return None
    used = quiz_attempts(enrolment, lesson).count()
    return max(enrolment.course.quiz_max_attempts - used, 0)


def open_attempt(
    enrolment: Enrolment, lesson: LessonPage | None = None, *, now: datetime | None = None
) -> QuizAttempt | None:
    """The attempt in progress, if any; an expired one is graded first."""
    attempt = quiz_attempts(enrolment, lesson).filter(submitted_at__isnull=True).first()
    if attempt and close_if_expired(attempt, now=now):
        return None
    return attempt


def _check_final_quiz_open(enrolment: Enrolment) -> None:
    if not required_lessons_done(enrolment):
        raise QuizUnavailable(_("Finish the required lessons before the final quiz."))
    if quiz_attempts(enrolment).filter(passed=True).exists():
        raise QuizUnavailable(_("You have already passed this quiz."))
    if attempts_left(enrolment) == 0:
        raise QuizUnavailable(_("You have used all your attempts at this quiz."))


def start_attempt(
    enrolment: Enrolment,
    *,
    lesson: LessonPage | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> QuizAttempt:
    """Resume the attempt in progress or start a new one: draw the questions,
    shuffle them and their options, and fix that order for the attempt."""
    now = now or timezone.now()
    rng = rng or _system_random
    course = enrolment.course
    if lesson is not None:
        _check_lesson(enrolment, lesson)
    with transaction.atomic():
        # Serialises concurrent starts by the same learner (PostgreSQL).
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        current = open_attempt(enrolment, lesson, now=now)
        if current:
            return current
        if lesson is None:
            _check_final_quiz_open(enrolment)
            count = course.quiz_question_count
            pool = final_quiz_pool(course)
            limit = course.quiz_time_limit_minutes
        else:
            count = lesson.quiz_question_count
            pool = Question.objects.filter(course=course, lesson=lesson, active=True)
            limit = None
        questions = list(pool.prefetch_related("choices"))
        questions = [q for q in questions if len(q.choices.all()) >= 2]
        if not count or not questions:
            raise QuizUnavailable(_("This quiz has no questions yet."))
        drawn = rng.sample(questions, min(count, len(questions)))
        deadline = None
        if limit:
            deadline = now + timedelta(minutes=limit + enrolment.extra_minutes)
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson=lesson,
            number=quiz_attempts(enrolment, lesson).count() + 1,
            started_at=now,
            time_limit_minutes=limit,
            deadline=deadline,
        )
        rows = AttemptQuestion.objects.bulk_create(
            [AttemptQuestion(attempt=attempt, question=q, position=i) for i, q in enumerate(drawn)]
        )
        options = []
        for row, question in zip(rows, drawn, strict=True):
            choices = list(question.choices.all())
            if question.type != QuestionType.TRUE_FALSE:  # "Đúng" before "Sai" reads best
                rng.shuffle(choices)
            options += [
                AttemptOption(attempt_question=row, choice=c, position=i)
                for i, c in enumerate(choices)
            ]
        AttemptOption.objects.bulk_create(options)
    return attempt


def refresh_deadlines(enrolment: Enrolment) -> int:
    """Apply the enrolment's extra time to its timed attempts in progress (a manager
    granting more time, WCAG 2.2.1). Returns how many attempts changed."""
    changed = 0
    for attempt in quiz_attempts(enrolment, None).filter(
        submitted_at__isnull=True, time_limit_minutes__isnull=False
    ):
        attempt.deadline = attempt.started_at + timedelta(
            minutes=attempt.time_limit_minutes + enrolment.extra_minutes
        )
        attempt.save(update_fields=["deadline"])
        changed += 1
    return changed


# --- answering ---------------------------------------------------------------------


def is_expired(attempt: QuizAttempt, now: datetime | None = None) -> bool:
    """Past the deadline and its grace."""
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace()


def close_if_expired(attempt: QuizAttempt, *, now: datetime | None = None) -> bool:
    """Grade an attempt whose time ran out with what was saved. True if it is closed."""
    if attempt.submitted_at is None and is_expired(attempt, now):
        submit_attempt(attempt, now=now)
        attempt.refresh_from_db()
    return attempt.submitted_at is not None


def _validated(row: AttemptQuestion, tokens: list[str]) -> list[str]:
    """The answer as it will be stored, or InvalidAnswer."""
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise InvalidAnswer()
    allowed = {option.token for option in row.options.all()}
    kind = row.question.type
    if kind == QuestionType.ORDERING:
        # Blanks ("") keep the places not chosen yet; duplicates are graded as wrong.
        if len(tokens) > len(allowed) or any(t and t not in allowed for t in tokens):
            raise InvalidAnswer(_("This option is not part of this question."))
        return tokens if any(tokens) else []
    tokens = [t for t in tokens if t]
    if any(t not in allowed for t in tokens):
        raise InvalidAnswer(_("This option is not part of this question."))
    if kind in (QuestionType.SINGLE, QuestionType.TRUE_FALSE) and len(tokens) > 1:
        raise InvalidAnswer(_("Choose one option only."))
    return sorted(set(tokens), key=tokens.index)


def _locked_open(attempt: QuizAttempt, now: datetime) -> QuizAttempt:
    locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.submitted_at is not None:
        raise AttemptClosed()
    return locked


def save_answer(
    attempt: QuizAttempt,
    question_token: str,
    option_tokens: list[str],
    *,
    now: datetime | None = None,
) -> AttemptQuestion:
    """Save one answer as soon as it is given. Refuses questions that are not in
    the attempt, options of another question, closed and expired attempts."""
    now = now or timezone.now()
    expired = False
    with transaction.atomic():
        locked = _locked_open(attempt, now)
        if is_expired(locked, now):
            expired = True
        else:
            row = (
                locked.questions.filter(token=str(question_token)[:16])
                .select_related("question")
                .prefetch_related("options")
                .first()
            )
            if row is None:
                raise InvalidAnswer(_("This question is not part of your attempt."))
            row.answer = _validated(row, option_tokens)
            row.answered_at = now
            row.save(update_fields=["answer", "answered_at"])
    if expired:
        close_if_expired(attempt, now=now)
        raise TimeUp()
    return row


def _store_answers(
    locked: QuizAttempt, answers: dict[str, list[str]], now: datetime
) -> list[AttemptQuestion]:
    """Save the answers of a form post into the locked attempt; returns all its rows."""
    rows = {
        row.token: row
        for row in locked.questions.select_related("question").prefetch_related("options")
    }
    if set(answers) - set(rows):
        raise InvalidAnswer(_("This question is not part of your attempt."))
    changed = []
    for token, tokens in answers.items():
        row = rows[token]
        value = _validated(row, tokens)
        if value != row.answer:
            row.answer, row.answered_at = value, now
            changed.append(row)
    AttemptQuestion.objects.bulk_update(changed, ["answer", "answered_at"])
    return sorted(rows.values(), key=lambda row: row.position)


def unanswered_before_submit(
    attempt: QuizAttempt, answers: dict[str, list[str]], *, now: datetime | None = None
) -> list[AttemptQuestion]:
    """Save the posted answers, then list the questions still without an answer, so
    that the learner confirms before an attempt is spent on them. Nothing is listed
    for an attempt that is closed or past its time (submitting grades it)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None or is_expired(locked, now):
            return []
        rows = _store_answers(locked, answers, now)
    return [row for row in rows if not any(row.answer or [])]


# --- grading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    attempt: QuizAttempt
    graded_now: bool  # False when it had been graded already (double submission)
    late: bool = False  # answers sent with the submission arrived after the deadline


@dataclass(frozen=True)
class OptionFacts:
    """What grading needs of an option: its token, and its choice's key and place."""

    token: str
    is_correct: bool
    sort_order: int | None


def answer_is_correct(kind: str, answer: list[str], options: list[OptionFacts]) -> bool:
    if kind == QuestionType.ORDERING:
        expected = [o.token for o in sorted(options, key=lambda o: o.sort_order or 0)]
        return answer == expected
    correct = {o.token for o in options if o.is_correct}
    # single, true/false: the one correct option; multiple: all correct ones and only
    # those (all-or-nothing, as the quiz page says).
    return bool(correct) and set(answer) == correct and len(answer) == len(set(answer))


def _correct(row: AttemptQuestion, options: list[AttemptOption]) -> bool:
    facts = [OptionFacts(o.token, o.choice.is_correct, o.choice.sort_order) for o in options]
    return answer_is_correct(row.question.type, list(row.answer or []), facts)


def grade(attempt: QuizAttempt) -> tuple[Decimal, int, int]:
    """Mark every question; returns (score %, correct, total). No writes to the attempt.

    Two reads (the questions; their options with the choices' keys) and two writes
    (the right ones, the wrong ones), whatever the number of questions, and no model
    instances: grading is a small part of a submission."""
    in_attempt = AttemptQuestion.objects.filter(attempt=attempt)
    questions = list(in_attempt.values_list("pk", "answer", "question__type"))
    options: dict[int, list[OptionFacts]] = {}
    rows = AttemptOption.objects.filter(attempt_question__attempt=attempt).values_list(
        "attempt_question_id", "token", "choice__is_correct", "choice__sort_order"
    )
    for question_id, token, is_correct, sort_order in rows:
        options.setdefault(question_id, []).append(OptionFacts(token, is_correct, sort_order))
    right = {
        pk
        for pk, answer, kind in questions
        if answer_is_correct(kind, list(answer or []), options.get(pk, []))
    }
    AttemptQuestion.objects.filter(pk__in=right).update(is_correct=True)
    AttemptQuestion.objects.filter(pk__in={pk for pk, *_rest in questions} - right).update(
        is_correct=False
    )
    total = len(questions)
    score = Decimal(len(right) * 100) / Decimal(total or 1)
    return score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), len(right), total


def submit_attempt(
    attempt: QuizAttempt,
    answers: dict[str, list[str]] | None = None,
    *,
    now: datetime | None = None,
) -> Outcome:
    """Save the answers sent with the submission (the form without JavaScript),
    then grade, close the attempt, complete the course and issue the certificate,
    all in one transaction. A second submission grades nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            return Outcome(locked, graded_now=False)
        late = is_expired(locked, now)
        if answers and not late:
            _store_answers(locked, answers, now)
        # The claim: only one transaction can move submitted_at from NULL.
        claimed = QuizAttempt.objects.filter(pk=locked.pk, submitted_at__isnull=True).update(
            submitted_at=now, auto_submitted=late
        )
        if not claimed:
            return Outcome(QuizAttempt.objects.get(pk=locked.pk), graded_now=False)
        score, _correct_count, _total = grade(locked)
        # the learner and their profile too: the certificate is issued in their name
        enrolment = Enrolment.objects.select_related("course", "user__profile").get(
            pk=locked.enrolment_id
        )
        course = enrolment.course
        passed = score >= course.pass_mark
        QuizAttempt.objects.filter(pk=locked.pk).update(score=score, passed=passed)
        if passed and locked.lesson_id:
            complete_lesson(enrolment, LessonPage.objects.get(pk=locked.lesson_id))
        if passed and locked.lesson_id is None:
            complete_course(enrolment, now=now)
    attempt.refresh_from_db()
    return Outcome(attempt, graded_now=True, late=late and bool(answers))


def complete_course(enrolment: Enrolment, *, now: datetime | None = None) -> bool:
    """Mark the course completed when the required lessons are done and the final
    quiz is passed; issue the certificate. Call inside the grading transaction."""
    now = now or timezone.now()
    if enrolment.completed_at is not None:
        return False
    if not required_lessons_done(enrolment):
        return False
    if not quiz_attempts(enrolment).filter(passed=True).exists():
        return False
    enrolment.completed_at = now
    enrolment.save(update_fields=["completed_at"])
    course_completed(enrolment, now=now)
    return True


def course_completed(enrolment: Enrolment, *, now: datetime) -> None:
    """Runs inside the grading transaction when a course is completed: issues the
    certificate when the course gives one."""
    from learning.certificates.services import issue_certificate

    course = enrolment.course
    if course.issues_certificate:
        issue_certificate(
            user=enrolment.user,
            course=course,
            valid_months=course.certificate_valid_months,
            issued_at=now,
        )


# --- what a quiz review may show --------------------------------------------------


def final_quiz_pool(course: CoursePage):
    """The final quiz's questions: never those of a lesson that has its own quiz
    (lesson quizzes show their answers, so sharing questions would hand them out)."""
    return Question.objects.filter(course=course, active=True).filter(
        Q(lesson__isnull=True) | Q(lesson__quiz_question_count=0)
    )


def answers_may_be_shown(attempt: QuizAttempt, review: str) -> bool:
    """Correct answers and explanations after submission, as the review setting allows:
    "after_last" waits until the quiz is passed or no attempt is left."""
    if review == ReviewSetting.FULL:
        return True
    if review != ReviewSetting.AFTER_LAST:
        return False
    if attempt.passed or quiz_attempts(attempt.enrolment).filter(passed=True).exists():
        return True
    return attempts_left(attempt.enrolment) == 0


def pool_warning(course: CoursePage) -> str | None:
    """A warning for editors when the final quiz draws more than half its pool:
    learners then see most questions again in their next attempt."""
    count = course.quiz_question_count or 0
    pool = final_quiz_pool(course).count()
    if count and pool < 2 * count:
        return _(
            "The final quiz draws %(count)s questions from a bank of %(pool)s: add questions "
            "until the bank holds at least %(needed)s (twice the number drawn), so that "
            "attempts differ."
        ) % {"count": count, "pool": pool, "needed": 2 * count}
    return None
