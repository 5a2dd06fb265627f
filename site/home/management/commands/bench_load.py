import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home import loadtest


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn (production settings) and load it with learners, "
        "anonymous visitors and editors; print requests, errors and p50/p95 per kind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--learners", type=int, default=50)
        parser.add_argument("--visitors", type=int, default=20)
        parser.add_argument("--editors", type=int, default=2)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--port", type=int, default=8110)
        parser.add_argument(
            "--log", default=str(Path(settings.BASE_DIR) / "var" / "bench_load-gunicorn.log")
        )

    def handle(self, *args, **options):
        log = Path(options["log"])
        log.parent.mkdir(parents=True, exist_ok=True)
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"bench_load: {engine}, gunicorn {options['workers']} workers on port "
            f"{options['port']}, {options['learners']} learners, {options['visitors']} "
            f"visitors, {options['editors']} editors, {options['seconds']:g} s (log: {log})"
        )
        self.stdout.flush()
        loadtest.run(
            seconds=options["seconds"],
            learners=options["learners"],
            visitors=options["visitors"],
            editors=options["editors"],
            port=options["port"],
            workers=options["workers"],
            log=log,
            out=self.stdout,
        )
        sys.stdout.flush()
