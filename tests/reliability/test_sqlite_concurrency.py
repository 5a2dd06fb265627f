"""A handful of people at once on the default SQLite set-up: answer saves, quiz
starts, submissions and anonymous searches from parallel threads, each with its
own connection, end without a single error ("database is locked" was an HTTP 500
before WAL, the busy timeout and immediate transactions). Runs on PostgreSQL too.
"""

import threading

from django.db import connections
from django.test import Client
from django.urls import reverse

import pytest

from learning.models import QuizAttempt
from learning.quiz import services
from search.models import QueryStat
from tests.factories import ProfileFactory
from tests.learning.conftest import correct_answer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def in_parallel(works: list) -> list:
    """Run each callable in its own thread, released together; return what each gave."""
    barrier = threading.Barrier(len(works))
    results: list = [None] * len(works)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = works[index]()
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def enrolled_learners(course, count: int) -> list:
    learners = []
    for _ in range(count):
        user = ProfileFactory().user
        enrolment = services.enrol(user, course)
        for lesson in course.lesson_list[:2]:
            services.complete_lesson(enrolment, lesson)
        learners.append((user, enrolment))
    return learners


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_parallel_quiz_starts(bank, course):
    learners = enrolled_learners(course, 5)
    clients = [client_for(user) for user, _ in learners]
    url = reverse("learning_start_quiz", args=[course.pk])
    statuses = in_parallel([lambda c=c: c.post(url).status_code for c in clients])
    assert statuses == [302] * 5
    assert QuizAttempt.objects.filter(enrolment__course=course).count() == 5


def test_parallel_answer_saves(bank, course):
    (user, enrolment), *_ = enrolled_learners(course, 1)
    attempt = services.start_attempt(enrolment)
    rows = list(attempt.questions.select_related("question"))[:6]
    url = reverse("learning_save_answer", args=[attempt.public_id])
    clients = [client_for(user) for _ in rows]

    def save(client, row):
        body = {"question": row.token, "answer": correct_answer(row)}
        return client.post(url, body, content_type="application/json").status_code

    statuses = in_parallel(
        [lambda c=c, r=r: save(c, r) for c, r in zip(clients, rows, strict=True)]
    )
    assert statuses == [200] * 6
    saved = attempt.questions.exclude(answer=[]).exclude(answer__isnull=True).count()
    assert saved == 6


def test_parallel_submissions(bank, course):
    learners = enrolled_learners(course, 4)
    work = []
    for user, enrolment in learners:
        attempt = services.start_attempt(enrolment)
        for row in attempt.questions.select_related("question"):
            services.save_answer(attempt, row.token, correct_answer(row))
        url = reverse("learning_submit", kwargs={"public_id": attempt.public_id})
        client = client_for(user)
        work.append(lambda c=client, u=url: c.post(u).status_code)
    statuses = in_parallel(work)
    assert statuses == [302] * 4
    assert QuizAttempt.objects.filter(submitted_at__isnull=False, passed=True).count() == 4


def test_parallel_anonymous_searches(demo_site, settings):
    settings.SEARCH_LOG_BATCH = 5  # flushes happen while others search

    def searches(worker: int) -> list[int]:
        client = Client(REMOTE_ADDR=f"10.0.1.{worker}")
        return [client.get("/tim-kiem/", {"q": f"tre em {n % 3}"}).status_code for n in range(8)]

    results = in_parallel([lambda w=w: searches(w) for w in range(6)])
    assert results == [[200] * 8] * 6
    assert QueryStat.objects.exists()
