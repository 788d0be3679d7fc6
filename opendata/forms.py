"""Input shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import BoundedIntegerField, YearField
from opendata.rules import DEFAULT_MIN_CELL_SIZE, MAX_MIN_CELL_SIZE

QUARTERS = [(0, _("Whole year")), (1, _("Quarter 1")), (2, _("Quarter 2")), (3, _("Quarter 3")), (4, _("Quarter 4"))]


class PrepareForm(forms.Form):
    year = YearField(label=_("Year"))
    quarter = forms.TypedChoiceField(label=_("Period"), choices=QUARTERS, coerce=int, initial=0)
    min_cell_size = BoundedIntegerField(
        label=_("Minimum cell size"),
        min_value=2,
        max_value=MAX_MIN_CELL_SIZE,
        initial=DEFAULT_MIN_CELL_SIZE,
        help_text=_("A figure with fewer contributing agencies than this is suppressed."),
    )


class RegenerateForm(forms.Form):
    min_cell_size = BoundedIntegerField(label=_("Minimum cell size"), min_value=2, max_value=MAX_MIN_CELL_SIZE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
