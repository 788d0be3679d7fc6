"""People's names as they are written: Chinese names family name first with no space (陳雅婷), Western
names given name first (Jane Doe). Pure functions."""

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def full_name(*, family: str, given: str) -> str:
    family, given = (family or "").strip(), (given or "").strip()
    if _CJK.search(family + given):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)


def person_name(user) -> str:
    """The user's name, or the username when no name is recorded; "" for no user."""
    if user is None:
        return ""
    name = full_name(family=getattr(user, "last_name", ""), given=getattr(user, "first_name", ""))
    return name or user.get_username()
