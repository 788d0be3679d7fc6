"""Input shapes of the report pages (validation only; services decide)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.templatetags.csma_dates import local_year_label
from reports.models import ReportLanguage

SHA256_LENGTH = 64
MAX_VERIFY_UPLOAD = 50 * 1024 * 1024


def year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(year, local_year_label(year)) for year in range(this_year, this_year - 6, -1)]


class _YearLanguage(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices, initial=ReportLanguage.ZH_HANT)


class SectorReportForm(_YearLanguage):
    sector = forms.ChoiceField(label=_("Sector"))

    def __init__(self, *args, sectors: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = sectors


class AgencyReportForm(_YearLanguage):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("path")


class NationalReportForm(_YearLanguage):
    pass


class BatchForm(_YearLanguage):
    pass


class ObservationsForm(forms.Form):
    observations = forms.CharField(
        label=_("Observations"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )


class AgencyNoteForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    text = forms.CharField(
        label=_("Note on this agency (empty removes it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("path")


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("PDF file"), required=False)
    sha256 = forms.CharField(label=_("or its SHA-256"), required=False, max_length=80)

    def clean_sha256(self):
        value = self.cleaned_data["sha256"].strip().lower()
        if value and (len(value) != SHA256_LENGTH or any(c not in "0123456789abcdef" for c in value)):
            raise forms.ValidationError(_("A SHA-256 is 64 hexadecimal characters."))
        return value

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_VERIFY_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("sha256") and not self.errors:
            raise forms.ValidationError(_("Upload a PDF or paste its SHA-256."))
        return cleaned
