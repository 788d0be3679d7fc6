"""Account, invitation, user-management and audit-trail pages (thin: selectors in, one service out)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from two_factor.forms import AuthenticationTokenForm
from two_factor.views import LoginView

from access import services
from access.audit import read_log
from access.checks import require, require_perm
from access.exports import XLSX_TYPE, trail_export_xlsx
from access.forms import InvitationAcceptForm, InvitationForm, TrailFilterForm
from access.mfa import CsmaAuthenticationTokenForm
from access.models import Invitation, ReadEvent
from access.selectors import agencies_visible_to, roles_of
from access.trail import trail_for_object, trail_search, with_labels
from access.trail_display import readable
from common.views import run_step

User = get_user_model()
TRAIL_EXPORT_LIMIT = 100_000


class CsmaLoginView(LoginView):
    """django-two-factor-auth's log-in, with csma's code step for TOTP devices (a reused code gets its own
    message)."""

    def get_form_list(self):
        form_list = super().get_form_list()
        if form_list.get(self.TOKEN_STEP) is AuthenticationTokenForm:  # the package's form for TOTP devices
            form_list[self.TOKEN_STEP] = CsmaAuthenticationTokenForm
        return form_list

    def get_prefix(self, request, *args, **kwargs):
        return "login_view"  # the package's form prefix, so its field names stay as documented


@login_required
def account_view(request):
    devices = list(request.user.totpdevice_set.filter(confirmed=True)) if request.user.is_authenticated else []
    return render(request, "access/account.html", {"roles": roles_of(user=request.user), "devices": devices})


@login_required
def invitation_create_view(request):
    _require_inviter(request.user)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        agency = _visible_agency_or_none(request.user, form.cleaned_data["agency"])
        try:
            services.invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                agency=agency,
                acting_user=request.user,
                now=timezone.now(),
                accept_url_template=request.build_absolute_uri(reverse("invitation_accept", args=["TOKEN"])),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("access:invitation_list")
    return render(request, "access/invitation_create.html", {"form": form})


def _visible_agency_or_none(user, agency):
    if agency is None:
        return None
    return get_object_or_404(agencies_visible_to(user=user), pk=agency.pk)


def _require_inviter(user) -> None:
    require(services.inviter_may_invite_someone(user=user))


@login_required
def invitation_list_view(request):
    _require_inviter(request.user)
    invitations = Invitation.objects.select_related("agency", "accepted_user")
    if not request.user.has_perm("access.invite_user"):
        invitations = invitations.filter(invited_by=request.user)
    return render(request, "access/invitation_list.html", {"invitations": invitations[:200], "now": timezone.now()})


@login_required
@require_POST
def invitation_cancel_view(request, invitation_id: int):
    queryset = Invitation.objects.all()
    if not request.user.has_perm("access.invite_user"):
        queryset = queryset.filter(invited_by=request.user)
    invitation = get_object_or_404(queryset, pk=invitation_id)
    run_step(
        request,
        lambda: services.invitation_cancel(invitation=invitation, acting_user=request.user, now=timezone.now()),
        success=_("Invitation to %(email)s cancelled.") % {"email": invitation.email},
    )
    return redirect("access:invitation_list")


def invitation_accept_view(request, token: str):
    """Public (the token is the credential): create the account and log the new user in."""
    try:
        invitation = services.invitation_get_open(token=token, now=timezone.now())
    except ValidationError:
        return render(request, "access/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("username", "password", "first_name", "last_name")}
        try:
            services.invitation_accept(token=token, now=timezone.now(), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your account is ready. Please log in."))
            return redirect("login")
    return render(request, "access/invitation_accept.html", {"form": form, "invitation": invitation})


@login_required
def user_list_view(request):
    require_perm(request.user, "access.manage_users")
    users = User.objects.order_by("username").prefetch_related("role_assignments__agency")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "access/user_list.html", {"page": page})


@login_required
@require_POST
def user_set_active_view(request, user_id: int):
    require_perm(request.user, "access.manage_users")
    user = get_object_or_404(User, pk=user_id)
    try:
        services.user_set_active(
            user=user, is_active=request.POST.get("active") == "1", acting_user=request.user, now=timezone.now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("access:user_list")


@login_required
def trail_search_view(request):
    require_perm(request.user, "access.view_event_log")
    form = TrailFilterForm(request.GET or None)
    page = Paginator(trail_search(filters=form.to_filters()), 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": readable(with_labels(page)), "query": query.urlencode()}
    return render(request, "access/trail_search.html", context)


@login_required
def trail_export_view(request):
    require_perm(request.user, "access.view_event_log")
    form = TrailFilterForm(request.GET or None)
    rows = trail_search(filters=form.to_filters())[:TRAIL_EXPORT_LIMIT]
    read_log(
        user=request.user,
        action=ReadEvent.Action.EXPORT,
        object_type="audit_trail",
        description=_("Audit trail export"),
        data={"filters": request.GET.dict()},
    )
    response = HttpResponse(trail_export_xlsx(rows=rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="csma-audit-trail-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@login_required
def agency_history_view(request, agency_id: int):
    agency = get_object_or_404(agencies_visible_to(user=request.user), pk=agency_id)
    rows = trail_for_object(object_type="agency", object_id=agency.pk, viewer=request.user)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request, "access/agency_history.html", {"agency": agency, "page": page, "rows": readable(with_labels(page))}
    )
