from .certificates.models import Certificate, CertificateStatus
from .courses.pages import CoursePage, LessonPage, ReviewSetting
from .courses.records import (
    AttemptOption,
    AttemptQuestion,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from .courses.section import CourseIndexPage
from .quiz.questions import Choice, Question, QuestionType
from .reports.models import AreaManager

__all__ = [
    "AreaManager",
    "AttemptOption",
    "AttemptQuestion",
    "Certificate",
    "CertificateStatus",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "Question",
    "QuestionType",
    "QuizAttempt",
    "ReviewSetting",
]
