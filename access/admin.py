"""Admin for access: roles are granted and revoked here only through access/grants.py (events written);
the trail tables are read-only for everyone, superusers included (append-only)."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access import grants
from access.models import AccessEvent, Invitation, ReadEvent, RoleAssignment


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "granted_at", "granted_by", "revoked_at")
    list_filter = ("role", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username", "agency__name")
    list_select_related = ("user", "agency", "granted_by")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("user",)
    fields = ("user", "role", "agency")
    actions = ("revoke",)

    def has_change_permission(self, request, obj=None):
        return obj is None  # the changelist; an assignment itself is never edited, only revoked

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        assignment = grants.role_grant(
            user=obj.user,
            role=obj.role,
            agency=obj.agency,
            acting_user=request.user,
            channel="admin",
            now=timezone.now(),
        )
        obj.pk = assignment.pk

    @admin.action(description=_("Revoke the selected roles"))
    def revoke(self, request, queryset):
        for assignment in queryset.filter(revoked_at__isnull=True).select_related("user", "agency"):
            grants.role_revoke(assignment=assignment, now=timezone.now(), acting_user=request.user, channel="admin")
        messages.success(request, _("Roles revoked."))


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "kind", "actor", "subject_user", "role", "agency", "ip_address")
    list_filter = ("kind",)
    search_fields = ("actor__username", "subject_user__username")
    list_select_related = ("actor", "subject_user", "agency")
    show_full_result_count = False


@admin.register(ReadEvent)
class ReadEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "user", "action", "object_type", "object_id", "description", "ip_address")
    list_filter = ("action", "object_type")
    list_select_related = ("user",)
    show_full_result_count = False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("email", "role", "agency", "invited_by", "created_at", "expires_at", "accepted_at")
    list_select_related = ("agency", "invited_by")
    exclude = ("token_hash",)


class AppendOnlyLogEntryAdmin(LogEntryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, AppendOnlyLogEntryAdmin)
