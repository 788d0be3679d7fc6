"""Registry forms: they validate shape only; writes go through the services."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.forms import IdField, ModelChoiceField, RocDateField
from infrastructure import rules
from infrastructure.models import AgencyKind, ResponsibilityLevel, Sector
from infrastructure.selectors import AgencyFilters

ACTIVE_CHOICES = [("1", _("Active")), ("0", _("Inactive")), ("all", _("All"))]


class SectorChoiceField(ModelChoiceField):
    """Sectors by their English name when the page is in English."""

    def label_from_instance(self, obj: Sector) -> str:
        if (translation.get_language() or "").startswith("en") and obj.name_en:
            return obj.name_en
        return obj.name_zh


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + AgencyKind.choices)
    sector = SectorChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.all(), empty_label=_("All"))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All"))] + ResponsibilityLevel.choices)
    regulator = IdField(label=_("Sector regulator"), required=False, widget=forms.HiddenInput)
    parent = IdField(label=_("Superior agency"), required=False, widget=forms.HiddenInput)
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def to_filters(self) -> AgencyFilters:
        """The valid filters; an invalid field is ignored, the others still apply. Active only by default."""
        if not self.is_bound:
            return AgencyFilters()
        self.is_valid()  # fills cleaned_data with the fields that are valid
        data = self.cleaned_data
        return AgencyFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            sector=data["sector"].pk if data.get("sector") else None,
            level=data.get("level") or "",
            regulator=data.get("regulator"),
            parent=data.get("parent"),
            is_active={"1": True, "0": False, "all": None}.get(data.get("active") or "1"),
        )


class RegistryImportUploadForm(forms.Form):
    FORMAT_CHOICES = [
        ("auto", _("Detect automatically")),
        ("oid", _("Government OID registry export (機關名稱, OID, 電話, 地址, DN)")),
        ("csma", _("csma registry template")),
    ]

    file = forms.FileField(label=_("Roster file"))
    file_format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    deactivate_missing = forms.BooleanField(
        label=_("Mark agencies missing from the file as inactive"),
        required=False,
        help_text=_("Nothing is deleted: missing agencies are deactivated and keep their history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("CSV, XLSX or ODS, up to %(limit)s.") % {
            "limit": filesizeformat(settings.CSMA_IMPORT_MAX_BYTES)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CSMA_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; files larger than %(limit)s cannot be imported."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        return upload


class LevelProposalForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=ResponsibilityLevel.choices)
    criteria = forms.MultipleChoiceField(
        label=_("Criteria met (分級辦法 Arts 4-8)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(c.code, f"{c.code} {c.article}：{c.text_zh}") for c in rules.LEVEL_CRITERIA],
    )
    adjustment_reason = forms.CharField(
        label=_("Adjustment reason (Art 10)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the chosen level differs from the one the criteria give."),
    )


class LevelApproveForm(forms.Form):
    effective_from = RocDateField(label=_("Effective from"))


class LevelRejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)
