"""Access-trail rows for log-in/out, failed log-ins and two-factor devices. Signals are the only hooks
Django auth and django-otp offer for these third-party flows."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.grants import record_access_event
from access.models import AccessEvent


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record_access_event(AccessEvent.Kind.LOGIN, actor=user, subject_user=user, now=timezone.now())


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_access_event(AccessEvent.Kind.LOGOUT, actor=user, subject_user=user, now=timezone.now())


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record_access_event(
        AccessEvent.Kind.LOGIN_FAILED, data={"username": str(credentials.get("username", ""))[:150]}, now=timezone.now()
    )


@receiver(post_save, sender=TOTPDevice)
def _device_saved(sender, instance, created, update_fields=None, **kwargs):
    """django-two-factor-auth confirms a device by saving it; log the moment it becomes usable."""
    if instance.confirmed and (created or update_fields is None or "confirmed" in update_fields):
        if not AccessEvent.objects.filter(
            kind=AccessEvent.Kind.MFA_DEVICE_ADDED, data__device=instance.persistent_id
        ).exists():
            record_access_event(
                AccessEvent.Kind.MFA_DEVICE_ADDED,
                actor=instance.user,
                subject_user=instance.user,
                data={"device": instance.persistent_id},
                now=timezone.now(),
            )


@receiver(post_delete, sender=TOTPDevice)
def _device_deleted(sender, instance, **kwargs):
    record_access_event(
        AccessEvent.Kind.MFA_DEVICE_REMOVED,
        actor=instance.user,
        subject_user=instance.user,
        data={"device": instance.persistent_id},
        now=timezone.now(),
    )
