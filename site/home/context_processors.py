from django.conf import settings


def site_context(request) -> dict:
    """Values every page template needs (the hotline bar is on every page)."""
    counselling = settings.HOTLINES["counselling"]
    return {
        "settings_hotlines": {
            **settings.HOTLINES,
            "counselling_display": f"{counselling[:4]} {counselling[4:]}",
        }
    }
