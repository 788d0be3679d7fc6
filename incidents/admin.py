"""Admin: rule data is editable ([W]/[?] values are confirmed here, STYLE §7.3); incidents and their
history are read-only (they change only through the services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from incidents.models import AlertLeadTime, Incident, IncidentEvent, IncidentRuleSet, OutboundNotification


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IncidentRuleSet)
class IncidentRuleSetAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "effective_from",
        "effective_to",
        "notify_hours",
        "review_hours_minor",
        "review_hours_major",
        "recover_hours_minor",
        "recover_hours_major",
        "report_months",
    )

    def has_change_permission(self, request, obj=None):
        """A rule set that decided an incident is that incident's law: read-only (a correction is a new rule
        set for a new period). Unused rule sets stay editable; every change is in the audit log."""
        if obj is not None and obj.incidents.exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AlertLeadTime)
class AlertLeadTimeAdmin(admin.ModelAdmin):
    list_display = ("clock_kind", "lead_minutes", "is_active")
    list_editable = ("lead_minutes", "is_active")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "agency", "level", "status", "aware_at", "reported_at")
    list_filter = ("level", "status")
    list_select_related = ("agency",)
    raw_id_fields = ("agency",)


@admin.register(IncidentEvent)
class IncidentEventAdmin(ReadOnlyAdmin):
    list_display = ("incident_id", "kind", "occurred_at", "actor", "status_before", "status_after")


class DeliveryFilter(admin.SimpleListFilter):
    """Operations: what the mail server has not taken yet, and what has failed at least once."""

    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("sent", _("Already sent")), ("pending", _("Not sent yet")), ("failing", _("Failing (retrying)"))]

    def queryset(self, request, queryset):
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "failing":
            return queryset.filter(sent_at__isnull=True).exclude(last_error="")
        return queryset


@admin.register(OutboundNotification)
class OutboundNotificationAdmin(ReadOnlyAdmin):
    list_display = ("id", "topic", "subject", "attempts", "sent_at", "next_attempt_at", "last_error")
    list_filter = (DeliveryFilter, "topic")
