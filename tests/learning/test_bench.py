import io

from django.core.management import call_command
from django.db import connection, reset_queries

import pytest

from learning.models import Certificate, CoursePage, QuizAttempt


@pytest.mark.django_db
def test_bench_grading_prints_figures_and_keeps_nothing(settings):
    settings.DEBUG = True  # as manage.py starts: measured without its query log
    reset_queries()
    out = io.StringIO()
    call_command("bench_grading", runs=2, questions=5, stdout=out)
    assert connection.queries == []
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith("RESULT questions=5 runs=2 grade_p50_ms=")
    assert "submit_p95_ms=" in last
    assert not CoursePage.objects.exists()
    assert not QuizAttempt.objects.exists() and not Certificate.objects.exists()
