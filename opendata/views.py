"""Open-data pages. The list of published releases and their files are public (no login); drafts and
releases under review exist only for the competent authority (anyone else: 404); a forbidden action: 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.checks import found_or_404, require
from common.localdates import is_chinese
from opendata import selectors, services
from opendata.dictionary import DATASETS, SPECS
from opendata.forms import PrepareForm, ReasonForm, RegenerateForm
from opendata.models import DatasetRelease, ReleaseFile

# action → (service, form or None); each is its own URL (opendata/urls.py)
ACTIONS = {
    "submit": (services.release_submit, None),
    "publish": (services.release_publish, None),
    "return": (services.release_return, ReasonForm),
    "withdraw": (services.release_withdraw, ReasonForm),
    "correct": (services.release_correct, ReasonForm),
    "regenerate": (services.release_regenerate, RegenerateForm),
}


def _release_or_404(request, release_id: int) -> DatasetRelease:
    return found_or_404(selectors.release_get_for, user=request.user, release_id=release_id)


def release_list_view(request):
    manage = selectors.may_manage(request.user)
    context = {
        "releases": selectors.release_list_for(user=request.user),
        "may_manage": manage,
        "form": PrepareForm() if manage else None,
    }
    return render(request, "opendata/release_list.html", context)


def release_detail_view(request, release_id: int):
    release = _release_or_404(request, release_id)
    manage = selectors.may_manage(request.user)
    context = {"release": release, "may_manage": manage, "reason_form": ReasonForm(), "groups": _groups(release),
               "regenerate_form": RegenerateForm(initial={"min_cell_size": release.min_cell_size}),
               "suppressed": _suppressed_counts(release) if manage else ()}  # fmt: skip
    return render(request, "opendata/release_detail.html", context)


def _groups(release: DatasetRelease) -> list[tuple[str, str, list[ReleaseFile]]]:
    """(slug, title in the page's language, its four files), in the order of the dictionary."""
    files = list(release.files.all())
    return [
        (spec.slug, spec.title_zh if is_chinese() else spec.title_en, [f for f in files if f.dataset == spec.slug])
        for spec in DATASETS
    ]


def _suppressed_counts(release: DatasetRelease) -> list[tuple[str, int, int]]:
    """(dataset title, primary, complementary) for the reviewers, from the stored tables."""
    found = []
    for dataset in release.snapshot.get("datasets", []):
        spec = SPECS[dataset["slug"]]
        kinds = [why for _row, _col, why in dataset["suppressed"]]
        title = spec.title_zh if is_chinese() else spec.title_en
        found.append((title, kinds.count("primary"), kinds.count("complementary")))
    return found


def release_file_view(request, release_id: int, name: str):
    release = _release_or_404(request, release_id)
    stored = found_or_404(selectors.file_get_for, user=request.user, release=release, name=name)
    content_type = "text/csv; charset=utf-8" if stored.format == "csv" else "application/json"
    response = FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def release_prepare_view(request):
    require(selectors.may_manage(request.user))
    form = PrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("opendata:opendata_releases")
    try:
        release = services.release_prepare(acting_user=request.user, now=timezone.now(), **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("opendata:opendata_releases")
    return redirect("opendata:opendata_release", release_id=release.pk)


@login_required
@require_POST
def release_action_view(request, release_id: int, action: str):
    release = _release_or_404(request, release_id)
    require(selectors.may_manage(request.user))
    service, form_class = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("opendata:opendata_release", release_id=release.pk)
    try:
        result = service(
            release=release, acting_user=request.user, now=timezone.now(), **(form.cleaned_data if form else {})
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("opendata:opendata_release", release_id=release.pk)
    messages.success(request, _("Done: the release is now “%(status)s”.") % {"status": result.get_status_display()})
    return redirect("opendata:opendata_release", release_id=result.pk)
