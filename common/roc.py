"""Republic of China (民國) calendar formatting for Chinese pages and PDFs. Pure functions."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")
ROC_EPOCH_OFFSET = 1911


def roc_year(year: int) -> int:
    return year - ROC_EPOCH_OFFSET


def _to_taipei(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: store and pass timezone-aware datetimes")
        return value.astimezone(TAIPEI)
    return value


def roc_date(value: date | datetime) -> str:
    """2026-11-26 → 民國115年11月26日 (datetimes are first converted to Asia/Taipei)."""
    local = _to_taipei(value)
    return f"民國{roc_year(local.year)}年{local.month}月{local.day}日"


def roc_datetime(value: datetime) -> str:
    """2026-11-26T00:30Z → 民國115年11月26日 08:30."""
    local = _to_taipei(value)
    return f"{roc_date(local)} {local:%H:%M}"


def iso_date(value: date | datetime) -> str:
    return f"{_to_taipei(value):%Y-%m-%d}"


def iso_datetime(value: datetime) -> str:
    return f"{_to_taipei(value):%Y-%m-%d %H:%M}"
