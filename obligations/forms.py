"""Input shape only; the services decide."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.selectors import agencies_visible_to
from common import forms as bounded
from common.forms import RocDateField
from common.pickers import AgencyPickerField
from common.validators import validate_no_invisible_characters
from infrastructure.models import Agency, AgencyKind, ResponsibilityLevel, Sector
from obligations import rules
from obligations.models import Certificate, FilingKind, TrainingRecord
from obligations.selectors.obligations import DISPLAY_STATUSES, ObligationFilters

STATUS_LABELS = {
    rules.UPCOMING: _("Upcoming"),
    rules.DUE_SOON: _("Due soon"),
    rules.ObligationStatus.SUBMITTED: _("Submitted"),
    rules.ObligationStatus.ACCEPTED: _("Accepted"),
    rules.ObligationStatus.RETURNED: _("Returned"),
    rules.OVERDUE: _("Overdue"),
    rules.ObligationStatus.EXEMPT: _("Exempt"),
    rules.ObligationStatus.SUPERSEDED: _("Superseded"),
}


def _blank(choices):
    return [("", _("all"))] + list(choices)


class YearForm(forms.Form):
    year = bounded.YearField(label=_("Year"), required=False)

    def year_or_current(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or timezone.localdate().year


class ObligationFilterForm(YearForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank((s, STATUS_LABELS[s]) for s in DISPLAY_STATUSES)
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_blank(ResponsibilityLevel.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(AgencyKind.choices))
    sector = bounded.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.filter(is_active=True), empty_label=_("all")
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def to_filters(self) -> ObligationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        sector = data.get("sector")
        return ObligationFilters(
            year=self.year_or_current(),
            status=data.get("status", ""),
            level=data.get("level", ""),
            kind=data.get("kind", ""),
            sector=sector.pk if sector else None,
            q=data.get("q", "").strip(),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]


class EvidenceForm(forms.Form):
    files = MultipleFileField(label=_("Files"), help_text=_("PDF, PNG, JPEG, Office or ODF documents."))
    statement = forms.CharField(label=_("Statement"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    performed_on = RocDateField(label=_("Performed on (e.g. scan date)"), required=False)
    valid_until = RocDateField(label=_("Valid until (e.g. certificate)"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("accept", _("Accept")), ("return", _("Return"))])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExemptForm(forms.Form):
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, initial=rules.EXEMPTION_BASIS_DEFAULT)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AdHocForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=300)
    due_on = RocDateField(label=_("Due on"))
    agency = AgencyPickerField(
        label=_("One agency"),
        required=False,
        search_url=reverse_lazy("infrastructure:agency_search"),
        help_text=_("Name or OID; leave empty to choose by level, kind and sector."),
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_blank(ResponsibilityLevel.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(AgencyKind.choices))
    sector = bounded.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.filter(is_active=True), empty_label=_("all")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_visible_to(user=user, base=Agency.objects.filter(is_active=True))

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            key: (data[key].pk if key in ("sector", "agency") else data[key])
            for key in ("agency", "level", "kind", "sector")
            if data.get(key)
        }


class PublishForm(forms.Form):
    effective_from = RocDateField(label=_("Effective from"))


class FilingForm(forms.Form):
    """The 13 sections: content (plan) or result and explanation (report)."""

    def __init__(self, *args, kind: str, sections: list[str], initial_sections: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for number, title in enumerate(sections, start=1):
            self.fields[f"section_{number}"] = forms.CharField(
                label=f"{number}. {title}",
                required=False,
                initial=initial_sections.get(number, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sections(self) -> dict[int, dict]:
        key = "content" if self.kind == FilingKind.PLAN else "result"
        return {int(name.split("_")[1]): {key: value} for name, value in self.cleaned_data.items()}


class StaffingForm(forms.Form):
    year = bounded.YearField(label=_("Year"))
    dedicated_headcount = bounded.BoundedIntegerField(label=_("Dedicated security staff"), max_value=999)
    full_time_headcount = bounded.BoundedIntegerField(label=_("Of which full-time"), max_value=999)


class TrainingForm(forms.Form):
    person_name = forms.CharField(label=_("Person"), max_length=100, validators=[validate_no_invisible_characters])
    person_role = forms.ChoiceField(label=_("Role"), choices=TrainingRecord.PersonRole.choices)
    category = forms.ChoiceField(label=_("Category"), choices=TrainingRecord.Category.choices)
    course = forms.CharField(label=_("Course"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_digits=5, decimal_places=1)
    completed_on = RocDateField(label=_("Completed on"))


class CertificateForm(forms.Form):
    person_name = forms.CharField(label=_("Person"), max_length=100, validators=[validate_no_invisible_characters])
    kind = forms.ChoiceField(label=_("Kind"), choices=Certificate.Kind.choices)
    name = forms.CharField(label=_("Certificate"), max_length=200)
    valid_from = RocDateField(label=_("Valid from"))
    valid_until = RocDateField(label=_("Valid until"), required=False)
