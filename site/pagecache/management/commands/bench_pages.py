from django.core.management.base import BaseCommand, CommandError

from content.models import LegalDocumentPage
from pagecache.bench import bench


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

    def handle(self, *args, requests, cached_requests, concurrency, workers, **options):
        if not LegalDocumentPage.objects.live().exists():
            raise CommandError("No published pages to measure: run `manage.py load_demo` first.")
        bench(requests, cached_requests, concurrency, workers, self.stdout.write)
