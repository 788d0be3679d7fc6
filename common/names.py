"""People's names as they are written: Chinese names family name first with no space (陳志明),
Western names given name first; the login name when no name is recorded."""

CJK_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))


def _is_cjk(text: str) -> bool:
    return any(low <= ch <= high for ch in text for low, high in CJK_RANGES)


def person_name(user) -> str:
    if user is None:
        return "—"
    family, given = (user.last_name or "").strip(), (user.first_name or "").strip()
    if not (family or given):
        return user.get_username()
    return f"{family}{given}" if _is_cjk(family + given) else f"{given} {family}".strip()
