from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import TokenScope

VALIDITY_CHOICES = [(30, _("30 days")), (90, _("90 days")), (180, _("180 days")), (365, _("1 year"))]


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Name (what the token is for)"), max_length=100)
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    valid_days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, choices=VALIDITY_CHOICES, initial=90)
