"""Bounded parsing of what a user sends (query parameters, form values, URL parts): the one place that says
how large an id, how far a date and which year csma accepts. Pure functions; the form fields in
``common.forms`` use them.

Why bounds: an id beyond 64 bits overflows the database driver, a year 0 or 99999 overflows date arithmetic
(deadlines are computed by adding days and months), and 0001-01-01 00:00 in Asia/Taipei is before the first
representable UTC instant. Each of these used to be a server error (issue 9).
"""

from datetime import date, datetime

ID_MAX = 2**63 - 1  # BigAutoField / PostgreSQL bigint / SQLite INTEGER
# Dates: from 民國元年 (1912) to 2100 (民國189年) — every date an agency record, a deadline or an event can carry.
DATE_MIN = date(1912, 1, 1)
DATE_MAX = date(2100, 12, 31)
# Compliance years (filings, obligations, drills, national views): the Act was promulgated on 2018-06-06.
YEAR_MIN = 2018
YEAR_MAX = DATE_MAX.year
PAGE_MAX = 1_000_000


def parse_int(value, *, minimum: int, maximum: int) -> int | None:
    """``value`` as an integer in [minimum, maximum]; None when it is missing, not an integer or out of range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text or len(text) > 20 or not (text.isascii() and text.lstrip("+-").isdigit()):
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A database id (1 … 2⁶³−1), or None."""
    return parse_int(value, minimum=1, maximum=ID_MAX)


def parse_year(value) -> int | None:
    """A compliance year (YEAR_MIN … YEAR_MAX), or None."""
    return parse_int(value, minimum=YEAR_MIN, maximum=YEAR_MAX)


def parse_page(value) -> int:
    """A page number for a paginator: 1 when missing or out of range."""
    return parse_int(value, minimum=1, maximum=PAGE_MAX) or 1


def date_in_range(value: date | datetime) -> bool:
    """Whether a date (or a datetime, read in its own time zone) lies in DATE_MIN … DATE_MAX."""
    day = value.date() if isinstance(value, datetime) else value
    return DATE_MIN <= day <= DATE_MAX
