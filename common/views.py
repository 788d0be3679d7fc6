from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect


@login_required
def home_view(request):
    """Each role lands on its dashboard (reports app); roles without one are sent on from there."""
    return redirect("reports:dashboard")


def healthz_view(request):
    return HttpResponse("ok", content_type="text/plain")
