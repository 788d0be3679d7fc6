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


def sample_path(route: str, args: dict[str, str] | None = None, names: dict[str, str] | None = None) -> str | None:
    """The route with each converter replaced by a sample value (``names`` by parameter name, else ``args`` by
    converter); None for regex routes it cannot fill."""
    args, names = {**SAMPLE_ARGS, **(args or {})}, names or {}
    if route.startswith("^") or "(?P" in route:  # admin's regex routes: covered by its own login check
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).lstrip("^").rstrip("$").replace("\\", "")
        if any(ch in route for ch in "()[]*+?|"):
            return None
    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: names.get(m.group(2), args.get(m.group(1) or "str", "1")), route)
    return "/" + path


# Hostile input ---------------------------------------------------------------------------------------------

# One value of each kind that has broken a parser somewhere: beyond 64 bits, negative, text, empty, far dates
# and years, unicode controls (right-to-left override, zero-width space, NUL, escape) with a formula.
HOSTILE_VALUES = {
    "huge integer": "99999999999999999999999999",
    "negative": "-1",
    "text": "abc",
    "empty": "",
    "far date": "9999-12-31",
    "ancient datetime": "0001-01-01T00:00",
    "year 99999": "99999",
    "unicode controls": "\u202e名稱\u200b\x00\x1b=1+1",
}
HOSTILE_PATH_INTS = {"huge integer": "99999999999999999999999999", "zero": "0"}
# Query parameters that some page reads; every page also gets the names of its own form fields.
COMMON_PARAMS = (
    "page", "q", "year", "regulator", "parent", "sector", "kind", "level", "status", "active", "since",
    "until", "agency", "source", "actor", "text", "a", "b", "next", "e", "o", "p", "format",
)  # fmt: skip


def form_field_names(html: str) -> list[str]:
    """The names of the inputs, selects and textareas of a page (its forms' fields), CSRF token excluded."""
    from html.parser import HTMLParser

    names: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            name = dict(attrs).get("name")
            if tag in ("input", "select", "textarea") and name and name != "csrfmiddlewaretoken":
                if name not in names:
                    names.append(name)

    Collector().feed(html)
    return names


def hostile_paths(route: str, names: dict[str, str]) -> Iterator[tuple[str, str]]:
    """``(label, path)`` with each integer converter in turn given each of ``HOSTILE_PATH_INTS``."""
    converters = re.findall(r"<int:(\w+)>", route)
    for name in converters:
        for label, value in HOSTILE_PATH_INTS.items():
            path = sample_path(route, names={**names, name: value})
            if path is not None:
                yield f"{name}={label}", path
