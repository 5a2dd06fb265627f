import json

from django.core.management.base import BaseCommand

from search.service import search_documents
from search.types import SearchRequest


class Command(BaseCommand):
    help = 'Search the legal library: search_legal "1472/QĐ-TTg" --json [--limit N]'

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, query, limit, **options):
        limit = max(1, min(limit, 100))
        response = search_documents(SearchRequest(query=query, per_page=limit))
        hits = [
            {
                "number": r.document.number or None,
                "title": r.document.title,
                "url": r.url,
                "anchor": r.hit.anchor,
                "snippet": r.hit.snippet,
                "score": r.hit.score,
            }
            for r in response.hits
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"total": response.total, "hits": hits}, ensure_ascii=False)
            )
            return
        if response.message:
            self.stdout.write(response.message)
        for hit in hits:
            self.stdout.write(
                f"{hit['number'] or '—'}  {hit['title'][:90]}  {hit['url']}#{hit['anchor']}"
            )
        self.stdout.write(f"{response.total} documents")
