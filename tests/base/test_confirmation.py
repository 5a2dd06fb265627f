"""Preview, then confirm (base.confirmation): what a preview hands to its
confirmation form is accepted only as signed, for its purpose, before it expires."""

from unittest import mock

from django import forms
from django.contrib.sessions.backends.db import SessionStore

import pytest

from base.confirmation import (
    EXPIRED_MESSAGE,
    MAX_AGE,
    PendingField,
    forget_in_session,
    keep_in_session,
    pending_in_session,
    sign_pending,
)


class ConfirmForm(forms.Form):
    token = PendingField("test.confirm")


def test_a_signed_token_confirms_and_gives_back_its_payload():
    form = ConfirmForm({"token": sign_pending("test.confirm", job="42")})
    assert form.is_valid()
    assert form.cleaned_data["token"] == {"job": "42"}


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "",
        "x" * 5000,
        sign_pending("another.purpose", job="42"),
        sign_pending("test.confirm", job="42")[:-3] + "abc",
    ],
)
def test_a_forged_or_foreign_token_is_refused_with_one_message(token):
    form = ConfirmForm({"token": token})
    assert not form.is_valid()
    assert form.errors["token"]


def test_a_token_expires_after_max_age():
    with mock.patch("django.core.signing.time.time", return_value=1_000_000):
        token = sign_pending("test.confirm", job="42")
    with mock.patch("django.core.signing.time.time", return_value=1_000_000 + MAX_AGE - 60):
        assert ConfirmForm({"token": token}).is_valid()
    with mock.patch("django.core.signing.time.time", return_value=1_000_000 + MAX_AGE + 1):
        form = ConfirmForm({"token": token})
        assert not form.is_valid()
        assert form.errors["token"] == [str(EXPIRED_MESSAGE)]


@pytest.mark.django_db
def test_the_session_keeps_the_data_only_for_the_latest_preview():
    session = SessionStore()
    first = keep_in_session(session, "upload", b"first file", course=1)
    second = keep_in_session(session, "upload", b"second file", course=1)
    field = PendingField("upload")
    assert pending_in_session(session, "upload", field.clean(second)) == b"second file"
    assert pending_in_session(session, "upload", field.clean(first)) is None  # an older form
    another_session = SessionStore()
    assert pending_in_session(another_session, "upload", field.clean(second)) is None
    forget_in_session(session, "upload")
    assert pending_in_session(session, "upload", field.clean(second)) is None
