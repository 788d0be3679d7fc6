"""Shared fixtures. Browser tests use Debian's Chromium through Playwright (no browser download)."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + ORM in the same test

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CSMA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "zh-TW",
        "timezone_id": "Asia/Taipei",
        "viewport": {"width": 1366, "height": 900},
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def regulator_user(db):
    """Competent-authority staff with registry view/import rights (global permissions)."""
    from tests.factories import UserFactory

    return UserFactory(
        username="regulator",
        perms=[
            "infrastructure.view_agency",
            "infrastructure.add_registryimport",
            "infrastructure.view_registryimport",
        ],
    )


@pytest.fixture(autouse=True)
def english_messages_outside_requests():
    """Service/command messages are asserted in English source text; requests still pick their
    language through LocaleMiddleware (zh-Hant by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: pages keep figures for minutes (reports/caching.py), keyed by
    the scope's SQL, and one test's rows would otherwise answer for the next test's equal ids."""
    from django.core.cache import cache

    cache.clear()
    yield


def otp_verify(client, user):
    """Log ``user`` in with a confirmed TOTP device, as if the second factor had been entered."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, with the second factor a superuser must have (access/mfa.py)."""
    return otp_verify(client, admin_user)


# A small supervised world: 行政院 → 財政部 → 國稅局, 經濟部 regulating 台電, 財政部 regulating 臺灣銀行,
# and a school outside both; one user per role (tests/access/test_permission_matrix.py is the model).


@pytest.fixture
def world(db):
    from tests.factories import AgencyFactory

    executive = AgencyFactory(name="行政院")
    finance = AgencyFactory(name="財政部", parent=executive)
    tax = AgencyFactory(name="財政部臺北國稅局", parent=finance)
    economy = AgencyFactory(name="經濟部", parent=executive)
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    bank = AgencyFactory(name="臺灣銀行", kind="sngo", sngo_category="state_owned", regulator=finance)
    school = AgencyFactory(name="臺北市立大安國民小學")
    return {
        "executive": executive,
        "finance": finance,
        "tax": tax,
        "economy": economy,
        "power": power,
        "bank": bank,
        "school": school,
    }


def _user_with_role(username, role, agency=None):
    from access import grants
    from tests.factories import UserFactory

    user = UserFactory(username=username)
    grants.role_grant(user=user, role=role, agency=agency, now=timezone.now())
    return user


@pytest.fixture
def users(world):
    from access.policy import Role
    from tests.factories import UserFactory

    return {
        "admin": _user_with_role("admin", Role.ADMINISTRATOR),
        "moda": _user_with_role("moda", Role.COMPETENT_AUTHORITY),
        "moea": _user_with_role("moea", Role.SECTOR_REGULATOR, world["economy"]),
        "mof": _user_with_role("mof", Role.SUPERIOR_AGENCY, world["finance"]),
        "officer": _user_with_role("officer", Role.SECURITY_OFFICER, world["tax"]),
        "viewer": _user_with_role("viewer", Role.AGENCY_VIEWER, world["school"]),
        "auditor": _user_with_role("auditor", Role.AUDITOR),
        "observer": _user_with_role("observer", Role.OBSERVER),
        "nobody": UserFactory(username="nobody"),
    }


# Transactional tests (browser, worker) must all use serialized_rollback=True: their teardown flush would
# otherwise delete the rows data migrations ship (sectors, rule sets, cycle rules, lead times) for every
# later test, and re-create content types under new ids. tests/test_conftest_rules.py checks it.

SHIPPED_DATA_MIGRATIONS = (  # (module, function, model whose rows it ships, idempotent?)
    ("infrastructure.migrations.0002_seed_sectors_and_level_cycle_rules", "seed", "infrastructure.LevelCycleRule"),
    ("obligations.migrations.0002_ship_rule_sets", "ship", "obligations.RuleSet"),
    ("obligations.migrations.0004_seed_reminder_lead_times", "seed", "obligations.ReminderLeadTime"),
    ("incidents.migrations.0002_seed_rule_data", "seed", "incidents.IncidentRuleSet"),
    ("incidents.migrations.0006_effective_dates_and_2018_rule_set", "forward", "incidents.IncidentRuleSet"),
    ("incidents.migrations.0009_publish_shipped_incident_rule_sets", "forward", "incidents.IncidentRuleSet"),
    ("audits.migrations.0002_ship_checklist_115", "ship", "audits.ChecklistTemplate"),
)


@pytest.fixture(autouse=True)
def shipped_rule_data(request):
    """Transactional tests get the rows data migrations ship even when an earlier transactional test's
    flush removed them (serialized_rollback restores them in most orders, not all): re-ship what is missing."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("_django_db_helper")
    missing = {
        model for _module, _function, model in SHIPPED_DATA_MIGRATIONS if not apps.get_model(model).objects.exists()
    }
    for module, function, model in SHIPPED_DATA_MIGRATIONS:
        if model in missing:
            getattr(importlib.import_module(module), function)(apps, None)
    yield


@pytest.fixture
def migrator(transactional_db):
    """Migrates backwards and forwards (tests/migrations.py) and always ends at the leaf nodes."""
    from tests.migrations import Migrator, leaf_nodes, migrate_to

    yield Migrator()
    migrate_to(leaf_nodes())


def _order(item) -> int:
    """Django's order (pytest-django's too): database tests in a transaction, then transactional ones (their
    teardown flushes the database, so nothing that relies on the migrated data may run after them), then the
    rest."""
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    if (
        (marker is not None and marker.kwargs.get("transaction"))
        or "live_server" in names
        or "transactional_db" in names
    ):
        return 1
    return 0 if marker is not None or "db" in names else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items.sort(key=_order)
