from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AdministrativeUnit(index.Indexed, models.Model):
    """A province or commune, current or historical.

    Since 1 July 2025 local government has two tiers (province, commune); the
    district tier was abolished and many units merged. Old units stay as rows
    with `successor` pointing at the unit that took them over, so that old
    documents and learner records group under today's units.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province / centrally-run city")
        DISTRICT = "district", _("District (before July 2025)")
        COMMUNE = "commune", _("Commune / ward / special zone")

    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("taken over by (after a merger)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("successor"),
        FieldPanel("abolished_on"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative unit")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "level", "parent"], name="unique_unit_name_per_parent"
            ),
        ]

    def __str__(self) -> str:
        label = self.name if self.parent_id is None else f"{self.name}, {self.parent.name}"
        if self.abolished_on:
            return f"{label} ({_('former')})"
        return label

    @property
    def is_current(self) -> bool:
        return self.abolished_on is None

    def current_unit(self) -> "AdministrativeUnit":
        """Follow the successor chain to the unit in force today."""
        unit, seen = self, {self.pk}
        while unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = unit.successor
        return unit
