from .certificates import Certificate, CertificateStatus
from .courses import CoursePage, LessonPage, ReviewSetting
from .managers import AreaManager
from .progress import (
    AttemptOption,
    AttemptQuestion,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from .quiz import Choice, Question, QuestionType
from .sections import CourseIndexPage

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
