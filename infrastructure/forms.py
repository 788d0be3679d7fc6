from django import forms
from django.utils.translation import gettext_lazy as _

from infrastructure.models import AgencyKind, ResponsibilityLevel, Sector
from infrastructure.selectors import AgencyFilters

ACTIVE_CHOICES = [("1", _("Active")), ("0", _("Inactive")), ("", _("All"))]


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + AgencyKind.choices)
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.all(),
                                    empty_label=_("All"))
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("All"))] + ResponsibilityLevel.choices)
    regulator = forms.IntegerField(label=_("Regulator id"), required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(label=_("Superior agency id"), required=False, widget=forms.HiddenInput)
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def to_filters(self) -> AgencyFilters:
        data = self.cleaned_data if self.is_valid() else {}
        active = data.get("active", "1") if self.data.get("active") is not None else "1"
        return AgencyFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            sector=data["sector"].pk if data.get("sector") else None,
            level=data.get("level") or "",
            regulator=data.get("regulator"),
            parent=data.get("parent"),
            is_active={"1": True, "0": False}.get(active),
        )
