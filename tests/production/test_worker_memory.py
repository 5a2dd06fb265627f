"""What a web process does not load (README, "Memory"): Wagtail's API v3, allauth's
passkey libraries until a passkey is used, psycopg on SQLite; and what still works."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

ROOT = Path(settings.BASE_DIR)

# As gunicorn's master loads the application before forking (gunicorn.conf.py).
SCRIPT = textwrap.dedent(
    """
    import json, sys
    import portal.wsgi
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("health")
    from wagtail import hooks
    hooks.search_for_hooks()
    import rest_framework.compat
    heavy = ("ninja", "wagtail.api.v3.registry", "fido2", "cryptography", "psycopg")
    loaded = {"loaded": [name for name in heavy if name in sys.modules]}
    loaded["postgres_fields"] = rest_framework.compat.postgres_fields is not None
    # allauth's passkey module runs on first use, fido2 with it
    from allauth.mfa.webauthn.internal import auth
    auth.get_server
    loaded["after_passkey"] = "fido2" in sys.modules
    # nothing of the empty modules is left: the API still imports for real
    from wagtail.api.v3.api import api
    loaded["api_v3_importable"] = type(api).__name__ == "NinjaAPI"
    import django.contrib.postgres.fields
    print(json.dumps(loaded))
    """
)


def test_a_web_process_loads_neither_api_v3_nor_passkeys_nor_psycopg(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "test-worker-memory-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
    }
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {
        "loaded": [],
        "postgres_fields": False,
        "after_passkey": True,
        "api_v3_importable": True,
    }


@pytest.mark.django_db
def test_the_wagtail_apps_are_set_up_without_the_api():
    """What Wagtail's images, documents, snippets and redirects apps set up besides the
    API is there (portal/wagtail_apps.py)."""
    from django.apps import apps

    from wagtail.admin.forms.models import registry as form_fields
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.widgets import AdminImageChooser
    from wagtail.models.reference_index import ReferenceIndex
    from wagtail.permissions import policy_registry
    from wagtail.signals import page_slug_changed, post_page_move
    from wagtail.snippets.models import get_snippet_models

    for label in ("wagtailimages", "wagtaildocs", "wagtailsnippets", "wagtailredirects"):
        assert apps.get_app_config(label).name.startswith("wagtail.")
    assert ReferenceIndex.is_indexed(Image)
    assert ReferenceIndex.is_indexed(Document)
    assert policy_registry.get_by_type(Redirect, fallback=False) is not None
    assert form_fields.values_by_fk_related_model[Image]["widget"] is AdminImageChooser
    assert post_page_move.receivers and page_slug_changed.receivers
    assert get_snippet_models()  # our snippets are registered


def test_passkey_sign_in_offers_a_challenge(client, db):
    response = client.get(reverse("mfa_login_webauthn"), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert response.json()["request_options"]["publicKey"]["challenge"]
    assert "fido2" in sys.modules
