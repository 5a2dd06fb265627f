"""Today's commune from a former name, as the sign-up and profile forms show it:
the query read through a form, the sentences that describe each result (the same
for the page without JavaScript and for the script's JSON)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from base.former_communes import FormerCommune, Lookup, Successor, enough_letters
from base.forms import IdField

MAX_QUERY = 100
LIMIT = 10

_TOO_LONG = gettext_lazy("Type at most %(limit_value)d characters of the former name.")
_NOT_SEARCHABLE = gettext_lazy("This name contains characters that cannot be searched.")
_BAD_PROVINCE = gettext_lazy("Choose the province from the list.")


class FormerCommuneQuery(forms.Form):
    """``q``, the former name typed (bounded), and ``province``, today's province
    chosen in the form, if any."""

    q = forms.CharField(
        max_length=MAX_QUERY,
        required=False,
        error_messages={"max_length": _TOO_LONG, "null_characters_not_allowed": _NOT_SEARCHABLE},
    )
    province = IdField(
        error_messages={
            "invalid": _BAD_PROVINCE,
            "min_value": _BAD_PROVINCE,
            "max_value": _BAD_PROVINCE,
        }
    )

    def error_text(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


def _lower_first(name: str) -> str:
    """ "Quận Ba Đình" → "quận Ba Đình", as a unit type reads inside a sentence."""
    return name[:1].lower() + name[1:]


def successor_label(unit: Successor) -> str:
    return f"{unit.name}, {unit.province}"


def former_label(commune: FormerCommune) -> str:
    """ "Phường Quán Thánh (quận Ba Đình, former) → now Phường Ba Đình, Hà Nội";
    for a divided commune, the sentence that introduces its successors."""
    place = ", ".join(filter(None, (_lower_first(commune.district), commune.former_province)))
    former = _("%(name)s (%(place)s, former)") % {"name": commune.name, "place": place}
    if commune.divided:
        return _("%(former)s was divided between %(count)d communes:") % {
            "former": former,
            "count": len(commune.successors),
        }
    return _("%(former)s → now %(current)s") % {
        "former": former,
        "current": successor_label(commune.successors[0]),
    }


def message(query: str, lookup: Lookup, province_given: bool) -> str:
    if not enough_letters(query):
        return _("Type at least two letters of the former name.")
    if not lookup.total:
        return _(
            "No commune or ward before 1 July 2025 has this name. Check the spelling, "
            "or choose your province and commune in the lists."
        )
    found = ngettext(
        "%(count)d former commune found.", "%(count)d former communes found.", lookup.total
    ) % {"count": lookup.total}
    if lookup.total > len(lookup.results):
        found = _(
            "%(count)d former communes found, the first %(shown)d shown: type more of the name."
        ) % {
            "count": lookup.total,
            "shown": len(lookup.results),
        }
    if province_given and lookup.nationwide:
        return _("None in the chosen province.") + " " + found
    return found


def results(lookup: Lookup) -> list[dict]:
    """The results as the page and the JSON give them."""
    return [
        {
            "label": former_label(commune),
            "divided": commune.divided,
            "successors": [
                {
                    "id": unit.id,
                    "province": unit.province_id,
                    "label": _("%(commune)s (main part)") % {"commune": successor_label(unit)}
                    if commune.divided and index == 0
                    else successor_label(unit),
                }
                for index, unit in enumerate(commune.successors)
            ],
        }
        for commune in lookup.results
    ]
