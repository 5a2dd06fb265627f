"""The communes of a province, for the commune select that follows the province."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .forms import communes_of


@require_GET
@cache_control(max_age=3600, public=True)
def communes(request) -> JsonResponse:
    province = request.GET.get("province", "")
    units = communes_of(int(province)) if province.isdigit() and len(province) < 10 else []
    return JsonResponse({"communes": [{"id": unit.pk, "name": unit.name} for unit in units]})
