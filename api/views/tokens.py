"""The user's own API tokens page: list, create (the token is shown once, on the answer to the POST),
revoke. A token acts with exactly the user's permissions, so anyone logged in may make one for themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api import selectors, services
from api.forms import TokenCreateForm


@never_cache
@login_required
def token_list_view(request):
    form = TokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_token_create(user=request.user, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenCreateForm()
    context = {
        "form": form,
        "created": created,
        "tokens": selectors.api_tokens_of(user=request.user),
        "now": timezone.now(),
    }
    return render(request, "api/token_list.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request, token_id: int):
    token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=token_id)  # another's token → 404
    try:
        services.api_token_revoke(token=token, acting_user=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("api_tokens:list")
