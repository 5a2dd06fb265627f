"""What the benchmark commands that measure inside their own process share."""

from django.core.management.base import BaseCommand
from django.test import override_settings


class BenchmarkCommand(BaseCommand):
    """A command measuring the site in this process as it runs in production: without
    DEBUG, which logs every SQL statement (formatted and kept) on every query;
    manage.py starts with the development settings, where DEBUG is on."""

    def execute(self, *args, **options):
        with override_settings(DEBUG=False):
            return super().execute(*args, **options)
