"""What accounts keeps about a user: the account with its e-mail addresses, the
learner profile and the sign-in records. Registered in the personal-data registry
(accounts/wagtail_hooks.py); the export and the deletion iterate that registry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def export_account(user) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }


def erase_account(user, choices: Mapping[str, Any]) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()  # the user row itself goes last


def _unit(unit) -> str | None:
    return unit.name if unit is not None else None


def export_profile(user) -> dict[str, Any] | None:
    from .models import Profile

    profile = Profile.objects.filter(user=user).select_related("province", "commune").first()
    if profile is None:
        return None
    return {
        "full_name": profile.full_name,
        "role": profile.role,
        "organisation": profile.organisation,
        "province": _unit(profile.province),
        "commune": _unit(profile.commune),
    }


def erase_profile(user, choices: Mapping[str, Any]) -> None:
    from .models import Profile

    Profile.objects.filter(user=user).delete()


def _login_identifiers(user) -> set[str]:
    return {value.strip().lower() for value in (user.email, user.get_username()) if value}


def export_login_records(user) -> list[dict[str, Any]]:
    """Sign-ins and failed attempts django-axes recorded under the user's e-mail."""
    from axes.models import AccessAttempt, AccessLog

    names = _login_identifiers(user)
    rows: list[dict[str, Any]] = []
    for log in AccessLog.objects.filter(username__in=names).order_by("attempt_time"):
        rows.append(
            {
                "kind": "sign-in",
                "time": log.attempt_time,
                "ip_address": log.ip_address,
                "user_agent": log.user_agent,
            }
        )
    for attempt in AccessAttempt.objects.filter(username__in=names).order_by("attempt_time"):
        rows.append(
            {
                "kind": "failed sign-ins",
                "time": attempt.attempt_time,
                "ip_address": attempt.ip_address,
                "failures": attempt.failures_since_start,
            }
        )
    return rows


def erase_login_records(user, choices: Mapping[str, Any]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = _login_identifiers(user)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__in=names).delete()


def erase_admin_history(user, choices: Mapping[str, Any]) -> None:
    """First of all: scrub the user's names from Wagtail's log entries and revisions,
    and the entries about every registered row that points at them (accounts.erasure)."""
    from django.contrib.auth import get_user_model

    from base.personal_data import registered_models

    from .erasure import scrub_admin_history

    user_model = get_user_model()
    objects: dict[type, list[int]] = {user_model: [user.pk]}
    for model in registered_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is user_model:
                rows = model._default_manager.filter(**{field.name: user})
                objects.setdefault(model, []).extend(rows.values_list("pk", flat=True))
    scrub_admin_history(user, objects)


def export_consents(user) -> list[dict[str, Any]]:
    from .models import Consent

    return [
        {"privacy_notice_version": c.notice_version, "given_at": c.given_at}
        for c in Consent.objects.filter(user=user).order_by("given_at")
    ]


def erase_consents(user, choices: Mapping[str, Any]) -> None:
    from .models import Consent

    Consent.objects.filter(user=user).delete()


def export_data_access(user) -> list[dict[str, Any]]:
    """A manager's own views and exports of learners' data (the access log)."""
    from .models import DataAccess

    return [
        {"at": row.at, "action": row.action, "area": row.area, "course": row.course}
        for row in DataAccess.objects.filter(manager=user).order_by("at")
    ]


def erase_data_access(user, choices: Mapping[str, Any]) -> None:
    """The access log is kept a year for accountability: the entries stay, without
    the manager's name."""
    from .models import DataAccess

    DataAccess.objects.filter(manager=user).update(manager=None, manager_name="")
