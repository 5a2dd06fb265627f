"""Training certificates: a snapshot of who finished which course, verifiable by code."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 symbols × 5 bits = 80 bits from secrets
CODE_GROUP = 4
_CODE_RE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate_code() -> str:
    """A new random code (80 bits), stored without separators."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """The stored form of a typed or scanned code, or None when it cannot be one.

    Case, spaces and hyphens do not matter; O, I and L are read as 0, 1 and 1."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    code = re.sub(r"[\s\-]", "", raw).upper().translate(_LOOKALIKES)
    return code if _CODE_RE.fullmatch(code) else None


def format_code(code: str) -> str:
    """K7Q29XMD… → K7Q2-9XMD-…, as printed and in URLs."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet):
    def with_status(self, status: str, now=None):
        now = now or timezone.now()
        if status == CertificateStatus.REVOKED:
            return self.filter(revoked_at__isnull=False)
        current = self.filter(revoked_at__isnull=True)
        if status == CertificateStatus.EXPIRED:
            return current.filter(expires_at__lte=now)
        if status == CertificateStatus.VALID:
            return current.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))
        return self.none()


class Certificate(models.Model):
    """What was true when the course was completed: the learner's name and the course
    title are copied, so later edits to either do not change an issued certificate.

    `user` becomes NULL when the learner deletes their account but chose to keep
    their certificates verifiable; otherwise the certificates are deleted with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    learner_name = models.CharField(_("learner's name"), max_length=150)
    course_title = models.CharField(_("course title"), max_length=255)
    code = models.CharField(
        _("code"), max_length=CODE_LENGTH, unique=True, default=generate_code, editable=False
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.display_code} — {self.learner_name}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def status(self, now=None) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status()).label

    get_status_display.short_description = _("status")
