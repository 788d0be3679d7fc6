"""Administration: draft rule sets are edited here (published ones are read-only); the rest is read-mostly."""

from django.contrib import admin
from django.utils import timezone

from obligations import services
from obligations.models import (
    AgencyFacts,
    FilingDeadline,
    NotificationPreference,
    Obligation,
    ObligationEvent,
    ReminderLeadTime,
    Requirement,
    RuleSet,
)
from obligations.services.rulesets import ruleset_is_editable


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = (
        "code",
        "level",
        "agency_scope",
        "dimension",
        "item_zh",
        "item_en",
        "citation",
        "marker",
        "frequency_count",
        "frequency_years",
        "deadline_years",
        "per_core_system",
        "conditions",
        "quantity",
        "sort_order",
    )

    def _editable(self, obj) -> bool:
        return obj is not None and ruleset_is_editable(obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "status", "promulgated_on", "effective_from", "effective_to")
    list_filter = ("status",)
    inlines = [RequirementInline]
    readonly_fields = ("status", "previous", "published_at", "published_by")
    fields = (
        "name",
        "version",
        "legal_basis",
        "promulgated_on",
        "effective_from",
        "effective_to",
        "note",
        *readonly_fields,
    )

    def has_change_permission(self, request, obj=None):
        return (obj is None or ruleset_is_editable(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for requirement in instances:
            services.requirement_save(requirement=requirement, acting_user=request.user)
        for requirement in formset.deleted_objects:
            requirement.delete()


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "level", "requirement", "adhoc", "due_on", "status")
    list_filter = ("status", "level", "year")
    list_select_related = ("agency", "requirement", "adhoc")
    search_fields = ("agency__name", "assignment_key")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ObligationEvent)
class ObligationEventAdmin(ObligationAdmin):
    list_display = ("occurred_at", "kind", "agency", "obligation", "actor", "channel")
    list_filter = ("kind", "channel")
    list_select_related = ("agency", "actor")
    search_fields = ("agency__name",)


@admin.register(FilingDeadline)
class FilingDeadlineAdmin(admin.ModelAdmin):
    list_display = ("authority", "kind", "month", "day", "legal_basis")
    autocomplete_fields = ("authority",)

    def save_model(self, request, obj, form, change):
        saved = services.filing_deadline_set(
            authority=obj.authority,
            kind=obj.kind,
            month=obj.month,
            day=obj.day,
            legal_basis=obj.legal_basis,
            acting_user=request.user,
            channel="admin",
            now=timezone.now(),
        )
        obj.pk = saved.pk


admin.site.register(
    AgencyFacts, list_display=("agency", "has_mail_server", "has_external_core_system"), autocomplete_fields=("agency",)
)
admin.site.register(NotificationPreference, list_display=("user", "language"))


@admin.register(ReminderLeadTime)
class ReminderLeadTimeAdmin(admin.ModelAdmin):
    list_display = ("kind", "days")
    list_filter = ("kind",)
