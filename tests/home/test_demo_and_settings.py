import os
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.models import Page, PageLogEntry, Revision

import polib
import pytest

from learning.certificates.signing import generate_key_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts


@pytest.mark.django_db
def test_load_demo_refuses_in_production(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-test-secret-key-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "example.org",
        "PUBLIC_BASE_URL": "https://example.org",
        # required in production (learning.E016); a fresh one for this check
        "CERTIFICATE_SIGNING_KEY": generate_key_line("deploy-check")[0],
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("catalogue", ["site/locale", "site/locale_allauth"])
def test_vietnamese_catalogue_is_complete_and_compiled(catalogue):
    po = polib.pofile(str(ROOT / catalogue / "vi/LC_MESSAGES/django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries()
    mo = polib.mofile(str(ROOT / catalogue / "vi/LC_MESSAGES/django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{entry.msgid!r} is not compiled: run `make messages`"
