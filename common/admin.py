from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.models import CalendarDay, OutboundNotification


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "county")
    list_filter = ("kind", "county")
    search_fields = ("name",)
    date_hierarchy = "day"


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
class OutboundNotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox changes only through common/outbox.py. A secret body (a one-time link) is not
    shown."""

    list_display = ("id", "topic", "subject", "attempts", "sent_at", "next_attempt_at", "last_error")
    list_filter = (DeliveryFilter, "topic")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [field for field in fields if field != "body"] if obj is not None and obj.secret else fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
