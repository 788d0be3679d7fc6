"""Input shape only; the services decide (levels, lateness, transitions)."""

import dataclasses

from django import forms
from django.utils.translation import gettext_lazy as _

from common import forms as bounded
from incidents import rules
from incidents.models import ImprovementMeasure, IncidentType, ReportChannel

LEVEL_CHOICES = [(level.value, level.label) for level in rules.IncidentLevel]
IMPACT_DEFAULTS = {answer.name: answer.default for answer in dataclasses.fields(rules.ImpactAnswers)}


class IncidentFileForm(forms.Form):
    agency = bounded.ModelChoiceField(queryset=None, label=_("Agency"))
    title = forms.CharField(label=_("Title"), max_length=200)
    incident_type = forms.ChoiceField(label=_("Incident type"), choices=IncidentType.choices)
    occurred_at = bounded.RocDateTimeField(label=_("Occurred at"), required=False)
    aware_at = bounded.RocDateTimeField(label=_("Aware at (the 1-hour clock starts here)"))
    description = forms.CharField(label=_("Description of the situation"), widget=forms.Textarea(attrs={"rows": 4}))
    # Art 2 ¶2–5: each dimension with its own qualifier (subparagraph 1 leak, 2 tampering, 3 operation).
    confidentiality = forms.ChoiceField(label=_("Leak (confidentiality)"), choices=rules.Severity.choices)
    confidentiality_scope = forms.ChoiceField(
        label=_("Which information was leaked"), choices=rules.InformationScope.choices, required=False
    )
    integrity = forms.ChoiceField(label=_("Tampering (integrity)"), choices=rules.Severity.choices)
    integrity_scope = forms.ChoiceField(
        label=_("Which information or system was tampered with"), choices=rules.InformationScope.choices, required=False
    )
    availability = forms.ChoiceField(
        label=_("Operation affected or stopped (availability)"), choices=rules.Availability.choices
    )
    availability_scope = forms.ChoiceField(
        label=_("Whose operation was affected"), choices=rules.OperationScope.choices, required=False
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Take the proposed level")), *LEVEL_CHOICES],
    )
    level_reason = forms.CharField(
        label=_("Reason for another level"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures_taken = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 3}))
    external_support_needed = forms.BooleanField(label=_("External support needed"), required=False)
    external_support = forms.CharField(
        label=_("Assessment of external support needs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    other_matters = forms.CharField(
        label=_("Other relevant matters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    affected_systems = bounded.ModelMultipleChoiceField(queryset=None, label=_("Affected systems"), required=False)
    channel = forms.ChoiceField(
        label=_("First reported through"), choices=ReportChannel.choices, initial=ReportChannel.WEB
    )
    fallback_reason = forms.CharField(label=_("Why the designated channel could not be used"), required=False)
    fallback_reported_at = bounded.RocDateTimeField(
        label=_("Original report time (telephone/e-mail/fax)"), required=False
    )
    late_reason = forms.CharField(
        label=_("Reason for a late report"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args, agencies, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["affected_systems"].queryset = systems
        self.fields["affected_systems"].label_from_instance = lambda system: f"{system.agency.name} · {system.name}"

    def impact_groups(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """One group per Art 2 dimension: how badly, and what."""
        return [
            (rules.Dimension(dimension).label, self[dimension], self[f"{dimension}_scope"])
            for dimension in rules.Dimension.values
        ]

    def answers(self) -> rules.ImpactAnswers:
        data = self.cleaned_data
        return rules.ImpactAnswers(**{name: data[name] or default for name, default in IMPACT_DEFAULTS.items()})


class SubmitDraftForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Reason for a late report"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IncidentUpdateForm(forms.Form):
    description = forms.CharField(label=_("Description of the situation"), widget=forms.Textarea(attrs={"rows": 4}))
    measures_taken = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 3}))
    external_support_needed = forms.BooleanField(label=_("External support needed"), required=False)
    external_support = forms.CharField(
        label=_("Assessment of external support needs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    other_matters = forms.CharField(
        label=_("Other relevant matters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=LEVEL_CHOICES)
    level_reason = forms.CharField(
        label=_("Reason for a level change"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Reviewed level"), coerce=int, choices=LEVEL_CHOICES)
    note = forms.CharField(
        label=_("Basis of the review (required when the level changes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    forward = forms.BooleanField(
        label=_("Forward the result to the competent authority now"), required=False, initial=True
    )


class RereviewForm(forms.Form):
    level = forms.TypedChoiceField(label=_("New level"), coerce=int, choices=LEVEL_CHOICES)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RecoverForm(forms.Form):
    recovered_at = bounded.RocDateTimeField(label=_("Damage control or recovery completed at"))


class ReportForm(forms.Form):
    """施行細則 Art 8 (1)–(7)."""

    timeline = forms.CharField(
        label=_("1. Times of occurrence/awareness and of completing damage control or recovery"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    impact = forms.CharField(
        label=_("2. Scope of impact and damage assessment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    recovery_course = forms.CharField(
        label=_("3. Course of damage control and recovery"), widget=forms.Textarea(attrs={"rows": 3})
    )
    investigation_course = forms.CharField(
        label=_("4. Course of investigation and handling"), widget=forms.Textarea(attrs={"rows": 3})
    )
    root_cause = forms.CharField(label=_("5. Root-cause analysis"), widget=forms.Textarea(attrs={"rows": 3}))
    prevention = forms.CharField(
        label=_("6. Management, technical, manpower or resource measures against recurrence"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    schedule = forms.CharField(
        label=_("7. Planned completion dates and effectiveness tracking of those measures"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Accept the report")), ("0", _("Request an explanation"))],
    )
    note = forms.CharField(
        label=_("Note (required for an explanation request)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportExtendForm(forms.Form):
    due_on = bounded.RocDateField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    superior_consent = forms.CharField(
        label=_("Consent of the superior or supervisory agency, or for an SNGA of the sector regulator"),
        help_text=_("Who consented, when, and the document reference."),
        max_length=300,
        required=False,
    )
    authority_consent = forms.CharField(
        label=_("Consent of the competent authority (government agencies)"),
        help_text=_("Who consented, when, and the document reference."),
        max_length=300,
        required=False,
    )


class MeasureForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ImprovementMeasure.Category.choices)
    description = forms.CharField(label=_("Measure"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Owner"), max_length=120)
    due_on = bounded.RocDateField(label=_("Due on"))


class MeasureCompleteForm(forms.Form):
    completed_on = bounded.RocDateField(label=_("Completed on"))
    note = forms.CharField(label=_("How it was completed"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment"))


class YearForm(forms.Form):
    year = bounded.YearField(label=_("Year"), required=False)


class DrillAssignForm(forms.Form):
    year = bounded.YearField(label=_("Year"), min_value=2019)


class DrillConductedForm(forms.Form):
    conducted_on = bounded.RocDateField(label=_("Conducted on"))
    participants = bounded.BoundedIntegerField(label=_("Participants"), max_value=10_000_000, required=False)


class DrillResultsForm(forms.Form):
    summary = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}))
