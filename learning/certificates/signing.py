"""Signed certificates that can be checked without a connection.

A certificate's QR code carries, after the verification URL's "#", a compact payload
signed with Ed25519 (the scheme of signed health and training certificates such as
India's DIVOC and the EU's digital certificates):

    CB1.<key id>.<base64url JSON body>.<base64url signature>

The signature covers "CB1.<key id>.<body>"; the body is
{"c": code, "n": holder's name, "k": course, "i": issued (YYYY-MM-DD), "e": expiry or null}.

Keys (base64url, raw 32 bytes), from the environment through settings:
- CERTIFICATE_SIGNING_KEY = "<key id>:<private key>": the one key that signs now;
- CERTIFICATE_PUBLIC_KEYS = "<key id>:<public key>,…": retired keys that still verify
  what they signed (rotation: generate a new key with `manage.py
  certificate_signing_key`, make it the signing key, move the old public key here).
Without a configured key, development and tests use a key generated once into
CERTIFICATE_DEV_KEY_FILE; production refuses to start without one (system check).

The public keys are published as a JWK set and the revocations as a signed list, so
a browser that fetched them once can check certificates offline.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

if TYPE_CHECKING:  # cryptography is imported where keys are used, not in every web process
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

PREFIX = "CB1"
KEY_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
PAYLOAD_RE = re.compile(r"CB1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
MAX_PAYLOAD = 2000  # characters: far above a real one, far below anything harmful


class SignatureRefused(ValueError):
    """The payload is not one we signed: unreadable, unknown key, altered or forged."""


# --- base64url without padding ------------------------------------------------------


def b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


# --- keys -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRing:
    signing_id: str
    signing_key: Ed25519PrivateKey
    public_keys: dict[str, Ed25519PublicKey]  # every key that verifies, the signing one too


def _pair(text: str, setting: str) -> tuple[str, bytes]:
    key_id, _sep, value = text.strip().partition(":")
    try:
        raw = b64decode(value.strip())
    except (ValueError, binascii.Error):
        raw = b""
    if not KEY_ID_RE.fullmatch(key_id) or len(raw) != 32:
        raise ImproperlyConfigured(
            f"{setting}: expected '<key id>:<32 bytes as base64url>' "
            "(generate one with `manage.py certificate_signing_key`)"
        )
    return key_id, raw


def generate_key_line(key_id: str) -> tuple[str, str]:
    """A new key as the two setting values: ("id:private", "id:public")."""
    if not KEY_ID_RE.fullmatch(key_id):
        raise ValueError("a key id is 1–32 letters, digits, '-' or '_'")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    return (
        f"{key_id}:{b64encode(_raw_private(key))}",
        f"{key_id}:{b64encode(_raw_public(key.public_key()))}",
    )


def _dev_key_line() -> str:
    """The development key, generated into a file the first time (never in production)."""
    if not getattr(settings, "CERTIFICATE_DEV_KEY_ALLOWED", False):
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be set in production.")
    path = Path(settings.CERTIFICATE_DEV_KEY_FILE)
    if not path.exists():
        private, _public = generate_key_line("dev")
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(private + "\n")
    return path.read_text().strip()


def key_ring() -> KeyRing:
    """The configured keys (read each time: settings are overridden in tests)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    line = getattr(settings, "CERTIFICATE_SIGNING_KEY", "") or _dev_key_line()
    signing_id, raw = _pair(line, "CERTIFICATE_SIGNING_KEY")
    signing_key = Ed25519PrivateKey.from_private_bytes(raw)
    public = {}
    for item in getattr(settings, "CERTIFICATE_PUBLIC_KEYS", []) or []:
        if item.strip():
            key_id, raw_public = _pair(item, "CERTIFICATE_PUBLIC_KEYS")
            public[key_id] = Ed25519PublicKey.from_public_bytes(raw_public)
    public[signing_id] = signing_key.public_key()
    return KeyRing(signing_id, signing_key, public)


def public_jwks() -> dict:
    """The public keys as a JWK set (RFC 8037), the signing key marked as active."""
    ring = key_ring()
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "alg": "EdDSA",
                "use": "sig",
                "kid": key_id,
                "x": b64encode(_raw_public(key)),
                "active": key_id == ring.signing_id,
            }
            for key_id, key in sorted(ring.public_keys.items())
        ]
    }


# --- certificate payloads -------------------------------------------------------------


def _day(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).date().isoformat() if moment else None


def certificate_body(certificate) -> dict:
    return {
        "c": certificate.code,
        "n": certificate.learner_name,
        "k": certificate.course_title,
        "i": _day(certificate.issued_at),
        "e": _day(certificate.expires_at),
    }


def _sign(ring: KeyRing, body: dict) -> str:
    encoded = b64encode(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    signed = f"{PREFIX}.{ring.signing_id}.{encoded}"
    return f"{signed}.{b64encode(ring.signing_key.sign(signed.encode('ascii')))}"


def sign_certificate(certificate) -> str:
    """The compact signed payload for the certificate's QR code."""
    return _sign(key_ring(), certificate_body(certificate))


@dataclass(frozen=True)
class VerifiedPayload:
    key_id: str
    code: str
    name: str
    course: str
    issued: str
    expires: str | None


def extract_payload(text: str) -> str | None:
    """The payload in a scanned URL (after "#"), pasted text or a PDF's metadata."""
    match = PAYLOAD_RE.search(text or "")
    return match.group(0) if match else None


def verify_payload(payload: str) -> VerifiedPayload:
    """The signed facts, or SignatureRefused saying why."""
    from cryptography.exceptions import InvalidSignature

    if not isinstance(payload, str) or len(payload) > MAX_PAYLOAD:
        raise SignatureRefused("not a certificate payload")
    parts = payload.strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise SignatureRefused("not a certificate payload")
    _prefix, key_id, body, signature = parts
    key = key_ring().public_keys.get(key_id)
    if key is None:
        raise SignatureRefused(f"unknown signing key {key_id!r}")
    try:
        key.verify(b64decode(signature), f"{PREFIX}.{key_id}.{body}".encode("ascii"))
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise SignatureRefused("the signature does not match: altered or forged") from error
    try:
        data = json.loads(b64decode(body))
        return VerifiedPayload(key_id, data["c"], data["n"], data["k"], data["i"], data.get("e"))
    except (ValueError, KeyError, TypeError, binascii.Error) as error:  # signed but malformed
        raise SignatureRefused("the payload cannot be read") from error


# --- revocations --------------------------------------------------------------------


def code_digest(code: str) -> str:
    """What the public list holds instead of a code: codes stay private to holders."""
    return b64encode(hashlib.sha256(code.encode("ascii")).digest()[:16])


def signed_revocation_list(now: datetime.datetime | None = None) -> dict:
    """Digests of every revoked certificate's code, dated and signed."""
    from learning.models import Certificate

    codes = Certificate.objects.filter(revoked_at__isnull=False).values_list("code", flat=True)
    body = {
        "issued_at": (now or timezone.now()).astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "revoked": sorted(code_digest(code) for code in codes),
    }
    ring = key_ring()
    encoded = b64encode(json.dumps(body, separators=(",", ":")).encode())
    signed = f"{PREFIX}.{ring.signing_id}.{encoded}"
    return {
        "key_id": ring.signing_id,
        "body": encoded,
        "signature": b64encode(ring.signing_key.sign(signed.encode("ascii"))),
    }


def verify_revocation_list(document: dict) -> dict:
    """The list's body ({"issued_at", "revoked"}) when its signature holds."""
    from cryptography.exceptions import InvalidSignature

    try:
        key_id, body, signature = document["key_id"], document["body"], document["signature"]
        key = key_ring().public_keys[key_id]
        key.verify(b64decode(signature), f"{PREFIX}.{key_id}.{body}".encode("ascii"))
        return json.loads(b64decode(body))
    except (KeyError, TypeError, ValueError, InvalidSignature, binascii.Error) as error:
        raise SignatureRefused("the revocation list is not signed by a known key") from error


# --- production must have a real key -----------------------------------------------------


@register("security", deploy=False)
def check_signing_key(app_configs=None, **kwargs) -> list[Error]:
    if getattr(settings, "CERTIFICATE_DEV_KEY_ALLOWED", False):
        return []
    try:
        if getattr(settings, "CERTIFICATE_SIGNING_KEY", ""):
            key_ring()
            return []
    except ImproperlyConfigured as error:
        return [Error(str(error), id="learning.E016")]
    return [
        Error(
            "CERTIFICATE_SIGNING_KEY must be set: certificates cannot be signed.",
            hint="Generate one with `manage.py certificate_signing_key` and set it in the "
            "environment; keep retired public keys in CERTIFICATE_PUBLIC_KEYS.",
            id="learning.E016",
        )
    ]
