"""Time the sign-up page for a new address and for one that already has an account.

Both answers must take the same time (issue 17, finding 2). Everything runs in a
transaction that is rolled back; e-mail goes to memory.

    manage.py bench_signup --runs 10
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from accounts.models import User
from base.benchmarks import BenchmarkCommand

PASSWORD = "Bench-Mat-Khau-2026!"  # noqa: S105 (rolled back)


class Rollback(Exception):
    pass


class Command(BenchmarkCommand):
    help = "Time sign-up for a new and for an already registered e-mail address."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=10)

    def handle(self, *args, runs: int, **options) -> None:
        host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
        host = host.lstrip(".") if host != "*" else "localhost"
        timings: dict[str, list[float]] = {"new": [], "existing": []}
        try:
            with (
                override_settings(
                    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                    ALLOWED_HOSTS=[host, "testserver"],
                ),
                transaction.atomic(),
            ):
                known = User.objects.create_user("bench-known", "bench-known@example.org")
                known.emailaddress_set.create(email=known.email, verified=True, primary=True)
                client = Client()
                for run in range(runs):
                    for path in ("new", "existing"):
                        email = f"bench-{run}@example.org" if path == "new" else known.email
                        started = time.perf_counter()
                        response = client.post(
                            "/accounts/signup/",
                            {
                                "email": email,
                                "password1": PASSWORD,
                                "password2": PASSWORD,
                                "full_name": "Nguyễn Văn Thử",
                                "role": "other",
                                "consent": "on",
                            },
                            HTTP_HOST=host,
                            REMOTE_ADDR=f"10.99.{run // 250}.{run % 250 + 1}",
                        )
                        timings[path].append((time.perf_counter() - started) * 1000)
                        if response.status_code != 302:
                            raise SystemExit(f"sign-up answered {response.status_code}")
                raise Rollback
        except Rollback:
            pass
        figures = {}
        for path, values in timings.items():
            values.sort()
            figures[path] = (
                statistics.median(values),
                values[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
            )
            self.stdout.write(
                f"{path:9} median {figures[path][0]:7.1f} ms  p95 {figures[path][1]:7.1f} ms"
            )
        difference = figures["new"][0] - figures["existing"][0]
        self.stdout.write(
            f"RESULT runs={runs} new_p50_ms={figures['new'][0]:.1f} "
            f"existing_p50_ms={figures['existing'][0]:.1f} difference_ms={difference:.1f}"
        )
