"""The one place interfaces read the current time: views and tasks call ``clock.now()`` and pass it to
services (which never read the clock themselves). Tests that travel in time patch this function."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
