from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo import load_site_frame


class Command(BaseCommand):
    help = (
        "Load the demo content (idempotent: running it twice changes nothing). Never in production."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("load_demo refuses to run under production settings.")
        load_site_frame()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
