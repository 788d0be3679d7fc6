"""The project's own pages (home, health) and the one form → service → messages step of every page view.

A page view is: fetch in scope or 404, check the action or 403 (``access.checks``), then

    if run_form(request, form, lambda data: services.thing_do(thing=thing, now=timezone.now(), **data),
                success=_("Done.")):
        return redirect("myapp:detail", thing_id=thing.pk)
    return render(request, "myapp/thing_detail.html", {"thing": thing, "form": form}, status=400)

``run_form`` validates the form, calls the service and turns its ``ValidationError`` into form errors
(``common.forms.add_service_errors``); ``run_step`` is the same for a form-less POST (a button), with the
errors as a flash message. Neither catches anything else, so a bug is a 500, never a silent success.
"""

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from common import health
from common.forms import add_service_errors


def run_form(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[dict], Any], *, success: str | None = None
) -> bool:
    """Validate ``form`` and call ``action(form.cleaned_data)``; True when the service ran (and ``success``,
    when given, is flashed). Invalid input or a service's ``ValidationError`` leaves the errors on the form."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    if success:
        messages.success(request, success)
    return True


def run_step(request: HttpRequest, action: Callable[[], Any], *, success: str) -> bool:
    """Call ``action()`` for a form-less POST; flash ``success``, or the service's messages as one error."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


@login_required
def home_view(request):
    """Each role lands on its dashboard (reports app); roles without one are sent on from there."""
    return redirect("reports:dashboard")


@never_cache
def healthz_view(request):
    """200 when every check passes, 503 otherwise. ``?scope=web`` checks only what a web node needs (database,
    broker), for a load balancer; the full set is for monitoring. Anonymous callers get one word; verified
    staff get each check with its detail (JSON)."""
    names = health.WEB_CHECKS if request.GET.get("scope") == "web" else tuple(health.CHECKS)
    checks = health.run_checks(names)
    healthy = all(check.ok for check in checks)
    status = 200 if healthy else 503
    user = request.user
    if user.is_authenticated and user.is_staff and getattr(user, "is_verified", lambda: False)():
        body = {"status": "ok" if healthy else "unavailable", "checks": [asdict(check) for check in checks]}
        return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
    return HttpResponse("ok" if healthy else "unavailable", status=status, content_type="text/plain")
