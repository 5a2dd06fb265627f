"""Learner actions: enrol, mark a lesson done, take a quiz, see the results and the
dashboard. Each view is thin: services.py holds the rules."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from django_ratelimit.decorators import ratelimit

from learning.courses.progress import course_progress
from learning.models import (
    Certificate,
    CoursePage,
    Enrolment,
    LessonPage,
    QuizAttempt,
    ReviewSetting,
)
from learning.quiz import services

# Per learner: generous for a person answering, tight for a script.
SAVE_RATE = "120/m"
SUBMIT_RATE = "10/m"
ACTION_RATE = "30/m"


def _too_many(request: HttpRequest, *, json_response: bool = False) -> HttpResponse:
    message = _("Too many requests. Wait a minute and try again.")
    if json_response:
        return JsonResponse({"error": message}, status=429)
    return render(request, "learning/error.html", {"message": message}, status=429)


def _refused(request: HttpRequest, error: services.LearningError, back: str) -> HttpResponse:
    messages.error(request, str(error.message))
    return redirect(back)


def _live_course(course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live().public(), pk=course_id)


def _live_lesson(lesson_id: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)


def _enrolment(request: HttpRequest, course: CoursePage) -> Enrolment:
    enrolment = Enrolment.objects.filter(user=request.user, course=course).first()
    if enrolment is None:
        raise Http404("not enrolled")
    return enrolment


def _own_attempt(request: HttpRequest, public_id) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("enrolment__course", "lesson"),
        public_id=public_id,
        enrolment__user=request.user,
    )


def _attempt_home(attempt: QuizAttempt) -> str:
    page = attempt.lesson or attempt.enrolment.course
    return page.url


@login_required
@require_POST
@ratelimit(key="user", rate=ACTION_RATE, block=False)
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    if request.limited:
        return _too_many(request)
    course = _live_course(course_id)
    services.enrol(request.user, course)
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    progress = course_progress(course, request.user)
    return redirect(progress.next_lesson.url if progress.next_lesson else course.url)


@login_required
@require_POST
@ratelimit(key="user", rate=ACTION_RATE, block=False)
def complete_lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    if request.limited:
        return _too_many(request)
    lesson = _live_lesson(lesson_id)
    course = lesson.get_parent().specific
    if not isinstance(course, CoursePage):
        raise Http404("not a course lesson")
    enrolment = _enrolment(request, course)
    services.complete_lesson(enrolment, lesson)
    progress = course_progress(course, request.user)
    if progress.next_lesson:
        messages.success(request, _("Lesson marked as done. Here is the next one."))
        return redirect(progress.next_lesson.url)
    messages.success(request, _("Lesson marked as done."))
    return redirect(course.url)


@login_required
@require_POST
@ratelimit(key="user", rate=ACTION_RATE, block=False)
def start_quiz(request: HttpRequest, course_id: int, lesson_id: int | None = None) -> HttpResponse:
    if request.limited:
        return _too_many(request)
    course = _live_course(course_id)
    lesson = None
    if lesson_id is not None:
        lesson = _live_lesson(lesson_id)
        if lesson.get_parent().pk != course.pk:
            raise Http404("lesson of another course")
    enrolment = _enrolment(request, course)
    try:
        attempt = services.start_attempt(enrolment, lesson=lesson)
    except services.LearningError as error:
        return _refused(request, error, (lesson or course).url)
    return redirect("learning_attempt", public_id=attempt.public_id)


def attempt_context(attempt: QuizAttempt) -> dict:
    rows = list(attempt.questions.select_related("question").prefetch_related("options__choice"))
    for row in rows:
        options = list(row.options.all())
        answer = list(row.answer or [])
        # ordering questions: the option chosen for each step, "" where none yet
        row.slots = [answer[i] if i < len(answer) else "" for i in range(len(options))]
    seconds_left = (
        max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
        if attempt.deadline
        else None
    )
    course = attempt.enrolment.course
    return {
        "accept_until": attempt.deadline + services.grace() if attempt.deadline else None,
        "attempt": attempt,
        "course": course,
        "lesson": attempt.lesson,
        "rows": rows,
        "answered": sum(1 for row in rows if any(row.answer)),
        "seconds_left": seconds_left,
        "minutes_left": -(-seconds_left // 60) if seconds_left is not None else None,
    }


@never_cache
@login_required
@require_GET
def attempt_page(request: HttpRequest, public_id) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    if services.close_if_expired(attempt):
        if attempt.auto_submitted:
            messages.info(request, _("The time ran out: your saved answers were graded."))
        return redirect("learning_result", public_id=attempt.public_id)
    return render(request, "learning/attempt.html", attempt_context(attempt))


def _posted_answers(request: HttpRequest, attempt: QuizAttempt) -> dict[str, list[str]]:
    """The form's answers: one field per question token, each holding option tokens."""
    tokens = set(attempt.questions.values_list("token", flat=True))
    answers = {}
    for name in request.POST:
        if name in ("csrfmiddlewaretoken", "action", "confirm"):
            continue
        if name not in tokens:
            raise services.InvalidAnswer(_("This question is not part of your attempt."))
        answers[name] = request.POST.getlist(name)
    return answers


@login_required
@require_POST
@ratelimit(key="user", rate=SAVE_RATE, block=False)
def save_answer(request: HttpRequest, public_id) -> JsonResponse:
    """Autosave: {"question": token, "answer": [option tokens]} as JSON or a form.
    The reply says only that it was saved: nothing about being right."""
    if request.limited:
        return _too_many(request, json_response=True)
    attempt = _own_attempt(request, public_id)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return JsonResponse({"error": _("The answer could not be read.")}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"error": _("The answer could not be read.")}, status=400)
        question, answer = data.get("question"), data.get("answer", [])
    else:
        question, answer = request.POST.get("question"), request.POST.getlist("answer")
    if not isinstance(question, str):
        return JsonResponse({"error": _("The answer could not be read.")}, status=400)
    try:
        row = services.save_answer(attempt, question, answer)
    except services.LearningError as error:
        body = {"error": str(error.message)}
        if isinstance(error, services.TimeUp | services.AttemptClosed):
            body["closed"] = True
            body["result_url"] = _result_url(attempt)
        return JsonResponse(body, status=error.status)
    attempt.refresh_from_db(fields=["deadline"])
    return JsonResponse(
        {
            "saved": row.token,
            "saved_at": row.answered_at.isoformat(),
            "deadline": attempt.deadline.isoformat() if attempt.deadline else None,
            "seconds_left": (
                max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
                if attempt.deadline
                else None
            ),
        }
    )


def _result_url(attempt: QuizAttempt) -> str:
    from django.urls import reverse

    return reverse("learning_result", kwargs={"public_id": attempt.public_id})


@login_required
@require_POST
@ratelimit(key="user", rate=SUBMIT_RATE, block=False)
def submit(request: HttpRequest, public_id) -> HttpResponse:
    if request.limited:
        return _too_many(request)
    attempt = _own_attempt(request, public_id)
    try:
        answers = _posted_answers(request, attempt)
        if request.POST.get("confirm") != "1":
            # Without JavaScript: unanswered questions are confirmed on a page of their own.
            missing = services.unanswered_before_submit(attempt, answers)
            if missing:
                context = attempt_context(attempt) | {"missing": missing}
                return render(request, "learning/attempt_confirm.html", context)
        outcome = services.submit_attempt(attempt, answers)
    except services.LearningError as error:
        return render(request, "learning/error.html", {"message": error.message}, status=400)
    if outcome.late:
        messages.error(request, services.TimeUp.default_message)
    return redirect("learning_result", public_id=attempt.public_id)


@never_cache
@login_required
@require_GET
def result(request: HttpRequest, public_id) -> HttpResponse:
    attempt = _own_attempt(request, public_id)
    if attempt.submitted_at is None:
        return redirect("learning_attempt", public_id=attempt.public_id)
    course = attempt.enrolment.course
    review = ReviewSetting.FULL if attempt.lesson_id else course.quiz_review
    show_answers = services.answers_may_be_shown(attempt, review)
    context = attempt_context(attempt)
    if show_answers:
        for row in context["rows"]:
            _add_feedback(row)
    context.update(
        review=review,
        show_score=review != ReviewSetting.NONE,
        show_answers=show_answers,
        correct_count=sum(1 for row in context["rows"] if row.is_correct),
        progress=course_progress(course, request.user),
        back_url=_attempt_home(attempt),
        attempts_left=services.attempts_left(attempt.enrolment, attempt.lesson),
        certificate=(
            Certificate.objects.filter(user=request.user, course_id=course.pk)
            .order_by("-issued_at")
            .first()
        ),
    )
    return render(request, "learning/result.html", context)


def _add_feedback(row) -> None:
    """After submission only: the learner's answer and the correct one, as texts."""
    options = list(row.options.all())
    by_token = {option.token: option.choice.text for option in options}
    row.given = [by_token.get(token, "—") if token else "—" for token in row.answer or []]
    if row.question.type == "ordering":
        ordered = sorted(options, key=lambda option: option.choice.sort_order or 0)
        row.expected = [option.choice.text for option in ordered]
    else:
        row.expected = [option.choice.text for option in options if option.choice.is_correct]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    enrolments = (
        Enrolment.objects.filter(user=request.user, course__live=True)
        .select_related("course")
        .order_by("completed_at", "-enrolled_at")
    )
    items = [course_progress(enrolment.course, request.user) for enrolment in enrolments]
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_at")
    return render(
        request, "learning/dashboard.html", {"items": items, "certificates": certificates}
    )
