"""Check a certificate's signed payload on a terminal: the payload itself, a scanned
QR's URL, or the certificate PDF (which carries the same payload in its metadata)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from learning.certificates.models import format_code
from learning.certificates.signing import SignatureRefused, extract_payload, verify_payload
from learning.models import Certificate


def _text_of(argument: str) -> str:
    if extract_payload(argument):  # the payload itself or a scanned URL
        return argument
    path = Path(argument)
    if argument.lower().endswith(".pdf") or path.is_file():
        try:
            metadata = PdfReader(path).metadata or {}
        except (OSError, PdfReadError) as error:
            raise CommandError(f"Cannot read {argument}: {error}") from error
        return " ".join(str(value) for value in metadata.values())
    return argument


class Command(BaseCommand):
    help = "Verify a certificate's signature (payload, QR URL or PDF) and its status."

    def add_arguments(self, parser):
        parser.add_argument("payload", help="the signed payload, the QR's URL or a PDF file")

    def handle(self, *args, payload: str, **options):
        found = extract_payload(_text_of(payload))
        if found is None:
            raise CommandError("REFUSED: no signed certificate payload found.")
        try:
            facts = verify_payload(found)
        except SignatureRefused as error:
            raise CommandError(f"REFUSED: {error}. Do not accept this certificate.") from error
        self.stdout.write(f"Signature: valid (key {facts.key_id})")
        self.stdout.write(f"Code:      {format_code(facts.code)}")
        self.stdout.write(f"Holder:    {facts.name}")
        self.stdout.write(f"Course:    {facts.course}")
        self.stdout.write(f"Issued:    {facts.issued}")
        self.stdout.write(f"Expires:   {facts.expires or 'no expiry'}")
        certificate = Certificate.objects.filter(code=facts.code).first()
        if certificate is None:
            raise CommandError("REFUSED: signed, but no such certificate is on record.")
        status = certificate.status()
        if status == "revoked":
            raise CommandError(f"REVOKED: {certificate.revoked_reason}")
        if facts.expires and facts.expires < timezone.localdate().isoformat():
            raise CommandError(f"EXPIRED on {facts.expires}.")
        self.stdout.write(self.style.SUCCESS("VALID"))
