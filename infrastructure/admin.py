"""Django admin for the registry. Built for 10,000 agencies: related rows are joined, foreign keys to
Agency use autocomplete, and the changelist skips the unfiltered full count.

Writes that have rules go through ``infrastructure.services`` (channel ADMIN) so the change log gets its
event: agencies, contacts, CI designations, level proposals and information systems. Nothing that carries
history can be deleted here (agencies are deactivated instead); the change log is read-only for everyone.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from infrastructure import rules, selectors, services
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    AgencyKind,
    CIDesignation,
    InformationSystem,
    LevelCycleRule,
    LevelDecision,
    RegistryImport,
    Reorganisation,
    Sector,
)

ADMIN = AgencyEvent.Channel.ADMIN


def _adopt(obj, saved) -> None:
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


@admin.register(Sector)
class SectorAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "code", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name_zh", "name_en", "code")
    ordering = ("sort_order", "code")


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "name_en",
            "oid",
            "org_code",
            "kind",
            "sngo_category",
            "parent",
            "regulator",
            "sectors",
            "address",
            "phone",
            "dn",
            "is_active",
            "dissolved_on",
        ]

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            self.add_error("parent", _("An agency cannot be placed under itself or its own subordinate."))
        if cleaned.get("is_active") and cleaned.get("dissolved_on"):
            self.add_error("dissolved_on", _("An active agency has no dissolution date."))
        return cleaned


@admin.register(Agency)
class AgencyAdmin(ServiceSavedM2MMixin, NoDeleteMixin, admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "oid", "kind", "parent", "regulator", "level", "is_active")
    list_select_related = ("parent", "regulator")
    list_filter = ("kind", "sngo_category", "is_active", "sectors")
    search_fields = ("name", "name_en", "^oid", "=org_code")
    autocomplete_fields = ("parent", "regulator")
    filter_horizontal = ("sectors",)
    readonly_fields = ("path", "depth", "created_at", "updated_at")
    show_full_result_count = False
    list_per_page = 50
    actions = ("deactivate_selected", "reactivate_selected")
    fieldsets = (
        (None, {"fields": ("name", "name_en", "oid", "org_code", "kind", "sngo_category")}),
        (_("Hierarchy and supervision"), {"fields": ("parent", "regulator", "sectors")}),
        (_("Contact details"), {"fields": ("address", "phone", "dn")}),
        (_("Status"), {"fields": ("is_active", "dissolved_on")}),
        (_("Record"), {"fields": ("path", "depth", "created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return selectors.agency_annotate_level(super().get_queryset(request))

    @admin.display(description=_("level"), ordering="current_level")
    def level(self, obj):
        return obj.current_level or "—"

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.AGENCY_EDITABLE_FIELDS}
        if not change:
            saved = services.agency_register(
                parent=form.cleaned_data["parent"],
                sectors=form.cleaned_data["sectors"],
                acting_user=request.user,
                channel=ADMIN,
                **data,
            )
            if not form.cleaned_data["is_active"]:
                services.agency_deactivate(
                    agency=saved,
                    dissolved_on=form.cleaned_data["dissolved_on"],
                    acting_user=request.user,
                    channel=ADMIN,
                )
                saved.refresh_from_db()
            _adopt(obj, saved)
            return
        agency = Agency.objects.get(pk=obj.pk)  # ``obj`` already carries the new values
        data.update(parent=form.cleaned_data["parent"], sectors=list(form.cleaned_data["sectors"]))
        agency = services.agency_update(agency=agency, data=data, acting_user=request.user, channel=ADMIN)
        if agency.is_active and not form.cleaned_data["is_active"]:
            services.agency_deactivate(
                agency=agency, dissolved_on=form.cleaned_data["dissolved_on"], acting_user=request.user, channel=ADMIN
            )
        elif not agency.is_active and form.cleaned_data["is_active"]:
            services.agency_reactivate(agency=agency, acting_user=request.user, channel=ADMIN)
        agency.refresh_from_db()
        _adopt(obj, agency)

    @admin.action(description=_("Deactivate the selected agencies (nothing is deleted)"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        count = 0
        for agency in queryset.filter(is_active=True):
            services.agency_deactivate(agency=agency, acting_user=request.user, channel=ADMIN)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d agency deactivated.", "%(count)d agencies deactivated.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reactivate the selected agencies"), permissions=["change"])
    def reactivate_selected(self, request, queryset):
        count = 0
        for agency in queryset.filter(is_active=False):
            services.agency_reactivate(agency=agency, acting_user=request.user, channel=ADMIN)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d agency reactivated.", "%(count)d agencies reactivated.", count) % {"count": count},
            messages.SUCCESS,
        )


class CIDesignationAdminForm(forms.ModelForm):
    class Meta:
        model = CIDesignation
        fields = [
            "agency",
            "designated_by",
            "sectors",
            "designated_on",
            "approved_on",
            "notified_on",
            "note",
            "withdrawn_on",
        ]

    def clean_agency(self):
        agency = self.cleaned_data["agency"]
        if self.instance.pk is None and agency.kind != AgencyKind.SPECIFIC_NON_GOVERNMENT:
            raise forms.ValidationError(_("Only a specific non-government agency can be designated a CI provider."))
        return agency


@admin.register(CIDesignation)
class CIDesignationAdmin(ServiceSavedM2MMixin, NoDeleteMixin, admin.ModelAdmin):
    form = CIDesignationAdminForm
    list_display = ("agency", "designated_by", "designated_on", "approved_on", "notified_on", "withdrawn_on")
    list_select_related = ("agency", "designated_by")
    list_filter = ("sectors", ("withdrawn_on", admin.EmptyFieldListFilter))
    search_fields = ("agency__name", "^agency__oid", "=agency__org_code")
    autocomplete_fields = ("agency", "designated_by")
    filter_horizontal = ("sectors",)
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("withdrawn_on",)
        return ("agency", "designated_by", "sectors", "designated_on", "approved_on", "notified_on", "note")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            saved = services.ci_designate(
                agency=data["agency"],
                designated_by=data["designated_by"],
                sectors=data["sectors"],
                designated_on=data["designated_on"],
                approved_on=data["approved_on"],
                notified_on=data["notified_on"],
                note=data["note"],
                acting_user=request.user,
                channel=ADMIN,
            )
            _adopt(obj, saved)
        elif data.get("withdrawn_on") and "withdrawn_on" in form.changed_data:
            designation = CIDesignation.objects.select_related("agency").get(pk=obj.pk)
            _adopt(
                obj,
                services.ci_designation_withdraw(
                    designation=designation, withdrawn_on=data["withdrawn_on"], acting_user=request.user, channel=ADMIN
                ),
            )


@admin.register(LevelCycleRule)
class LevelCycleRuleAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ("effective_from", "effective_to", "cycle_years", "citation", "marker")


class LevelProposalAdminForm(forms.ModelForm):
    """The checks ``level_propose`` makes, as form errors (分級辦法 Arts 4-10)."""

    class Meta:
        model = LevelDecision
        fields = ["agency", "level", "criteria", "adjustment_reason"]

    def clean(self):
        cleaned = super().clean()
        criteria, level = cleaned.get("criteria") or [], cleaned.get("level")
        if not isinstance(criteria, list) or not all(isinstance(code, str) for code in criteria):
            self.add_error("criteria", _('Enter the criteria as a list of codes, such as ["A-3", "B-2"].'))
            return cleaned
        unknown = [code for code in criteria if code not in rules.CRITERIA_BY_CODE]
        if unknown:
            self.add_error("criteria", _("Unknown criterion: %(codes)s") % {"codes": ", ".join(unknown)})
            return cleaned
        computed = rules.level_from_criteria(criteria) if criteria else None
        if level and computed != level and not (cleaned.get("adjustment_reason") or "").strip():
            self.add_error(
                "adjustment_reason", str(services.LEVEL_MISMATCH).format(computed=computed or "—", chosen=level)
            )
        return cleaned


@admin.register(LevelDecision)
class LevelDecisionAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Proposals are added here through ``level_propose``; a decision is never edited in place."""

    add_form = LevelProposalAdminForm

    list_display = ("agency", "level", "status", "proposed_at", "effective_from", "reapproval_due")
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
        "rejection_reason",
    )

    def get_fields(self, request, obj=None):
        return ("agency", "level", "criteria", "adjustment_reason") if obj is None else self.fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        _adopt(
            obj,
            services.level_propose(
                agency=data["agency"],
                level=data["level"],
                criteria=data["criteria"] or [],
                adjustment_reason=data["adjustment_reason"],
                acting_user=request.user,
                channel=ADMIN,
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
        data = form.cleaned_data
        if not change:
            extra = {name: data[name] for name in ("title", "email", "phone", "mobile")}
            _adopt(
                obj,
                services.contact_add(
                    agency=data["agency"],
                    role=data["role"],
                    name=data["name"],
                    valid_from=data["valid_from"],
                    acting_user=request.user,
                    channel=ADMIN,
                    **extra,
                ),
            )
        elif data.get("valid_to") and "valid_to" in form.changed_data:
            contact = AgencyContact.objects.select_related("agency").get(pk=obj.pk)
            _adopt(
                obj,
                services.contact_end(
                    contact=contact, valid_to=data["valid_to"], acting_user=request.user, channel=ADMIN
                ),
            )


@admin.register(Reorganisation)
class ReorganisationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: a reorganisation also renames or deactivates agencies (``agency_reorganise``)."""

    list_display = ("agency", "kind", "successor", "effective_on", "previous_name")
    list_select_related = ("agency", "successor")
    list_filter = ("kind",)
    search_fields = ("agency__name", "previous_name", "^agency__oid")
    show_full_result_count = False


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
        fields = {name: form.cleaned_data[name] for name in services.SYSTEM_FIELDS}
        agency = obj.agency if change else form.cleaned_data["agency"]
        _adopt(
            obj, services.system_record(agency=agency, name=obj.name, acting_user=request.user, channel=ADMIN, **fields)
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
