"""A logged-in HTTP client for a gunicorn started by a test: the session is written to the shared database
(as a log-in would), the CSRF token read from the form, as a browser does."""

import re
from datetime import datetime

import httpx
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def logged_in(base_url: str, user) -> httpx.Client:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client = httpx.Client(base_url=base_url, timeout=30, headers={"Accept-Language": "en"})
    client.cookies.set(settings.SESSION_COOKIE_NAME, session.session_key)
    return client


def post_form(client: httpx.Client, path: str, data: dict, files: dict | None = None) -> httpx.Response:
    page = client.get(path)
    page.raise_for_status()
    token = CSRF_INPUT.search(page.text).group(1)
    return client.post(path, data={**data, "csrfmiddlewaretoken": token}, files=files, headers={"Referer": path})


def local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def filing(agency, *, title: str, aware_at: datetime, confidentiality: str = "minor") -> dict:
    return {
        "agency": agency.pk,
        "title": title,
        "incident_type": "malware",
        "aware_at": local(aware_at),
        "description": "Malware found on a file server.",
        "confidentiality": confidentiality,
        "integrity": "none",
        "availability": "none",
        "measures_taken": "Server isolated.",
        "channel": "web",
        "action": "report",
    }
