"""Every URL pattern of the project, with sample arguments: the one walker that URL-wide tests share
(fail-closed login check, hostile-parameter walk, page-text walk)."""

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_ARGS = {"int": "1", "str": "xlsx", "path": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def walk(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(namespaced name, route)`` for every pattern below ``patterns`` (default: the root)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield namespace + (entry.name or ""), prefix + str(entry.pattern)


def sample_path(route: str, args: dict[str, str] | None = None) -> str | None:
    """The route with each converter replaced by a sample value; None for regex routes it cannot fill."""
    args = {**SAMPLE_ARGS, **(args or {})}
    if route.startswith("^") or "(?P" in route:  # admin's regex routes: covered by its own login check
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).lstrip("^").rstrip("$").replace("\\", "")
        if any(ch in route for ch in "()[]*+?|"):
            return None
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: args.get(m.group(1) or "str", "1"), route)
    return "/" + path
