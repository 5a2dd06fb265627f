"""Sign-up does the same work whether or not the address is known (issue 17,
finding 2): one password hash on both paths, mail sent from a task. The timing
itself is measured by `manage.py bench_signup`, not by a timed test."""

import io

from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.management import call_command

import pytest

from accounts import mail as account_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-an-toan-2026"


def signup(client, email):
    return client.post(
        "/accounts/signup/",
        {
            "full_name": "Nguyễn Thị Hoà",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "teacher",
            "consent": "on",
        },
    )


@pytest.fixture
def work(monkeypatch):
    """Counts password hashes and mails handed to the task queue."""
    seen = {"hashes": 0, "queued": 0}
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        seen["hashes"] += 1
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    enqueue = account_mail.deliver_mail.enqueue

    class Spy:
        @staticmethod
        def enqueue(data):
            seen["queued"] += 1
            return enqueue(data)

    monkeypatch.setattr(account_mail, "deliver_mail", Spy)
    return seen


def test_both_paths_do_the_same_work(client, work):
    known = UserFactory(email="biet@example.org")
    known.emailaddress_set.create(email=known.email, verified=True, primary=True)
    work.update(hashes=0, queued=0)
    new = signup(client, "moi@example.org")
    new_work = dict(work)
    work.update(hashes=0, queued=0)
    existing = signup(client, "biet@example.org")
    assert new.status_code == existing.status_code == 302
    assert new["Location"] == existing["Location"]
    assert new_work == dict(work) == {"hashes": 1, "queued": 1}
    assert [message.to for message in mail.outbox] == [["moi@example.org"], ["biet@example.org"]]
    # again at once: allauth skips the repeated e-mail, the hash is still done
    work.update(hashes=0, queued=0)
    assert signup(client, "biet@example.org").status_code == 302
    assert work["hashes"] == 1


def test_bench_signup_prints_both_paths(settings):
    from django.db import connection, reset_queries

    settings.DEBUG = True  # as manage.py starts: measured without its query log
    reset_queries()
    out = io.StringIO()
    call_command("bench_signup", runs=2, stdout=out)
    assert connection.queries == []
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith("RESULT runs=2 new_p50_ms=")
    assert "existing_p50_ms=" in last and "difference_ms=" in last
    from accounts.models import User

    assert not User.objects.filter(email__startswith="bench-").exists()
