"""What learning keeps about a user: certificates and training records, for the
personal-data registry (learning/wagtail_hooks.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core import serializers
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from learning.certificates.services import certificate_status, verification_url
from learning.models import (
    AreaManager,
    AttemptQuestion,
    Certificate,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)

# Each training model and how its rows reach their learner.
TRAINING_RECORDS = (
    (Enrolment, "user"),
    (LessonCompletion, "enrolment__user"),
    (QuizAttempt, "enrolment__user"),
    (AttemptQuestion, "attempt__enrolment__user"),
    (AreaManager, "user"),
)

KEEP_CERTIFICATES = "keep_certificates"


def export_certificates(user) -> list[dict[str, Any]]:
    return [
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
    ]


def erase_certificates(user, choices: Mapping[str, Any]) -> None:
    """Kept certificates stay verifiable under the name printed on them, no longer
    linked to any account; otherwise they are deleted and their codes "not found"."""
    certificates = Certificate.objects.filter(user=user)
    if choices.get(KEEP_CERTIFICATES):
        certificates.update(user=None)
    else:
        certificates.delete()


def certificates_panel(request: HttpRequest) -> str:
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_at")
    return render_to_string(
        "learning/my_certificates.html", {"certificates": certificates}, request=request
    )


def export_training(user) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for model, lookup in TRAINING_RECORDS:
        rows = model._default_manager.filter(**{lookup: user}).order_by("pk")
        records[model._meta.label] = [
            {"id": row["pk"], **row["fields"]} for row in serializers.serialize("python", rows)
        ]
    return records


def erase_training(user, choices: Mapping[str, Any]) -> None:
    """Enrolments take their finished lessons, attempts and answers with them."""
    Enrolment.objects.filter(user=user).delete()
    AreaManager.objects.filter(user=user).delete()


def keep_certificates_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Keep my certificates verifiable"),
        required=False,
        help_text=_(
            "If ticked, anyone holding one of your certificates can still check it: the "
            "verification page keeps showing your name, the course and the dates. If not, "
            "your certificates are deleted too and their codes are no longer found."
        ),
    )


def export_quiz_answers(user) -> list[dict[str, Any]]:
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


def erase_nothing_more(user, choices: Mapping[str, Any]) -> None:
    """The answers go with their enrolments (erase_training)."""
