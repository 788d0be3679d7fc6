"""Detectors for what a user page must not show (issue 13): raw stored codes, internal markers, Western
years on a zh-Hant page, untranslated strings. Pure functions over a page's HTML; the walker
(tests/pages/test_page_text.py) runs them on every page as every role."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps

PO_FILE = Path(__file__).resolve().parent.parent.parent / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"

# Notes from the law brief and the rule data that belong in the admin, not on user pages.
INTERNAL_MARKERS = (
    re.compile(r"CSMA\.md"),
    re.compile(r"§\s*\d+\.\d+"),  # CSMA.md's section numbers (§5.2); the law's articles read 第N條 / Art. N
    re.compile(r"(?<![\w\]])\[(?:P|S|W|\?)\](?![\w\[])"),  # verification markers
    re.compile(r"條次待確認|待確認|未經查證"),
    re.compile(r"\b(?:TODO|FIXME|XXX|unverified|best-known|Best-known)\b"),
    re.compile(r"\bwithin \d+ ?y\b"),
)
# A Western year: 19xx/20xx on its own (not inside an OID, a phone number, a version or an identifier),
# or an ISO date.
WESTERN_YEAR = re.compile(r"(?<![\d.\-/:#A-Za-z_])(?:19|20)\d{2}(?![\d.\-/:A-Za-z_])|(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}")
_KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_WORD = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_SKIP_TAGS = {"script", "style", "textarea", "noscript"}
_CODE_INPUTS = {"hidden", "checkbox", "radio", "file", "password", "color", "range", "email", "url", "tel"}


class _Text(HTMLParser):
    """Visible text nodes (plus placeholders, option texts and the values of visible inputs), without scripts,
    styles and textareas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        attributes = dict(attrs)
        placeholder = attributes.get("placeholder")
        if placeholder:
            self.nodes.append(placeholder)
        # What an input shows typed in (a year filter's 2026, a date's 2026-03-01); hidden inputs, check boxes
        # and radio buttons carry codes, not text.
        if tag == "input" and (attributes.get("type") or "text") not in _CODE_INPUTS and attributes.get("value"):
            self.nodes.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


@cache
def stored_codes() -> frozenset[str]:
    """Every stored choice value of the project's models that differs from its label (``ci_only``, ``both``)."""
    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"common", "infrastructure", "access", "obligations", "incidents", "reports"}:
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and _WORD.match(value) and len(value) >= 3 and str(label) != value:
                    codes.add(value)
    return frozenset(codes)


@cache
def msgids() -> frozenset[str]:
    """English source strings of the catalogue that have a translation (at least two words)."""
    text = PO_FILE.read_text(encoding="utf-8")
    found = set()
    for block in text.split("\n\n"):
        if "msgctxt" in block or "msgid_plural" in block:
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        msgstr = "".join(re.findall(r'"(.*)"', match.group(2)))
        if msgstr and "%(" not in msgid and "{" not in msgid and len(msgid.split()) >= 2:
            found.add(" ".join(msgid.replace('\\"', '"').split()))
    return frozenset(found)


def problems(html: str, *, chinese: bool, names: frozenset[str] = frozenset()) -> list[str]:
    """What the page shows that it must not, one line per finding. ``names`` are the usernames (data that
    may coincide with a code, e.g. the demo's ``auditor``)."""
    found = []
    codes = stored_codes()
    english = msgids()
    for node in visible_text(html):
        for marker in INTERNAL_MARKERS:
            if marker.search(node):
                found.append(f"internal marker {marker.pattern!r}: {node[:120]}")
        # A stored code shown as such: the whole text is a code (``both``), or a snake_case code anywhere
        # (``ci_only``); or an internal key (``aware-it-general``).
        whole = chinese and node in codes and node not in names
        if whole or any("_" in word and word in codes for word in re.findall(r"[a-z][a-z0-9_]*", node)):
            found.append(f"raw code: {node[:120]}")
        if _KEY.match(node):
            found.append(f"internal key: {node[:120]}")
        if chinese:
            if WESTERN_YEAR.search(node):
                found.append(f"Western year: {node[:120]}")
            if node in english or node.rstrip(".:：") in english:
                found.append(f"untranslated: {node[:120]}")
    return found


_LINK = re.compile(r"https?://\S+")


def email_problems(subject: str, body: str) -> list[str]:
    """What a zh-Hant e-mail must not show: a Western year or ISO date outside its links (issue 13)."""
    found = []
    for line in [subject, *body.splitlines()]:
        if WESTERN_YEAR.search(_LINK.sub("", line)):
            found.append(f"Western year: {line[:120]}")
    return found
