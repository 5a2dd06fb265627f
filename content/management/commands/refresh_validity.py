from django.core.management.base import BaseCommand

from content.validity import refresh_all_statuses


class Command(BaseCommand):
    help = (
        "Work out every document's validity again (run daily: a text 'not yet in force' "
        "turns 'in force' on its date)."
    )

    def handle(self, *args, **options):
        changed = refresh_all_statuses()
        self.stdout.write(f"{changed} document(s) changed status.")
