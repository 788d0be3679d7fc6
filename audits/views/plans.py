"""Plan pages of the auditing authority: list, create, edit, the board with the ranked suggestions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import require
from audits import forms, selectors, services
from audits.views.common import plan_or_404
from common import clock
from common.roc import TAIPEI
from common.views import run_form


@login_required
def plan_list_view(request):
    plans = selectors.plans_visible_to(user=request.user).order_by("-year", "authority__name")
    audits = selectors.audits_visible_to(user=request.user).order_by("starts_on")[:200]
    context = {"plans": plans, "audits": audits, "may_create": selectors.authorities_for(user=request.user).exists()}
    return render(request, "audits/plan_list.html", context)


@login_required
def plan_create_view(request):
    authorities = selectors.authorities_for(user=request.user).order_by("path")
    require(authorities.exists())
    form = forms.PlanCreateForm(request.POST or None, authorities=authorities)
    created = {}

    def create(data):
        created["plan"] = services.plan_create(actor=request.user, now=clock.now(), **data)

    if request.method == "POST" and run_form(request, form, create, success=_("The plan was created.")):
        return redirect("audits:plan_detail", plan_id=created["plan"].pk)
    return render(request, "audits/plan_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def plan_edit_view(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    require(selectors.may_manage_plan(user=request.user, plan=plan))
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if run_form(
            request,
            form,
            lambda data: services.plan_update(plan=plan, actor=request.user, now=clock.now(), **data),
            success=_("The plan was saved."),
        ):
            return redirect("audits:plan_detail", plan.pk)
    return render(request, "audits/plan_form.html", {"form": form, "plan": plan}, status=400 if form.errors else 200)


@login_required
def plan_detail_view(request, plan_id: int, schedule_form=None):
    plan = plan_or_404(request, plan_id)
    may_manage = selectors.may_manage_plan(user=request.user, plan=plan)
    now = clock.now()
    context = {"plan": plan, "board": selectors.plan_board(plan=plan), "may_manage": may_manage}
    if may_manage:
        context["suggestions"] = selectors.suggestions(plan=plan, user=request.user, now=now, limit=15)
        context["search"] = _search(request, plan)
        context["schedule_form"] = schedule_form or _schedule_form(plan, data=None)
    return render(request, "audits/plan_detail.html", context, status=400 if schedule_form else 200)


def _search(request, plan) -> dict:
    query = request.GET.get("q", "").strip()[:100]
    if not query:
        return {"q": "", "results": []}
    found = (
        selectors.candidate_agencies(plan=plan, user=request.user)
        .filter(Q(name__icontains=query) | Q(oid__startswith=query))
        .order_by("name")[:20]
    )
    return {"q": query, "results": list(found)}


def _schedule_form(plan, *, data):
    on = clock.now().astimezone(TAIPEI).date()
    return forms.ScheduleForm(data, checklists=selectors.checklists_in_force(on=on), prefix="schedule")


@login_required
@require_POST
def plan_schedule_view(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    require(selectors.may_manage_plan(user=request.user, plan=plan))
    form = _schedule_form(plan, data=request.POST)

    def schedule(data):
        auditee = selectors.candidate_agencies(plan=plan, user=request.user).filter(pk=data["auditee"]).first()
        if auditee is None:
            raise ValidationError({"auditee": _("Choose an agency from the suggestions or the search.")})
        score = selectors.score_for(agency=auditee, now=clock.now())
        services.audit_schedule(
            plan=plan,
            auditee=auditee,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            place=data["place"],
            checklist=data["checklist"],
            actor=request.user,
            now=clock.now(),
            selection_reason=data["selection_reason"],
            suggested=data["suggested"],
            score=score.total,
            score_parts=[[str(part.label), part.points] for part in score.parts],
        )

    if run_form(request, form, schedule, success=_("The audit was scheduled.")):
        return redirect("audits:plan_detail", plan.pk)
    return plan_detail_view(request, plan_id, schedule_form=form)


@login_required
@require_POST
def plan_approve_view(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    require(selectors.may_manage_plan(user=request.user, plan=plan))
    form = forms.ReasonForm(request.POST)
    if run_form(
        request,
        form,
        lambda data: services.plan_approve(plan=plan, actor=request.user, now=clock.now()),
        success=_("The plan is approved: notices can be sent."),
    ):
        return redirect("audits:plan_detail", plan.pk)
    return plan_detail_view(request, plan_id)
