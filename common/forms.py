"""Form fields of the project: bounded ids, years, dates and datetimes (``common.bounds``; every id, year,
date and datetime a form accepts goes through one of these, ``tests/common/test_form_bounds.py`` checks every
form), and the ROC inputs of issue 13, the one copy every form uses: ``RocDateField`` accepts "115/03/01",
"民國115年3月1日" and "2026-03-01" alike and shows "115/03/01" on Chinese pages (ISO on English ones);
``RocDateTimeField`` does the same with a time ("115/03/01 14:30", Asia/Taipei); ``YearField`` accepts "115",
"民國115年" or "2026" and shows 115 on Chinese pages. All are bounded like ``DateField``."""

from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _

from common import bounds
from common.localdates import (  # noqa: F401 — re-exported: the parsers and formatters live below the forms
    format_local_date,
    format_local_datetime,
    is_chinese,
    parse_local_date,
    parse_local_datetime,
    parse_local_year,
)
from common.roc import ROC_EPOCH_OFFSET, roc_date

DATE_OUT_OF_RANGE = _("Enter a date between %(min)s and %(max)s.")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ``ValidationError`` onto the form: under its field when the form has that field, else on
    top of the form (``common.views.run_form`` does this for every page)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _date_params() -> dict:
    shown = roc_date if is_chinese() else date.isoformat
    return {"min": shown(bounds.DATE_MIN), "max": shown(bounds.DATE_MAX)}


def validate_date_in_range(value) -> None:
    if value is not None and not bounds.date_in_range(value):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range", params=_date_params())


class IdField(forms.IntegerField):
    """A database id typed by hand or carried in a hidden field / query parameter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", bounds.ID_MAX)
        super().__init__(**kwargs)


class RocYearInput(forms.TextInput):
    """Shows 115 on Chinese pages (the label or the sentence says 民國…年), 2026 on English ones."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", "115" if is_chinese() else "2026")
        return context

    def format_value(self, value):
        year = value if isinstance(value, int) else parse_local_year(value)  # also what was typed or linked
        if year is None or isinstance(value, bool):
            return super().format_value(value)
        return str(year - ROC_EPOCH_OFFSET) if is_chinese() and year > ROC_EPOCH_OFFSET else str(year)


class YearField(forms.IntegerField):
    """A compliance year (YEAR_MIN … YEAR_MAX), typed as an ROC or a Western year."""

    widget = RocYearInput
    default_error_messages = {
        "invalid": _("Enter a year as 115 (ROC year) or 2026."),
        "year_out_of_range": _("Enter a year between %(min)s and %(max)s."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", bounds.YEAR_MIN)
        kwargs.setdefault("max_value", bounds.YEAR_MAX)
        super().__init__(**kwargs)
        self.validators = [self._validate_range]  # the range said in the page's calendar, not Django's "≥ 2018"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        year = parse_local_year(value)
        if year is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return year

    def _validate_range(self, value) -> None:
        if value is not None and not self.min_value <= value <= self.max_value:
            from common.templatetags.csma_dates import local_year_label

            raise ValidationError(
                self.error_messages["year_out_of_range"],
                code="year_out_of_range",
                params={"min": local_year_label(self.min_value), "max": local_year_label(self.max_value)},
            )


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
        return in_utc(result)


def in_utc(value: datetime | None) -> datetime | None:
    """An aware datetime as the same instant in UTC. Python accepts offsets up to ±23:59, PostgreSQL only
    up to ±15:59: "2026-03-01T10:00+19:06" is a valid instant, and must reach the database in UTC."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC)


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


class RocDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 12, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", "115/03/01" if is_chinese() else "2026-03-01")
        return context

    def format_value(self, value):
        if isinstance(value, str):  # what was typed or linked, shown back in the page's calendar if it parses
            value = parse_local_date(value) or value
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


class RocDateTimeInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "size": 18, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", "115/03/01 14:30" if is_chinese() else "2026-03-01 14:30")
        return context

    def format_value(self, value):
        if isinstance(value, str):
            value = parse_local_datetime(value) or value
        return format_local_datetime(value) if isinstance(value, datetime) else super().format_value(value)


class RocDateTimeField(forms.DateTimeField):
    """A date and time in Asia/Taipei (the current time zone), typed in ROC or Western form; bounded like
    ``DateTimeField`` (checked on the local value, before it becomes aware)."""

    widget = RocDateTimeInput
    default_error_messages = {"invalid": _("Enter a date and time as 115/03/01 14:30 (ROC year) or 2026-03-01 14:30.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return from_current_timezone(value)
        parsed = parse_local_datetime(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        validate_date_in_range(parsed)
        return from_current_timezone(parsed)
