"""Load bench: gunicorn + PostgreSQL + Redis + Celery worker and beat on loopback, N concurrent clients for
S seconds with a realistic mix — officers filing incidents and uploading evidence, reviewers working their
incident and evidence queues, regulators on the registry, compliance and national incident pages.

Run: `scripts/with-servers.sh .venv/bin/python bench/load_mix.py [--clients 50] [--seconds 60]
[--think-min 2 --think-max 8] [--scale national|small] [--gunicorn-workers N]` (with-servers.sh gives it a
throw-away PostgreSQL and Redis).
Each client is one person: after every action (a page read, a form sent) it waits a think time drawn
uniformly between --think-min and --think-max seconds (2–8 s by default, as Locust's
`wait_time = between(2, 8)`): reading a page or a queue row before the next click. With no think time 50
clients would be 50 programs re-submitting as fast as the server answers, not 50 officers and reviewers.
Production settings (csma.settings.prod, DEBUG off, PBKDF2 passwords, two-factor log-in for regulators);
TLS is left out (loopback), so the secure cookies are sent over plain HTTP by the client.
Prints requests/s and p50/p95/p99 per action, errors, and checks that every filing and upload the server
acknowledged is in the database. Goal (issue 15, 2 cores): 0 errors, 0 lost, p95 ≤ 300 ms for filing.
"""

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load_setup import (  # noqa: E402
    PASSWORD,
    BenchUser,
    cpu_seconds,
    create_bench_users,
    database_exists,
    environment,
    fresh_database,
    keep_as_template,
    start_services,
    wait_for,
)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INCIDENT_LINK = re.compile(r'href="/incidents/(\d+)/"')
AGENCY_LINK = re.compile(r'href="/registry/agencies/(\d+)/"')
TITLE = "負載測試通報"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"


# The session and CSRF cookies are Secure (production settings) and the bench speaks plain HTTP on loopback:
# let this client process send them anyway (httpx copies cookies into default-policy jars per request).
DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.filed = self.uploaded = 0

    async def request(self, client, action: str, method: str, url: str, *, expect=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except Exception as error:  # a refused or timed-out request is an error of this action
            self.errors[action].append(f"{type(error).__name__}: {error}")
            return None
        self.times[action].append((time.perf_counter() - started) * 1000)
        if response.status_code not in expect:
            self.errors[action].append(f"HTTP {response.status_code} {url}")
            return None
        return response


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def form_token(stats, client, action: str, url: str) -> str | None:
    page = await stats.request(client, action, "GET", url)
    match = page and CSRF.search(page.text)
    return match.group(1) if match else None


async def log_in(stats: Stats, client, user: BenchUser) -> bool:
    from django_otp.oath import totp

    token = await form_token(stats, client, "log in (page)", "/accounts/login/")
    if token is None:
        return False
    data = {"csrfmiddlewaretoken": token, "login_view-current_step": "auth"}
    data |= {"auth-username": user.username, "auth-password": PASSWORD}
    response = await stats.request(
        client, "log in (password)", "POST", "/accounts/login/", data=data, expect=(200, 302)
    )
    if response is not None and response.status_code == 200:  # the second step: the authenticator code
        match = CSRF.search(response.text) if user.totp_key and "token-otp_token" in response.text else None
        if match is None:
            stats.errors["log in (password)"].append(f"no code step for {user.username}: {response.text[:200]!r}")
            return False
        code, token = f"{totp(bytes.fromhex(user.totp_key)):06d}", match.group(1)
        data = {"csrfmiddlewaretoken": token, "login_view-current_step": "token", "token-otp_token": code}
        response = await stats.request(client, "log in (TOTP)", "POST", "/accounts/login/", data=data, expect=(302,))
    return response is not None


async def officer_step(stats: Stats, client, user: BenchUser, n: int) -> None:
    from django.utils import timezone

    roll = random.random()
    if roll < 0.55 or not user.obligations:
        token = await form_token(stats, client, "file incident (form)", "/incidents/file/")
        aware = timezone.localtime(timezone.now() - timezone.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
        data = {"csrfmiddlewaretoken": token, "agency": user.agency_id, "title": f"{TITLE} {user.username} {n}"}
        data |= {"incident_type": "malware", "aware_at": aware, "description": "負載測試：檔案伺服器發現惡意程式。"}
        data |= {"confidentiality": "minor", "integrity": "none", "availability": "none"}
        data |= {"measures_taken": "已隔離主機。", "channel": "web", "action": "report"}
        if await stats.request(client, "file incident (submit)", "POST", "/incidents/file/", data=data, expect=(302,)):
            stats.filed += 1
    elif roll < 0.85:
        obligation = user.obligations.pop()
        url = f"/obligations/{obligation}/"
        token = await form_token(stats, client, "evidence (obligation page)", url)
        files = {"files": (f"bench-{user.username}-{n}.pdf", PDF + f"%{n}\n%%EOF\n".encode(), "application/pdf")}
        data = {"csrfmiddlewaretoken": token, "statement": "負載測試佐證"}
        response = await stats.request(
            client, "evidence (upload)", "POST", f"{url}evidence/", data=data, files=files, expect=(302,)
        )
        if response is not None:
            stats.uploaded += 1
    else:
        await stats.request(client, "incident list", "GET", "/incidents/")


async def reviewer_step(stats: Stats, client, user: BenchUser, n: int) -> None:
    if random.random() < 0.6:
        page = await stats.request(client, "incident review queue", "GET", "/incidents/queue/")
        ids = INCIDENT_LINK.findall(page.text) if page else []
        if ids:
            await stats.request(client, "incident detail", "GET", f"/incidents/{random.choice(ids)}/")
    else:
        await stats.request(client, "evidence review queue", "GET", "/obligations/review/")


REGULATOR_PAGES = (
    ("dashboard", "/reports/dashboard/"),
    ("registry list", "/registry/agencies/"),
    ("registry search", "/registry/agencies/?q=國民小學"),
    ("registry filter level", "/registry/agencies/?level=C&page=3"),
    ("compliance", "/reports/compliance/?by=agency"),  # moved from /obligations/compliance/ (which redirects)
    ("national incidents", "/incidents/national/"),
)


async def regulator_step(stats: Stats, client, user: BenchUser, n: int) -> None:
    action, url = random.choice(REGULATOR_PAGES)
    expect = (200, 403) if action == "national incidents" else (200,)  # sector regulators have no national view
    page = await stats.request(client, action, "GET", url, expect=expect)
    ids = AGENCY_LINK.findall(page.text) if page is not None and action.startswith("registry") else []
    if ids:
        await stats.request(client, "agency detail", "GET", f"/registry/agencies/{random.choice(ids)}/")


STEPS = {"officer": officer_step, "reviewer": reviewer_step, "regulator": regulator_step}


async def client_loop(stats: Stats, client, user: BenchUser, until: float, think: tuple[float, float]) -> None:
    n = 0
    await asyncio.sleep(random.uniform(0, think[1]))  # people do not all click in the same second
    while time.monotonic() < until:
        await STEPS[user.role](stats, client, user, n)
        n += 1
        await asyncio.sleep(random.uniform(*think))


def report(stats: Stats, seconds: float, *, title: str = "") -> None:
    total = sum(len(v) for v in stats.times.values())
    print(f"\n{title or f'{total:,} requests in {seconds:.0f} s = {total / seconds:.1f} requests/s'}")
    print(f"{'action':30} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for action in sorted(set(stats.times) | set(stats.errors)):
        values = stats.times.get(action) or [0.0]
        print(
            f"{action:30} {len(stats.times.get(action, [])):>6} {len(stats.times.get(action, [])) / seconds:>7.1f} "
            f"{statistics.median(values):>8.0f} {percentile(values, 95):>8.0f} {percentile(values, 99):>8.0f} "
            f"{len(stats.errors.get(action, [])):>7}"
        )
    for action, errors in stats.errors.items():
        print(f"  {action}: {errors[:3]}")


def count_check(stats: Stats) -> bool:
    from common.models import OutboundNotification
    from incidents.models import Incident
    from obligations.models import EvidenceFile

    filed = Incident.objects.filter(title__startswith=TITLE).count()
    uploaded = EvidenceFile.objects.filter(original_name__startswith="bench-").count()
    files_on_disk = sum(
        1 for f in EvidenceFile.objects.filter(original_name__startswith="bench-") if f.file.storage.exists(f.file.name)
    )
    pending = OutboundNotification.objects.filter(incident__title__startswith=TITLE, sent_at__isnull=True).count()
    print(
        f"\ncount check: filings acknowledged {stats.filed:,}, in the database {filed:,}; uploads acknowledged "
        f"{stats.uploaded:,}, in the database {uploaded:,}, files on disk {files_on_disk:,}; "
        f"notifications not yet sent {pending:,}"
    )
    return filed == stats.filed and uploaded == stats.uploaded == files_on_disk


def prepare(options, env: dict, *, seeded: bool, template: str) -> list[BenchUser]:
    """Migrate and seed the demo data (or start from the day's template copy), then add the bench users."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    started = time.perf_counter()
    cache.clear()  # every run starts cold, as a morning does (the servers may have served an earlier run)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not seeded:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=options.scale, verbosity=0, stdout=open(os.devnull, "w"))
        if options.reuse_seed:
            connections.close_all()
            keep_as_template(env["DATABASE_URL"], "csma_load", template)
    users = create_bench_users(
        officers=options.clients * 2 // 5,
        reviewers=options.clients * 3 // 10,
        regulators=options.clients - options.clients * 2 // 5 - options.clients * 3 // 10,
    )
    warm = time.perf_counter()
    call_command("warm_report_figures", stdout=open(os.devnull, "w"))  # as docs/deploy.md's deploy step
    print(f"regulators' report figures counted in {time.perf_counter() - warm:.1f} s (then beat, every 240 s)")
    origin = f"copied from {template}" if seeded else "seeded"
    print(
        f"database ready in {time.perf_counter() - started:.0f} s ({options.scale}, {origin}); {len(users)} bench users"
    )

    connections.close_all()
    return users


async def run_clients(
    users: list[BenchUser], base: str, seconds: float, think: tuple[float, float]
) -> tuple[Stats, float, dict[str, float]]:
    """Every client logs in first (not timed as part of the mix), then all run the mix for ``seconds``; also
    returns the CPU seconds each part of the system used during the mix."""
    import httpx

    login_stats, stats = Stats(), Stats()
    clients = [httpx.AsyncClient(base_url=base, timeout=60, headers={"Accept-Language": "zh-TW"}) for _ in users]
    try:
        gate = asyncio.Semaphore(4)  # people arrive over a few minutes, not all in the same second

        async def arrive(client, user):
            async with gate:
                return await log_in(login_stats, client, user)

        logged_in = await asyncio.gather(*(arrive(c, u) for c, u in zip(clients, users, strict=True)))
        report(login_stats, 1.0, title="log-in of every client before the mix")
        started, before = time.monotonic(), cpu_seconds()
        until = started + seconds
        await asyncio.gather(
            *(client_loop(stats, c, u, until, think) for c, u, ok in zip(clients, users, logged_in, strict=True) if ok)
        )
        after = cpu_seconds()
        for action, errors in login_stats.errors.items():  # a client that could not log in fails the run
            stats.errors[action] += errors
        return stats, time.monotonic() - started, {role: after[role] - before.get(role, 0.0) for role in after}
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-min", type=float, default=2.0, help="shortest pause between a client's actions (s)")
    parser.add_argument("--think-max", type=float, default=8.0, help="longest pause between a client's actions (s)")
    parser.add_argument("--scale", default="national", choices=("national", "small"))
    parser.add_argument("--gunicorn-workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument(
        "--reuse-seed",
        action="store_true",
        help="keep the seeded database as a template of the day and start from it on the next run (same servers)",
    )
    return parser.parse_args()


def main() -> int:
    options = arguments()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        sys.exit("run under scripts/with-servers.sh (PostgreSQL + Redis)")
    var_dir = tempfile.mkdtemp(prefix="csma-load-")
    template = f"csma_load_seed_{options.scale}_{time.strftime('%Y%m%d')}"  # the demo data is seeded relative to today
    seeded = options.reuse_seed and database_exists(url, template)
    database = fresh_database(url, "csma_load", template=template if seeded else None)
    env = environment(database, var_dir, os.environ["CELERY_BROKER_URL"])
    users = prepare(options, env, seeded=seeded, template=template)
    port = 18000 + os.getpid() % 1000
    logs = Path(var_dir)
    processes = start_services(env, port=port, workers=options.gunicorn_workers, logs=logs)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz?scope=web")
        print(
            f"{len(users)} clients for {options.seconds:.0f} s, think time {options.think_min:g}–{options.think_max:g} s, "
            f"against gunicorn ({options.gunicorn_workers} workers) on 127.0.0.1:{port}; logs in {logs}; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        stats, elapsed, spent = asyncio.run(
            run_clients(users, f"http://127.0.0.1:{port}", options.seconds, (options.think_min, options.think_max))
        )
        report(stats, elapsed)
        print(
            f"CPU seconds during the mix ({os.cpu_count()} cores × {elapsed:.0f} s = "
            f"{elapsed * (os.cpu_count() or 1):.0f} available): "
            + ", ".join(f"{role} {seconds:.1f}" for role, seconds in sorted(spent.items(), key=lambda kv: -kv[1]))
        )
        time.sleep(5)  # the worker sends what the last filings queued
        counted = count_check(stats)
        ok = counted and stats.times and not any(stats.errors.values()) and stats.filed > 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    print("result:", "0 errors, 0 lost" if ok else "FAILED (errors or lost rows above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
