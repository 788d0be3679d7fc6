"""Where the current change comes from (client IP), for event rows written deep inside services.

Set by ``RequestContextMiddleware`` for web requests; empty for commands and tasks.
"""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


def client_ip_from_meta(meta: dict, *, trust_proxy: bool) -> str | None:
    if trust_proxy and meta.get("HTTP_X_FORWARDED_FOR"):
        return meta["HTTP_X_FORWARDED_FOR"].split(",")[0].strip() or None
    return meta.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        token = _client_ip.set(client_ip_from_meta(request.META, trust_proxy=settings.CSMA_TRUST_X_FORWARDED_FOR))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
