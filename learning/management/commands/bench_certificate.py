"""Time issuing a certificate and rendering its PDF, in a transaction that is rolled back."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Page, Site

from accounts.models import Profile
from base.benchmarks import BenchmarkCommand
from base.pdf_fonts import register_fonts
from learning.certificates.services import issue_certificate, render_pdf

TARGET_MS = 100


class Rollback(Exception):
    pass


def summary(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    verdict = "OK" if p95 < TARGET_MS else "SLOW"
    return (
        f"{label:<20} median {median:6.1f} ms   p95 {p95:6.1f} ms   "
        f"max {ordered[-1]:6.1f} ms   (target < {TARGET_MS} ms: {verdict})"
    )


class Command(BenchmarkCommand):
    help = "Median and 95th percentile time to issue a certificate and to render its PDF."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="how many certificates")

    def handle(self, *args, runs: int, **options):
        runs = max(1, min(runs, 10_000))
        started = time.perf_counter()
        register_fonts()
        fonts_ms = (time.perf_counter() - started) * 1000
        issue_ms: list[float] = []
        pdf_ms: list[float] = []
        sizes: list[int] = []
        try:
            with transaction.atomic():
                root = Site.objects.get(is_default_site=True).root_page
                course = root.add_child(
                    instance=Page(title="Phòng, chống xâm hại trẻ em (đo thời gian)", live=False)
                )
                User = get_user_model()
                for number in range(runs):
                    user = User.objects.create(
                        username=f"bench-certificate-{number}",
                        email=f"bench-certificate-{number}@example.invalid",
                    )
                    Profile.objects.create(user=user, full_name="Nguyễn Thị Hồng Đào")
                    started = time.perf_counter()
                    certificate = issue_certificate(user=user, course=course, valid_months=24)
                    issue_ms.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    sizes.append(len(render_pdf(certificate)))
                    pdf_ms.append((time.perf_counter() - started) * 1000)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(
            f"{runs} certificates (rolled back); fonts loaded once in {fonts_ms:.0f} ms"
        )
        self.stdout.write(summary("issue_certificate", issue_ms))
        self.stdout.write(summary("render_pdf", pdf_ms))
        self.stdout.write(f"{'PDF size':<20} median {statistics.median(sizes) / 1024:.0f} KiB")
