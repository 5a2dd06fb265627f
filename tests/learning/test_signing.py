"""Signed certificate payloads (Ed25519): signing, key rotation, the signed revocation
list, the public keys' JSON, the production check and `manage.py verify_certificate`."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

import pytest

from learning.certificates import signing
from learning.certificates.services import issue_certificate, render_pdf, revoke
from tests.learning.conftest import COURSE_TITLE, LEARNER_NAME

pytestmark = pytest.mark.django_db

OLD_PRIVATE, OLD_PUBLIC = signing.generate_key_line("2025-01")
NEW_PRIVATE, NEW_PUBLIC = signing.generate_key_line("2026-11")


@pytest.fixture
def old_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = OLD_PRIVATE
    settings.CERTIFICATE_PUBLIC_KEYS = []
    return settings


@pytest.fixture
def certificate(learner, course):
    return issue_certificate(user=learner, course=course, valid_months=24)


def _alter_one_letter(payload: str) -> str:
    prefix, key_id, body, signature = payload.split(".")
    index = 10
    letter = "B" if body[index] != "B" else "C"
    return ".".join([prefix, key_id, body[:index] + letter + body[index + 1 :], signature])


def test_payload_carries_the_signed_facts(old_key, certificate):
    payload = signing.sign_certificate(certificate)
    assert payload.startswith("CB1.2025-01.")
    assert len(payload) < 600  # fits a printed QR code
    facts = signing.verify_payload(payload)
    assert facts.code == certificate.code
    assert facts.name == LEARNER_NAME
    assert facts.course == COURSE_TITLE
    assert facts.issued == timezone.localtime(certificate.issued_at).date().isoformat()
    assert facts.expires is not None and facts.expires > facts.issued
    assert facts.key_id == "2025-01"


@pytest.mark.parametrize(
    "forge",
    [
        _alter_one_letter,
        lambda p: p[:-3] + ("AAA" if not p.endswith("AAA") else "BBB"),  # signature
        lambda p: p.replace("CB1.2025-01.", "CB1.someone-else."),  # key id
        lambda p: p.split(".", 1)[1],  # no prefix
        lambda p: "CB1.2025-01.e30." + p.rsplit(".", 1)[1],  # another body
        lambda p: p + "." + p,
        lambda p: "CB1.2025-01.%%%.***",
    ],
)
def test_altered_or_forged_payloads_are_refused(old_key, certificate, forge):
    payload = signing.sign_certificate(certificate)
    with pytest.raises(signing.SignatureRefused):
        signing.verify_payload(forge(payload))


def test_a_payload_signed_with_another_key_is_refused(old_key, certificate):
    payload = signing.sign_certificate(certificate)
    old_key.CERTIFICATE_SIGNING_KEY = OLD_PRIVATE.split(":")[0] + ":" + NEW_PRIVATE.split(":")[1]
    with pytest.raises(signing.SignatureRefused, match="does not match"):
        signing.verify_payload(payload)


def test_rotation_keeps_old_certificates_verifiable(old_key, certificate):
    before = signing.sign_certificate(certificate)
    # rotation: the new key signs, the old one only verifies
    old_key.CERTIFICATE_SIGNING_KEY = NEW_PRIVATE
    old_key.CERTIFICATE_PUBLIC_KEYS = [OLD_PUBLIC]
    after = signing.sign_certificate(certificate)
    assert after.startswith("CB1.2026-11.")
    assert signing.verify_payload(before).key_id == "2025-01"
    assert signing.verify_payload(after).key_id == "2026-11"
    keys = signing.public_jwks()["keys"]
    assert [(k["kid"], k["active"]) for k in keys] == [("2025-01", False), ("2026-11", True)]
    assert all(k["kty"] == "OKP" and k["crv"] == "Ed25519" and "d" not in k for k in keys)
    # withdrawing the old public key withdraws what it signed
    old_key.CERTIFICATE_PUBLIC_KEYS = []
    with pytest.raises(signing.SignatureRefused, match="unknown signing key"):
        signing.verify_payload(before)


def test_badly_configured_keys_are_refused_clearly(settings):
    settings.CERTIFICATE_SIGNING_KEY = "no-colon-here"
    with pytest.raises(Exception, match="CERTIFICATE_SIGNING_KEY"):
        signing.key_ring()


def test_dev_key_is_generated_once_into_a_file_but_never_in_production(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_DEV_KEY_FILE = tmp_path / "dev.key"
    first = signing.key_ring()
    assert (tmp_path / "dev.key").stat().st_mode & 0o077 == 0
    assert signing.key_ring().signing_id == first.signing_id == "dev"
    settings.CERTIFICATE_DEV_KEY_ALLOWED = False
    with pytest.raises(Exception, match="must be set in production"):
        signing.key_ring()
    errors = signing.check_signing_key()
    assert [e.id for e in errors] == ["learning.E016"]
    settings.CERTIFICATE_SIGNING_KEY = NEW_PRIVATE
    assert signing.check_signing_key() == []


def test_revocation_list_is_signed_and_lists_digests_only(old_key, certificate, admin_user):
    document = signing.signed_revocation_list()
    assert signing.verify_revocation_list(document)["revoked"] == []
    revoke(certificate, reason="Cấp nhầm người", by=admin_user)
    document = signing.signed_revocation_list()
    body = signing.verify_revocation_list(document)
    assert body["revoked"] == [signing.code_digest(certificate.code)]
    assert certificate.code not in json.dumps(document)
    assert body["issued_at"].endswith("+00:00")
    tampered = dict(document, body=signing.b64encode(b'{"issued_at":"x","revoked":[]}'))
    with pytest.raises(signing.SignatureRefused):
        signing.verify_revocation_list(tampered)
    # still verifiable after a rotation, while the old public key is published
    old_key.CERTIFICATE_SIGNING_KEY = NEW_PRIVATE
    old_key.CERTIFICATE_PUBLIC_KEYS = [OLD_PUBLIC]
    assert signing.verify_revocation_list(document)["revoked"]


def test_public_urls(client, old_key, certificate):
    keys = client.get(reverse("certificate_public_keys"))
    assert keys.status_code == 200 and keys["Content-Type"] == "application/json"
    assert keys.json()["keys"][0]["kid"] == "2025-01"
    revocations = client.get(reverse("certificate_revocations"))
    assert "no-cache" in revocations["Cache-Control"]
    assert signing.verify_revocation_list(revocations.json()) is not None
    page = client.get(reverse("certificate_offline_check"))
    assert page.status_code == 200 and 'id="signature-check"' in page.text
    worker = client.get("/sw.js")
    assert worker["Service-Worker-Allowed"] == "/"
    assert reverse("certificate_offline_check") in worker.text


def _run(*args) -> str:
    out = io.StringIO()
    call_command("verify_certificate", *args, stdout=out)
    return out.getvalue()


def test_verify_certificate_command(old_key, certificate, tmp_path, admin_user):
    payload = signing.sign_certificate(certificate)
    output = _run(payload)
    assert "VALID" in output and LEARNER_NAME in output
    assert "VALID" in _run(f"http://localhost/chung-nhan/{certificate.display_code}/#{payload}")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(render_pdf(certificate))
    assert certificate.display_code in _run(str(pdf))
    with pytest.raises(CommandError, match="REFUSED"):
        _run(_alter_one_letter(payload))
    with pytest.raises(CommandError, match="REFUSED: no signed"):
        _run("hello")
    revoke(certificate, reason="Cấp nhầm người", by=admin_user)
    with pytest.raises(CommandError, match="REVOKED"):
        _run(payload)


def test_signing_key_command_prints_a_usable_key(settings):
    out = io.StringIO()
    call_command("certificate_signing_key", "2027-01", stdout=out)
    line = out.getvalue().splitlines()[0].split("=", 1)[1]
    settings.CERTIFICATE_SIGNING_KEY = line
    assert signing.key_ring().signing_id == "2027-01"
