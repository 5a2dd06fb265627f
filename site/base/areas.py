"""Provinces and communes, current and former, and the rules about them."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def follow_successors(unit_id: int, successor_of: Callable[[int], int | None]) -> int:
    """The id of the unit in force today for ``unit_id``: its successor's successor…
    (itself when never merged; a loop in the data stops the walk)."""
    seen = {unit_id}
    while (following := successor_of(unit_id)) and following not in seen:
        seen.add(following)
        unit_id = following
    return unit_id


def check_commune_in_province(province: AdministrativeUnit | None, commune) -> None:
    """The rule "a commune belongs to its province": a ValidationError on ``commune``
    when both are given and the commune lies elsewhere."""
    if province is not None and commune is not None and commune.parent_id != province.pk:
        raise ValidationError({"commune": _("This commune is not in the chosen province.")})


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self) -> AdministrativeUnitQuerySet:
        """Units in force today (not abolished by a merger)."""
        return self.filter(abolished_on__isnull=True)

    def communes_of(
        self, province: AdministrativeUnit | int | models.QuerySet
    ) -> AdministrativeUnitQuerySet:
        """The current communes of a province (or of several, given as a queryset)."""
        lookup = "parent__in" if isinstance(province, models.QuerySet) else "parent"
        return self.current().filter(level=AdministrativeUnit.Level.COMMUNE, **{lookup: province})

    def successor_today(self) -> AdministrativeUnitQuerySet:
        """The units in force today for the units of this queryset, each followed
        through its mergers (duplicates collapse).

        A unit split between several units is followed through its main
        ``successor`` only (the one that took its main part or its name), never
        through ``other_successors``: whatever counts under today's units counts
        once, under that one unit.
        """
        merged = dict(
            AdministrativeUnit.objects.filter(successor__isnull=False).values_list(
                "pk", "successor_id"
            )
        )
        ids = {follow_successors(pk, merged.get) for pk in self.values_list("pk", flat=True)}
        return AdministrativeUnit.objects.filter(pk__in=ids)


class AdministrativeUnit(index.Indexed, models.Model):
    """A province or commune, current or historical.

    Since 1 July 2025 local government has two tiers (province, commune); the
    district tier was abolished and many units merged. Old units stay as rows
    with `successor` pointing at the unit that took them over, so that old
    documents and learner records group under today's units. A commune split
    between several new communes (about 470 in 2025) keeps the one that took its
    main part as `successor` and the others in `other_successors`.
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
    other_successors = models.ManyToManyField(
        "self",
        verbose_name=_("parts also taken over by (after a split)"),
        symmetrical=False,
        blank=True,
        related_name="partial_predecessors",
    )
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

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

    def successors(self) -> list[AdministrativeUnit]:
        """Every unit that took it over: the main successor first, then the
        others of a split (none for a unit in force)."""
        main = [self.successor] if self.successor_id else []
        return main + [unit for unit in self.other_successors.all() if unit.pk != self.successor_id]

    def current_unit(self) -> AdministrativeUnit:
        """The unit in force today (itself when never merged)."""
        if not self.successor_id:
            return self
        return AdministrativeUnit.objects.filter(pk=self.pk).successor_today().get()
