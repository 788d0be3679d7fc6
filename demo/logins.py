"""Demo logins, one per role, wired to demo agencies (``seed_demo``). Demo data only: the passwords
and TOTP secrets are public."""

import base64
import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from access import grants
from access.mfa import mfa_required_for
from access.policy import MFA_REQUIRED_ROLES, Role
from infrastructure.models import Agency

DEMO_PASSWORD = "csma-demo-2026!"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    agency: str  # agency name ("" for regulator-wide roles)
    last_name: str
    first_name: str
    email: str
    superuser: bool = False


DEMO_LOGINS = (
    DemoLogin("admin", Role.ADMINISTRATOR, "", "系統", "管理員", "admin@moda.gov.tw", superuser=True),
    DemoLogin("regulator", Role.COMPETENT_AUTHORITY, "", "陳", "雅婷", "regulator@moda.gov.tw"),
    DemoLogin("moea", Role.SECTOR_REGULATOR, "經濟部", "林", "志明", "security@moea.gov.tw"),
    DemoLogin("mof", Role.SUPERIOR_AGENCY, "財政部", "劉", "美玲", "security@mail.mof.gov.tw"),
    DemoLogin("taipei", Role.SUPERIOR_AGENCY, "臺北市政府", "黃", "淑芬", "security@mail.taipei.gov.tw"),
    DemoLogin("officer", Role.SECURITY_OFFICER, "財政部臺北國稅局", "張", "家豪", "security@ntbt.gov.tw"),
    DemoLogin("viewer", Role.AGENCY_VIEWER, "財政部臺北國稅局", "李", "怡君", "viewer@ntbt.gov.tw"),
    DemoLogin("auditor", Role.AUDITOR, "", "王", "建宏", "auditor@nics.nat.gov.tw"),
    DemoLogin("observer", Role.OBSERVER, "", "吳", "宗翰", "observer@nics.nat.gov.tw"),
)


def demo_totp_key(username: str) -> str:
    """A fixed 20-byte TOTP key per demo user (hex, as django-otp stores it)."""
    return hashlib.sha1(f"csma-demo-totp:{username}".encode()).hexdigest()


def demo_totp_secret(username: str) -> str:
    """The same key in base32, as authenticator apps take it."""
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode().rstrip("=")


@transaction.atomic
def ensure_demo_users() -> dict[str, object]:
    """Create missing demo users (a password only at creation, so changes survive re-runs) and grant the
    regulator-wide roles; agency roles are granted by ``grant_demo_agency_roles`` once agencies exist."""
    grants.sync_role_groups()
    User = get_user_model()
    users = {}
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "email": login.email,
                "first_name": login.first_name,
                "last_name": login.last_name,
                "is_superuser": login.superuser,
                "is_staff": login.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if not login.agency:
            grants.role_grant(user=user, role=login.role, channel="cli", now=timezone.now())
        users[login.username] = user
    return users


@transaction.atomic
def grant_demo_agency_roles(users: dict[str, object]) -> None:
    names = {login.agency for login in DEMO_LOGINS if login.agency}
    agencies = {agency.name: agency for agency in Agency.objects.filter(name__in=names, is_active=True)}
    for login in DEMO_LOGINS:
        if login.agency in agencies:
            grants.role_grant(
                user=users[login.username],
                role=login.role,
                agency=agencies[login.agency],
                channel="cli",
                now=timezone.now(),
            )
    for user in users.values():
        if mfa_required_for(user):
            # two_factor asks for the code of the device named "default" at log-in.
            TOTPDevice.objects.get_or_create(
                user=user, name="default", defaults={"key": demo_totp_key(user.username), "confirmed": True}
            )


def logins_table() -> str:
    lines = [
        "  " + _("Demo logins (demo data only; the password is public): %(password)s") % {"password": DEMO_PASSWORD}
    ]
    for login in DEMO_LOGINS:
        where = f" · {login.agency}" if login.agency else ""
        needs_mfa = login.superuser or login.role in MFA_REQUIRED_ROLES
        otp = (
            (
                "   "
                + _("TOTP secret %(secret)s (or: .venv/bin/python manage.py demo_totp %(user)s)")
                % {"secret": demo_totp_secret(login.username), "user": login.username}
            )
            if needs_mfa
            else ""
        )
        lines.append(f"    {login.username:<10} {Role(login.role).label}{where}{otp}")
    return "\n".join(lines)
