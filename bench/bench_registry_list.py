"""Bench: the registry pages at national scale (about 8,000 government agencies and 280 SNGAs).

Runs standalone: `.venv/bin/python bench/bench_registry_list.py [--repeat N] [--seed N]`. It uses a
throw-away CSMA_VAR_DIR (its own SQLite file), migrates, times `seed_demo --scale national`, then requests
each page as the demo regulator with django.test.Client: the median of N runs after one warm-up, and the
number of SQL queries of one request (CaptureQueriesContext). When a page fails (for example while its
template is being written) the selector behind it is timed instead (first page + count), and the table says so.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import traceback
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

from infrastructure import selectors  # noqa: E402
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
            raise RuntimeError(f"HTTP {response.status_code}")
        return response

    return request


def selector_case(filters: selectors.AgencyFilters):
    def run():
        queryset = selectors.agency_list(filters=filters)
        list(queryset[:PAGE_SIZE])
        return queryset.count()

    return run


def detail_selector_case(agency_id: int):
    def run():
        agency = selectors.agency_get_detail(agency_id=agency_id)
        selectors.agency_ancestors(agency=agency)
        list(selectors.agency_children(agency=agency))
        list(selectors.agency_events(agency=agency)[:100])

    return run


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

    client = logged_in_client(get_user_model().objects.get(username="regulator"))
    finance = Sector.objects.get(code="finance")
    executive = Agency.objects.get(name="行政院")
    cases = (
        ("list, first page", "/registry/agencies/", selectors.AgencyFilters()),
        ("list, page 100", "/registry/agencies/?page=100", selectors.AgencyFilters()),
        ("filter level=C", "/registry/agencies/?level=C", selectors.AgencyFilters(level="C")),
        (
            "filter sector=finance",
            f"/registry/agencies/?sector={finance.pk}",
            selectors.AgencyFilters(sector=finance.pk),
        ),
        ("search q=國民小學", "/registry/agencies/?q=國民小學", selectors.AgencyFilters(q="國民小學")),
        ("search q=大安", "/registry/agencies/?q=大安", selectors.AgencyFilters(q="大安")),
        ("detail 行政院", f"/registry/agencies/{executive.pk}/", None),
    )
    rows, notes = [], []
    for label, url, filters in cases:
        function, how = page_case(client, url), "page"
        try:
            function()
        except Exception as error:  # noqa: BLE001 - any failure of the page falls back to its selector
            notes.append(f"{label}: page failed ({error.__class__.__name__}: {error}); timed the selector instead")
            if os.environ.get("BENCH_TRACEBACK"):
                traceback.print_exc()
            function = selector_case(filters) if filters is not None else detail_selector_case(executive.pk)
            how = "selector"
        median, fastest = timed(function, args.repeat)
        rows.append((label, how, median, fastest, count_queries(function)))

    width = max(display_width(row[0]) for row in rows)
    print(f"{pad('case', width)}  {'timed':<8}  {'median ms':>9}  {'min ms':>7}  {'queries':>7}")
    for label, how, median, fastest, queries in rows:
        print(f"{pad(label, width)}  {how:<8}  {median:>9.1f}  {fastest:>7.1f}  {queries:>7}")
    print(f"\nmedian of {args.repeat} runs after one warm-up; queries counted on one further run")
    for note in notes:
        print(f"note: {note}")
    connection.close()
    shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
