"""Obligation events in the audit trail (access/trail.py), registered by ObligationsConfig.ready(): the trail
search, its export, the retention purge and each agency's history page read them from here. On an agency's
history page a user sees the obligation events of the agencies whose obligations they may see."""

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Trim
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from access.trail import TrailFilters, TrailSource, as_text, trail_rows
from obligations.models import Obligation, ObligationEvent, RuleSet
from obligations.rules.workflow import FilingStatus
from obligations.selectors.access import obligations_visible_to

DETAILS = {
    "status": _("Status"),
    "reason": _("Reason"),
    "files": _("Files"),
    "due_on": _("Due on"),
    "year": _("Year"),
}


def _label() -> Trim:
    """The agency (or, for rule-set events, the rule set) and the obligation's item in the page's language."""
    item = (
        "obligation__requirement__item_zh"
        if (get_language() or "").startswith("zh")
        else "obligation__requirement__item_en"
    )
    whom = Coalesce("agency__name", "rule_set__name", Value(""), output_field=CharField())
    return Trim(Concat(whom, Value(" "), Coalesce(item, Value("")), output_field=CharField()))


def _rows(f: TrailFilters) -> QuerySet:
    qs = ObligationEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("obligations"),
        object_type=Value("obligations.obligation"),
        object_ref=as_text("obligation_id"),
        label=_label(),
        ip=as_text("ip_address"),
    )
    if f.viewer is not None:
        qs = qs.filter(agency__in=obligations_visible_to(user=f.viewer).values("agency_id"))
    return trail_rows(qs, f, time="occurred_at", label="label", object_field="obligation_id", agency_field="agency_id")


OBLIGATION_SOURCE = TrailSource(
    key="obligations",
    label=_("Obligations"),
    model=ObligationEvent,
    time_field="occurred_at",
    rows=_rows,
    kinds=lambda: dict(ObligationEvent.Kind.choices),
    on_agency_history=True,
    detail_labels=lambda: DETAILS,
    # an obligation's, a filing's or a rule set's status (the codes they share mean the same)
    value_labels=lambda: {
        "status": dict(RuleSet.Status.choices) | dict(FilingStatus.choices) | dict(Obligation.Status.choices)
    },
)
