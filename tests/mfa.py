"""Second-factor helpers for tests: an RFC 6238 code computed independently of allauth."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def totp_code(secret: str, *, step: int = 0, at: float | None = None) -> str:
    """The 6-digit TOTP (SHA-1, 30 s) for ``secret`` (base32), ``step`` periods from now."""
    counter = int((time.time() if at is None else at) // 30) + step
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_totp(user) -> str:
    """Activate an authenticator app for ``user``; returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
