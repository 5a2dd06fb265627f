"""A double submission in parallel grades once: several requests submit the same
attempt at the same moment, each in its own thread, connection and transaction.

Row locks need a database that has them, so this runs on PostgreSQL (CI runs the
suite on it); SQLite serialises writers itself and reports it as skipped.
"""

import threading

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

import pytest

from learning.models import Certificate, QuizAttempt
from learning.quiz import services
from tests.learning.conftest import correct_answer

SUBMITTERS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks: run with DATABASE_URL=postgres://…",
    ),
]


def in_parallel(work, count: int = SUBMITTERS) -> list:
    """Run `work()` in `count` threads released together; return what each gave."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = work()
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def answered_attempt(enrolment, course):
    course.certificate_valid_months = 24
    course.save()
    attempt = services.start_attempt(enrolment)
    for row in attempt.questions.select_related("question"):
        services.save_answer(attempt, row.token, correct_answer(row))
    return attempt


def test_parallel_service_submissions_grade_once(answered_attempt, learner):
    outcomes = in_parallel(
        lambda: services.submit_attempt(QuizAttempt.objects.get(pk=answered_attempt.pk))
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert sum(o.graded_now for o in outcomes) == 1
    attempt = QuizAttempt.objects.get(pk=answered_attempt.pk)
    assert attempt.passed and attempt.score == 100
    assert {o.attempt.submitted_at for o in outcomes} == {attempt.submitted_at}
    assert Certificate.objects.filter(user=learner).count() == 1


def test_parallel_http_submissions_grade_once(answered_attempt, learner):
    url = reverse("learning_submit", kwargs={"public_id": answered_attempt.public_id})

    def post():
        client = Client()
        client.force_login(learner)
        return client.post(url).status_code

    statuses = in_parallel(post)
    assert statuses == [302] * SUBMITTERS
    attempt = QuizAttempt.objects.get(pk=answered_attempt.pk)
    assert attempt.passed and attempt.submitted_at is not None
    assert Certificate.objects.filter(user=learner).count() == 1
    assert QuizAttempt.objects.filter(enrolment=attempt.enrolment).count() == 1
