"""Log lines operations can follow: a request id on every record of a request (the proxy's X-Request-ID, or
a fresh one), the Celery task id inside tasks, and a JSON-lines formatter (``CSMA_LOG_FORMAT=json``)."""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")  # what we take from the proxy; anything else is replaced
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id", "task_id", "task_name"}


def request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """Reads X-Request-ID (nginx: ``proxy_set_header X-Request-ID $request_id``) or makes one, keeps it for the
    log records of this request and answers it in the response header, so a user's report can be traced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        value = offered if _ACCEPTED.match(offered) else uuid.uuid4().hex
        token = _request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = value
        return response


class ContextFilter(logging.Filter):
    """Adds ``request_id`` and, inside a Celery task, ``task_id``/``task_name`` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        task = _current_task()
        record.task_id = getattr(task.request, "id", None) if task else None
        record.task_name = getattr(task, "name", None) if task else None
        return True


def _current_task():
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - celery is a dependency
        return None
    return current_task if current_task and getattr(current_task.request, "id", None) else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request/task ids, extras,
    and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if getattr(record, "task_id", None):
            data["task_id"], data["task_name"] = record.task_id, record.task_name
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
