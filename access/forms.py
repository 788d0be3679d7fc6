from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from access.policy import Role
from access.trail import TrailFilters, source_choices
from common import forms as bounded
from common.pickers import AgencyPickerField
from common.validators import validate_no_invisible_characters
from infrastructure.models import Agency


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    agency = AgencyPickerField(
        label=_("Agency"),
        required=False,
        search_url=reverse_lazy("infrastructure:agency_search"),
        help_text=_("Name or OID. Required for agency roles, sector regulators and superior agencies."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Resolved among all agencies; the view answers 404 for one outside the user's scope (as by URL).
        self.fields["agency"].queryset = Agency.objects.all()
        self.user = user


class InvitationAcceptForm(forms.Form):
    username = forms.SlugField(label=_("Username"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150, validators=[validate_no_invisible_characters])
    first_name = forms.CharField(label=_("Given name"), max_length=150, validators=[validate_no_invisible_characters])
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class TrailFilterForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), required=False, choices=lambda: [("", _("All")), *source_choices()])
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    kind = forms.CharField(label=_("Event kind"), required=False, max_length=40)
    text = forms.CharField(label=_("Object contains"), required=False, max_length=100)
    since = bounded.RocDateTimeField(label=_("From"), required=False)
    until = bounded.RocDateTimeField(label=_("Until"), required=False)

    def to_filters(self) -> TrailFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return TrailFilters(
            source=data.get("source") or "",
            actor=(data.get("actor") or "").strip(),
            kind=(data.get("kind") or "").strip(),
            text=(data.get("text") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )
