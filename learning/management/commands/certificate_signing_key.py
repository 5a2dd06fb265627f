"""Generate an Ed25519 key for signing certificates (first setup or rotation)."""

from django.core.management.base import BaseCommand, CommandError

from learning.certificates.signing import generate_key_line


class Command(BaseCommand):
    help = (
        "Print a new certificate signing key. Rotation: set it as CERTIFICATE_SIGNING_KEY "
        "and append the previous key's public line to CERTIFICATE_PUBLIC_KEYS."
    )
    requires_system_checks = []  # runs before any key exists, on a production server too

    def add_arguments(self, parser):
        parser.add_argument("key_id", help="a short name for the key, e.g. 2026-11")

    def handle(self, *args, key_id: str, **options):
        try:
            private, public = generate_key_line(key_id)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"CERTIFICATE_SIGNING_KEY={private}")
        self.stdout.write(f"# its public key, for CERTIFICATE_PUBLIC_KEYS once retired: {public}")
