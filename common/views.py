import json
from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from common import health


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
