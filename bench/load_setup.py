"""Set-up for bench/load_mix.py: a fresh PostgreSQL database with the national demo data (or the day's seeded
template), bench users — officers at agencies with open obligations, the superior-agency reviewers of those
agencies, competent-authority and sector-regulator staff, each regulator with its own TOTP device (a code is
accepted once per device and time step, so 15 regulators cannot share one) — the services under test and the
CPU each part of the system uses."""

import os
import secrets
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.utils import timezone

PASSWORD = "csma-bench-load-2026!"
ROOT = Path(__file__).resolve().parent.parent


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


def environment(database_url: str, var_dir: str, broker_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="csma.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        CSMA_VAR_DIR=var_dir,
        EMAIL_URL="dummymail://",
        # As docs/deploy.md sets it: one cache for every web process (figures, rate limits), Redis database 1.
        CACHE_URL=broker_url.replace("redis://", "rediscache://", 1).rsplit("/", 1)[0] + "/1",
        PYTHONUNBUFFERED="1",
    )
    return env


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115


def start_services(env: dict, *, port: int, workers: int, logs: Path) -> list[subprocess.Popen]:
    """gunicorn (production config), a worker for the clocks and default queues, one for reports, and beat."""
    web = ["gunicorn", "csma.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    web += ["--workers", str(workers), "--access-logfile", str(logs / "access.log")]
    quiet = ["--without-mingle", "--without-gossip", "--loglevel", "WARNING"]
    return [
        start([sys.executable, "-m", *web], env, logs / "gunicorn.log"),
        start([*CELERY, "worker", "-Q", "clocks,default", "-c", "2", *quiet], env, logs / "worker.log"),
        start([*CELERY, "worker", "-Q", "reports", "-c", "1", *quiet], env, logs / "worker-reports.log"),
        start([*CELERY, "beat", "--loglevel", "WARNING"], env, logs / "beat.log"),
    ]


CELERY = [sys.executable, "-m", "celery", "-A", "csma"]


def wait_for(url: str, timeout: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=10).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not answer 200 within {timeout:.0f} s")


ROLES = (("web", "gunicorn"), ("worker", "celery -A csma worker"), ("beat", "celery -A csma beat"))


def cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far, per part of the system on this machine (from /proc): where the cores went."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = defaultdict(float)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        role = next((name for name, mark in ROLES if mark in command and "bench/load_mix.py" not in command), None)
        if role is None:
            role = (
                "client (this bench)"
                if int(entry.name) == os.getpid()
                else "PostgreSQL"
                if command.startswith("postgres")
                else "Redis"
                if "redis-server" in command
                else None
            )
        if role:
            used[role] += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return used
