"""Where the current change comes from (client IP), for event rows written deep inside services.

Set by ``RequestContextMiddleware`` for web requests; empty for commands and tasks.
"""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


def client_ip_from_meta(meta: dict, *, proxy_count: int) -> str | None:
    """The client's address behind ``proxy_count`` trusted reverse proxies.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the client is the
    ``proxy_count``-th entry from the right; entries further left were sent by the client and are not trusted
    (a forged "X-Forwarded-For: 1.2.3.4" cannot choose whose lockout it counts against). Without proxies, or
    when the header has fewer entries than proxies, the socket's address (REMOTE_ADDR) is used."""
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxy_count > 0 and len(forwarded) >= proxy_count:
        return forwarded[-proxy_count] or None
    return meta.get("REMOTE_ADDR") or None


def proxy_count() -> int:
    """CSMA_PROXY_COUNT; CSMA_TRUST_X_FORWARDED_FOR alone means one proxy."""
    from django.conf import settings

    return settings.CSMA_PROXY_COUNT or (1 if settings.CSMA_TRUST_X_FORWARDED_FOR else 0)


def client_ip_of_request(request) -> str | None:
    """The one client-address rule: the audit trail and django-axes' lockout (AXES_CLIENT_IP_CALLABLE) use it."""
    return client_ip_from_meta(request.META, proxy_count=proxy_count())


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_ip.set(client_ip_of_request(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
