"""The communes of a province, for the commune select that follows the province,
and today's commune from a former name, for the search beside it."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from django_ratelimit.core import is_ratelimited

from base.former_communes import find_former_communes
from base.forms import id_or_none

from . import former_lookup
from .forms import communes_of


@require_GET
@cache_control(max_age=3600, public=True)
def communes(request) -> JsonResponse:
    units = communes_of(id_or_none(request.GET.get("province")))
    return JsonResponse({"communes": [{"id": unit.pk, "name": unit.name} for unit in units]})


def _lookup_rate(group, request) -> str:
    return getattr(settings, "FORMER_COMMUNE_LOOKUP_RATE", "30/m")


@require_GET
def former_communes(request) -> JsonResponse:
    """``?q=<former name>&province=<id>``: at most ten former communes with the
    communes that took them over; 400 for a query that is not one, 429 after too
    many searches from one address."""
    if is_ratelimited(
        request, group="former-commune-lookup", key="ip", rate=_lookup_rate, increment=True
    ):
        response = JsonResponse(
            {"error": _("Too many searches: wait a minute and try again."), "results": []},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = "60"
        return response
    query = former_lookup.FormerCommuneQuery(request.GET)
    if not query.is_valid():
        return JsonResponse(
            {"error": query.error_text(), "results": []},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    typed, province = query.cleaned_data["q"], query.cleaned_data["province"]
    lookup = find_former_communes(typed, province, limit=former_lookup.LIMIT)
    response = JsonResponse(
        {
            "message": former_lookup.message(typed, lookup, province is not None),
            "results": former_lookup.results(lookup),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, max_age=3600, public=True)
    return response
