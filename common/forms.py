"""Form fields of the project: bounded ids, years, dates and datetimes (``common.bounds``; every id, year,
date and datetime a form accepts goes through one of these, ``tests/common/test_form_bounds.py`` checks every
form), and ROC date inputs: ``RocDateField`` accepts "115/03/01", "民國115年3月1日" and "2026-03-01" alike,
shows "115/03/01" on Chinese pages (ISO on English ones), and is bounded like ``DateField``."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common import bounds
from common.roc import ROC_EPOCH_OFFSET

DATE_OUT_OF_RANGE = _("Enter a date between %(min)s and %(max)s.")


def _date_params() -> dict:
    return {"min": bounds.DATE_MIN.isoformat(), "max": bounds.DATE_MAX.isoformat()}


def validate_date_in_range(value) -> None:
    if value is not None and not bounds.date_in_range(value):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range", params=_date_params())


class IdField(forms.IntegerField):
    """A database id typed by hand or carried in a hidden field / query parameter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", bounds.ID_MAX)
        super().__init__(**kwargs)


class YearField(forms.IntegerField):
    """A compliance year (YEAR_MIN … YEAR_MAX)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", bounds.YEAR_MIN)
        kwargs.setdefault("max_value", bounds.YEAR_MAX)
        super().__init__(**kwargs)


class BoundedIntegerField(forms.IntegerField):
    """An integer that must say its range (counts, headcounts): ``max_value`` is required."""

    def __init__(self, *, max_value: int, min_value: int = 0, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class DateField(forms.DateField):
    """A date in DATE_MIN … DATE_MAX (民國元年 to 2100)."""

    default_validators = [validate_date_in_range]


class DateTimeField(forms.DateTimeField):
    """A datetime whose local date lies in DATE_MIN … DATE_MAX. Checked on the value in the current time zone,
    before anything converts it to UTC (0001-01-01 00:00 in Asia/Taipei has no UTC equivalent)."""

    def to_python(self, value):
        result = super().to_python(value)
        validate_date_in_range(result)
        return result


def _ids_or_error(field, values) -> list[int]:
    ids = []
    for value in values:
        number = bounds.parse_id(value)
        if number is None:
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        ids.append(number)
    return ids


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice whose submitted key is checked to be an id before the database is asked."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if (self.to_field_name or "pk") in ("pk", "id"):
            _ids_or_error(self, [value])
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several model choices, each key checked to be an id before the database is asked."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") in ("pk", "id"):
            try:
                values = list(value)
            except TypeError:
                values = []
            if not isinstance(value, str | bytes):
                _ids_or_error(self, values)
        return super()._check_values(value)


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
    default_validators = [validate_date_in_range]
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
