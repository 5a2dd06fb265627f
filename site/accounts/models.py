from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from base.areas import check_commune_in_province
from base.roles import Role


class User(AbstractUser):
    """The project's user model: learners log in with their e-mail (django-allauth)."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Profile(models.Model):
    """What the training reports group learners by: role, organisation, area."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    full_name = models.CharField(
        _("full name"), max_length=150, help_text=_("As it should appear on certificates.")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    organisation = models.CharField(_("organisation or school"), max_length=200, blank=True)
    province = models.ForeignKey(
        "base.AdministrativeUnit",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    commune = models.ForeignKey(
        "base.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": "commune"},
    )

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self) -> str:
        return self.full_name or str(self.user)

    def clean(self) -> None:
        check_commune_in_province(self.province, self.commune)


class Consent(models.Model):
    """A learner's consent to the processing the privacy notice describes (Law
    91/2025/QH15): which version of the notice, and when. Withdrawing it closes the
    account (the data page), which deletes this record with the rest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.notice_version} · {self.given_at:%Y-%m-%d}"


class DataAccess(models.Model):
    """One view or export of learners' data by a manager (who, when, which area and
    course): for superusers, kept for a year (accounts.audit)."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_name = models.CharField(_("manager"), max_length=150)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("what"), max_length=40)
    area = models.CharField(_("area"), max_length=200, blank=True)
    course = models.CharField(_("course"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("access to learners' data")
        verbose_name_plural = _("accesses to learners' data")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.manager_name} · {self.action} · {self.at:%Y-%m-%d %H:%M}"
