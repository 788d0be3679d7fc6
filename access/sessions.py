"""Idle sessions end (CSMA_SESSION_IDLE_MINUTES, 30 by default): a session's expiry is moved forward by the
requests that use it, as SESSION_SAVE_EVERY_REQUEST would, but at most once a minute — that setting wrote the
session row on every request (a transaction per page view). A session idle for 30 minutes ends 29–30 minutes
after the request that last moved it."""

import time

REFRESH_SECONDS = 60
MOVED_AT = "_csma_expiry_moved_at"  # epoch seconds of the last save that moved the expiry


class IdleSessionMiddleware:
    """After the SessionMiddleware (which saves a modified session with a new expiry on the way out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(MOVED_AT, 0) >= REFRESH_SECONDS:
                session[MOVED_AT] = now  # modified: saved, and so its expiry moved, by the SessionMiddleware
        return response
