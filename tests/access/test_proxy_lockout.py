"""Lockout behind a reverse proxy (issue 9): over real HTTP through a forwarding proxy on loopback.

The proxy is a small threaded Python server started by the test that does what nginx does with
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``: it appends the address of the client it
received the request from. Two clients connect from different loopback addresses (127.0.0.2, 127.0.0.3), so
the application sees one proxy address (REMOTE_ADDR 127.0.0.1) and tells the clients apart only by the header.
"""

import http.client
import http.cookies
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings

from access.models import AccessEvent
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LOGIN = "/accounts/login/"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"}


class ForwardingProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str):
        self.upstream = urlsplit(upstream)
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        forwarded = self.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{forwarded}, {self.client_address[0]}" if forwarded else self.client_address[0]
        upstream = http.client.HTTPConnection(self.server.upstream.hostname, self.server.upstream.port, timeout=30)
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        response = upstream.getresponse()
        payload = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        upstream.close()

    do_GET = do_POST = _forward


class Browser:
    """A client with its own loopback source address and cookie jar, speaking HTTP to the proxy."""

    def __init__(self, proxy: ForwardingProxy, source: str):
        self.address, self.source, self.cookies = proxy.server_address, source, http.cookies.SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(*self.address, timeout=30, source_address=(self.source, 0))
        sent = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items()), **(headers or {})}
        body = None
        if form is not None:
            body = urlencode(form)
            sent.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://testserver/"})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        connection.close()
        return response.status, text

    def log_in(self, username: str, password: str, headers: dict | None = None) -> int:
        _status, page = self.request("GET", LOGIN, headers=headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {
            "csrfmiddlewaretoken": token,
            "auth-username": username,
            "auth-password": password,
            "login_view-current_step": "auth",
        }
        status, _page = self.request("POST", LOGIN, form, headers=headers)
        return status


@pytest.fixture
def proxy(live_server):
    server = ForwardingProxy(live_server.url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def behind_one_proxy(settings, live_server):
    settings.AXES_ENABLED = True
    settings.CSMA_PROXY_COUNT = 1
    settings.ALLOWED_HOSTS = ["*"]
    settings.CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1"]


def test_bad_passwords_from_one_client_lock_out_that_client_only(users, proxy, behind_one_proxy):
    attacker, officer = Browser(proxy, "127.0.0.2"), Browser(proxy, "127.0.0.3")
    statuses = [attacker.log_in("officer", "wrong-password") for _ in range(django_settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (django_settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last failure locks

    assert attacker.log_in("officer", TEST_PASSWORD) == 429  # the client that failed is locked out
    assert officer.log_in("officer", TEST_PASSWORD) == 302  # the real user, elsewhere, is not
    assert officer.request("GET", "/registry/agencies/")[0] == 200
    ips = set(AccessEvent.objects.filter(kind="login_failed").values_list("ip_address", flat=True))
    assert ips == {"127.0.0.2"}  # the audit trail records the same client address


def test_a_forged_forwarded_for_header_does_not_choose_the_address(users, proxy, behind_one_proxy):
    """The attacker claims to be 127.0.0.3; the proxy appends the real address, which is the one counted."""
    attacker, officer = Browser(proxy, "127.0.0.2"), Browser(proxy, "127.0.0.3")
    forged = {"X-Forwarded-For": "127.0.0.3"}
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        attacker.log_in("officer", "wrong-password", headers=forged)

    assert attacker.log_in("officer", TEST_PASSWORD, headers=forged) == 429
    assert officer.log_in("officer", TEST_PASSWORD) == 302
