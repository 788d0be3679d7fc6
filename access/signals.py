"""Log-in / log-out / failed log-in rows in the access trail (Django auth signals are the only hook)."""
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from access.grants import record_access_event
from access.models import AccessEvent


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record_access_event(AccessEvent.Kind.LOGIN, actor=user, subject_user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_access_event(AccessEvent.Kind.LOGOUT, actor=user, subject_user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record_access_event(AccessEvent.Kind.LOGIN_FAILED, data={"username": str(credentials.get("username", ""))[:150]})
