"""Audit pages: the detail page with what each party may do now, and one POST URL per action.

Each action is a row of ACTIONS: who may do it (manager, team member, auditee), its form, and the one
service it calls. The detail page shows the forms of the actions the user may take in the audit's state.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from access.checks import require
from audits import forms, rules, services
from audits.models import Finding, RescheduleRequest, TeamMember
from audits.services.team import team_ready_problems
from audits.views.common import audit_or_404, roles
from common import clock
from common.roc import TAIPEI
from common.views import run_form
from infrastructure.selectors import level_current_for

S = rules.AuditStatus


@dataclass(frozen=True)
class Action:
    who: str  # "may_manage" | "is_member" | "is_auditee" | "manage_or_member"
    form: type
    call: Callable
    success: str
    states: frozenset[str] = frozenset()


def _now():
    return clock.now()


def _finding(audit, request) -> Finding:
    return get_object_or_404(Finding, audit=audit, pk=request.POST.get("finding", 0) or 0)


def _pending(audit) -> RescheduleRequest:
    return get_object_or_404(RescheduleRequest, audit=audit, decision=RescheduleRequest.Decision.PENDING)


def _member(audit, request) -> TeamMember:
    return get_object_or_404(TeamMember, audit=audit, pk=request.POST.get("member", 0) or 0, removed_at__isnull=True)


ACTIONS: dict[str, Action] = {
    "notice": Action(
        "may_manage",
        forms.ConfirmForm,
        lambda a, d, r: services.audit_notice_send(audit=a, actor=r.user, now=_now()),
        _("The written notice was sent."),
        frozenset({S.PLANNED}),
    ),
    "acknowledge": Action(
        "is_auditee",
        forms.AcknowledgeForm,
        lambda a, d, r: services.audit_notice_acknowledge(
            audit=a, received_on=d["received_on"], actor=r.user, now=_now()
        ),
        _("The day of receipt was recorded."),
        frozenset({S.NOTIFIED}),
    ),
    "reschedule": Action(
        "is_auditee",
        forms.RescheduleRequestForm,
        lambda a, d, r: services.reschedule_request(audit=a, actor=r.user, now=_now(), **d),
        _("Your request for a new date was sent."),
        frozenset({S.NOTIFIED}),
    ),
    "reschedule_decide": Action(
        "may_manage",
        forms.RescheduleDecisionForm,
        lambda a, d, r: services.reschedule_decide(
            request=_pending(a), accept=d["accept"], reason=d["reason"], actor=r.user, now=_now()
        ),
        _("The request for a new date was decided."),
        frozenset({S.RESCHEDULE_REQUESTED}),
    ),
    "member_add": Action(
        "may_manage",
        forms.MemberForm,
        lambda a, d, r: _member_added(
            r,
            services.member_add(
                audit=a,
                user=d["username"],
                role=d["role"],
                organisation=d["organisation"],
                is_government_representative=d["is_government_representative"],
                actor=r.user,
                now=_now(),
            ),
        ),
        _("The member was added and can now see this audit."),
    ),
    "member_remove": Action(
        "may_manage",
        forms.ConfirmForm,
        lambda a, d, r: services.member_remove(member=_member(a, r), actor=r.user, now=_now()),
        _("The member was removed from the team."),
    ),
    "sign": Action(
        "is_member",
        forms.ConfirmForm,
        lambda a, d, r: [
            services.declaration_sign(member=m, which=w, actor=r.user, now=_now())
            for m in a.team.filter(user=r.user, removed_at__isnull=True)
            for w in ("conflict", "secrecy")
            if getattr(m, f"{w}_declared_at") is None
        ],
        _("Your declarations are signed."),
    ),
    "start": Action(
        "manage_or_member",
        forms.ConfirmForm,
        lambda a, d, r: services.fieldwork_start(audit=a, actor=r.user, now=_now()),
        _("The audit is under way."),
        frozenset({S.NOTIFIED}),
    ),
    "finding": Action(
        "manage_or_member",
        forms.FindingForm,
        lambda a, d, r: services.finding_record(
            audit=a,
            item_id=d["item"],
            kind=d["kind"],
            severity=d["severity"],
            description=d["description"],
            actor=r.user,
            now=_now(),
        ),
        _("The finding was recorded."),
        frozenset({S.FIELDWORK}),
    ),
    "complete": Action(
        "manage_or_member",
        forms.ConfirmForm,
        lambda a, d, r: services.fieldwork_complete(audit=a, actor=r.user, now=_now()),
        _("The on-site work is completed."),
        frozenset({S.FIELDWORK}),
    ),
    "report": Action(
        "may_manage",
        forms.ReportForm,
        lambda a, d, r: services.report_issue(audit=a, actor=r.user, now=_now(), **d),
        _("The audit report was issued."),
        frozenset({S.FIELDWORK}),
    ),
    "improvement_decide": Action(
        "may_manage",
        forms.DecisionForm,
        lambda a, d, r: services.improvement_decide(
            audit=a, accept=d["accept"], note=d["note"], actor=r.user, now=_now()
        ),
        _("The improvement report was decided."),
        frozenset({S.IMPROVEMENT_SUBMITTED}),
    ),
    "progress": Action(
        "is_auditee",
        forms.ProgressForm,
        lambda a, d, r: services.progress_report(finding=_finding(a, r), actor=r.user, now=_now(), **d),
        _("The progress was reported."),
    ),
    "finding_close": Action(
        "may_manage",
        forms.CloseFindingForm,
        lambda a, d, r: services.finding_close(finding=_finding(a, r), note=d["note"], actor=r.user, now=_now()),
        _("The finding is closed."),
    ),
    "cancel": Action(
        "may_manage",
        forms.ReasonForm,
        lambda a, d, r: services.audit_cancel(audit=a, reason=d["reason"], actor=r.user, now=_now()),
        _("The audit was cancelled."),
        frozenset({S.PLANNED, S.NOTIFIED, S.RESCHEDULE_REQUESTED}),
    ),
}


def _member_added(request, added) -> None:
    for warning in added.warnings:
        messages.warning(request, warning)


def allowed(who: str, granted: dict[str, bool]) -> bool:
    if who == "manage_or_member":
        return granted["may_manage"] or granted["is_member"]
    return granted[who]


def available_actions(audit, granted: dict[str, bool]) -> set[str]:
    return {
        name
        for name, action in ACTIONS.items()
        if allowed(action.who, granted)
        and (not action.states or audit.status in action.states)
        and audit.status not in rules.TERMINAL
    }


@login_required
def audit_detail_view(request, audit_id: int, *, bound: dict | None = None, status: int = 200):
    audit = audit_or_404(request, audit_id)
    granted = roles(request, audit)
    actions = available_actions(audit, granted)
    items = list(audit.checklist.items.all()) if "finding" in actions else []
    context = {
        "audit": audit,
        **granted,
        "actions": actions,
        "forms": {name: ACTIONS[name].form(**({"items": items} if name == "finding" else {})) for name in actions}
        | (bound or {}),
        "team": [m for m in audit.team.all() if m.removed_at is None],
        "team_problems": team_ready_problems(audit),
        "findings": list(audit.findings.select_related("item", "measure").prefetch_related("progress")),
        "requests": list(audit.reschedule_requests.all()),
        "improvement": getattr(audit, "improvement", None),
        "events": list(audit.events.select_related("actor")[:50]),
        "level": level_current_for(agency=audit.auditee),
        "today": clock.now().astimezone(TAIPEI).date(),
    }
    return render(request, "audits/audit_detail.html", context, status=status)


@login_required
@require_POST
def audit_action_view(request, audit_id: int, action: str):
    audit = audit_or_404(request, audit_id)
    spec = ACTIONS[action]
    require(allowed(spec.who, roles(request, audit)))
    kwargs = {"items": list(audit.checklist.items.all())} if action == "finding" else {}
    form = spec.form(request.POST, **kwargs)
    if run_form(request, form, lambda data: spec.call(audit, data, request), success=spec.success):
        return redirect("audits:audit_detail", audit.pk)
    return audit_detail_view(request, audit_id, bound={action: form}, status=400)
