from django.core.management.base import BaseCommand, CommandError

from search.evaluation import QUERIES, evaluate


class Command(BaseCommand):
    help = (
        "Measure the search on judged queries: imports the corpus (with the demo documents "
        "as distractors) in a transaction that is rolled back, prints every miss and a "
        "RESULT line (number success@1, MRR@10, nDCG@10, recall@10, accent agreement)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queries", default=str(QUERIES), help="a queries.tsv file")

    def handle(self, *args, queries, **options):
        try:
            report = evaluate(queries)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Cannot read {queries}: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
