"""Hostile input on Django's own admin pages (issue 9). An add page takes ``?field=value`` as initial data, and
a relation given a value that is not an id ("abc", 10**30) makes the admin's widgets query with it — a server
error. Every registered ModelAdmin (ours and the packages') gets its initial data bounded here, once, when the
apps are ready: relation values that are not ids in 1 … 2⁶³−1 are dropped, and so are the values an
autocomplete widget looks up when it shows a rejected form again."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import FieldDoesNotExist

from common.bounds import parse_id


def _bounded(model, initial: dict) -> dict:
    kept = {}
    for key, value in initial.items():
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            kept[key] = value
            continue
        if not field.is_relation:
            kept[key] = value
            continue
        values = value if isinstance(value, list) else str(value).split(",")
        ids = [number for number in (parse_id(item) for item in values) if number is not None]
        if ids and len(ids) == len(values):
            kept[key] = value
    return kept


def _ids_only(values) -> list:
    return [value for value in values if parse_id(value) is not None]


def _bound_autocomplete(formfield):
    """An autocomplete widget re-rendering a rejected form looks its submitted values up: ids only."""
    widget = getattr(getattr(formfield, "widget", None), "widget", getattr(formfield, "widget", None))
    if isinstance(widget, AutocompleteMixin):
        original = widget.optgroups

        def optgroups(name, value, attr=None, _original=original):
            return _original(name, _ids_only(value), attr)

        widget.optgroups = optgroups
    return formfield


def bound_admin_initial_data(site=admin.site) -> None:
    """Every registered ModelAdmin: initial data bounded, autocomplete look-ups given ids only."""
    for model_admin in site._registry.values():
        original = model_admin.get_changeform_initial_data

        def bounded(request, _original=original, _model=model_admin.model):
            return _bounded(_model, _original(request))

        model_admin.get_changeform_initial_data = bounded
        formfield_for_dbfield = model_admin.formfield_for_dbfield

        def bounded_formfield(db_field, request, _original=formfield_for_dbfield, **kwargs):
            return _bound_autocomplete(_original(db_field, request, **kwargs))

        model_admin.formfield_for_dbfield = bounded_formfield
