"""The communes of a province, for the commune select that follows the province."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from base.forms import id_or_none

from .forms import communes_of


@require_GET
@cache_control(max_age=3600, public=True)
def communes(request) -> JsonResponse:
    units = communes_of(id_or_none(request.GET.get("province")))
    return JsonResponse({"communes": [{"id": unit.pk, "name": unit.name} for unit in units]})
