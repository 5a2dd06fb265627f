from django.core.management.base import BaseCommand, CommandError

from base.communes import load_communes


class Command(BaseCommand):
    help = (
        "Load the communes, wards and special zones of the 34 provinces (since 1 July 2025) "
        "from the vietnam-provinces dataset, and the former districts and communes they "
        "replaced from the vietnamadminunits dataset. Safe to run again."
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
        former = result.former
        self.stdout.write(
            f"vietnamadminunits {former.dataset_version}: {former.districts} former districts "
            f"and {former.communes} former communes ({former.split} split between several "
            f"communes): {former.created} created, {former.updated} updated"
        )
        if former.unmatched:
            self.stderr.write(f"{len(former.unmatched)} former units not loaded:")
            for line in former.unmatched:
                self.stderr.write(f"  {line}")
