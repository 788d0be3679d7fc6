"""Form fields with the bounds of ``common.bounds``: every id, year, date and datetime a form accepts goes
through one of these (``tests/common/test_form_bounds.py`` checks every form of the project)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common import bounds

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
