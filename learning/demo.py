"""Demo training content: two courses in Vietnamese, three lessons each, a question
bank with explanations (data: demo_courses.json, with the facts it uses), and a
demo learner. Every function is idempotent."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from allauth.account.models import EmailAddress

from accounts.models import Profile, User
from base.demo import stream, upsert_page
from base.roles import Role
from learning.models import Choice, CourseIndexPage, CoursePage, LessonPage, Question

DEMO_LEARNER_EMAIL = "hocvien.demo@example.org"
DEMO_LEARNER_PASSWORD = "HocVien-Demo-2026"  # noqa: S105 - documented demo account, never in production
DEMO_LEARNER_NAME = "Trần Thị Mai"

COURSES_FILE = Path(__file__).resolve().parent / "demo_courses.json"


def course_specs() -> list[dict]:
    return json.loads(COURSES_FILE.read_text(encoding="utf-8"))["courses"]


def _course(section: CourseIndexPage, spec: dict) -> CoursePage:
    fields = {
        key: spec[key]
        for key in (
            "title",
            "summary",
            "introduction",
            "audiences",
            "estimated_minutes",
            "pass_mark",
            "certificate_valid_months",
            "quiz_question_count",
            "quiz_time_limit_minutes",
            "quiz_max_attempts",
        )
    }
    fields |= {"search_description": spec["summary"], "issues_certificate": True}
    return upsert_page(section, CoursePage, spec["slug"], fields)


def _lesson(course: CoursePage, spec: dict) -> LessonPage:
    fields = {
        "title": spec["title"],
        "body": stream(spec["body"]),
        "required": spec["required"],
        "estimated_minutes": spec["estimated_minutes"],
        "quiz_question_count": spec["quiz_question_count"],
    }
    return upsert_page(course, LessonPage, spec["slug"], fields)


def _question(course: CoursePage, lessons: list[LessonPage], spec: dict) -> Question:
    """Questions are rows, not pages: created once, identified by their text."""
    question = Question.objects.filter(course=course, text=spec["text"]).first()
    if question is None:
        question = Question.objects.create(
            course=course,
            lesson=lessons[spec["lesson"] - 1] if spec["lesson"] else None,
            type=spec["type"],
            text=spec["text"],
            explanation=spec["explanation"],
        )
        Choice.objects.bulk_create(
            Choice(
                question=question, text=option["text"], is_correct=option["correct"], sort_order=i
            )
            for i, option in enumerate(spec["options"])
        )
    return question


@transaction.atomic
def load_courses(section: CourseIndexPage) -> list[CoursePage]:
    courses = []
    for spec in course_specs():
        course = _course(section, spec)
        lessons = [_lesson(course, lesson) for lesson in spec["lessons"]]
        for question in spec["questions"]:
            _question(course, lessons, question)
        courses.append(course)
    return courses


@transaction.atomic
def demo_learner() -> User:
    """A learner who can sign in at once (verified e-mail), documented in the README."""
    user = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="hocvien-demo", email=DEMO_LEARNER_EMAIL, password=DEMO_LEARNER_PASSWORD
        )
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_LEARNER_EMAIL, defaults={"verified": True, "primary": True}
    )
    Profile.objects.get_or_create(
        user=user, defaults={"full_name": DEMO_LEARNER_NAME, "role": Role.TEACHER}
    )
    return user
