"""gunicorn settings for production (docker-compose's web service and the benchmarks use them).

Each value can be overridden on the command line. Sync workers, one per core: requests are
short and mostly CPU (the bench measured 4 threads a worker slower on submissions, through the
GIL), and the CSV export streams as PostgreSQL sends it.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))  # about one per core
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 60  # a 100,000-row export streams in seconds; nothing should take a minute
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then; jitter avoids recycling all at once
max_requests_jitter = 200
accesslog = "-"
# The access log's request line and referrer are redacted: no token of a link (/r/<token>), no
# reference or address in a query string (config.redact).
logger_class = "config.gunicorn_logging.RedactingLogger"
# Trust X-Forwarded-* only from the reverse proxy in front (compose publishes on loopback only).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
