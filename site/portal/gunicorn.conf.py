"""Gunicorn settings for production: `gunicorn -c site/portal/gunicorn.conf.py portal.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), e.g. on a bigger machine.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: (2 x cores) + 1 is gunicorn's own rule of thumb for I/O-light Django pages.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
pythonpath = os.environ.get("GUNICORN_PYTHONPATH", "site")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"

# The application is loaded once, in the master, and the workers are forked from it: its
# code and data (most of a worker's memory) are shared by all the workers instead of each
# loading its own copy. A release therefore needs a restart, not a HUP, to load new code.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip().lower() in {"1", "true", "yes", "on"}


def when_ready(server):
    """Before the first fork: load the URL configuration and the translation catalogues
    too (shared like the code), close any database connection (a connection must not be
    shared with the workers), and freeze the garbage collector's view of everything
    loaded so far, so that collections in the workers never touch (and so copy) the
    pages these objects live on."""
    if not server.cfg.preload_app:
        return
    import gc

    from django.conf import settings
    from django.db import connections
    from django.urls import reverse
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("health")
    connections.close_all()
    gc.freeze()
