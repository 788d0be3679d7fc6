from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect


@login_required
def home_view(request):
    return redirect("infrastructure:agency_list")


def healthz_view(request):
    return HttpResponse("ok", content_type="text/plain")
