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
