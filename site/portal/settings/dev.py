"""Local development: DEBUG on, console e-mail, a development secret key."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405, S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Passkeys over plain http://127.0.0.1 in development only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Tasks (e-mail) run at once in development, so mail shows in the console; set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker` to try the queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(  # noqa: F405
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
