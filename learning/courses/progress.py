"""What the course and lesson pages show a learner: progress and where to resume."""

from __future__ import annotations

from dataclasses import dataclass, field

from learning.models import CoursePage, Enrolment, LessonPage, QuizAttempt


@dataclass
class LessonState:
    lesson: LessonPage
    done: bool


@dataclass
class CourseProgress:
    course: CoursePage
    enrolment: Enrolment | None
    lessons: list[LessonState] = field(default_factory=list)
    next_lesson: LessonPage | None = None
    quiz_ready: bool = False
    open_attempt: QuizAttempt | None = None
    attempts: list[QuizAttempt] = field(default_factory=list)
    attempts_left: int | None = None
    passed: bool = False

    @property
    def done_count(self) -> int:
        return sum(state.done for state in self.lessons)

    @property
    def percent(self) -> int:
        """Lessons done as a whole percentage: what the bar's label counts."""
        return round(100 * self.done_count / (len(self.lessons) or 1))

    @property
    def completed(self) -> bool:
        return bool(self.enrolment and self.enrolment.completed_at)


def course_progress(course: CoursePage, user) -> CourseProgress:
    from learning.quiz import services

    lessons = list(course.lessons())
    enrolment = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        return CourseProgress(course, None, [LessonState(lesson, False) for lesson in lessons])
    done = services.completed_lesson_ids(enrolment)
    states = [LessonState(lesson, lesson.pk in done) for lesson in lessons]
    progress = CourseProgress(course, enrolment, states)
    progress.next_lesson = next((s.lesson for s in states if not s.done), None)
    progress.open_attempt = services.open_attempt(enrolment)
    progress.attempts = list(
        services.quiz_attempts(enrolment).filter(submitted_at__isnull=False).order_by("number")
    )
    progress.passed = any(a.passed for a in progress.attempts)
    progress.attempts_left = services.attempts_left(enrolment)
    progress.quiz_ready = services.required_lessons_done(enrolment)
    return progress


def lesson_context(lesson: LessonPage, user) -> dict:
    parent = lesson.get_parent().specific
    if not isinstance(parent, CoursePage):
        return {"course": None}
    siblings = list(parent.lessons())
    index = next((i for i, item in enumerate(siblings) if item.pk == lesson.pk), None)
    after = index + 1 if index is not None else len(siblings)
    context = {
        "course": parent,
        "previous_lesson": siblings[index - 1] if index else None,
        "next_lesson": siblings[after] if after < len(siblings) else None,
        "lesson_number": (index or 0) + 1,
        "lesson_total": len(siblings),
        "enrolment": None,
        "lesson_done": False,
    }
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=parent).first()
        if enrolment:
            from learning.quiz import services

            context["enrolment"] = enrolment
            context["lesson_done"] = lesson.pk in services.completed_lesson_ids(enrolment)
            context["lesson_attempt"] = services.open_attempt(enrolment, lesson)
            context["lesson_attempts"] = list(
                services.quiz_attempts(enrolment, lesson).filter(submitted_at__isnull=False)
            )
    return context
