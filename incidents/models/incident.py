"""The incident notification (資通安全事件通報) and its clocks (absolute UTC deadlines with the rule)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from incidents.models.rulesets import IncidentRuleSet
from incidents.rules import (
    Availability,
    ClockKind,
    Dimension,
    IncidentLevel,
    IncidentStatus,
    InformationScope,
    OperationScope,
    Severity,
)


class IncidentType(models.TextChoices):
    """National incident categories (N-CERT / 資安院 statistics, CSMA.md §13–14)."""

    INTRUSION = "intrusion", _("Intrusion attack")  # 入侵攻擊 / 非法入侵
    DENIAL_OF_SERVICE = "dos", _("Denial of service")  # 服務阻斷
    MALWARE = "malware", _("Malware")  # 惡意程式
    WEB_ATTACK = "web_attack", _("Web page attack")  # 網頁攻擊
    DATA_LEAK = "data_leak", _("Data leak")  # 資料外洩
    EQUIPMENT = "equipment", _("Equipment failure")  # 設備問題
    OTHER = "other", _("Other")  # 其他


class ReportChannel(models.TextChoices):
    """Art 4 ¶3 / Art 11 ¶3: another appropriate means when the designated channel is unavailable."""

    WEB = "web", _("This system")
    PHONE = "phone", _("Telephone (back-filled)")
    EMAIL = "email", _("E-mail (back-filled)")
    FAX = "fax", _("Fax (back-filled)")


class Incident(BaseModel):
    # 1. 發生機關
    agency = models.ForeignKey(
        "infrastructure.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="incidents"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=24, choices=IncidentStatus.choices, default=IncidentStatus.DRAFT, db_index=True
    )
    incident_type = models.CharField(_("incident type"), max_length=20, choices=IncidentType.choices)
    # 2. 發生或知悉時間
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    aware_at = models.DateTimeField(_("aware at (clock start)"))
    # 3. 狀況之描述
    description = models.TextField(_("description of the situation"))
    # 4. 等級之評估 (decision table answers per dimension — Art 2 ¶2–5, subparagraphs 1–3 —, proposal, level)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=10, choices=Severity.choices, default=Severity.NONE
    )
    confidentiality_scope = models.CharField(
        _("information leaked"), max_length=10, choices=InformationScope.choices, default=InformationScope.NON_CORE
    )
    integrity = models.CharField(_("integrity"), max_length=10, choices=Severity.choices, default=Severity.NONE)
    integrity_scope = models.CharField(
        _("information or system tampered with"),
        max_length=10,
        choices=InformationScope.choices,
        default=InformationScope.NON_CORE,
    )
    availability = models.CharField(
        _("availability"), max_length=15, choices=Availability.choices, default=Availability.NONE
    )
    availability_scope = models.CharField(
        _("operation affected"), max_length=10, choices=OperationScope.choices, default=OperationScope.NON_CORE
    )
    proposed_level = models.PositiveSmallIntegerField(
        _("proposed level"), choices=IncidentLevel.choices, null=True, blank=True
    )
    level_criterion = models.CharField(_("deciding criterion"), max_length=120, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=IncidentLevel.choices, db_index=True)
    # The level the latest notification states (Art 5 ¶1 / 12 ¶1: its review period follows it, counted from
    # that notification's receipt); ``level`` is the level in force (the reviewer's decision once reviewed).
    notified_level = models.PositiveSmallIntegerField(
        _("level as notified"), choices=IncidentLevel.choices, null=True, blank=True
    )
    level_reason = models.TextField(_("reason for another level"), blank=True)
    # 5. 因應事件所採取之措施, 6. 外部支援需求評估, 7. 其他相關事項
    measures_taken = models.TextField(_("measures taken"))
    external_support_needed = models.BooleanField(_("external support needed"), default=False)
    external_support = models.TextField(_("assessment of external support needs"), blank=True)
    other_matters = models.TextField(_("other relevant matters"), blank=True)
    affected_systems = models.ManyToManyField(
        "infrastructure.InformationSystem", verbose_name=_("affected systems"), blank=True, related_name="incidents"
    )
    # Receipt: the instant the notification was made (for a fallback, the original phone/e-mail time).
    channel = models.CharField(_("channel"), max_length=8, choices=ReportChannel.choices, default=ReportChannel.WEB)
    fallback_reason = models.TextField(_("why the designated channel was not used"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True, db_index=True)
    is_late = models.BooleanField(_("reported late"), default=False)
    late_reason = models.TextField(_("reason for the late report"), blank=True)
    rule_set = models.ForeignKey(
        IncidentRuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="incidents"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(_("review basis"), blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True, db_index=True)
    recovered_at = models.DateTimeField(_("recovered at"), null=True, blank=True)
    report_accepted_at = models.DateTimeField(_("report accepted at"), null=True, blank=True)
    # SNGA level 3–4: the sector regulator sends the reviewed report on to the competent authority (Art 13 ¶5).
    report_forwarded_at = models.DateTimeField(_("report sent on to the competent authority at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Its rows in the common outbox (OutboundNotification.objects.filter(incident=…)); no column of its own.
    notifications = GenericRelation(
        "common.OutboundNotification",
        content_type_field="source_type",
        object_id_field="source_id",
        related_query_name="incident",
    )

    class Meta:
        ordering = ["-aware_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        permissions = [
            ("view_all_incidents", "Can view every incident (competent authority)"),
            ("view_forwarded_incidents", "Can view incidents forwarded to the competent authority"),
            ("rereview_incident", "Can re-review and change the level of any incident"),
            ("manage_drills", "Can assign and track drills"),
        ]
        indexes = [models.Index(fields=["agency", "-aware_at"]), models.Index(fields=["level", "aware_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True) | Q(occurred_at__lte=F("aware_at")),
                name="incident_occurred_before_aware",
            ),
            models.CheckConstraint(
                condition=Q(recovered_at__isnull=True) | Q(recovered_at__gte=F("aware_at")),
                name="incident_recovered_after_aware",
            ),
            models.CheckConstraint(
                condition=Q(reported_at__isnull=True) | Q(reported_at__gte=F("aware_at")),
                name="incident_reported_after_aware",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="incident_level_range"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def impact_lines(self) -> list[tuple[str, str]]:
        """The Art 2 assessment per dimension, as people read it: (dimension, "how badly · what")."""
        lines = []
        for dimension in Dimension:
            severity = getattr(self, dimension.value)
            if severity == Severity.NONE:  # Availability.NONE is the same value
                lines.append((str(dimension.label), str(Severity.NONE.label)))
                continue
            scope = getattr(self, f"get_{dimension.value}_scope_display")()
            lines.append((str(dimension.label), f"{getattr(self, f'get_{dimension.value}_display')()} · {scope}"))
        return lines


class IncidentClock(BaseModel):
    """One legal deadline of an incident as an absolute UTC instant, with the rule that set it. The sweep
    reads only open clocks through partial indexes, so "overdue" is one indexed query."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField(_("clock"), max_length=12, choices=ClockKind.choices)
    started_at = models.DateTimeField(_("counted from"))
    due_at = models.DateTimeField(_("due at"))
    citation = models.CharField(_("legal basis"), max_length=300)
    met_at = models.DateTimeField(_("done at"), null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("incident clock")
        verbose_name_plural = _("incident clocks")
        constraints = [models.UniqueConstraint(fields=["incident", "kind"], name="one_clock_per_kind")]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(met_at__isnull=True, escalated_at__isnull=True),
                name="clock_open_unescalated",
            ),
            models.Index(
                fields=["kind", "due_at"],
                condition=Q(met_at__isnull=True, warned_at__isnull=True),
                name="clock_open_unwarned",
            ),
            models.Index(fields=["due_at"], condition=Q(met_at__isnull=True), name="clock_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"
