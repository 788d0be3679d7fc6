"""The calendar page (the user's deadlines) and the private iCalendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits import calendar
from audits.models import CalendarFeed
from audits.services.calendar import calendar_feed_create, calendar_feed_for_token, calendar_feed_revoke
from common import clock


@login_required
def calendar_view(request):
    now = clock.now()
    entries = calendar.deadlines_for(user=request.user, now=now, days=120)
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    new_url = request.session.pop("calendar_feed_url", None)
    context = {"entries": entries, "feed": feed, "new_url": new_url}
    return render(request, "audits/calendar.html", context)


@login_required
@require_POST
def calendar_feed_create_view(request):
    _feed, token = calendar_feed_create(user=request.user, now=clock.now())
    request.session["calendar_feed_url"] = request.build_absolute_uri(f"/calendar/{token}.ics")
    messages.success(request, _("Your private calendar address is shown once below: copy it into your calendar."))
    return redirect("audits:calendar")


@login_required
@require_POST
def calendar_feed_revoke_view(request):
    for feed in CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True):
        calendar_feed_revoke(feed=feed, actor=request.user, now=clock.now())
    messages.success(request, _("The calendar address no longer works."))
    return redirect("audits:calendar")


def calendar_ics_view(request, token: str):
    """Public by design: the secret in the address is the credential (revocable, stored hashed)."""
    now = clock.now()
    feed = calendar_feed_for_token(token=token[:100], now=now)
    if feed is None:
        raise Http404
    entries = calendar.deadlines_for(user=feed.user, now=now)
    body = calendar.render_ics(entries, base_url=request.build_absolute_uri("/")[:-1], now=now, name="csma")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
