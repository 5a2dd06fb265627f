from django.core.management.base import BaseCommand, CommandError

from base.communes import load_communes


class Command(BaseCommand):
    help = (
        "Load the communes, wards and special zones of the 34 provinces (since 1 July 2025) "
        "from the vietnam-provinces dataset. Safe to run again."
    )

    def handle(self, *args, **options):
        try:
            result = load_communes()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"vietnam-provinces {result.dataset_version}: {result.provinces} provinces, "
            f"{result.created} communes created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
