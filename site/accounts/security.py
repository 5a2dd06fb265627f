"""Sign-in security: what django-axes counts, the per-login slow-down, and the
second factor required of every account that can open the admin."""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from base.public_url import absolute


def login_identifier(request, credentials: dict | None) -> str:
    """What django-axes counts failed logins against: the e-mail or username typed,
    whichever login form (allauth's or the Wagtail admin's) was used."""
    credentials = credentials or {}
    for key in ("email", "login", "username"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    data = getattr(request, "POST", {}) or {}
    for key in ("login", "username", "email"):
        if data.get(key):
            return str(data[key]).strip().lower()
    return ""


# --- sign-in policy -----------------------------------------------------------
#
# Three limits, so that nobody can lock someone else out (issue 17, finding 3):
# - django-axes locks a (login, address) pair after AXES_FAILURE_LIMIT failures;
# - allauth's "login_failed" limit throttles an address whatever login it tries
#   (ACCOUNT_RATE_LIMITS in settings);
# - a login that keeps failing, from any number of addresses, is slowed down (one
#   attempt per SLOWDOWN delay), never locked: its owner can still get in.

SLOWDOWN_FREE_FAILURES = 5
SLOWDOWN_MAX_SECONDS = 60
SLOWDOWN_WINDOW_SECONDS = 60 * 60


def _slowdown_key(login: str) -> str:
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return f"login-slowdown:{digest}"


def slowdown_wait(login: str, now: float | None = None) -> int:
    """Seconds to wait before ``login`` may be tried again (0: now)."""
    failures, last = cache.get(_slowdown_key(login), (0, 0.0))
    if failures < SLOWDOWN_FREE_FAILURES:
        return 0
    delay = min(2 ** (failures - SLOWDOWN_FREE_FAILURES), SLOWDOWN_MAX_SECONDS)
    return max(0, math.ceil(last + delay - (time.time() if now is None else now)))


def record_failure(login: str) -> None:
    key = _slowdown_key(login)
    failures, _last = cache.get(key, (0, 0.0))
    cache.set(key, (failures + 1, time.time()), SLOWDOWN_WINDOW_SECONDS)


def clear_failures(login: str) -> None:
    cache.delete(_slowdown_key(login))


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with the per-login slow-down (see above); links in its
    e-mails point at the public address, whatever Host the request carried."""

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return absolute(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Rendered now, sent by a task (accounts.mail): pages never wait for SMTP."""
        from allauth.core import context as allauth_context

        from .mail import deliver_mail, message_data

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        deliver_mail.enqueue(message_data(self.render_mail(template_prefix, email, ctx)))

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        seconds = slowdown_wait(login_identifier(request, credentials))
        if seconds:
            raise ValidationError(
                _(
                    "Too many failed sign-ins for this account. Wait %(seconds)s "
                    "seconds, then try again."
                )
                % {"seconds": seconds}
            )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            clear_failures(login_identifier(request, credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        # A pair already locked by axes checked no password: not one more failure.
        if not getattr(request, "axes_locked_out", False):
            record_failure(login_identifier(request, credentials))


# --- second factor for the admin ---------------------------------------------


def can_open_admin(user) -> bool:
    """Anyone the Wagtail or Django admin lets in."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def admin_users() -> QuerySet:
    """The active accounts ``can_open_admin`` lets in, as a query (the staff)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    User = get_user_model()
    access = Q(codename="access_admin", content_type__app_label="wagtailadmin")
    permission = Permission.objects.filter(access)
    return User.objects.filter(
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__permissions__in=permission)
        | Q(user_permissions__in=permission),
        is_active=True,
    ).distinct()


# The admins, and the managers' pages of learners' data.
SECOND_FACTOR_PATHS = ("/hoc-tap/bao-cao/", "/en/hoc-tap/bao-cao/")


class AdminSecondFactorMiddleware:
    """An account that can open the admin must have a second factor (TOTP or a
    passkey) before it sees any admin page or managers' page: without one it is
    sent to set one up."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES + SECOND_FACTOR_PATHS)
            and can_open_admin(request.user)
            and not is_mfa_enabled(
                request.user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
            )
        ):
            messages.warning(
                request,
                _(
                    "Your account can open the administration: set up a second "
                    "sign-in factor (an authenticator app or a passkey) first."
                ),
            )
            return redirect(reverse("mfa_index"))
        return self.get_response(request)
