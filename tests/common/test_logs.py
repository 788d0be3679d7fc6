"""Log lines carry a request id (the proxy's, or a fresh one, echoed in X-Request-ID) and can be JSON."""

import json
import logging

import pytest

from common.logs import ContextFilter, JsonFormatter

pytestmark = pytest.mark.django_db


def test_a_proxy_request_id_is_kept_and_echoed(client):
    response = client.get("/healthz?scope=web", HTTP_X_REQUEST_ID="0f9c2a1e-7d3b-4a55-9d1e-5b3a2c1d0e9f")
    assert response["X-Request-ID"] == "0f9c2a1e-7d3b-4a55-9d1e-5b3a2c1d0e9f"


def test_a_missing_or_hostile_request_id_is_replaced(client):
    generated = client.get("/healthz?scope=web")["X-Request-ID"]
    hostile = client.get("/healthz?scope=web", HTTP_X_REQUEST_ID='x"}\n{"level":"forged')["X-Request-ID"]
    assert len(generated) == 32 and int(generated, 16) >= 0
    assert len(hostile) == 32 and hostile != generated


def test_json_lines_name_the_request_and_escape_the_message():
    record = logging.makeLogRecord(
        {
            "name": "incidents",
            "levelno": logging.WARNING,
            "levelname": "WARNING",
            "msg": "通知 %s 失敗\n第二行",
            "args": (7,),
        }
    )
    ContextFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert (data["level"], data["logger"], data["message"], data["request_id"]) == (
        "WARNING",
        "incidents",
        "通知 7 失敗\n第二行",
        "-",
    )
