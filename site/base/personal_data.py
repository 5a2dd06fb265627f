"""The personal-data registry: each app says what it keeps about a user.

Apps contribute the way Wagtail apps do, through a hook::

    @hooks.register("register_personal_data")
    def register_certificates() -> PersonalData:
        return PersonalData(key="certificates", models=(Certificate,), export=..., erase=...)

The data export and the account deletion iterate the registry, so they know no
app's models; a test fails when a model with a foreign key to the user is
registered by no app, so a new model holding personal data cannot be missed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from wagtail import hooks

HOOK = "register_personal_data"


@dataclass(frozen=True)
class PersonalData:
    """What one app keeps about a user.

    ``export(user)`` returns JSON-ready data, written under ``key`` in the download;
    ``erase(user, choices)`` removes (or detaches) it before the user row is deleted,
    ``choices`` being the cleaned answers to ``deletion_fields`` (extra fields of the
    deletion form, e.g. whether certificates stay verifiable). ``models`` are the
    models whose rows this entry covers; ``panel(request)`` is optional HTML for the
    learner's "My certificates and data" page. Entries are ordered by ``order``.
    """

    key: str
    models: tuple[type[models.Model], ...]
    export: Callable[[Any], Any]
    erase: Callable[[Any, Mapping[str, Any]], None]
    order: int = 100
    deletion_fields: Mapping[str, forms.Field] = field(default_factory=dict)
    panel: Callable[[HttpRequest], str] | None = None


def registry() -> list[PersonalData]:
    return sorted((hook() for hook in hooks.get_hooks(HOOK)), key=lambda entry: entry.order)


def registered_models() -> set[type[models.Model]]:
    return {model for entry in registry() for model in entry.models}


def deletion_fields() -> dict[str, forms.Field]:
    """Fresh copies of the extra fields every entry adds to the deletion form."""
    return {
        name: copy.deepcopy(form_field)
        for entry in registry()
        for name, form_field in entry.deletion_fields.items()
    }


def export_user_data(user) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, as JSON-ready data."""
    data: dict[str, Any] = {"exported_at": timezone.now()}
    for entry in registry():
        data[entry.key] = entry.export(user)
    return data


@transaction.atomic
def erase_user_data(user, choices: Mapping[str, Any]) -> None:
    """Every app erases what it keeps, then the account itself is deleted."""
    for entry in registry():
        entry.erase(user, choices)
    user.delete()


def panels(request: HttpRequest) -> list[str]:
    return [entry.panel(request) for entry in registry() if entry.panel is not None]
