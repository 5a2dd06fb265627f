"""A load benchmark of the whole site as served in production (`manage.py bench_load`).

gunicorn (production settings, 4 workers) serves the current database; a pool of
threads plays learners (enrol, finish the lessons, start the final quiz, save an
answer every few seconds, submit), anonymous visitors (pages and searches) and
editors (saving drafts in the admin). Accounts, sessions and draft pages made for
the run are deleted afterwards. Not a test: it prints figures.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

import requests

SEARCHES = [
    "xâm hại trẻ em",
    "xam hai tre em",
    "1472/QĐ-TTg",
    "bảo vệ trẻ em",
    "luat tre em",
    "phòng chống bạo lực học đường",
    "đuối nước",
    "56/2017",
    "tổng đài 111",
    "chăm sóc thay thế",
]
BENCH_DOMAIN = "bench.invalid"


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)

    def add(self, kind: str, status: int | str, ms: float) -> None:
        with self.lock:
            self.timings[kind].append(ms)
            self.statuses[status] += 1
            if not isinstance(status, int) or status >= 400:
                self.errors[(kind, status)] += 1


class Visitor:
    """One simulated person: a connection pool and cookies of their own (the
    production cookies are Secure, which a plain-HTTP client would not send back)."""

    def __init__(self, base_url: str, results: Results, deadline: float, session_key: str = ""):
        self.base = base_url
        self.results = results
        self.deadline = deadline
        self.http = requests.Session()
        # A CSRF secret of our own, as a browser holds the one a form page gave it.
        self.cookies: dict[str, str] = {settings.CSRF_COOKIE_NAME: secrets.token_hex(16)}
        if session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = session_key

    def time_left(self) -> bool:
        return time.monotonic() < self.deadline

    def request(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        headers = kwargs.pop("headers", {})
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies[settings.CSRF_COOKIE_NAME]
        started = time.perf_counter()
        try:
            response = self.http.request(
                method,
                self.base + path,
                cookies=self.cookies,
                headers=headers,
                allow_redirects=False,
                timeout=60,
                **kwargs,
            )
        except requests.RequestException as error:
            self.results.add(kind, type(error).__name__, (time.perf_counter() - started) * 1000)
            return None
        self.results.add(kind, response.status_code, (time.perf_counter() - started) * 1000)
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def form(self, **data) -> dict:
        return {"csrfmiddlewaretoken": self.cookies[settings.CSRF_COOKIE_NAME], **data}

    def pause(self, low: float, high: float) -> None:
        time.sleep(min(random.uniform(low, high), max(self.deadline - time.monotonic(), 0)))  # noqa: S311


QUESTION = re.compile(r'name="([0-9a-zA-Z_-]{8,})" value="([0-9a-zA-Z_-]{8,})"')
SELECT = re.compile(r'<select id="[^"]+" name="([0-9a-zA-Z_-]{8,})">(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([0-9a-zA-Z_-]{8,})"')


def answers_in(html: str) -> dict[str, list[str]]:
    """An answer for each question of an attempt page: the first option, or for an
    ordering question every step in the order listed."""
    found: dict[str, list[str]] = {}
    for question, option in QUESTION.findall(html):
        if question != "csrfmiddlewaretoken":
            found.setdefault(question, [option])
    for question, body in SELECT.findall(html):
        if question not in found:
            found[question] = list(dict.fromkeys(OPTION.findall(body)))
    return found


def learner(visitor: Visitor, course_url: str, course_id: int, lesson_urls: list[tuple]) -> None:
    visitor.request("learner-page", "GET", course_url)
    visitor.pause(0.5, 2)
    visitor.request("enrol", "POST", f"/hoc-tap/khoa-hoc/{course_id}/dang-ky/", data=visitor.form())
    for lesson_id, url in lesson_urls:
        if not visitor.time_left():
            return
        visitor.request("learner-page", "GET", url)
        visitor.pause(1, 3)
        visitor.request(
            "lesson-done", "POST", f"/hoc-tap/bai-hoc/{lesson_id}/hoan-thanh/", data=visitor.form()
        )
    while visitor.time_left():
        started = visitor.request(
            "start", "POST", f"/hoc-tap/khoa-hoc/{course_id}/kiem-tra/", data=visitor.form()
        )
        location = started.headers.get("Location", "") if started is not None else ""
        if "/bai-lam/" not in location:
            break  # no attempt left: the learner goes on reading
        attempt = visitor.request("attempt", "GET", location)
        answers = answers_in(attempt.text if attempt is not None else "")
        for question, answer in answers.items():
            if not visitor.time_left():
                break
            visitor.pause(1.5, 3.5)
            visitor.request(
                "save",
                "POST",
                location + "luu/",
                json={"question": question, "answer": answer},
            )
        if not visitor.time_left():
            return
        visitor.request("submit", "POST", location + "nop-bai/", data=visitor.form())
        visitor.request("learner-page", "GET", location + "ket-qua/")
        visitor.pause(2, 5)
    while visitor.time_left():
        visitor.request("learner-page", "GET", "/hoc-tap/")
        visitor.pause(3, 6)


def anonymous(visitor: Visitor, pages: list[str]) -> None:
    """Searches and pages in turn, a search first (so even a short run does both)."""
    searching = True
    while visitor.time_left():
        if searching:
            visitor.request("search", "GET", "/tim-kiem/", params={"q": random.choice(SEARCHES)})  # noqa: S311
        else:
            visitor.request("page", "GET", random.choice(pages))  # noqa: S311
        searching = not searching
        visitor.pause(1, 3)


def editor(visitor: Visitor, page_id: int, fields: dict) -> None:
    edit = f"/admin/pages/{page_id}/edit/"
    visitor.request("admin-page", "GET", edit)
    n = 0
    while visitor.time_left():
        visitor.pause(3, 6)
        n += 1
        data = visitor.form(**fields, summary=f"Bản nháp số {n}: tóm tắt đang soạn.")
        response = visitor.request("draft-save", "POST", edit, data=data)
        if response is not None and response.status_code == 302:
            visitor.request("admin-page", "GET", edit)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- set-up on the database the server uses --------------------------------------


def session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def make_people(learners: int, editors: int, run: str):
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress

    from accounts.models import Profile, Role

    User = get_user_model()
    people = {"learners": [], "editors": []}
    for kind, count in (("learners", learners), ("editors", editors)):
        for i in range(count):
            email = f"{kind}-{run}-{i}@{BENCH_DOMAIN}"
            user = User.objects.create_user(
                username=email, email=email, password=secrets.token_urlsafe(16)
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            Profile.objects.create(user=user, full_name=f"Người thử tải {i}", role=Role.TEACHER)
            if kind == "editors":
                user.groups.add(Group.objects.get(name="Biên tập viên"))
            people[kind].append(user)
    return people


def editor_draft(run: str, index: int) -> tuple[int, dict]:
    from content.models import GuidanceIndexPage, GuidancePage

    parent = GuidanceIndexPage.objects.live().first()
    title = f"Bản nháp thử tải {run} {index}"
    page = GuidancePage(title=title, slug=f"thu-tai-{run}-{index}", live=False, audience="parents")
    parent.add_child(instance=page)
    page.save_revision()
    fields = {
        "title": title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "audience": "parents",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    return page.pk, fields


def bench_course():
    from learning.models import CoursePage

    courses = CoursePage.objects.live().filter(quiz_question_count__gt=0).order_by("pk")
    for course in courses:
        if course.questions.exists():
            return course
    raise RuntimeError("No live course with a question bank: load the demo content (make demo).")


def public_pages() -> list[str]:
    from wagtail.models import Page

    urls = [
        page.url
        for page in Page.objects.live().public().filter(depth__gte=2).specific()[:60]
        if page.url
    ]
    return [*urls, "/tim-kiem/goi-y/?q=tre", "/feeds/tin-tuc.rss"]


def clean_up(people: dict, draft_ids: list[int], session_keys: list[str]) -> None:
    """Delete what the run made: draft pages, accounts (their enrolments, attempts and
    certificates with them) and sessions."""
    from django.contrib.sessions.models import Session

    from wagtail.models import Page

    from learning.models import Certificate

    for page in Page.objects.filter(pk__in=draft_ids):
        page.delete()
    users = [user.pk for group in people.values() for user in group]
    Certificate.objects.filter(user__in=users).delete()
    get_user_model().objects.filter(pk__in=users).delete()
    Session.objects.filter(session_key__in=session_keys).delete()


# --- the server -------------------------------------------------------------------


def database_url() -> str:
    """The database this process uses, for the server (the same one, tests included)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn(port: int, workers: int, log: Path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        # the key the sessions made by this process were signed with
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback, no proxy in front
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_TIMEOUT": "60",
    }
    base = Path(settings.BASE_DIR)
    # always: a stale manifest would answer 500 for any page naming a newer static file
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=base,
        env=env,
        check=True,
    )
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                str(base / "site" / "portal" / "gunicorn.conf.py"),
                "portal.wsgi",
            ],
            cwd=base,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", server)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting: see its log")
        try:
            if requests.get(url, timeout=30).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


def run(
    *,
    seconds: float,
    learners: int,
    visitors: int,
    editors: int,
    port: int,
    workers: int,
    log: Path,
    out,
) -> Results:
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    run_id = secrets.token_hex(3)
    course = bench_course()
    lessons = [(lesson.pk, lesson.url) for lesson in course.lessons().filter(required=True)]
    pages = public_pages()
    people = make_people(learners, editors, run_id)
    drafts = [editor_draft(run_id, i) for i in range(editors)]
    sessions = {user.pk: session_for(user) for users in people.values() for user in users}
    connection.close()  # the server's workers write to this database now
    results = Results()
    try:
        with gunicorn(port, workers, log) as base_url:
            deadline = time.monotonic() + seconds
            jobs = []
            for user in people["learners"]:
                v = Visitor(base_url, results, deadline, sessions[user.pk])
                jobs.append(lambda v=v: learner(v, course.url, course.pk, lessons))
            for _ in range(visitors):
                v = Visitor(base_url, results, deadline)
                jobs.append(lambda v=v: anonymous(v, pages))
            for user, (page_id, fields) in zip(people["editors"], drafts, strict=True):
                v = Visitor(base_url, results, deadline, sessions[user.pk])
                jobs.append(lambda v=v, p=page_id, f=fields: editor(v, p, f))
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
                futures = []
                for job in jobs:
                    futures.append(pool.submit(job))
                    time.sleep(min(2.0 / len(jobs), 0.05))  # arrivals spread a little
                for future in futures:
                    future.result()
            elapsed = time.monotonic() - started
    finally:
        clean_up(people, [page_id for page_id, _ in drafts], list(sessions.values()))
    report(results, learners + visitors + editors, seconds, elapsed, out)
    return results


def report(results: Results, users: int, seconds: float, elapsed: float, out) -> None:
    total = sum(results.statuses.values())
    errors = sum(results.errors.values())
    out.write(f"{total} requests in {elapsed:.1f} s ({total / max(elapsed, 0.001):.1f}/s)\n")
    out.write(
        "statuses: "
        + ", ".join(f"{k}={v}" for k, v in sorted(results.statuses.items(), key=str))
        + "\n"
    )
    if results.errors:
        out.write("errors by kind and status:\n")
        for (kind, status), n in sorted(results.errors.items(), key=str):
            out.write(f"  {kind:<14} {status}: {n}\n")
    out.write(f"{'kind':<14} {'n':>6} {'p50_ms':>8} {'p95_ms':>8} {'max_ms':>8}\n")
    every = []
    for kind in sorted(results.timings):
        values = results.timings[kind]
        every.extend(values)
        out.write(
            f"{kind:<14} {len(values):>6} {statistics.median(values):>8.0f}"
            f" {percentile(values, 95):>8.0f} {max(values):>8.0f}\n"
        )
    out.write(
        f"RESULT users={users} seconds={seconds:g} requests={total} errors={errors}"
        f" p95_ms={percentile(every, 95):.0f}\n"
    )
