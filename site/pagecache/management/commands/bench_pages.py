import json

from django.core.management.base import BaseCommand, CommandError

from content.models import LegalDocumentPage
from pagecache.bench import bench, count_calls, page_urls


class Command(BaseCommand):
    help = (
        "Serve each page type with gunicorn (production settings), uncached and cached; "
        "print req/s, p50/p99, CPU ms per request, SQL queries and worker RSS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="per page, uncached")
        parser.add_argument("--cached-requests", type=int, default=2000, help="per page, cached")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--count-calls",
            type=int,
            default=0,
            metavar="RENDERS",
            help="only print each page's Python function calls per request, as JSON "
            "(the benchmark runs this with production settings)",
        )

    def handle(self, *args, requests, cached_requests, concurrency, workers, **options):
        if not LegalDocumentPage.objects.live().exists():
            raise CommandError("No published pages to measure: run `manage.py load_demo` first.")
        if options["count_calls"]:
            self.stdout.write(json.dumps(count_calls(page_urls(), options["count_calls"])))
            return
        bench(requests, cached_requests, concurrency, workers, self.stdout.write)
