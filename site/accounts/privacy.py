"""What a learner can do with their own data: download it, or delete their account.

The export collects the account, the profile, certificates, every training record
(any model of the `learning` app that points at the user, directly or through up to
two other records such as an enrolment and an attempt) and each quiz answer in
words, so new training models are included without changes here. Deletion also
scrubs the admin's history (accounts.erasure)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models, transaction
from django.utils import timezone

from wagtail.models import Page

from learning.certificates import certificate_status, verification_url
from learning.models import Certificate

TRAINING_APPS = ("learning",)


def _is_user_fk(field) -> bool:
    return (
        isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
    )


def _owner_lookup(model, depth: int = 3) -> str | None:
    """How rows of `model` reach their learner: "user", "enrolment__user",
    "attempt__enrolment__user"… (up to three links, never through a page) or None."""
    fields = [field for field in model._meta.get_fields() if field.concrete]
    for field in fields:
        if _is_user_fk(field):
            return field.name
    if depth <= 1:
        return None
    for field in fields:
        if (
            isinstance(field, models.ForeignKey)
            and field.related_model is not None
            and field.related_model is not model
            and not issubclass(field.related_model, Page)
            and field.related_model._meta.app_label in TRAINING_APPS
        ):
            inner = _owner_lookup(field.related_model, depth - 1)
            if inner is not None:
                return f"{field.name}__{inner}"
    return None


def owned_rows(user) -> dict[type, list[int]]:
    """Primary keys of every training row that belongs to `user`, by model."""
    rows: dict[type, list[int]] = {}
    for label in TRAINING_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or issubclass(model, Page):
                continue
            lookup = _owner_lookup(model)
            if lookup is not None:
                rows[model] = list(
                    model._default_manager.filter(**{lookup: user}).values_list("pk", flat=True)
                )
    return rows


def quiz_answers(user) -> list[dict[str, Any]]:
    """Every answer the learner gave, readable: the question and the options chosen."""
    from learning.models import AttemptQuestion

    rows = (
        AttemptQuestion.objects.filter(attempt__enrolment__user=user)
        .select_related("question", "attempt__enrolment")
        .prefetch_related("options__choice")
        .order_by("attempt__started_at", "position")
    )
    answers = []
    for row in rows:
        by_token = {option.token: option.choice.text for option in row.options.all()}
        answers.append(
            {
                "course_id": row.attempt.enrolment.course_id,
                "lesson_id": row.attempt.lesson_id,
                "attempt": row.attempt.number,
                "question": row.question.text,
                "answer": [by_token.get(token, token) for token in row.answer or []],
                "answered_at": row.answered_at,
                "correct": row.is_correct,
            }
        )
    return answers


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
        "quiz_answers": quiz_answers(user),
        "consents": [
            {"privacy_notice_version": consent.notice_version, "given_at": consent.given_at}
            for consent in user.consents.all()
        ],
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

    from .erasure import scrub_admin_history
    from .models import Profile

    objects = {
        get_user_model(): [user.pk],
        Profile: list(Profile.objects.filter(user=user).values_list("pk", flat=True)),
        **owned_rows(user),
    }
    if keep_certificates:
        objects.pop(Certificate, None)
    scrub_admin_history(user, objects)
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
