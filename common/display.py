"""Stored text and values as a user page shows them: rule data and citations carry verification markers ([P]/[S]/[W]/[?])
and notes for the maintainers ("條次待確認", "待官方條文確認") that belong in the admin only, and ISO dates
and Western years that a Chinese page shows in ROC years. Pure functions."""

import re
from datetime import UTC, date, datetime

from django.utils.translation import gettext as _

from common.roc import roc_date, roc_year
from common.templatetags.csma_dates import local_date, local_datetime

_MARKER = re.compile(r"\s*\[(?:P|S|W|\?)\]")
_NOTE = re.compile(
    r"[（(](?:條次待確認|待官方條文確認)[）)]"
    r"|[，,；;]\s*(?:條次待確認|待官方條文確認)"
    r"|(?:條次待確認|待官方條文確認)[，,；;]?\s*"
)
_EMPTY_PARENS = re.compile(r"[（(]\s*[）)]")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_ISO_VERSION = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2}) version\b")
_YEAR_IN_PARENS = re.compile(r"\(((?:19|20)\d{2})\)")


def without_internal_notes(text: str) -> str:
    text = _NOTE.sub("", _MARKER.sub("", text or ""))
    return _EMPTY_PARENS.sub("", text).strip()


def _roc(match: re.Match) -> str:
    return roc_date(date(int(match.group(1)), int(match.group(2)), int(match.group(3))))


def public_text(text: str, *, chinese: bool) -> str:
    """Without internal notes; in Chinese, ISO dates and "(2026)" in ROC years."""
    text = without_internal_notes(text)
    if chinese:
        text = _ISO_VERSION.sub(lambda m: f"{_roc(m)}版", text)
        text = _ISO_DATE.sub(_roc, text)
        text = _YEAR_IN_PARENS.sub(lambda m: f"(民國{roc_year(int(m.group(1)))}年)", text)
    return text


def display_value(value) -> str:
    """A stored value as text: dates and times local, booleans as yes/no, lists joined, nothing as —."""
    if value in (None, "", "None", [], {}):
        return "—"
    if value is True or value == "True":
        return _("yes")
    if value is False or value == "False":
        return _("no")
    if isinstance(value, list):
        return "、".join(display_value(item) for item in value)
    if isinstance(value, dict):
        return "、".join(f"{key}: {display_value(item)}" for key, item in value.items())
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return local_date(date.fromisoformat(text))
        except ValueError:
            return text
    if len(text) >= 19 and text[4] == "-" and text[10] in " T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        return local_datetime(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return text
