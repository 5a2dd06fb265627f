"""Browser tests: pytest-django's live server driven by Debian's Chromium through
Playwright, with axe-core (from npm) injected for accessibility checks.

Locally they are skipped, with a message, when Chromium or axe-core is missing;
under CI (CI=true) a missing browser is a failure.
"""

import datetime
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing() -> str | None:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE_JS.exists():
        return "axe-core not installed (run: npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup, django_db_blocker) -> str:
    """What the migrations put in the test database (home page, site, provinces,
    groups), serialized before any live-server test flushes it."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def browser(migrated_snapshot):
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests are required under CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def restore_migrated_data(transactional_db, migrated_snapshot):
    """Live-server tests run outside a transaction and the database is flushed after
    each one: put back what the migrations created."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from wagtail.models import Site

    # Playwright runs the tests in a greenlet, where Django hands out a fresh
    # connection object without the copy it keeps for serialized rollbacks.
    connection._test_serialized_contents = migrated_snapshot
    if not Site.objects.exists():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_snapshot)
    yield
    # The next serialized-rollback test restores the snapshot into emptied tables;
    # building its pages asks for their content types (Wagtail's Page.__init__),
    # and one missing from ContentType's cache would be inserted before the
    # snapshot's own rows (IntegrityError in that test's setup). Cache them all
    # while the tables still hold them.
    ContentType.objects.get_for_models(*apps.get_models())


def run_axe(page) -> list[dict]:
    """Run axe-core in the page; return the WCAG 2.2 A/AA violations."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert result["passes"], "axe-core ran no checks"
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


def sign_in(page, user, password: str, *, next_url: str = "/admin/") -> None:
    """Sign ``user`` in through the site's (allauth's) form, the way the admin does.
    Their address counts as verified; the second factor, when asked, is computed."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    page.goto(next_url)
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_login", user.email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{next_url}")


@pytest.fixture
def quiz_attempt(live_server, restore_migrated_data) -> dict:
    """A learner who has finished every lesson of the first demo course and started
    its quiz: the course, the attempt, and the learner's session cookie."""
    from django.test import Client

    from home.demo import load_site_frame
    from learning.demo import load_courses
    from learning.models import CourseIndexPage
    from learning.quiz import services
    from tests.factories import ProfileFactory

    home = load_site_frame()
    courses = load_courses(CourseIndexPage.objects.child_of(home).get())
    user = ProfileFactory(full_name="Lê Văn An").user
    enrolment = services.enrol(user, courses[0])
    for lesson in courses[0].lessons():
        services.complete_lesson(enrolment, lesson)
    attempt = services.start_attempt(enrolment)
    client = Client()
    client.force_login(user)
    return {
        "course": courses[0],
        "attempt": attempt,
        "cookie": client.cookies["sessionid"].value,
        "url": live_server.url,
    }


@pytest.fixture
def learner_page(page, quiz_attempt):
    """The browser, signed in as the learner of ``quiz_attempt``."""
    page.context.add_cookies(
        [{"name": "sessionid", "value": quiz_attempt["cookie"], "url": quiz_attempt["url"]}]
    )
    return page


def single_choice_rows(attempt) -> list:
    """The attempt's single-choice and true/false questions, in the order shown."""
    from learning.models import AttemptQuestion, QuestionType

    return list(
        AttemptQuestion.objects.filter(
            attempt=attempt, question__type__in=[QuestionType.SINGLE, QuestionType.TRUE_FALSE]
        ).order_by("position")
    )


@pytest.fixture
def certificates(live_server, restore_migrated_data) -> tuple:
    """Two certificates of one course: a valid one (issued 9 March 2026, for 24
    months) and a revoked one."""
    from wagtail.models import Site

    from home.demo import load_site_frame
    from learning.certificates.services import issue_certificate, revoke
    from tests.factories import CourseIndexPageFactory, ProfileFactory

    load_site_frame()
    home = Site.objects.get(is_default_site=True).root_page
    course = CourseIndexPageFactory(parent=home, title="Phòng, chống xâm hại trẻ em")
    valid = issue_certificate(
        user=ProfileFactory(full_name="Nguyễn Thị Hồng Đào").user,
        course=course,
        valid_months=24,
        issued_at=datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC),
    )
    revoked = issue_certificate(
        user=ProfileFactory(full_name="Trần Văn Bình").user, course=course, valid_months=None
    )
    revoke(revoked, reason="Cấp nhầm cho người chưa hoàn thành khoá học", by=None)
    return valid, revoked
