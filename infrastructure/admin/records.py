"""Admin of level rules and decisions, contacts, systems, reorganisations, imports and the change log."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure import services
from infrastructure.admin.mixins import ADMIN, NoDeleteMixin, ReadOnlyMixin, adopt
from infrastructure.models import (
    AgencyContact,
    AgencyEvent,
    InformationSystem,
    LevelCycleRule,
    LevelDecision,
    RegistryImport,
    Reorganisation,
)


@admin.register(LevelCycleRule)
class LevelCycleRuleAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ("promulgated_on", "effective_from", "effective_to", "cycle_years", "citation", "marker")


class LevelProposalAdminForm(forms.ModelForm):
    """The checks ``level_propose`` makes, as form errors (分級辦法 Arts 4-10)."""

    class Meta:
        model = LevelDecision
        fields = ["agency", "level", "criteria", "adjustment_reason"]

    def clean(self):
        cleaned = super().clean()
        criteria = cleaned.get("criteria") or []
        if not isinstance(criteria, list) or not all(isinstance(code, str) for code in criteria):
            self.add_error("criteria", _('Enter the criteria as a list of codes, such as ["A-3", "B-2"].'))
            return cleaned
        if cleaned.get("level"):
            errors = services.level_proposal_errors(
                level=cleaned["level"],
                criteria=criteria,
                adjustment_reason=cleaned.get("adjustment_reason") or "",
                agency=cleaned.get("agency"),
            )
            for field, message in errors.items():
                self.add_error("adjustment_reason" if field == "level" else field, message)
        return cleaned


@admin.register(LevelDecision)
class LevelDecisionAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Proposals are added here through ``level_propose``; a decision is never edited in place."""

    add_form = LevelProposalAdminForm

    list_display = ("agency", "level", "status", "route", "proposed_at", "effective_from", "reapproval_due")
    list_select_related = ("agency",)
    list_filter = ("level", "status")
    search_fields = ("agency__name", "^agency__oid", "=agency__org_code")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("proposed_by", "submitted_by", "decided_by")
    show_full_result_count = False
    fields = (
        "agency",
        "level",
        "criteria",
        "adjustment_reason",
        "status",
        "proposed_by",
        "proposed_at",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "effective_from",
        "reapproval_due",
        "cycle_rule",
        "route",
        "deciding_agency",
        "filed_at",
        "rejection_reason",
    )

    actions = ("submit", "approve_today", "reject")

    def get_fields(self, request, obj=None):
        return ("agency", "level", "criteria", "adjustment_reason") if obj is None else self.fields

    def _each_open(self, request, queryset, step) -> None:
        for decision in queryset.select_related("agency"):
            try:
                step(decision)
            except ValidationError as error:
                messages.error(request, f"{decision}: {' '.join(error.messages)}")

    @admin.action(description=_("Submit the selected proposals for approval"))
    def submit(self, request, queryset):
        now = timezone.now()  # one instant for every row and event of this step
        self._each_open(
            request,
            queryset,
            lambda d: services.level_submit(decision=d, now=now, acting_user=request.user, channel=ADMIN),
        )

    @admin.action(description=_("Approve the selected proposals, effective today"))
    def approve_today(self, request, queryset):
        now = timezone.now()  # one instant for every row and event of this step
        self._each_open(
            request,
            queryset,
            lambda d: services.level_approve(
                decision=d,
                effective_from=timezone.localdate(),
                now=now,
                acting_user=request.user,
                channel=ADMIN,
            ),
        )

    @admin.action(description=_("Reject the selected proposals (returned for revision)"))
    def reject(self, request, queryset):
        now = timezone.now()  # one instant for every row and event of this step
        self._each_open(
            request,
            queryset,
            lambda d: services.level_reject(
                decision=d,
                reason=str(_("Returned for revision by the approving authority.")),
                now=now,
                acting_user=request.user,
                channel=ADMIN,
            ),
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        now = timezone.now()  # one instant for every row and event of this step
        data = form.cleaned_data
        adopt(
            obj,
            services.level_propose(
                agency=data["agency"],
                level=data["level"],
                criteria=data["criteria"] or [],
                adjustment_reason=data["adjustment_reason"],
                acting_user=request.user,
                channel=ADMIN,
                now=now,
            ),
        )


@admin.register(AgencyContact)
class AgencyContactAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Contacts are added through ``contact_add``; afterwards only the end of validity may be set."""

    list_display = ("name", "role", "agency", "email", "phone", "valid_from", "valid_to")
    list_select_related = ("agency",)
    list_filter = ("role", ("valid_to", admin.EmptyFieldListFilter))
    search_fields = ("name", "email", "agency__name", "^agency__oid")
    autocomplete_fields = ("agency",)
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("valid_to",)
        return ("agency", "role", "name", "title", "email", "phone", "mobile", "valid_from")

    def save_model(self, request, obj, form, change):
        now = timezone.now()  # one instant for every row and event of this step
        data = form.cleaned_data
        if not change:
            extra = {name: data[name] for name in ("title", "email", "phone", "mobile")}
            adopt(
                obj,
                services.contact_add(
                    agency=data["agency"],
                    role=data["role"],
                    name=data["name"],
                    valid_from=data["valid_from"],
                    acting_user=request.user,
                    channel=ADMIN,
                    **extra,
                    now=now,
                ),
            )
        elif data.get("valid_to") and "valid_to" in form.changed_data:
            contact = AgencyContact.objects.select_related("agency").get(pk=obj.pk)
            adopt(
                obj,
                services.contact_end(
                    contact=contact,
                    valid_to=data["valid_to"],
                    acting_user=request.user,
                    channel=ADMIN,
                    now=now,
                ),
            )


class ReorganisationAdminForm(forms.ModelForm):
    new_name = forms.CharField(
        label=_("new name"),
        max_length=200,
        required=False,
        help_text=_("For a renaming: the agency's name from the effective date."),
    )

    class Meta:
        model = Reorganisation
        fields = ["kind", "agency", "successor", "effective_on", "new_name", "note"]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Reorganisation.Kind.RENAMED and not (cleaned.get("new_name") or "").strip():
            self.add_error("new_name", _("A renamed agency needs its new name."))
        if kind in (Reorganisation.Kind.MERGED, Reorganisation.Kind.SPLIT) and not cleaned.get("successor"):
            self.add_error("successor", _("A merger or split needs a successor (add one row per successor)."))
        return cleaned


@admin.register(Reorganisation)
class ReorganisationAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Added through ``agency_reorganise`` (which renames or deactivates the agency); never edited."""

    form = ReorganisationAdminForm
    list_display = ("agency", "kind", "successor", "effective_on", "previous_name")
    list_select_related = ("agency", "successor")
    list_filter = ("kind",)
    search_fields = ("agency__name", "previous_name", "^agency__oid")
    autocomplete_fields = ("agency", "successor")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return obj is None

    def save_model(self, request, obj, form, change):
        now = timezone.now()  # one instant for every row and event of this step
        data = form.cleaned_data
        rows = services.agency_reorganise(
            kind=data["kind"],
            agency=data["agency"],
            effective_on=data["effective_on"],
            successors=[data["successor"]] if data.get("successor") else [],
            new_name=data.get("new_name") or "",
            note=data.get("note") or "",
            acting_user=request.user,
            channel=ADMIN,
            now=now,
        )
        adopt(obj, rows[0])


@admin.register(InformationSystem)
class InformationSystemAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "agency",
        "is_core",
        "protection_level",
        "max_tolerable_downtime_hours",
        "is_outsourced",
        "contract_amount",
        "is_active",
    )
    list_select_related = ("agency",)
    list_filter = ("is_core", "protection_level", "is_outsourced", "is_active")
    search_fields = ("name", "agency__name", "^agency__oid")
    autocomplete_fields = ("agency",)
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("agency", "name")

    def save_model(self, request, obj, form, change):
        now = timezone.now()  # one instant for every row and event of this step
        fields = {name: form.cleaned_data[name] for name in services.SYSTEM_FIELDS}
        agency = obj.agency if change else form.cleaned_data["agency"]
        adopt(
            obj,
            services.system_record(
                agency=agency, name=obj.name, acting_user=request.user, channel=ADMIN, **fields, now=now
            ),
        )


@admin.register(RegistryImport)
class RegistryImportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("original_name", "status", "file_format", "uploaded_by", "created_at", "finished_at")
    list_select_related = ("uploaded_by",)
    list_filter = ("status", "file_format")
    search_fields = ("original_name", "sha256")
    show_full_result_count = False


@admin.register(AgencyEvent)
class AgencyEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The change log is append-only: nobody, not even a superuser, adds, edits or deletes an event."""

    list_display = ("occurred_at", "agency", "kind", "channel", "actor", "registry_import")
    list_select_related = ("agency", "actor", "registry_import")
    list_filter = ("kind", "channel")
    search_fields = ("agency__name", "^agency__oid")
    show_full_result_count = False
    list_per_page = 50
