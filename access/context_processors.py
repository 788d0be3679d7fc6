"""Navigation flags computed once per request (the agency scope is cached on the user)."""

from access.mfa import mfa_required_for
from access.selectors import supervises_others
from access.services import inviter_may_invite_someone


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_invite": inviter_may_invite_someone(user=user),
        "mfa_required": mfa_required_for(user),
        "supervises_others": supervises_others(user=user),
    }
