import pytest

from learning.models import QuestionType
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ProfileFactory,
    QuestionFactory,
)

LEARNER_NAME = "Nguyễn Thị Hồng Đào"
COURSE_TITLE = "Phòng, chống xâm hại tình dục trẻ em dành cho giáo viên"

ORDERING_STEPS = [
    ("Bình tĩnh lắng nghe, tin lời trẻ", True),
    ("Đảm bảo trẻ an toàn", True),
    ("Gọi Tổng đài 111", True),
    ("Ghi lại điều trẻ kể", True),
]


@pytest.fixture
def course(home_page):
    """A course with two required lessons and one optional; 10 questions drawn per
    attempt, pass mark 70%, three attempts (the `bank` fixture adds the questions)."""
    section = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(
        parent=section,
        title=COURSE_TITLE,
        quiz_question_count=10,
        pass_mark=70,
        quiz_max_attempts=3,
    )
    course.lesson_list = [
        LessonPageFactory(parent=course, title="Bài 1"),
        LessonPageFactory(parent=course, title="Bài 2"),
        LessonPageFactory(parent=course, title="Bài đọc thêm", required=False),
    ]
    return course


@pytest.fixture
def bank(course):
    """Twelve questions: nine single choice, one ordering, one multiple choice and one
    true/false attached to the first lesson."""
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
        lesson=course.lesson_list[0],
        options=[("Đúng", True), ("Sai", False)],
    )
    return course


@pytest.fixture
def learner(db):
    return ProfileFactory(full_name=LEARNER_NAME).user


@pytest.fixture
def enrolment(bank, course, learner):
    """The learner, enrolled, with the two required lessons done."""
    from learning.quiz import services

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
