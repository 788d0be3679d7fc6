"""Checklist versions are data an administrator maintains; audits are worked on the pages (read-only here)."""

from django.contrib import admin

from audits.models import Audit, AuditEvent, AuditPlan, ChecklistItem, ChecklistTemplate, Employment


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ("position", "section", "item_no", "text", "applicability")

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == ChecklistTemplate.Status.DRAFT

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "audience", "status", "effective_from", "effective_to")
    list_filter = ("status", "audience")
    inlines = [ChecklistItemInline]

    def get_readonly_fields(self, request, obj=None):
        """A published or retired version is immutable: a change is a new version."""
        if obj is not None and obj.status != ChecklistTemplate.Status.DRAFT:
            return [f.name for f in self.model._meta.fields]
        return ("published_at", "published_by")

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.status == ChecklistTemplate.Status.DRAFT and not obj.audits.exists()


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "started_on", "ended_on")
    autocomplete_fields = ("agency",)
    search_fields = ("user__username", "user__last_name", "agency__name")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditPlan)
class AuditPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "authority", "year", "status")
    list_filter = ("year", "status")


@admin.register(Audit)
class AuditAdmin(ReadOnlyAdmin):
    list_display = ("auditee", "plan", "starts_on", "status")
    list_filter = ("status", "quarter")
    search_fields = ("auditee__name",)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "kind", "audit", "actor")
    list_filter = ("kind",)
