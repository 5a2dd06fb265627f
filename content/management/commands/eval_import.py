from django.core.management.base import BaseCommand, CommandError

from content.importer.evaluate import evaluate, read_expected


class Command(BaseCommand):
    help = (
        "Measure the importer on texts with known metadata: per-field accuracy, every miss, "
        "and a last line RESULT files=N fields=M exact=K accuracy=... invented=I."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--expected", required=True, help="expected.tsv (one row per file)")

    def handle(self, *args, paths, expected, **options):
        try:
            rows = read_expected(expected)
        except (OSError, KeyError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {expected}: {error}") from error
        report = evaluate(paths, rows)
        if not report.files:
            raise CommandError("No file named in the expected table was found.")
        for line in report.lines():
            self.stdout.write(line)
