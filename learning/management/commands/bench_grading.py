"""Time the quiz engine on a 30-question attempt, inside a transaction that is rolled
back: grading alone, and the whole submission (grading, closing the attempt,
completing the course, issuing the certificate). Wall time and this process's CPU
time (on a shared machine the CPU time is the figure that compares)."""

import statistics
import time

from django.db import connection, transaction

from wagtail.models import Page

from base.benchmarks import BenchmarkCommand
from learning.courses.records import AttemptQuestion
from learning.models import Choice, CourseIndexPage, CoursePage, Question, QuestionType
from learning.quiz import services

TYPES = [QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE, QuestionType.ORDERING]


class Rollback(Exception):
    pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BenchmarkCommand):
    help = "Benchmark grading a 30-question quiz attempt (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--questions", type=int, default=30)

    def handle(self, *args, runs: int, questions: int, **options):
        self.timings: dict[str, list[float]] = {
            "grade": [],
            "submit": [],
            "grade_cpu": [],
            "submit_cpu": [],
        }
        try:
            with transaction.atomic():
                self._run(max(runs, 1), max(questions, 1))
                raise Rollback
        except Rollback:
            pass
        grade, submit = self.timings["grade"], self.timings["submit"]
        self.stdout.write(f"database: {connection.vendor}, {questions} questions, {runs} runs")
        grade_cpu, submit_cpu = self.timings["grade_cpu"], self.timings["submit_cpu"]
        for name, values in (
            ("grade only", grade),
            ("submit + certificate", submit),
            ("grade only, CPU", grade_cpu),
            ("submit + cert., CPU", submit_cpu),
        ):
            self.stdout.write(
                f"{name:>22}: median {statistics.median(values):.1f} ms, "
                f"p95 {percentile(values, 0.95):.1f} ms, max {max(values):.1f} ms"
            )
        self.stdout.write(
            f"RESULT questions={questions} runs={runs} "
            f"grade_p50_ms={statistics.median(grade):.1f} "
            f"grade_p95_ms={percentile(grade, 0.95):.1f} "
            f"submit_p50_ms={statistics.median(submit):.1f} "
            f"submit_p95_ms={percentile(submit, 0.95):.1f} "
            f"submit_cpu_p50_ms={statistics.median(submit_cpu):.1f} "
            f"submit_cpu_p95_ms={percentile(submit_cpu, 0.95):.1f}"
        )

    def _run(self, runs: int, count: int) -> None:
        from accounts.models import User

        section = Page.get_first_root_node().add_child(
            instance=CourseIndexPage(title="Bench", slug="bench-grading-section")
        )
        course = section.add_child(
            instance=CoursePage(
                title="Bench course",
                slug="bench-course",
                summary="Benchmark",
                quiz_question_count=count,
                pass_mark=50,
                certificate_valid_months=24,
            )
        )
        for number in range(count + 10):
            kind = TYPES[number % len(TYPES)]
            question = Question.objects.create(course=course, type=kind, text=f"Q{number}")
            options = 2 if kind == QuestionType.TRUE_FALSE else 4
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    text=f"Q{number} option {i}",
                    is_correct=kind == QuestionType.ORDERING
                    or i in (0, 2)[: 1 + (kind == QuestionType.MULTIPLE)],
                    sort_order=i,
                )
                for i in range(options)
            )
        for run in range(runs):
            user = User.objects.create_user(username=f"bench{run}", email=f"bench{run}@example.org")
            enrolment = services.enrol(user, course)
            attempt = services.start_attempt(enrolment)
            rows = attempt.questions.select_related("question").prefetch_related("options__choice")
            for row in rows:
                options = list(row.options.all())
                if row.question.type == QuestionType.ORDERING:
                    answer = [o.token for o in sorted(options, key=lambda o: o.choice.sort_order)]
                else:
                    answer = [o.token for o in options if o.choice.is_correct]
                AttemptQuestion.objects.filter(pk=row.pk).update(answer=answer)
            started, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic():
                services.grade(attempt)
            self.timings["grade"].append((time.perf_counter() - started) * 1000)
            self.timings["grade_cpu"].append((time.process_time() - cpu) * 1000)
            started, cpu = time.perf_counter(), time.process_time()
            outcome = services.submit_attempt(attempt)
            self.timings["submit"].append((time.perf_counter() - started) * 1000)
            self.timings["submit_cpu"].append((time.process_time() - cpu) * 1000)
            assert outcome.attempt.passed and outcome.attempt.score == 100
