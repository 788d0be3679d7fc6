"""``Authorization: Bearer csma_…``: a personal token authenticates as its user, nothing more — every
permission check after this is the user's own (access/policy.py and the apps' scoped selectors)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken, TokenScope
from api.selectors import api_token_get_active
from api.services import api_token_record_use
from common.request_context import client_ip

TOKEN_INVALID = _("The API token is invalid, expired or revoked.")
TOKEN_MALFORMED = _("Send the token as “Authorization: Bearer <token>”.")
READ_ONLY_TOKEN = _("This API token is read-only: create a token with the write scope to change data.")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(TOKEN_MALFORMED)
        now = timezone.now()
        token = api_token_get_active(raw=parts[1].decode("latin-1"), now=now)
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        api_token_record_use(token=token, now=now, ip=client_ip())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="csma"'


class TokenScopePermission(BasePermission):
    """A read token may only read; a write token (or a browser session) may do what its user may do."""

    message = READ_ONLY_TOKEN

    def has_permission(self, request, view) -> bool:
        token = request.auth if isinstance(request.auth, ApiToken) else None
        return token is None or token.scope == TokenScope.WRITE or request.method in SAFE_METHODS
