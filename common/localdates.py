"""Dates and years as people type and read them: ROC (115/03/01, 民國115年3月1日, 115) in Chinese, ISO in English.
Parsers and formatters only — no forms, no widgets — so services, e-mails and exports can use them (the forms'
fields and widgets in common/forms.py are built on them)."""

import re
from datetime import date, datetime

from django.utils import translation

from common.roc import ROC_EPOCH_OFFSET


def is_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


_YEAR = re.compile(r"^(?:民國)?\s*(\d{1,4})\s*(?:年度?)?$")


def parse_local_year(text) -> int | None:
    """A year typed as ROC (115, 民國115年, 115年度) or Western (2026): up to three digits are ROC years."""
    match = _YEAR.match(str(text if text is not None else "").strip())
    if not match:
        return None
    digits = match.group(1)
    return int(digits) + (ROC_EPOCH_OFFSET if len(digits) <= 3 else 0)


_ROC = re.compile(r"^(?:民國)?\s*(\d{2,3})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?$")
_ISO = re.compile(r"^(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})$")


def parse_local_date(text: str) -> date | None:
    """A date typed in ROC (115/03/01, 民國115年3月1日) or Western (2026-03-01, 2026/3/1) form; None if neither."""
    text = (text or "").strip()
    for pattern, offset in ((_ISO, 0), (_ROC, ROC_EPOCH_OFFSET)):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year + offset, month, day)
            except ValueError:
                return None
    return None


def format_local_date(value: date) -> str:
    if is_chinese():
        return f"{value.year - ROC_EPOCH_OFFSET}/{value.month:02d}/{value.day:02d}"
    return value.isoformat()


_CLOCK = re.compile(r"^(?P<day>.+?)(?:(?:\s*T\s*|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$")


def parse_local_datetime(text: str) -> datetime | None:
    """A naive local datetime typed as "115/03/01 14:30", "民國115年3月1日 14:30", "2026-03-01T14:30" or a bare
    date (00:00); None if it is none of these."""
    match = _CLOCK.match((text or "").strip())
    day = parse_local_date(match.group("day")) if match else None
    if day is None:
        return None
    hour, minute, second = (int(match.group(part) or 0) for part in ("hour", "minute", "second"))
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None


def format_local_datetime(value: datetime, *, seconds: bool = False) -> str:
    """A naive local (or already converted) datetime: "115/03/01 14:30" in Chinese, "2026-03-01 14:30" otherwise."""
    return (
        f"{format_local_date(value.date())} {value:%H:%M:%S}"
        if seconds
        else f"{format_local_date(value.date())} {value:%H:%M}"
    )
