import sys

from django.core.management.base import BaseCommand

from search.backends import engine_name, get_engine
from search.indexing import documents_to_index, index_pages
from search.maintenance import settle_indexes
from search.models import RankingFields, SearchDocument, SearchEntry

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the legal-text search index from the published documents."

    def handle(self, *args, **options):
        engine = get_engine()
        engine.reset()
        SearchEntry.objects.all().delete()
        SearchDocument.objects.all().delete()
        RankingFields.objects.all().delete()
        documents = documents_to_index()
        total = documents.count()
        progress = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            progress = tqdm(total=total, unit="doc", file=sys.stderr)
        rows = 0
        batch = []
        for page in documents.iterator(chunk_size=BATCH):
            batch.append(page)
            if len(batch) == BATCH:
                rows += index_pages(batch)
                if progress:
                    progress.update(len(batch))
                batch = []
        if batch:
            rows += index_pages(batch)
            if progress:
                progress.update(len(batch))
        if progress:
            progress.close()
        settle_indexes()
        self.stdout.write(
            f"Indexed {total} documents ({rows} rows) with the {engine_name()} engine."
        )
