"""Invitation e-mail for accounts a manager creates: a link to choose a password.

The link is django-allauth's password-reset link, so choosing the password uses
allauth's own form, token expiry and rate limits.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str

from base.public_url import absolute


def set_password_url(request, user, course=None) -> str:
    """The link to choose a password; with a course, the learner lands on it signed in."""
    kwargs = {} if course is None else {"course_id": course.pk}
    path = reverse(
        "learning_invitation" if course is not None else "account_reset_password_from_key",
        kwargs={
            **kwargs,
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute(path)


def send_invitation(request, user, course) -> None:
    context = {
        "user": user,
        "full_name": getattr(getattr(user, "profile", None), "full_name", "") or user.first_name,
        "course": course,
        "url": set_password_url(request, user, course),
    }
    subject = render_to_string("learning/email/invitation_subject.txt", context)
    body = render_to_string("learning/email/invitation_message.txt", context)
    subject = get_adapter(request).format_email_subject(" ".join(subject.split()))
    send_mail(subject, body, None, [user.email])
