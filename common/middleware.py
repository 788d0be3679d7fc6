"""Responses to a logged-in user are confidential: never stored by a browser or a proxy cache (issue 9)."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """``Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private`` on every page, download and
    export answered to a logged-in user (static files are served before this, by WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.has_header("Content-Disposition"):
            add_never_cache_headers(response)
        return response


class BoundedIntegerMiddleware:
    """A query or form value that is an integer beyond 64 bits answers 400 before any view reads it: no field of
    csma takes one, and Django's own forms (admin, packages) pass such values to the database driver, which
    overflows (a server error, issue 9)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseBadRequest, JsonResponse

        from common.bounds import ID_MAX

        for values in (request.GET.lists(), request.POST.lists() if request.method == "POST" else ()):
            for key, items in values:
                if any(_is_huge_integer(item, ID_MAX) for item in items):
                    if request.path.startswith("/api/"):  # the API's error shape (api/errors.py)
                        message = "A number is out of range."
                        body = {"code": "validation_error", "message": message, "fields": {key: [message]}}
                        return JsonResponse(body, status=400)
                    return HttpResponseBadRequest("Bad request: a number is out of range.")
        return self.get_response(request)


def _is_huge_integer(value: str, limit: int) -> bool:
    text = value.strip().lstrip("+-")
    return 18 < len(text) <= 4300 and text.isascii() and text.isdigit() and int(text) > limit
