"""Production: secrets have no defaults; security headers on. Behind a TLS-terminating proxy."""

import os

from .base import *  # noqa: F403

SECRET_KEY = env("DJANGO_SECRET_KEY")  # noqa: F405
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# One cache for every web process and machine (report figures, API rate limits): CACHE_URL, or else database 1
# of the broker's Redis. A per-process cache fails `check --deploy` (common/checks.py, csma.W001).
if "CACHE_URL" not in os.environ and CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    CACHES = {"default": env.cache_url_config(CELERY_BROKER_URL.rpartition("/")[0] + "/1")}  # noqa: F405
# JSON lines with request and task ids by default (docs/deploy.md, "Logs"); CSMA_LOG_FORMAT=text to read by eye.
LOGGING["handlers"]["console"]["formatter"] = env("CSMA_LOG_FORMAT", default="json")  # noqa: F405
