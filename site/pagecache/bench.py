"""`manage.py bench_pages`: each page type served by gunicorn with production settings,
uncached and cached; what each costs in CPU, queries and memory.

Two servers are started in turn on the same database and cache: one with the page cache
off (every request renders: a cold cache, a page just published) and one with it on.
CPU milliseconds per request come from the workers' /proc stats (user + system), the
least noisy figure on a shared machine; req/s and latencies from an asyncio client.
Queries and database milliseconds per page are measured in this process (each statement
timed around the driver's execute, the median of five renders). Python function calls
per request (cProfile, in a process with production settings) are the one figure that
a machine whose speed drifts does not move: compare changes by it.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from wagtail.models import Locale

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SEARCH_QUERY = "xâm hại trẻ em"


@dataclass
class Run:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu_ms: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_ms / self.requests if self.requests else 0.0


def page_urls() -> dict[str, str]:
    """One URL per page type, in Vietnamese (the default language)."""
    from content.models import (
        CampaignIndexPage,
        CampaignPage,
        LegalDocumentPage,
        LegalLibraryPage,
    )

    vi = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    urls = {"home": "/"}
    for name, model in (
        ("library", LegalLibraryPage),
        ("document", LegalDocumentPage),
        ("campaign index", CampaignIndexPage),
        ("campaign", CampaignPage),
    ):
        page = model.objects.live().public().filter(locale=vi).order_by("pk").first()
        if page is not None:
            urls[name] = page.url
    urls["search"] = "/tim-kiem/?q=" + quote(SEARCH_QUERY)
    return urls


@dataclass
class Queries:
    count: int
    db_ms: float  # the time spent in the database driver, median of a few renders


def warmed_up(urls: dict[str, str], warm_up: int):
    """(name, url, client) for each page, in this process with the page cache off,
    once the page has been rendered `warm_up` times."""
    with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        for name, url in urls.items():
            for _ in range(warm_up):
                client.get(url)
            yield name, url, client


def count_queries(urls: dict[str, str], renders: int = 5, warm_up: int = 12) -> dict[str, Queries]:
    """SQL statements per page and the time they take, rendered in this process with
    the page cache off (each statement timed around the driver's execute). The page is
    first rendered `warm_up` times, as a running server has: on PostgreSQL a statement
    is prepared after its fifth run (DATABASE_PREPARE_THRESHOLD), and PostgreSQL plans
    the next five runs again before it keeps one plan for the statement."""
    counts = {}
    for name, url, client in warmed_up(urls, warm_up):
        timings: list[float] = []
        count = 0
        for _ in range(renders):
            durations: list[float] = []

            def record(execute, sql, params, many, context, durations=durations):
                if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
                    return execute(sql, params, many, context)
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    durations.append(time.perf_counter() - started)

            with connection.execute_wrapper(record):
                client.get(url)
            count = len(durations)
            timings.append(sum(durations) * 1000)
        counts[name] = Queries(count, statistics.median(timings))
    return counts


def count_calls(urls: dict[str, str], renders: int, warm_up: int = 12) -> dict[str, float]:
    """Python function calls per request of each page (cProfile), rendered in this
    process with the page cache off, after `warm_up` renders."""
    calls = {}
    for name, url, client in warmed_up(urls, warm_up):
        profile = cProfile.Profile()
        with profile:
            for _ in range(renders):
                client.get(url)
        profile.create_stats()
        calls[name] = sum(stat[1] for stat in profile.stats.values()) / renders
    return calls


def calls_in_production(renders: int, extra_env: dict[str, str]) -> dict[str, float]:
    """count_calls in a process with production settings (cached templates, no debug),
    as gunicorn's workers run."""
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "bench_pages",
            "--skip-checks",
            "--count-calls",
            str(renders),
        ],
        cwd=settings.BASE_DIR,
        env=production_env(extra_env),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def database_url() -> str:
    """The database this process uses (the test database under pytest), as a URL."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(extra_env: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra_env,
    }


def collect_static(extra_env: dict[str, str]) -> None:
    """Production serves hashed static names: the manifest must exist."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=production_env(extra_env),
        check=True,
    )


class Server:
    """gunicorn with the project's config and production settings."""

    def __init__(self, workers: int, page_cache: bool, extra_env: dict[str, str]):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
        root = Path(settings.BASE_DIR)
        env = {
            **production_env(extra_env),
            "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_PYTHONPATH": str(root / "site"),
        }
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(root / "site" / "portal" / "gunicorn.conf.py"),
                "portal.wsgi",
            ],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        self.workers = workers

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped: " + self.errors())
            if len(self.worker_pids()) >= self.workers:
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in time")

    def errors(self) -> str:
        """The end of gunicorn's log (errors only: no access log)."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def worker_pids(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def cpu_ms(self) -> float:
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total * 1000 / CLK_TCK

    def rss_mb(self) -> float:
        """The largest worker's resident memory."""
        largest = 0
        for pid in self.worker_pids():
            try:
                pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            except OSError:
                continue
            largest = max(largest, pages * PAGE_SIZE)
        return largest / 1024 / 1024

    def pss_mb(self) -> float:
        """The largest worker's proportional share of memory: resident memory with each
        page shared with the master and the other workers (the application loaded
        before the fork, gunicorn's `preload_app`) counted as its share only."""
        largest = 0
        for pid in self.worker_pids():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in rollup.splitlines():
                if line.startswith("Pss:"):
                    largest = max(largest, int(line.split()[1]))
        return largest / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


async def _one(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        "X-Forwarded-Proto: https\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readline()
    await reader.read()  # the rest, until the server closes
    writer.close()
    status = int(head.split()[1]) if head else 0
    return status, time.perf_counter() - started


async def _load(port: int, path: str, requests: int, concurrency: int) -> Run:
    run = Run()
    queue = iter(range(requests))

    async def worker() -> None:
        for _ in queue:
            try:
                status, seconds = await _one(port, path)
            except OSError:
                run.errors += 1
                continue
            run.requests += 1
            run.latencies.append(seconds)
            if status != 200:
                run.errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - started
    return run


def measure(server: Server, path: str, requests: int, concurrency: int) -> Run:
    asyncio.run(_load(server.port, path, max(concurrency, server.workers * 2), concurrency))
    before = server.cpu_ms()
    run = asyncio.run(_load(server.port, path, requests, concurrency))
    run.cpu_ms = server.cpu_ms() - before
    return run


def bench(
    requests: int,
    cached_requests: int,
    concurrency: int,
    workers: int,
    out: Callable[[str], None],
    extra_env: dict[str, str] | None = None,
) -> dict:
    urls = page_urls()
    queries = count_queries(urls)
    collect_static(extra_env or {})
    calls = calls_in_production(min(20, requests), extra_env or {})
    engine = connection.vendor
    out(
        f"bench_pages: {len(urls)} pages, gunicorn {workers} sync workers, "
        f"{concurrency} connections, {engine}, cache "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    results: dict[str, dict[str, Run]] = {name: {} for name in urls}
    rss = pss = 0.0
    for label, cached, n in (("uncached", False, requests), ("cached", True, cached_requests)):
        server = Server(workers, cached, extra_env or {})
        try:
            server.wait_ready()
            for name, url in urls.items():
                results[name][label] = measure(server, url, n, concurrency)
            rss = max(rss, server.rss_mb())
            pss = max(pss, server.pss_mb())
            if any(results[name][label].errors for name in urls):
                out(f"-- errors while {label}; gunicorn's log ends with:\n{server.errors()}")
        finally:
            server.stop()
    out(
        f"{'page':16}{'mode':10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}"
        f"{'queries':>9}{'DB ms':>7}{'calls/req':>11}{'errors':>8}"
    )
    for name in urls:
        for label in ("uncached", "cached"):
            run = results[name][label]
            out(
                f"{name:16}{label:10}{run.rps:9.1f}{run.percentile(50):9.1f}"
                f"{run.percentile(99):9.1f}{run.cpu_per_request:12.2f}"
                f"{queries[name].count if label == 'uncached' else 0:9d}"
                f"{queries[name].db_ms if label == 'uncached' else 0:7.1f}"
                f"{calls[name] if label == 'uncached' else 0:11.0f}{run.errors:8d}"
            )
    summary = {
        "pages": len(urls),
        "worst_uncached_cpu_ms": max(r["uncached"].cpu_per_request for r in results.values()),
        "cached_min_rps": min(r["cached"].rps for r in results.values()),
        "max_queries": max(q.count for q in queries.values()),
        "max_db_ms": max(q.db_ms for q in queries.values()),
        "max_calls": max(calls.values()),
        "rss_mb": rss,
        "pss_mb": pss,
        "errors": sum(run.errors for r in results.values() for run in r.values()),
        "median_uncached_cpu_ms": statistics.median(
            r["uncached"].cpu_per_request for r in results.values()
        ),
    }
    out(
        f"worker RSS (largest) after the runs: {rss:.0f} MB, proportional share (PSS) "
        f"{pss:.0f} MB; errors: {summary['errors']}"
    )
    out(
        f"RESULT pages={summary['pages']} "
        f"worst_uncached_cpu_ms={summary['worst_uncached_cpu_ms']:.1f} "
        f"cached_min_rps={summary['cached_min_rps']:.0f} "
        f"max_queries={summary['max_queries']} rss_mb={summary['rss_mb']:.0f} "
        f"pss_mb={summary['pss_mb']:.0f} "
        f"max_db_ms={summary['max_db_ms']:.1f} max_calls={summary['max_calls']:.0f}"
    )
    return summary
