"""Technical building blocks with no domain meaning."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class County(models.TextChoices):
    """Taiwan's special municipalities, counties and cities (直轄市、縣(市)): the unit in which a day off for a
    natural disaster (e.g. a typhoon, 停止上班) is declared."""

    TAIPEI = "taipei", _("Taipei City")  # 臺北市
    NEW_TAIPEI = "new_taipei", _("New Taipei City")  # 新北市
    TAOYUAN = "taoyuan", _("Taoyuan City")  # 桃園市
    TAICHUNG = "taichung", _("Taichung City")  # 臺中市
    TAINAN = "tainan", _("Tainan City")  # 臺南市
    KAOHSIUNG = "kaohsiung", _("Kaohsiung City")  # 高雄市
    KEELUNG = "keelung", _("Keelung City")  # 基隆市
    HSINCHU_CITY = "hsinchu_city", _("Hsinchu City")  # 新竹市
    CHIAYI_CITY = "chiayi_city", _("Chiayi City")  # 嘉義市
    HSINCHU_COUNTY = "hsinchu_county", _("Hsinchu County")  # 新竹縣
    MIAOLI = "miaoli", _("Miaoli County")  # 苗栗縣
    CHANGHUA = "changhua", _("Changhua County")  # 彰化縣
    NANTOU = "nantou", _("Nantou County")  # 南投縣
    YUNLIN = "yunlin", _("Yunlin County")  # 雲林縣
    CHIAYI_COUNTY = "chiayi_county", _("Chiayi County")  # 嘉義縣
    PINGTUNG = "pingtung", _("Pingtung County")  # 屏東縣
    YILAN = "yilan", _("Yilan County")  # 宜蘭縣
    HUALIEN = "hualien", _("Hualien County")  # 花蓮縣
    TAITUNG = "taitung", _("Taitung County")  # 臺東縣
    PENGHU = "penghu", _("Penghu County")  # 澎湖縣
    KINMEN = "kinmen", _("Kinmen County")  # 金門縣
    LIENCHIANG = "lienchiang", _("Lienchiang County")  # 連江縣


COUNTY_NAMES_ZH = {
    "臺北市": County.TAIPEI, "新北市": County.NEW_TAIPEI, "桃園市": County.TAOYUAN, "臺中市": County.TAICHUNG,
    "臺南市": County.TAINAN, "高雄市": County.KAOHSIUNG, "基隆市": County.KEELUNG, "新竹市": County.HSINCHU_CITY,
    "嘉義市": County.CHIAYI_CITY, "新竹縣": County.HSINCHU_COUNTY, "苗栗縣": County.MIAOLI,
    "彰化縣": County.CHANGHUA, "南投縣": County.NANTOU, "雲林縣": County.YUNLIN, "嘉義縣": County.CHIAYI_COUNTY,
    "屏東縣": County.PINGTUNG, "宜蘭縣": County.YILAN, "花蓮縣": County.HUALIEN, "臺東縣": County.TAITUNG,
    "澎湖縣": County.PENGHU, "金門縣": County.KINMEN, "連江縣": County.LIENCHIANG,
}  # fmt: skip


def county_from_address(address: str) -> str:
    """The county an address starts with ("台" spelled either way, postcode digits ignored); "" if none."""
    text = address.strip().lstrip("0123456789 ").replace("台", "臺")
    return next((code for name, code in COUNTY_NAMES_ZH.items() if text.startswith(name)), "")


class RuleVersion(BaseModel):
    """The lifecycle of versioned rule data (the law as data): draft → published → retired, each version linked
    to the one it replaces. Published versions are immutable; a change is a new version (docs/architecture.md).
    Obligations' rule sets and incident rule sets derive from it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class EventRecord(AppendOnlyModel):
    """The shape of an event row (common/events.py writes it): who, when, through which channel and address,
    before/after and details as JSON. An app's event model derives from it, adds ``kind`` with its own choices
    and its subject foreign keys, and may override ``channel``'s default."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, default="web")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    before = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        abstract = True


class CalendarDay(BaseModel):
    """An administrator's correction to the Taiwan calendar from the ``holidays`` package: a make-up
    workday (補行上班), an extra day off (e.g. a typhoon day off, 停止上班), or a holiday the package lacks.
    Used by common.calendar for 行政程序法 §48 period ends. A correction is nationwide (county blank) or
    limited to one city/county (a typhoon day off is declared per city/county): one row per county, and a
    county's row wins over the nationwide row of the same day."""

    class Kind(models.TextChoices):
        WORKDAY = "workday", _("Working day (make-up workday)")
        REST_DAY = "rest_day", _("Rest day (holiday or day off)")

    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    county = models.CharField(
        _("city/county"),
        max_length=20,
        choices=County.choices,
        blank=True,
        help_text=_("Leave blank for a nationwide correction; choose a city/county for a local day off."),
    )

    class Meta:
        ordering = ["day", "county"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [models.UniqueConstraint(fields=["day", "county"], name="calendarday_one_per_day_county")]

    def __str__(self) -> str:
        where = f" ({self.get_county_display()})" if self.county else ""
        return f"{self.day} {self.name}{where}"


class OutboundNotification(BaseModel):
    """The one mail outbox (common/outbox.py): written in the same transaction as the change it announces,
    delivered after commit by a task and retried by the minute sweep until sent, so a notification is never
    lost when e-mail or the broker is down, and never sent twice (a lease claims each row before sending).
    ``source`` is what the notification is about (an incident, an audit, …), for the sender's own queries.
    A ``secret`` body (a one-time link) is never shown in the admin and is erased once sent."""

    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    topic = models.CharField(max_length=40)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    secret = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outbound notification")
        verbose_name_plural = _("outbound notifications")
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(sent_at__isnull=True), name="mail_outbox_pending"),
            models.Index(fields=["source_type", "source_id"], name="mail_outbox_source"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} → {len(self.recipients)}"
