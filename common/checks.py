"""System checks of csma's own deployment rules (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Every web process must share one cache: the report figures are counted once for all of them
    (reports/caching.py) and the API rate limits count every process's requests."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The default cache is kept per process: each web process would count the report figures itself "
            "and keep its own API rate limits.",
            hint="Set CACHE_URL to a shared cache, e.g. rediscache://host:6379/1 (docs/deploy.md).",
            id="csma.W001",
        )
    ]
