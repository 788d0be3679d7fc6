"""Admin: incident rule sets are versioned (a draft is edited here, published versions are read-only and a
change is a new version, STYLE §7.3); incidents and their history are read-only (they change only through
the services)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models import (
    AlertLeadTime,
    Incident,
    IncidentEvent,
    IncidentRuleSet,
    IncidentRuleSetEvent,
)
from incidents.services import rulesets


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _run_on_each(model_admin, request, queryset, service, done: str) -> None:
    """Call ``service`` for each selected rule set; one message per success and per refusal."""
    for rule_set in queryset.order_by("effective_from", "version"):
        try:
            result = service(rule_set=rule_set, acting_user=request.user, now=timezone.now())
        except ValidationError as error:
            text = " ".join(error.messages)
            model_admin.message_user(request, f"{rule_set}: {text}", messages.ERROR)
        else:
            model_admin.message_user(request, done % {"rule_set": result}, messages.SUCCESS)


@admin.register(IncidentRuleSet)
class IncidentRuleSetAdmin(admin.ModelAdmin):
    """A draft is edited here; a published or retired version shows its legal fields read-only (only the
    verification notes stay editable). New version / publish / retire are actions calling the services."""

    list_display = (
        "code",
        "name",
        "version",
        "status",
        "effective_from",
        "effective_to",
        "notify_hours",
        "review_hours_minor",
        "review_hours_major",
        "recover_hours_minor",
        "recover_hours_major",
        "report_months",
    )
    list_filter = ("status",)
    actions = ("new_version", "publish", "retire")
    lifecycle_fields = ("version", "status", "previous", "published_at", "published_by")

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.status == IncidentRuleSet.Status.DRAFT:
            return self.lifecycle_fields
        editable = IncidentRuleSet.MUTABLE_ONCE_PUBLISHED - {"status", "effective_to"}
        return [f.name for f in obj._meta.concrete_fields if f.editable and f.name not in editable and f.name != "id"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a draft is deleted from its own page, through the service
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != IncidentRuleSet.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        rulesets.ruleset_save(rule_set=obj, acting_user=request.user, now=timezone.now())

    def delete_model(self, request, obj):
        rulesets.ruleset_draft_delete(rule_set=obj, acting_user=request.user, now=timezone.now())

    @admin.action(description=_("Create a new draft version"), permissions=["add"])
    def new_version(self, request, queryset):
        _run_on_each(self, request, queryset, rulesets.ruleset_new_version, _("Draft %(rule_set)s created."))

    @admin.action(description=_("Publish the selected drafts"), permissions=["change"])
    def publish(self, request, queryset):
        _run_on_each(self, request, queryset, rulesets.ruleset_publish, _("%(rule_set)s published."))

    @admin.action(description=_("Retire the selected versions"), permissions=["change"])
    def retire(self, request, queryset):
        _run_on_each(self, request, queryset, rulesets.ruleset_retire, _("%(rule_set)s retired."))


@admin.register(IncidentRuleSetEvent)
class IncidentRuleSetEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "rule_set_code", "kind", "actor", "channel")
    list_filter = ("kind",)


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
