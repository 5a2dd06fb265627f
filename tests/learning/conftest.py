import pytest

from learning.models import QuestionType
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    UserFactory,
)

ORDERING_STEPS = [
    ("Bình tĩnh lắng nghe, tin lời trẻ", True),
    ("Đảm bảo trẻ an toàn", True),
    ("Gọi Tổng đài 111", True),
    ("Ghi lại điều trẻ kể", True),
]


@pytest.fixture
def course(home_page):
    """A course with two required lessons and one optional, a bank of 12 questions
    (one ordering, one multiple choice, one true/false), 10 drawn per attempt."""
    section = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(
        parent=section, quiz_question_count=10, pass_mark=70, quiz_max_attempts=3
    )
    lessons = [
        LessonPageFactory(parent=course, title="Bài 1"),
        LessonPageFactory(parent=course, title="Bài 2"),
        LessonPageFactory(parent=course, title="Bài đọc thêm", required=False),
    ]
    for _ in range(9):
        QuestionFactory(course=course)
    QuestionFactory(course=course, type=QuestionType.ORDERING, options=ORDERING_STEPS)
    QuestionFactory(
        course=course,
        type=QuestionType.MULTIPLE,
        options=[("Đúng A", True), ("Đúng B", True), ("Sai C", False)],
    )
    QuestionFactory(
        course=course,
        type=QuestionType.TRUE_FALSE,
        lesson=lessons[0],
        options=[("Đúng", True), ("Sai", False)],
    )
    course.lesson_list = lessons
    return course


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def enrolment(course, learner):
    from learning import services

    enrolment = services.enrol(learner, course)
    for lesson in course.lesson_list[:2]:
        services.complete_lesson(enrolment, lesson)
    return enrolment


def correct_answer(row) -> list[str]:
    """The tokens a perfect learner sends for an AttemptQuestion."""
    options = list(row.options.select_related("choice"))
    if row.question.type == QuestionType.ORDERING:
        return [o.token for o in sorted(options, key=lambda o: o.choice.sort_order)]
    return [o.token for o in options if o.choice.is_correct]


def wrong_answer(row) -> list[str]:
    options = list(row.options.select_related("choice"))
    if row.question.type == QuestionType.ORDERING:
        return [o.token for o in sorted(options, key=lambda o: -o.choice.sort_order)]
    return [next(o.token for o in options if not o.choice.is_correct)]
