"""Set-up for bench/load_mix.py: a fresh PostgreSQL database with the national demo data, and bench users —
officers at agencies with open obligations, the superior-agency reviewers of those agencies, competent-
authority and sector-regulator staff, each regulator with its own TOTP device (a code is accepted once
per device and time step, so 15 regulators cannot share one)."""

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.utils import timezone

PASSWORD = "csma-bench-load-2026!"


@dataclass
class BenchUser:
    username: str
    role: str  # officer / reviewer / regulator
    agency_id: int | None = None
    totp_key: str = ""
    obligations: list[int] = field(default_factory=list)


def _admin(url: str):
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    return psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True)


def fresh_database(url: str, name: str, *, template: str | None = None) -> str:
    """Drop and create ``name`` on the server of ``url`` (a copy of ``template`` when given); return its URL."""
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def database_exists(url: str, name: str) -> bool:
    with _admin(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def keep_as_template(url: str, name: str, template: str) -> None:
    """Copy the seeded ``name`` to ``template`` (a later run with --reuse-seed starts from it in seconds)."""
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')


def create_bench_users(*, officers: int, reviewers: int, regulators: int) -> list[BenchUser]:
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from access import grants
    from access.policy import Role
    from infrastructure.models import Agency
    from obligations import rules
    from obligations.models import Obligation

    busiest = (
        Obligation.objects.filter(
            status=rules.ObligationStatus.OPEN, agency__kind="government", agency__parent__isnull=False
        )
        .values("agency")
        .annotate(n=Count("pk"))
        .filter(n__gte=8)
        .order_by("-n", "agency")[:officers]
    )
    agencies = list(Agency.objects.filter(pk__in=[row["agency"] for row in busiest]).order_by("pk"))
    User = get_user_model()
    out: list[BenchUser] = []

    def user(username: str, kind: str, role: str, agency=None) -> BenchUser:
        account = User.objects.create_user(username, f"{username}@bench.example.gov.tw", PASSWORD)
        grants.role_grant(user=account, role=role, agency=agency, channel="cli", now=timezone.now())
        bench = BenchUser(username, kind, agency.pk if agency else None)
        if kind == "regulator":
            bench.totp_key = secrets.token_hex(20)
            TOTPDevice.objects.create(user=account, name="default", key=bench.totp_key, confirmed=True)
        return bench

    for n, agency in enumerate(agencies):
        bench = user(f"bench-officer-{n}", "officer", Role.SECURITY_OFFICER, agency)
        bench.obligations = list(
            Obligation.objects.filter(agency=agency, status=rules.ObligationStatus.OPEN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        out.append(bench)
    for n in range(reviewers):
        out.append(user(f"bench-reviewer-{n}", "reviewer", Role.SUPERIOR_AGENCY, agencies[n % len(agencies)].parent))
    economy = Agency.objects.get(name="經濟部")
    for n in range(regulators):
        role, agency = (Role.SECTOR_REGULATOR, economy) if n % 3 == 2 else (Role.COMPETENT_AUTHORITY, None)
        out.append(user(f"bench-regulator-{n}", "regulator", role, agency))
    return out
