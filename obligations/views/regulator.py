"""Regulator pages: review queue and ad-hoc assignment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.checks import require
from common.forms import add_service_errors
from obligations import services
from obligations.forms import AdHocForm, ReviewForm
from obligations.selectors import access
from obligations.selectors.obligations import review_queue

QUEUE_PAGE_SIZE = 50  # the oldest first: a reviewer works from the top


@login_required
def review_queue_view(request):
    scope = access.reviewable_q(user=request.user, prefix="obligation__agency__")
    require(scope is not None)
    submissions = review_queue(base=access.submissions_visible_to(user=request.user).filter(scope))
    page = Paginator(submissions, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "submissions": page.object_list, "review_form": ReviewForm()}
    return render(request, "obligations/review_queue.html", context)


@login_required
def adhoc_create_view(request):
    require(access.can_assign_adhoc(user=request.user))
    form = AdHocForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adhoc = services.obligation_assign_adhoc(
                title=data["title"],
                description=data["description"],
                legal_basis=data["legal_basis"],
                due_on=data["due_on"],
                agencies=access.adhoc_targets(user=request.user, filters=form.filters()),
                filters=form.filters(),
                acting_user=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Assigned to %(count)s agencies.") % {"count": adhoc.obligations.count()})
            return redirect("obligations:list")
    return render(request, "obligations/adhoc_form.html", {"form": form})
