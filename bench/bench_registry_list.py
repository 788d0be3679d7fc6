"""Bench: the registry pages at national scale (about 8,000 government agencies and 280 SNGAs).

Runs standalone: `.venv/bin/python bench/bench_registry_list.py [--repeat N] [--seed N]`. It uses a
throw-away CSMA_VAR_DIR (its own SQLite file), migrates, times `seed_demo --scale national`, then requests
each page as the demo regulator with django.test.Client: the median of N runs after one warm-up, and the
number of SQL queries of one request (CaptureQueriesContext) — for a user who sees every agency, a
superior-agency user whose subtree holds about 2,000 agencies, and a sector regulator (issue #3: scoped
visibility must cost no per-row checks).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = Path(tempfile.mkdtemp(prefix="csma-bench-registry-"))
(VAR_DIR / "static").mkdir()  # whitenoise warns about a missing STATIC_ROOT
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"  # no query log outside CaptureQueriesContext: time what production does
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from infrastructure.models import Agency, Sector  # noqa: E402

PAGE_SIZE = 50


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def timed(function, repeat: int) -> tuple[float, float]:
    """(median, min) in milliseconds after one warm-up call."""
    function()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), min(runs)


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def logged_in_client(user) -> Client:
    """The demo regulator, logged in; with django-otp installed, also verified with a throw-away static device
    (the MFA middleware would otherwise send a staff user to set up two-factor authentication)."""
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    if apps.is_installed("django_otp.plugins.otp_static"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_static.models import StaticDevice

        device = StaticDevice.objects.create(user=user, name="bench")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def page_case(client: Client, url: str):
    def request():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    return request


def superior_with_subtree_near(size: int):
    """A bench user with the superior-agency role at the agency whose subtree is closest to ``size``."""
    from access import grants
    from access.policy import Role

    paths = list(Agency.objects.values_list("pk", "path"))
    counts: dict[str, int] = {}
    for _pk, path in paths:
        for end in range(9, len(path) + 1, 9):
            counts[path[:end]] = counts.get(path[:end], 0) + 1
    best_path = min(counts, key=lambda p: abs(counts[p] - size))
    agency = Agency.objects.get(path=best_path)
    user = get_user_model().objects.create_user("bench-superior", password="unused-bench-password")
    grants.role_grant(user=user, role=Role.SUPERIOR_AGENCY, agency=agency, now=timezone.now())
    return user, agency, counts[best_path]


def print_table(users: list[str], rows: list[tuple], *, repeat: int) -> None:
    """One block per user: case, median and fastest time, query count."""
    width = max(display_width(row[1]) for row in rows)
    for who in users:
        print(who)
        print(f"  {pad('case', width)}  {'median ms':>9}  {'min ms':>7}  {'queries':>7}")
        for row_who, label, median, fastest, queries in rows:
            if row_who == who:
                print(f"  {pad(label, width)}  {median:>9.1f}  {fastest:>7.1f}  {queries:>7}")
    print(f"\nmedian of {repeat} runs after one warm-up; queries counted on one further run")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale="national", seed=args.seed, verbosity=0, stdout=open(os.devnull, "w"))
    seed_seconds = time.perf_counter() - started
    print(
        f"seed_demo --scale national --seed {args.seed}: {seed_seconds:.1f} s; "
        f"{Agency.objects.count():,} agencies (throw-away SQLite database in {VAR_DIR})\n"
    )
    User = get_user_model()
    superior, subtree_root, subtree_size = superior_with_subtree_near(2000)
    clients = {
        "regulator (all agencies)": logged_in_client(User.objects.get(username="regulator")),
        f"superior of {subtree_root.name} ({subtree_size:,} in subtree)": logged_in_client(superior),
        "sector regulator 經濟部": logged_in_client(User.objects.get(username="moea")),
    }
    finance = Sector.objects.get(code="finance")
    executive = Agency.objects.get(name="行政院")
    cases = (
        ("list, first page", "/registry/agencies/"),
        ("list, page 20", "/registry/agencies/?page=20"),
        ("filter level=C", "/registry/agencies/?level=C"),
        ("filter sector=finance", f"/registry/agencies/?sector={finance.pk}"),
        ("search q=國民小學", "/registry/agencies/?q=國民小學"),
        ("detail 行政院", f"/registry/agencies/{executive.pk}/"),
        ("detail of the subtree root", f"/registry/agencies/{subtree_root.pk}/"),
    )
    rows = []
    for who, client in clients.items():
        for label, url in cases:
            function = page_case(client, url)
            if client.get(url).status_code != 200:
                continue  # outside this user's scope (404)
            median, fastest = timed(function, args.repeat)
            rows.append((who, label, median, fastest, count_queries(function)))
    print_table(list(clients), rows, repeat=args.repeat)
    connection.close()
    shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
