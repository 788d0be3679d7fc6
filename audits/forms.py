"""Input shape only; the services decide."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audits import rules
from audits.models import AuditPlan, ChecklistTemplate, TeamMember
from audits.services.plans import PLAN_FIELDS
from common.forms import RocDateField

MIN_DAY, MAX_DAY = date(2019, 1, 1), date(2100, 12, 31)


def _bounded(day: date | None, field: str) -> date | None:
    if day is not None and not MIN_DAY <= day <= MAX_DAY:
        raise forms.ValidationError(_("Give a date between 2019 and 2100."), code="range")
    return day


class BoundedDateField(RocDateField):
    """Typed and shown in the page's calendar (ROC on Chinese pages, issue 13)."""

    def clean(self, value):
        return _bounded(super().clean(value), "")


class PlanForm(forms.ModelForm):
    class Meta:
        model = AuditPlan
        fields = list(PLAN_FIELDS)  # the fields the plan services write
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "purpose",
                "focus_areas",
                "criteria",
                "team_composition",
                "confidentiality_terms",
                "regulator_assistance",
            )
        }


class PlanCreateForm(PlanForm):
    authority = forms.ModelChoiceField(label=_("Auditing authority"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100)

    class Meta(PlanForm.Meta):
        fields = ["authority", "year", *PlanForm.Meta.fields]

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


class ScheduleForm(forms.Form):
    auditee = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = BoundedDateField(label=_("Audit date"))
    ends_on = BoundedDateField(label=_("Last audit day"))
    place = forms.CharField(label=_("Place"), max_length=300)
    checklist = forms.ModelChoiceField(
        label=_("Checklist"), queryset=ChecklistTemplate.objects.none(), empty_label=None
    )
    selection_reason = forms.CharField(
        label=_("Why this agency"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggested = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, checklists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].queryset = checklists


class ConfirmForm(forms.Form):
    """An action that needs no input beyond the button."""


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AcknowledgeForm(forms.Form):
    received_on = BoundedDateField(label=_("Notice received on"))


class RescheduleRequestForm(forms.Form):
    proposed_starts_on = BoundedDateField(label=_("Proposed audit date"))
    proposed_ends_on = BoundedDateField(label=_("Proposed last day"))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    force_majeure = forms.BooleanField(label=_("Force majeure"), required=False)


class RescheduleDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept the new date")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Login name of the person"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=TeamMember.Role.choices, initial=TeamMember.Role.MEMBER)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    is_government_representative = forms.BooleanField(label=_("Government representative"), required=False)

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has that login name."))
        return user


class FindingForm(forms.Form):
    item = forms.IntegerField(label=_("Checklist item"), required=False, widget=forms.Select)
    kind = forms.ChoiceField(label=_("Kind"), choices=rules.FindingKind.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=rules.Severity.choices)
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].widget.choices = [("", "—")] + [(i.pk, f"{i.item_no} {i.text[:50]}") for i in items]


class ReportForm(forms.Form):
    scope = forms.CharField(label=_("Scope of the audit"), widget=forms.Textarea(attrs={"rows": 3}))
    refusals = forms.CharField(
        label=_("Documents refused, reasons and decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(label=_("Other"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeasureForm(forms.Form):
    cause = forms.CharField(label=_("Cause"), widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 2}))
    planned_completion = BoundedDateField(label=_("Planned completion"))
    tracking_method = forms.CharField(label=_("How progress is tracked"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept")), ("0", _("Ask for an explanation or adjustment"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(forms.Form):
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseFindingForm(forms.Form):
    note = forms.CharField(label=_("How the improvement was verified"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    """One checklist item, saved as the auditor types (autosave) or with the section's button."""

    item = forms.IntegerField(min_value=1, max_value=2**31)
    version = forms.IntegerField(min_value=0, max_value=2**31)
    result = forms.ChoiceField(choices=[("", "—"), *rules.Result.choices], required=False)
    description = forms.CharField(required=False, max_length=5000)
    evidence = forms.CharField(required=False, max_length=5000)
