"""bench_load runs end to end at a tiny size: gunicorn serves the test database,
a few simulated people use it, the figures are printed and what the run made is
deleted. (Not a timed test: nothing is asserted about speed.)"""

import io

from django.contrib.auth import get_user_model

import pytest

from home import loadtest
from home.demo import load_site_frame
from learning.demo import load_courses
from learning.models import CourseIndexPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_tiny_bench_load_run(tmp_path):
    home = load_site_frame()
    load_courses(CourseIndexPage.objects.child_of(home).get())
    users_before = get_user_model().objects.count()
    out = io.StringIO()
    results = loadtest.run(
        seconds=4,
        learners=2,
        visitors=1,
        editors=1,
        port=8118,
        workers=2,
        log=tmp_path / "gunicorn.log",
        out=out,
    )
    text = out.getvalue()
    last = text.strip().splitlines()[-1]
    assert last.startswith("RESULT users=4 seconds=4 requests=")
    assert " errors=0 " in last, text + (tmp_path / "gunicorn.log").read_text()
    assert {"enrol", "search"} <= set(results.timings)
    assert get_user_model().objects.count() == users_before
