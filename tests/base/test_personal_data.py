"""The personal-data registry: every model of ours that points at a user is
covered by some app's registration, and the export and deletion go through it."""

from django.apps import apps
from django.contrib.auth import get_user_model

from wagtail import hooks

import pytest

from base.personal_data import HOOK, export_user_data, registered_models, registry

OUR_APPS = ("base", "accounts", "content", "learning", "search", "home")


def models_holding_a_user() -> set:
    """Our models with a foreign key (or one-to-one) to the user, and the user itself.
    Fields a page inherits from Wagtail's Page (owner, locked_by: an editor) are
    Wagtail's, not ours."""
    user_model = get_user_model()
    found = {user_model}
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            if any(
                field.concrete
                and field.is_relation
                and field.related_model is user_model
                and field.model._meta.app_label in OUR_APPS
                for field in model._meta.get_fields()
            ):
                found.add(model)
    return found


def test_every_model_holding_a_user_is_registered():
    missing = models_holding_a_user() - registered_models()
    assert not missing, (
        "Register these models' personal data (hook 'register_personal_data'): "
        + ", ".join(sorted(model._meta.label for model in missing))
    )


def test_an_unregistered_model_is_reported(monkeypatch):
    """The check above really fails when an app forgets to register its model."""
    from learning.models import Certificate

    kept = [hook for hook in hooks.get_hooks(HOOK) if Certificate not in hook().models]
    monkeypatch.setattr(hooks, "get_hooks", lambda name: kept if name == HOOK else [])
    assert Certificate in models_holding_a_user() - registered_models()


def test_keys_are_unique_and_ordered():
    keys = [entry.key for entry in registry()]
    assert keys == [
        "admin_history",
        "account",
        "consents",
        "profile",
        "certificates",
        "training",
        "quiz_answers",
        "document_imports",
        "login_records",
        "data_access",
    ]


@pytest.mark.django_db
def test_export_iterates_the_registry():
    from tests.factories import ProfileFactory

    user = ProfileFactory(full_name="Lê Văn An").user
    data = export_user_data(user)
    assert list(data) == [
        "exported_at",
        "admin_history",
        "account",
        "consents",
        "profile",
        "certificates",
        "training",
        "quiz_answers",
        "document_imports",
        "login_records",
        "data_access",
    ]
    assert data["profile"]["full_name"] == "Lê Văn An"
    assert set(data["training"]) >= {"learning.Enrolment", "learning.QuizAttempt"}
