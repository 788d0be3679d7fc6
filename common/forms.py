"""Date inputs that speak ROC years in Chinese: ``RocDateField`` accepts "115/03/01", "民國115年3月1日" and
"2026-03-01" alike, and shows the value as "115/03/01" on Chinese pages (ISO on English ones). A text input,
not the browser's date picker, which can only show Western years."""

import re
from datetime import date

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.roc import ROC_EPOCH_OFFSET

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
    if (translation.get_language() or "").startswith("zh"):
        return f"{value.year - ROC_EPOCH_OFFSET}/{value.month:02d}/{value.day:02d}"
    return value.isoformat()


class RocDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 12, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault(
            "placeholder", "115/03/01" if (translation.get_language() or "").startswith("zh") else "2026-03-01"
        )
        return context

    def format_value(self, value):
        return format_local_date(value) if isinstance(value, date) else super().format_value(value)


class RocDateField(forms.DateField):
    widget = RocDateInput
    default_error_messages = {"invalid": _("Enter a date as 115/03/01 (ROC year) or 2026-03-01.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        parsed = parse_local_date(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed
