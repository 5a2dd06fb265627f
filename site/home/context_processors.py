from django.conf import settings


def site_context(request) -> dict:
    """Values every page template needs (the hotline bar is on every page)."""
    return {"settings_hotlines": settings.HOTLINES}
