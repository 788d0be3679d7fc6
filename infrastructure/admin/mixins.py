"""Shared admin behaviour: no deletes, read-only models, M2M saved by services."""

from infrastructure.models import (
    AgencyEvent,
)

ADMIN = AgencyEvent.Channel.ADMIN


def adopt(obj, saved) -> None:
    """Make the admin's unsaved instance the row a service just created (the admin needs its pk)."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(NoDeleteMixin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ServiceSavedM2MMixin:
    """The service sets the many-to-many fields itself, so the admin must not save them again."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
