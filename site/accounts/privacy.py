"""What a learner can do with their own data: download it, or delete their account.

The export collects the account, the profile, certificates and every training record
(any model of the `learning` app that points at the user, directly or through one
other record such as an enrolment), so new training models are included without
changes here."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models, transaction
from django.utils import timezone

from wagtail.models import Page

from learning.certificates.services import certificate_status, verification_url
from learning.models import Certificate

TRAINING_APPS = ("learning",)


def _is_user_fk(field) -> bool:
    return (
        isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
    )


def _owner_lookup(model) -> str | None:
    """How rows of `model` reach their learner: "user", "enrolment__user", … or None."""
    fields = [field for field in model._meta.get_fields() if field.concrete]
    for field in fields:
        if _is_user_fk(field):
            return field.name
    for field in fields:
        if (
            isinstance(field, models.ForeignKey)
            and field.related_model is not None
            and not issubclass(field.related_model, Page)
        ):
            for inner in field.related_model._meta.get_fields():
                if inner.concrete and _is_user_fk(inner):
                    return f"{field.name}__{inner.name}"
    return None


def training_records(user) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for label in TRAINING_APPS:
        for model in apps.get_app_config(label).get_models():
            # pages are content (their owner is an editor); certificates are listed apart
            if model is Certificate or model._meta.proxy or issubclass(model, Page):
                continue
            lookup = _owner_lookup(model)
            if lookup is None:
                continue
            rows = model._default_manager.filter(**{lookup: user}).order_by("pk")
            records[model._meta.label] = [
                {"id": row["pk"], **row["fields"]} for row in serializers.serialize("python", rows)
            ]
    return records


def _unit(unit) -> str | None:
    return unit.name if unit is not None else None


def collect_user_data(user) -> dict[str, Any]:
    """Everything the portal keeps about `user`, as JSON-ready data."""
    from allauth.account.models import EmailAddress

    profile = getattr(user, "profile", None)
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": {
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
        },
        "profile": None,
        "certificates": [
            {
                "code": certificate.display_code,
                "learner_name": certificate.learner_name,
                "course_title": certificate.course_title,
                "issued_at": certificate.issued_at,
                "expires_at": certificate.expires_at,
                "status": certificate_status(certificate),
                "revoked_at": certificate.revoked_at,
                "revoked_reason": certificate.revoked_reason,
                "verification_url": verification_url(certificate),
            }
            for certificate in Certificate.objects.filter(user=user).order_by("issued_at")
        ],
        "training": training_records(user),
        "login_records": _login_records(user),
    }
    if profile is not None:
        data["profile"] = {
            "full_name": profile.full_name,
            "role": profile.role,
            "organisation": profile.organisation,
            "province": _unit(profile.province),
            "commune": _unit(profile.commune),
        }
    return data


def _login_identifiers(user) -> set[str]:
    return {value.strip().lower() for value in (user.email, user.get_username()) if value}


def _login_records(user) -> list[dict[str, Any]]:
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


@transaction.atomic
def delete_account(user, *, keep_certificates: bool) -> int:
    """Delete the account and everything attached to it.

    With keep_certificates the certificates stay verifiable under the name printed on
    them (no longer linked to any account); otherwise they are deleted, and their
    verification pages say "not found". Returns how many certificates were kept."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    certificates = Certificate.objects.filter(user=user)
    kept = 0
    if keep_certificates:
        kept = certificates.update(user=None)
    else:
        certificates.delete()
    names = _login_identifiers(user)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__in=names).delete()
    user.delete()
    return kept
