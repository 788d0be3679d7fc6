"""Filters of the compliance pages (shape only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from infrastructure.models import Agency, AgencyKind, ResponsibilityLevel, Sector
from infrastructure.selectors import AgencyFilters
from reports.figures import BANDS, NO_BAND
from reports.selectors import SORTS

GROUPINGS = ("agency", "sector", "regulator", "level")


def _blank(choices):
    return [("", _("all")), *choices]


class ComplianceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.filter(is_active=True), empty_label=_("all")
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_blank(ResponsibilityLevel.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(AgencyKind.choices))
    regulator = forms.ModelChoiceField(
        label=_("Sector regulator"), required=False, queryset=Agency.objects.none(), empty_label=_("all")
    )
    band = forms.ChoiceField(label=_("Compliance band"), required=False, choices=())
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS] + [(f"-{k}", k) for k in SORTS])

    def __init__(self, *args, regulators=None, band_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regulators is not None:
            self.fields["regulator"].queryset = regulators
        labels = band_labels or {}
        keys = [key for key, _lower, _upper in BANDS] + [NO_BAND]
        self.fields["band"].choices = _blank([(key, labels.get(key, key)) for key in keys])

    def _value(self, name):
        return self.cleaned_data.get(name) if self.is_valid() else None

    def registry_filters(self) -> AgencyFilters:
        sector, regulator = self._value("sector"), self._value("regulator")
        return AgencyFilters(
            q=self._value("q") or "",
            kind=self._value("kind") or "",
            sector=sector.pk if sector else None,
            level=self._value("level") or "",
            regulator=regulator.pk if regulator else None,
        )

    def band_key(self) -> str:
        return self._value("band") or ""

    def sort_key(self) -> tuple[str, bool]:
        """(key, descending); the worst rate first by default."""
        value = self._value("sort") or "rate"
        return value.lstrip("-"), value.startswith("-")
