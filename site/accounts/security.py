def login_identifier(request, credentials: dict | None) -> str:
    """What django-axes counts failed logins against: the e-mail or username typed,
    whichever login form (allauth's or the Wagtail admin's) was used."""
    credentials = credentials or {}
    for key in ("email", "login", "username"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    data = getattr(request, "POST", {}) or {}
    for key in ("login", "username", "email"):
        if data.get(key):
            return str(data[key]).strip().lower()
    return ""
