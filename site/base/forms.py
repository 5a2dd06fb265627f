"""Reading GET parameters through forms, with one set of bounds.

Filters and listings ignore a forged or stale parameter rather than failing:
``LenientForm.values()`` gives every field's cleaned value, or None when the
parameter is missing or invalid. Ids are bounded, so a forged huge number is an
invalid value, never a database overflow: the bound is the smallest that every
store of ids holds (Wagtail's page ids are PostgreSQL integers, Elasticsearch
maps issuer ids as integers)."""

from __future__ import annotations

import copy
from typing import Any

from django import forms

ID_MAX = 2**31 - 1
YEAR_MIN, YEAR_MAX = 1900, 2200
PAGE_MAX = 10_000


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=ID_MAX, **kwargs)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


class PageNumberField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=PAGE_MAX, **kwargs)


def id_or_none(value) -> int | None:
    """One id parameter read through IdField: None when missing or invalid."""
    try:
        return IdField().clean(value)
    except forms.ValidationError:
        return None


class IdListField(forms.Field):
    """Repeated id parameters (``?id=3&id=7``): the valid ones, others dropped."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> list[int]:
        ids = []
        for item in value or []:
            try:
                number = int(item)
            except (TypeError, ValueError):
                continue
            if 1 <= number <= ID_MAX:
                ids.append(number)
        return ids


class LenientForm(forms.Form):
    """A form over GET parameters where an invalid value means "not given".

    Field names may be the URL's own (``co-quan``): subclasses list them in
    ``param_fields`` when they are not Python identifiers."""

    param_fields: dict[str, forms.Field] = {}

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields.update(copy.deepcopy(self.param_fields))

    def values(self) -> dict[str, Any]:
        self.is_valid()
        return {
            name: None if name in self.errors else self.cleaned_data.get(name)
            for name in self.fields
        }


class ListingPageForm(LenientForm):
    """A listing's page parameter, ``trang``."""

    param_fields = {"trang": PageNumberField()}


def page_number(params) -> int:
    """The listing page asked for in ``params``; a missing, forged or absurd value
    (``abc``, a 30-digit number) is the first page."""
    return ListingPageForm(params).values()["trang"] or 1
