"""Preview, then confirm: the one protocol for a step that shows the user what
will happen and saves nothing until they confirm.

The preview keeps what it checked where only the server can read it (a model
row, or the session with ``keep_in_session``) and puts a signed, timestamped
token in the confirmation form (``PendingField``). The confirmation is accepted
only with a token this server signed for that purpose within ``MAX_AGE``; a
forged, altered or expired token gives ``EXPIRED_MESSAGE`` and nothing is saved.
Used by the admin's legal import (content.admin_import) and the managers' CSV
enrolment (learning.reports.views)."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.utils.translation import gettext_lazy as _

#: How long a preview stays confirmable: checking a long document takes a while.
MAX_AGE = 60 * 60 * 12
EXPIRED_MESSAGE = _("This confirmation has expired or was tampered with; please start again.")


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"base.confirmation.{purpose}")


def sign_pending(purpose: str, **payload: Any) -> str:
    """The token a confirmation form carries for ``payload`` (JSON-serialisable)."""
    return _signer(purpose).sign_object(payload)


def read_pending(purpose: str, token: str) -> dict[str, Any]:
    """The payload of a token signed for ``purpose``; raises ``signing.BadSignature``
    (``SignatureExpired`` after ``MAX_AGE``)."""
    payload = _signer(purpose).unsign_object(token, max_age=MAX_AGE)
    if not isinstance(payload, dict):
        raise signing.BadSignature("Not a confirmation payload.")
    return payload


class PendingField(forms.CharField):
    """The hidden field of a confirmation form: cleans to the signed payload (a
    dict), or refuses a forged or expired token with ``EXPIRED_MESSAGE``."""

    widget = forms.HiddenInput

    def __init__(self, purpose: str, *, expired_message: Any = EXPIRED_MESSAGE, **kwargs: Any):
        self.purpose = purpose
        self.expired_message = expired_message
        super().__init__(max_length=4096, **kwargs)

    def sign(self, **payload: Any) -> str:
        return sign_pending(self.purpose, **payload)

    def clean(self, value: Any) -> dict[str, Any]:
        token = super().clean(value)
        try:
            return read_pending(self.purpose, token)
        except signing.BadSignature as error:
            raise forms.ValidationError(self.expired_message, code="expired") from error


def keep_in_session(session: SessionBase, key: str, data: bytes, **payload: Any) -> str:
    """Keep ``data`` under ``key`` until it is confirmed; the token to confirm it.

    The token names this copy (a random nonce), so an older preview's form
    cannot confirm a newer upload, and another session's token finds nothing."""
    nonce = secrets.token_urlsafe(16)
    token = sign_pending(key, nonce=nonce, **payload)
    session[key] = {
        "token": token,
        "nonce": nonce,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def pending_in_session(session: SessionBase, key: str, payload: dict[str, Any]) -> bytes | None:
    """The data kept by ``keep_in_session`` for a confirmed ``payload`` (the cleaned
    ``PendingField`` of purpose ``key``), or None when it is gone or another copy."""
    stored = session.get(key) or {}
    nonce = str(payload.get("nonce", ""))
    if not nonce or not secrets.compare_digest(str(stored.get("nonce", "")), nonce):
        return None
    try:
        return base64.b64decode(stored.get("data", ""), validate=True)
    except (binascii.Error, ValueError):
        return None


def forget_in_session(session: SessionBase, key: str) -> None:
    session.pop(key, None)
