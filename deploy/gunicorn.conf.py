"""gunicorn settings for csma (deploy/systemd/csma-web.service, Dockerfile). Override with GUNICORN_* variables."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # uploads of evidence up to 20 MB on slow links
graceful_timeout = 30
max_requests, max_requests_jitter = 2000, 200  # recycle workers: bounded memory over months
preload_app = True  # import Django once, fork workers ready
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# One JSON object per request; request_id is nginx's $request_id, passed as X-Request-ID (deploy/nginx).
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","request_id":"%({x-request-id}i)s","remote":"%(h)s",'
    '"method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s","duration_ms":%(M)s,"agent":"%(a)s"}'
)


def when_ready(server):
    """In the master, after the app is loaded (preload_app) and before the workers fork: import every view and
    compile the templates once for all of them (csma/warmup.py)."""
    from csma.warmup import preload

    server.log.info("csma: %d templates compiled before forking the workers", preload())
