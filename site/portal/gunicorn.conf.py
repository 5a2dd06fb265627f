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
