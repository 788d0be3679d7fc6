"""Django admin for the registry. Built for 10,000 agencies: related rows are joined, foreign keys to
Agency use autocomplete, and the changelist skips the unfiltered full count.

Writes that have rules go through ``infrastructure.services`` (channel ADMIN) so the change log gets its
event: agencies, contacts, CI designations, level proposals and information systems. Nothing that carries
history can be deleted here (agencies are deactivated instead); the change log is read-only for everyone.
"""

from infrastructure.admin import agency, records  # noqa: F401  (registers the ModelAdmins)
