"""Learner roles, and the one field type that stores a page's audiences."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher or school manager")
    PARENT = "parent", _("Parent or caregiver")
    COLLABORATOR = "collaborator", _("Child protection collaborator")
    OFFICIAL = "official", _("Official or civil servant")
    OTHER = "other", _("Other")


def validate_roles(value) -> None:
    valid = set(Role.values)
    if not isinstance(value, list) or any(item not in valid for item in value):
        raise ValidationError(_("Choose audiences from the list."))


def role_labels(values) -> list[str]:
    """The labels of the known roles among ``values``, in the order given."""
    labels = dict(Role.choices)
    return [str(labels[value]) for value in values or [] if value in labels]


class AudiencesField(models.JSONField):
    """A list of Role values, edited as checkboxes (a JSON list works on every
    database, unlike ArrayField)."""

    default_validators = [validate_roles]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=Role.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
