"""gunicorn settings for every deployment (Dockerfile, docker-compose, make bench):
`gunicorn -c config/gunicorn.py config.wsgi:application`.

gthread workers: a few processes (CPU cores + 1) with threads each, and HTTP keep-alive. On the
2-core benchmark machine this served the same pages with about half the CPU per request of
five sync workers (which open a TCP connection per request and context-switch five
processes over two cores): docs/scaling.md has the measurements.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# The app is imported once in the master and forked (fast worker start, shared memory); a
# worker is replaced after this many requests (memory held by one large page is returned).
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
