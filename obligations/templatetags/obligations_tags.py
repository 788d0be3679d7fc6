"""Labels for obligation pages (no queries)."""

import re
from datetime import date

from django import template
from django.utils import translation

from obligations import rules
from obligations.forms import STATUS_LABELS

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(value, value))


@register.filter
def item_label(obligation) -> str:
    """The requirement's item (Chinese or English) or the ad-hoc title."""
    if obligation.adhoc_id:
        return obligation.adhoc.title
    requirement = obligation.requirement
    english = not (translation.get_language() or "").startswith("zh")
    return requirement.item_en if english and requirement.item_en else requirement.item_zh


@register.filter
def timing_label(requirement) -> str:
    from django.utils.translation import gettext as _

    if requirement.deadline_years:
        return _("within %(years)s years of approval") % {"years": requirement.deadline_years}
    return _("%(count)s every %(years)s years") % {
        "count": requirement.frequency_count,
        "years": requirement.frequency_years,
    }


@register.filter
def late_note(obligation, status: str = "") -> str:
    """``{{ o|late_note:o.display_status }}``: "逾期 10 個月後接受" for an item accepted (or submitted) after its
    due date; "" otherwise. Uses the obligation's own columns (no queries)."""
    from django.utils.translation import gettext as _

    from common.durations import spoken_lateness

    status = status or obligation.status
    if status not in (rules.ObligationStatus.ACCEPTED, rules.ObligationStatus.SUBMITTED):
        return ""
    late = spoken_lateness(obligation.due_at, obligation.status_changed_at)
    if not late:
        return ""
    if status == rules.ObligationStatus.ACCEPTED:
        return _("accepted %(late)s after the due date") % {"late": late}
    return _("submitted %(late)s after the due date") % {"late": late}


_ONE_OFF = re.compile(r"^within (\d+) y of level approval (\d{4}-\d{2}-\d{2})$")
_PERIODIC = re.compile(r"^(\d+) per (\d+) y, #(\d+): (\d{4}-\d{2}-\d{2}) \+ (\d+) months$")


@register.filter
def due_rule_label(text: str) -> str:
    """The stored due-date rule (obligations/rules/timing.py) as a sentence with local dates:
    "within 2 y of level approval 2024-01-29" → "等級核定（民國113年1月29日）後 2 年內"."""
    from django.utils.translation import gettext as _

    from common.templatetags.csma_dates import local_date
    from common.templatetags.csma_text import public_text

    one_off = _ONE_OFF.match(text or "")
    if one_off:
        years, anchor = one_off.groups()
        return _("within %(years)s years of the level approval on %(date)s") % {
            "years": years,
            "date": local_date(date.fromisoformat(anchor)),
        }
    periodic = _PERIODIC.match(text or "")
    if periodic:
        count, years, number, start, months = periodic.groups()
        return _("%(count)s times every %(years)s years; no. %(number)s is due %(months)s months after %(date)s") % {
            "count": count,
            "years": years,
            "number": number,
            "months": months,
            "date": local_date(date.fromisoformat(start)),
        }
    return public_text(text)


@register.filter
def condition_labels(conditions) -> str:
    """Stored requirement conditions (``has_mail_server``) as their labels."""
    from obligations.models.rulesets import Condition

    labels = dict(Condition.choices)
    return "、".join(str(labels.get(code, code)) for code in conditions or ())


@register.filter
def requirement_field_labels(names) -> str:
    """Changed requirement fields (``deadline_years``) as their verbose names."""
    from obligations.models import Requirement

    labels = []
    for name in names or ():
        try:
            labels.append(str(Requirement._meta.get_field(name).verbose_name))
        except Exception:  # noqa: BLE001 — a computed difference key: show it as it is
            labels.append(str(name))
    return "、".join(labels)
