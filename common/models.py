"""Technical building blocks with no domain meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """An event row was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")


class AppendOnlyModel(models.Model):
    """History rows: inserted once, never updated or deleted through the ORM, admin or API.

    Retention beyond the configured years is handled by an explicit, logged command, never silently.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class CalendarDay(BaseModel):
    """An administrator's correction to the Taiwan calendar from the ``holidays`` package: a make-up
    workday (補行上班), an extra day off (e.g. a national typhoon day off, 停止上班), or a holiday the
    package lacks. Used by common.calendar for 行政程序法 §48 period ends."""

    class Kind(models.TextChoices):
        WORKDAY = "workday", _("Working day (make-up workday)")
        REST_DAY = "rest_day", _("Rest day (holiday or day off)")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
