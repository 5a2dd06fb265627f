from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

MANAGERS_GROUP = "Quản lý đào tạo"


class AreaManager(models.Model):
    """A training manager's area: a province (its communes included) or one commune.

    Together with the "Quản lý đào tạo" group (permission ``learning.manage_training``)
    this lets a user see the training reports of the learners of that area and enrol
    learners by CSV.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.CASCADE,
        related_name="managed_areas",
    )
    unit = models.ForeignKey(
        "base.AdministrativeUnit",
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"level__in": ["province", "commune"], "abolished_on__isnull": True},
        help_text=_("A province (all its communes) or a single commune."),
    )

    panels = [FieldPanel("user"), FieldPanel("unit")]

    class Meta:
        verbose_name = _("training manager's area")
        verbose_name_plural = _("training managers' areas")
        ordering = ["user__username", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="unique_area_per_manager"),
        ]
        permissions = [
            ("manage_training", _("Can see training reports and enrol learners of their area")),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit}"

    def clean(self) -> None:
        from accounts.security import can_open_admin

        user = getattr(self, "user", None)
        if user is not None and not can_open_admin(user):
            raise ValidationError(
                {
                    "user": _(
                        "Choose a staff member: add the person to the group “%(group)s” first."
                    )
                    % {"group": MANAGERS_GROUP}
                }
            )
        unit = getattr(self, "unit", None)
        if unit is not None and (unit.level not in ("province", "commune") or not unit.is_current):
            raise ValidationError({"unit": _("Choose a current province or commune.")})
