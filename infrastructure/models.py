"""Registry of regulated bodies: agencies, sectors, CI designations, responsibility levels, registry imports and
the registry's events; contacts, reorganisations and information systems are in ``agency_records`` (imported
here, so ``infrastructure.models`` names every model of the app).

Legal basis: 資通安全管理法 (2018 Art 3; 2025 Art 3) for agency kinds, 資通安全責任等級分級辦法
(2021-08-23, Arts 3-11) for responsibility levels, 施行細則 2021 Art 7 for core systems.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, County, EventRecord
from infrastructure.agency_records import AgencyContact, InformationSystem, Reorganisation  # noqa: F401


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("Government agency")  # 公務機關
    SPECIFIC_NON_GOVERNMENT = "sngo", _("Specific non-government agency")  # 特定非公務機關


class SNGACategory(models.TextChoices):
    """2025 Act Art 3 categories of specific non-government agencies."""

    CI_PROVIDER = "ci_provider", _("Critical infrastructure provider")  # 關鍵基礎設施提供者
    STATE_OWNED = "state_owned", _("State-owned enterprise")  # 公營事業
    DESIGNATED_FOUNDATION = "foundation", _("Designated foundation")  # 特定財團法人
    GOVERNMENT_CONTROLLED = "controlled", _("Government-controlled entity")  # 受政府控制之事業、團體或機構


class ResponsibilityLevel(models.TextChoices):
    A = "A", _("Level A")
    B = "B", _("Level B")
    C = "C", _("Level C")
    D = "D", _("Level D")
    E = "E", _("Level E")


class Sector(BaseModel):
    """A critical-infrastructure sector (關鍵基礎設施領域); the list is editable by administrators."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name_zh


class Agency(BaseModel):
    """A regulated body. ``path`` is a materialised path of zero-padded ids ("00000001.00000042.")."""

    name = models.CharField(_("name"), max_length=200, db_index=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    oid = models.CharField(_("government OID"), max_length=120, unique=True, null=True, blank=True)
    org_code = models.CharField(_("organisation code"), max_length=40, unique=True, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.GOVERNMENT)
    sngo_category = models.CharField(_("SNGA category"), max_length=20, choices=SNGACategory.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("superior agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=600, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    regulator = models.ForeignKey(
        "self",
        verbose_name=_("sector regulator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regulated_agencies",
        help_text=_("Central competent authority (中央目的事業主管機關) of a specific non-government agency."),
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="agencies")
    address = models.CharField(_("address"), max_length=300, blank=True)
    county = models.CharField(
        _("city/county"),
        max_length=20,
        choices=County.choices,
        blank=True,
        help_text=_("Its periods follow this city's/county's days off (e.g. a typhoon day off)."),
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    dn = models.CharField(_("directory name (DN)"), max_length=600, blank=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        # Object permissions granted per agency by access/grants.py (roles in access/policy.py).
        permissions = [
            ("supervise_subtree", "Can supervise the agencies below (superior agency)"),
            ("regulate_sector_agencies", "Can supervise the agencies it regulates (sector regulator)"),
            ("act_for_agency", "Can file and submit for the agency (security officer)"),
            ("propose_level", "Can propose responsibility levels"),
            ("approve_level", "Can approve responsibility levels"),
            ("designate_ci_provider", "Can designate critical-infrastructure providers"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="sngo") | Q(sngo_category=""), name="agency_category_only_for_sngo"
            ),
        ]
        indexes = [models.Index(fields=["kind", "is_active"]), models.Index(fields=["regulator", "is_active"])]

    def __str__(self) -> str:
        return self.name


class CIDesignation(BaseModel):
    """Designation of a critical-infrastructure provider (2018 Act Art 16; 2025 Act Arts 3, 20; 施行細則 Art 9)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="ci_designations")
    designated_by = models.ForeignKey(
        Agency, verbose_name=_("designating regulator"), on_delete=models.PROTECT, related_name="+"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="designations")
    designated_on = models.DateField(_("designated on"))
    approved_on = models.DateField(_("approved on (Executive Yuan)"), null=True, blank=True)
    notified_on = models.DateField(_("written notice on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-designated_on"]
        verbose_name = _("CI designation")
        verbose_name_plural = _("CI designations")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("designated_on")),
                name="designation_withdrawn_after_designated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.designated_on})"


class LevelCycleRule(BaseModel):
    """How often a responsibility level must be re-approved: rule data with effective dates.

    Every 2 years (分級辦法 Art 3, 2018-11-21 text in force 2019-01-01, unchanged in 2019 and 2021) [P]; 2026
    rules: every 3 years [W] (CSMA.md §4.2, §5.2). ``promulgated_on`` is the 發布 date; "自發布日施行" takes effect
    on the third day counting the promulgation day (中央法規標準法 §13), so ``effective_from`` is two days later.
    """

    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), unique=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    cycle_years = models.PositiveSmallIntegerField(_("re-approval cycle (years)"))
    citation = models.CharField(_("legal basis"), max_length=300)
    marker = models.CharField(_("verification"), max_length=3, default="[P]")

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("level re-approval rule")
        verbose_name_plural = _("level re-approval rules")

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.cycle_years} {self.citation}"


class LevelRoute(models.TextChoices):
    """分級辦法 Art 3: approved by the competent authority (¶II–IV), decided by the Presidential Office, the NSC or
    one of the Legislative/Judicial/Examination/Control Yuan and filed for reference (¶V), or its own (¶I)."""

    APPROVAL = "approval", _("Submitted for the competent authority's approval")  # 報主管機關核定
    RECORDATION = "recordation", _("Decided by the agency and filed with the competent authority")  # 送主管機關備查
    OWN = "own", _("Decided by the agency itself")  # 核定自身


class LevelDecision(BaseModel):
    """One step of an agency's responsibility-level history (分級辦法 Arts 3-10)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="level_decisions")
    level = models.CharField(_("level"), max_length=1, choices=ResponsibilityLevel.choices)
    criteria = models.JSONField(_("criteria met"), default=list, blank=True)
    adjustment_reason = models.TextField(_("adjustment reason (Art 10)"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    reapproval_due = models.DateField(_("re-approval due"), null=True, blank=True)
    cycle_rule = models.ForeignKey(LevelCycleRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(_("procedure"), max_length=12, choices=LevelRoute.choices, default=LevelRoute.APPROVAL)
    deciding_agency = models.ForeignKey(
        Agency,
        verbose_name=_("deciding agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Blank: the competent authority approves."),
    )
    filed_at = models.DateTimeField(_("filed with the competent authority at"), null=True, blank=True)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)

    class Meta:
        ordering = ["-effective_from", "-proposed_at"]
        verbose_name = _("level decision")
        verbose_name_plural = _("level decisions")
        indexes = [models.Index(fields=["agency", "status", "effective_from"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(effective_from__isnull=False, decided_at__isnull=False),
                name="approved_level_has_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.level} ({self.get_status_display()})"


class RegistryImport(BaseModel):
    """One roster file uploaded for import: preview, then apply (in a Celery task when large)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        INVALID = "invalid", _("Invalid")
        PREVIEWED = "previewed", _("Previewed")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(_("format"), max_length=10, default="auto")
    deactivate_missing = models.BooleanField(_("deactivate missing agencies"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")

    def __str__(self) -> str:
        return self.original_name


class AgencyEvent(EventRecord):
    """Append-only history of every change to the registry (who, when, what, before/after, from where)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        MOVED = "moved", _("Moved in hierarchy")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        LEVEL_PROPOSED = "level_proposed", _("Level proposed")
        LEVEL_SUBMITTED = "level_submitted", _("Level submitted")
        LEVEL_APPROVED = "level_approved", _("Level approved")
        LEVEL_REJECTED = "level_rejected", _("Level rejected")
        LEVEL_FILED = "level_filed", _("Level filed with the competent authority")
        CONTACT_SET = "contact_set", _("Contact added")
        CONTACT_ENDED = "contact_ended", _("Contact ended")
        SYSTEM_SET = "system_set", _("Information system recorded")
        DESIGNATED = "designated", _("Designated CI provider")
        DESIGNATION_WITHDRAWN = "designation_withdrawn", _("CI designation withdrawn")
        REORGANISED = "reorganised", _("Reorganised")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        ADMIN = "admin", _("Admin")
        CLI = "cli", _("Command line")
        API = "api", _("API")
        IMPORT = "import", _("Import")
        SYSTEM = "system", _("System")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.SYSTEM)
    registry_import = models.ForeignKey(
        RegistryImport, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("registry event")
        verbose_name_plural = _("registry events")
        indexes = [models.Index(fields=["agency", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"
