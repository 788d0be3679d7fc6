"""Admin of sectors, agencies and CI designations (writes through infrastructure.services)."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.forms import validate_date_in_range
from common.validators import validate_no_invisible_characters
from infrastructure import selectors, services
from infrastructure.admin.mixins import ADMIN, NoDeleteMixin, ServiceSavedM2MMixin, adopt
from infrastructure.models import (
    Agency,
    AgencyKind,
    CIDesignation,
    Sector,
)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "name_en", "address", "phone"):  # issue 9: no bidi overrides or zero-width tricks
            self.fields[name].validators.append(validate_no_invisible_characters)
        self.fields["dissolved_on"].validators.append(validate_date_in_range)

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
        (_("Contact details"), {"fields": ("address", "county", "phone", "dn")}),
        (_("Status"), {"fields": ("is_active", "dissolved_on")}),
        (_("Record"), {"fields": ("path", "depth", "created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return selectors.agency_annotate_level(super().get_queryset(request))

    @admin.display(description=_("level"), ordering="current_level")
    def level(self, obj):
        return obj.current_level or "—"

    def save_model(self, request, obj, form, change):
        now = timezone.now()  # one instant for every row and event of this step
        data = {name: form.cleaned_data[name] for name in services.AGENCY_EDITABLE_FIELDS}
        if not change:
            saved = services.agency_register(
                parent=form.cleaned_data["parent"],
                sectors=form.cleaned_data["sectors"],
                acting_user=request.user,
                channel=ADMIN,
                **data,
                now=now,
            )
            if not form.cleaned_data["is_active"]:
                services.agency_deactivate(
                    agency=saved,
                    dissolved_on=form.cleaned_data["dissolved_on"],
                    acting_user=request.user,
                    channel=ADMIN,
                    now=now,
                )
                saved.refresh_from_db()
            adopt(obj, saved)
            return
        agency = Agency.objects.get(pk=obj.pk)  # ``obj`` already carries the new values
        data.update(parent=form.cleaned_data["parent"], sectors=list(form.cleaned_data["sectors"]))
        agency = services.agency_update(agency=agency, data=data, acting_user=request.user, channel=ADMIN, now=now)
        if agency.is_active and not form.cleaned_data["is_active"]:
            services.agency_deactivate(
                agency=agency,
                dissolved_on=form.cleaned_data["dissolved_on"],
                acting_user=request.user,
                channel=ADMIN,
                now=now,
            )
        elif not agency.is_active and form.cleaned_data["is_active"]:
            services.agency_reactivate(agency=agency, acting_user=request.user, channel=ADMIN, now=now)
        agency.refresh_from_db()
        adopt(obj, agency)

    @admin.action(description=_("Deactivate the selected agencies (nothing is deleted)"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        now = timezone.now()  # one instant for every row and event of this step
        count = 0
        for agency in queryset.filter(is_active=True):
            services.agency_deactivate(agency=agency, acting_user=request.user, channel=ADMIN, now=now)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d agency deactivated.", "%(count)d agencies deactivated.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reactivate the selected agencies"), permissions=["change"])
    def reactivate_selected(self, request, queryset):
        now = timezone.now()  # one instant for every row and event of this step
        count = 0
        for agency in queryset.filter(is_active=False):
            services.agency_reactivate(agency=agency, acting_user=request.user, channel=ADMIN, now=now)
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
        now = timezone.now()  # one instant for every row and event of this step
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
                now=now,
            )
            adopt(obj, saved)
        elif data.get("withdrawn_on") and "withdrawn_on" in form.changed_data:
            designation = CIDesignation.objects.select_related("agency").get(pk=obj.pk)
            adopt(
                obj,
                services.ci_designation_withdraw(
                    designation=designation,
                    withdrawn_on=data["withdrawn_on"],
                    acting_user=request.user,
                    channel=ADMIN,
                    now=now,
                ),
            )
