"""Celery tasks of the registry: thin wrappers that load objects by id and call one service."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from infrastructure.models import RegistryImport


@shared_task
def registry_import_apply_task(import_id: int, user_id: int | None) -> None:
    """Apply a queued roster import (registry_import_schedule queues it after commit)."""
    from infrastructure.import_services import registry_import_apply  # services import this module

    registry_import = RegistryImport.objects.get(pk=import_id)
    user = get_user_model().objects.get(pk=user_id) if user_id is not None else None
    registry_import_apply(now=timezone.now(), registry_import=registry_import, acting_user=user)


@shared_task
def registry_import_validate_task(import_id: int) -> None:
    """Read and check a large uploaded roster (registry_import_create queues it after commit)."""
    from infrastructure.import_services import registry_import_validate  # services import this module

    registry_import_validate(now=timezone.now(), registry_import=RegistryImport.objects.get(pk=import_id))
