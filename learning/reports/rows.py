"""Training reports for managers: one function computes the rows, views and
exporters only render them (so the screen, CSV and XLSX always agree).

Counting rule: the unit counted is a learner in a course. Several attempts, or
enrolling again, still count once per course. A learner is counted in the
period when their enrolment in the course started within it (``enrolled_at``,
dates inclusive, in the site's time zone).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.roles import Role
from base.vietnamese import clean_text, fold

from .scope import UnitMap

DIMENSIONS = {
    "course": gettext_lazy("Course"),
    "role": gettext_lazy("Role"),
    "organisation": gettext_lazy("Organisation"),
    "province": gettext_lazy("Province"),
    "commune": gettext_lazy("Commune"),
}
COUNTING_RULE = gettext_lazy(
    "A learner is counted once per course, when they enrolled in it within the period "
    "(dates included). Completed: all required lessons done and the final quiz passed. "
    "Pass rate: learners who passed the final quiz among those who submitted it at least once."
)


@dataclass(frozen=True)
class Fact:
    """One learner in one course: what the report needs to know."""

    user_id: int
    course_id: int
    role: str = ""
    organisation: str = ""
    province_id: int | None = None
    commune_id: int | None = None
    completed: bool = False
    attempted: bool = False
    passed: bool = False


@dataclass
class ReportRow:
    label: str
    enrolled: int = 0
    completed: int = 0
    attempted: int = 0
    passed: int = 0
    sort_key: tuple = ()

    @property
    def completion_rate(self) -> float:
        return rate(self.completed, self.enrolled)

    @property
    def pass_rate(self) -> float:
        return rate(self.passed, self.attempted)

    def add(self, fact: Fact) -> None:
        self.enrolled += 1
        self.completed += fact.completed
        self.attempted += fact.attempted
        self.passed += fact.passed


@dataclass
class Report:
    dimension: str
    date_from: datetime.date | None
    date_to: datetime.date | None
    rows: list[ReportRow] = field(default_factory=list)
    total: ReportRow = field(default_factory=lambda: ReportRow(label=_("Total")))

    @property
    def dimension_label(self) -> str:
        return str(DIMENSIONS[self.dimension])

    def header(self) -> list[str]:
        return [
            self.dimension_label,
            _("Learners enrolled"),
            _("Completed"),
            _("Completion rate (%)"),
            _("Took the final quiz"),
            _("Passed"),
            _("Pass rate (%)"),
        ]

    def table(self) -> list[list]:
        """Header, rows and total as plain values: what CSV and XLSX write."""
        lines: list[list] = [self.header()]
        for row in [*self.rows, self.total]:
            lines.append(
                [
                    row.label,
                    row.enrolled,
                    row.completed,
                    row.completion_rate,
                    row.attempted,
                    row.passed,
                    row.pass_rate,
                ]
            )
        return lines


def rate(part: int, whole: int) -> float:
    """A percentage with one decimal (0 when there is nothing to divide)."""
    return round(100 * part / whole, 1) if whole else 0.0


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (learner, course): re-enrolments and repeated attempts merge."""
    merged: dict[tuple[int, int], Fact] = {}
    for fact in facts:
        key = (fact.user_id, fact.course_id)
        seen = merged.get(key)
        if seen is None:
            merged[key] = fact
        else:
            merged[key] = Fact(
                user_id=fact.user_id,
                course_id=fact.course_id,
                role=seen.role,
                organisation=seen.organisation,
                province_id=seen.province_id,
                commune_id=seen.commune_id,
                completed=seen.completed or fact.completed,
                attempted=seen.attempted or fact.attempted,
                passed=seen.passed or fact.passed,
            )
    return list(merged.values())


def _group(fact: Fact, dimension: str, units: UnitMap, courses: dict[int, str]) -> tuple:
    """(grouping key, label, sort key) of ``fact`` along ``dimension``."""
    if dimension == "course":
        title = courses.get(fact.course_id, str(fact.course_id))
        return fact.course_id, title, (fold(title),)
    if dimension == "role":
        labels = dict(Role.choices)
        label = str(labels.get(fact.role, _("Not given")))
        return fact.role, label, (list(labels).index(fact.role) if fact.role in labels else 99,)
    if dimension == "organisation":
        name = " ".join(clean_text(fact.organisation or "").split())
        key = fold(name)
        return key, name or _("Not given"), (key == "", key)
    province, commune = units.area(fact.province_id, fact.commune_id)
    if dimension == "province":
        name = units.name(province)
        return province, name or _("Not given"), (province is None, fold(name))
    province_name, commune_name = units.name(province), units.name(commune)
    if commune is None:
        label = (
            _("%(province)s – commune not given") % {"province": province_name}
            if province_name
            else _("Not given")
        )
    else:
        label = f"{commune_name}, {province_name}" if province_name else commune_name
    return (
        (province, commune),
        label,
        (province is None, fold(province_name), commune is None, fold(commune_name)),
    )


def aggregate(
    facts: Iterable[Fact],
    dimension: str,
    *,
    units: UnitMap | None = None,
    courses: dict[int, str] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Report:
    """Group learners-in-courses along ``dimension`` into report rows and a total."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    units = units if units is not None else UnitMap()
    report = Report(dimension=dimension, date_from=date_from, date_to=date_to)
    rows: dict[object, ReportRow] = {}
    for fact in merge_facts(facts):
        key, label, sort_key = _group(fact, dimension, units, courses or {})
        row = rows.get(key)
        if row is None:
            row = rows[key] = ReportRow(label=label, sort_key=sort_key)
        row.add(fact)
        report.total.add(fact)
    report.rows = sorted(rows.values(), key=lambda row: (row.sort_key, row.label))
    return report


def enrolment_facts(learners, *, date_from=None, date_to=None, course=None) -> list[Fact]:
    """Learners-in-courses of ``learners`` (a user queryset) enrolled within the period."""
    from learning.models import Enrolment, QuizAttempt

    enrolments = Enrolment.objects.filter(user__in=learners)
    if date_from is not None:
        enrolments = enrolments.filter(enrolled_at__date__gte=date_from)
    if date_to is not None:
        enrolments = enrolments.filter(enrolled_at__date__lte=date_to)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    finals = QuizAttempt.objects.filter(
        enrolment__in=enrolments, lesson__isnull=True, submitted_at__isnull=False
    ).values_list("enrolment_id", "passed")
    attempted: set[int] = set()
    passed: set[int] = set()
    for enrolment_id, did_pass in finals:
        attempted.add(enrolment_id)
        if did_pass:
            passed.add(enrolment_id)
    rows = enrolments.values_list(
        "pk",
        "user_id",
        "course_id",
        "completed_at",
        "user__profile__role",
        "user__profile__organisation",
        "user__profile__province_id",
        "user__profile__commune_id",
    )
    return [
        Fact(
            user_id=user_id,
            course_id=course_id,
            role=role or "",
            organisation=organisation or "",
            province_id=province_id,
            commune_id=commune_id,
            completed=completed_at is not None,
            attempted=pk in attempted,
            passed=pk in passed,
        )
        for (pk, user_id, course_id, completed_at, role, organisation, province_id, commune_id) in (
            rows
        )
    ]


def course_titles(course_ids: Iterable[int]) -> dict[int, str]:
    from learning.models import CoursePage

    return dict(CoursePage.objects.filter(pk__in=set(course_ids)).values_list("pk", "title"))


def build_report(
    learners, dimension: str, *, date_from=None, date_to=None, course=None, units=None
) -> Report:
    """The report a view shows and the exporters write: the one place rows are computed."""
    units = units if units is not None else UnitMap()
    facts = enrolment_facts(learners, date_from=date_from, date_to=date_to, course=course)
    return aggregate(
        facts,
        dimension,
        units=units,
        courses=course_titles(f.course_id for f in facts),
        date_from=date_from,
        date_to=date_to,
    )
