import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.importer import ParsedDocument, UnreadableFile
from content.importer.extract import read_file
from content.importer.limits import read_limited
from content.legal_import import import_document
from content.models import LegalLibraryPage

SUFFIXES = {".txt", ".docx", ".pdf"}


def expand(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES))
        else:
            files.append(path)
    return files


class Command(BaseCommand):
    help = (
        "Import legal texts (.txt, .docx, .pdf with a text layer) into the legal library. "
        "Re-importing a document saves a new revision of its page. Each file is read "
        "under the same time and memory limits as an admin upload."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--dry-run", action="store_true", help="parse only; write nothing")
        parser.add_argument(
            "--json", action="store_true", help="print one JSON array, one object per file"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish the pages (default: drafts)"
        )

    def handle(self, *args, paths, dry_run, json: bool, publish, **options):
        files = expand(paths)
        library = None
        if not dry_run:
            library = LegalLibraryPage.objects.first()
            if library is None:
                raise CommandError(
                    "There is no legal library page to import into (run load_demo or create one)."
                )
        summaries, failures = [], 0
        for path in self.progress(files, quiet=json):
            data, outcome = read(path)
            if "error" in outcome:
                failures += 1
                self.stderr.write(f"{path}: {outcome['error']}")
                summaries.append({"file": path.name, "error": outcome["error"]})
                continue
            parsed = ParsedDocument.from_dict(outcome["parsed"])
            summary = parsed.summary(path.name)
            if not dry_run:
                result = import_document(
                    parsed,
                    library=library,
                    original=data,
                    filename=path.name,
                    publish=publish,
                )
                summary["page_id"] = result.page.pk
                summary["created"] = result.created
                if not json:
                    verb = "created" if result.created else "updated"
                    self.stdout.write(
                        f"{path.name}: {verb} “{result.page.title[:80]}” (id {result.page.pk})"
                    )
            elif not json:
                missing = ", ".join(summary["missing"]) or "nothing"
                number = summary["number"] or ""
                self.stdout.write(
                    f"{path.name}: {summary['doc_type']} {number} — missing: {missing}"
                )
            summaries.append(summary)
        if json:
            self.stdout.write(json_dumps(summaries))
        if failures:
            raise SystemExit(1)

    def progress(self, files: list[Path], quiet: bool):
        if quiet or not sys.stderr.isatty():
            return files
        from tqdm import tqdm

        return tqdm(files, unit="file", file=sys.stderr)


def read(path: Path) -> tuple[bytes, dict]:
    """The file's bytes and what reading it under the limits gave ({"error"} or {"parsed"})."""
    try:
        data = read_file(path)
    except UnreadableFile as error:
        return b"", {"error": str(error)}
    return data, read_limited(data, "", path.name)


def json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
