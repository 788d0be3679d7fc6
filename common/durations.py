"""Durations as people say them: "1 天 4 小時" / "1 day 4 hours", not "1,680 minutes". Minutes are the
unit of the legal clocks; a day-long span drops the minutes, an hour-long span keeps them."""

from django.utils.translation import ngettext


def _days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _hours(n: int) -> str:
    return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}


def _minutes(n: int) -> str:
    return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}


def spoken_duration(minutes: int) -> str:
    """0 → "0 分鐘"; 125 → "2 小時 5 分鐘"; 1,680 → "1 天 4 小時" (in the active language)."""
    minutes = abs(int(minutes))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return " ".join([_days(days)] + ([_hours(hours)] if hours else []))
    if hours:
        return " ".join([_hours(hours)] + ([_minutes(mins)] if mins else []))
    return _minutes(mins)


def _months_between(start, end) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if (end.day, end.time()) < (start.day, start.time()) else months


def spoken_lateness(due, done) -> str:
    """How late ``done`` came after ``due`` (aware datetimes), as people say it: "10 個月", "3 天",
    "5 小時"; "" when it was not late."""
    if not due or not done or done <= due:
        return ""
    from common.roc import TAIPEI

    due, done = due.astimezone(TAIPEI), done.astimezone(TAIPEI)
    months = _months_between(due, done)
    if months >= 1:
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    minutes = int((done - due).total_seconds() // 60)
    if minutes >= 24 * 60:
        return _days(minutes // (24 * 60))
    return spoken_duration(minutes)
