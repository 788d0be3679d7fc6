"""The one table of roles → permissions. Granting happens only in access/grants.py.

Regulator-wide roles are Django groups holding global permissions; agency-scoped roles are guardian
object permissions on the Agency they belong to. What a scoped role sees beyond its own agency is
derived in access/selectors.py (subtree through the registry path, sector agencies through the
regulator link), never copied onto every row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("System administrator")
    COMPETENT_AUTHORITY = "competent_authority", _("Competent authority staff")  # 主管機關 (MODA/ACS)
    SECTOR_REGULATOR = "sector_regulator", _("Sector regulator staff")  # 中央目的事業主管機關
    SUPERIOR_AGENCY = "superior_agency", _("Superior agency staff")  # 上級機關
    SECURITY_OFFICER = "security_officer", _("Agency security officer")
    AGENCY_VIEWER = "agency_viewer", _("Agency viewer")
    AUDITOR = "auditor", _("Auditor")
    OBSERVER = "observer", _("Observer")


# Object permissions on Agency (declared in infrastructure.models.Agency.Meta.permissions).
VIEW = "view_agency"
SUPERVISE_SUBTREE = "supervise_subtree"
REGULATE_SECTOR = "regulate_sector_agencies"
ACT_FOR_AGENCY = "act_for_agency"
PROPOSE_LEVEL = "propose_level"
DESIGNATE_CI = "designate_ci_provider"

AGENCY_ROLE_PERMS: dict[str, tuple[str, ...]] = {
    Role.SECTOR_REGULATOR: (VIEW, REGULATE_SECTOR, DESIGNATE_CI),
    Role.SUPERIOR_AGENCY: (VIEW, SUPERVISE_SUBTREE, PROPOSE_LEVEL),
    Role.SECURITY_OFFICER: (VIEW, ACT_FOR_AGENCY),
    Role.AGENCY_VIEWER: (VIEW,),
}

_REGISTRY_READ = ("infrastructure.view_agency", "infrastructure.view_registryimport")
_REGULATOR_WRITE = (
    "infrastructure.add_registryimport",
    "infrastructure.change_agency",
    "infrastructure.approve_level",
    "infrastructure.propose_level",
    "infrastructure.designate_ci_provider",
    "access.view_event_log",
    "access.invite_user",
)

# --- obligations: global permissions of the competent authority (and administrators) ---
_OBLIGATIONS_REGULATOR: tuple[str, ...] = (
    "obligations.review_obligation",
    "obligations.assign_adhoc_obligation",
    "obligations.set_filing_deadline",
)
# --- incidents: global permissions of the competent authority (and administrators) and observers ---
INCIDENT_VIEW_ALL = "incidents.view_all_incidents"
INCIDENT_VIEW_FORWARDED = "incidents.view_forwarded_incidents"
INCIDENT_REREVIEW = "incidents.rereview_incident"
INCIDENT_MANAGE_DRILLS = "incidents.manage_drills"
_INCIDENTS_REGULATOR: tuple[str, ...] = (
    INCIDENT_VIEW_ALL,
    INCIDENT_VIEW_FORWARDED,
    INCIDENT_REREVIEW,
    INCIDENT_MANAGE_DRILLS,
)
_INCIDENTS_OBSERVER: tuple[str, ...] = (INCIDENT_VIEW_FORWARDED,)
# --- audits: the competent authority plans and audits everywhere (稽核辦法 Art 3; 2026 Art 5) ---
_AUDITS_REGULATOR: tuple[str, ...] = ("audits.manage_audits", "audits.view_all_audits")
# Per-audit grant of a team member (object permission on the Audit, given in access/grants.py).
CONDUCT_AUDIT = "audits.conduct_audit"
# --- reports: every report of every subject (national overview, all sectors); others are scoped ---
_REPORTS_REGULATOR: tuple[str, ...] = ("reports.view_all_reports",)
# --- open data: the competent authority alone prepares, reviews and publishes (docs/open-data.md) ---
_OPENDATA_REGULATOR: tuple[str, ...] = ("opendata.manage_open_data",)

# Global permissions held by the group of each regulator-wide role.
GROUP_ROLE_PERMS: dict[str, tuple[str, ...]] = {
    Role.ADMINISTRATOR: _REGISTRY_READ
    + _REGULATOR_WRITE
    + _OBLIGATIONS_REGULATOR
    + _INCIDENTS_REGULATOR
    + _AUDITS_REGULATOR
    + _REPORTS_REGULATOR
    + ("access.manage_users", "access.manage_rule_data"),
    Role.COMPETENT_AUTHORITY: _REGISTRY_READ
    + _REGULATOR_WRITE
    + _OBLIGATIONS_REGULATOR
    + _INCIDENTS_REGULATOR
    + _AUDITS_REGULATOR
    + _REPORTS_REGULATOR
    + _OPENDATA_REGULATOR,
    Role.AUDITOR: (),  # sees exactly the audits whose team they are on (CONDUCT_AUDIT object grants)
    Role.OBSERVER: _INCIDENTS_OBSERVER,
}

AGENCY_SCOPED_ROLES = frozenset(AGENCY_ROLE_PERMS)
GROUP_ROLES = frozenset(GROUP_ROLE_PERMS)

# TOTP is required for these roles; optional for agency roles (issue #3).
MFA_REQUIRED_ROLES = frozenset({Role.ADMINISTRATOR, Role.COMPETENT_AUTHORITY, Role.SECTOR_REGULATOR})

# Roles a sector regulator / superior agency may invite for agencies they can see.
INVITABLE_BY_SCOPED_STAFF = frozenset({Role.SECURITY_OFFICER, Role.AGENCY_VIEWER})


def group_name(role: str) -> str:
    return f"csma:{role}"
