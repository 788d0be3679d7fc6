from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import RoleAssignment
from access.selectors import agencies_visible_to
from demo.logins import DEMO_PASSWORD, demo_totp_secret
from infrastructure.models import LevelDecision

pytestmark = pytest.mark.django_db


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def small_demo():
    _seed("--scale", "small", "--seed", "2026")


def test_one_demo_user_per_role_wired_to_demo_agencies(small_demo):
    roles = dict(RoleAssignment.objects.filter(revoked_at__isnull=True).values_list("user__username", "role"))
    assert roles == {
        "admin": "administrator",
        "regulator": "competent_authority",
        "moea": "sector_regulator",
        "mof": "superior_agency",
        "taipei": "superior_agency",
        "officer": "security_officer",
        "viewer": "agency_viewer",
        "auditor": "auditor",
        "observer": "observer",
    }
    assert RoleAssignment.objects.get(user__username="moea").agency.name == "經濟部"
    assert RoleAssignment.objects.get(user__username="officer").agency.name == "財政部臺北國稅局"


def test_each_demo_user_sees_a_different_registry(small_demo):
    User = get_user_model()
    seen = {
        name: set(agencies_visible_to(user=User.objects.get(username=name)).values_list("name", flat=True))
        for name in ("regulator", "moea", "taipei", "officer", "auditor")
    }
    assert len(seen["regulator"]) == 30
    assert seen["moea"] == {"經濟部", "台灣電力股份有限公司", "台灣自來水股份有限公司"}
    assert seen["officer"] == {"財政部臺北國稅局"}
    assert "臺北市大安區幸安國民小學" in seen["taipei"] and "經濟部" not in seen["taipei"]
    assert seen["auditor"] == set()


def test_demo_users_log_in_and_privileged_ones_have_a_demo_totp_device(small_demo, client):
    for username in ("admin", "regulator", "officer"):
        assert client.login(username=username, password=DEMO_PASSWORD)
    devices = set(TOTPDevice.objects.values_list("user__username", flat=True))
    assert devices == {"admin", "regulator", "moea"}
    out = StringIO()
    call_command("demo_totp", "regulator", stdout=out)
    device = TOTPDevice.objects.get(user__username="regulator")
    assert out.getvalue().strip() == f"{totp(device.bin_key):06d}"
    assert LevelDecision.objects.filter(status="approved").first().decided_by.username == "regulator"


def test_reseeding_keeps_changed_passwords_and_grants_nothing_twice(small_demo):
    User = get_user_model()
    regulator = User.objects.get(username="regulator")
    regulator.set_password("changed-by-the-operator")
    regulator.save(update_fields=["password"])
    _seed("--if-empty")
    regulator.refresh_from_db()
    assert regulator.check_password("changed-by-the-operator")
    assert RoleAssignment.objects.count() == 9
    assert TOTPDevice.objects.count() == 3


def test_print_logins_lists_every_role_and_the_totp_secrets():
    out = _seed("--print-logins")
    assert DEMO_PASSWORD in out
    for username in ("admin", "regulator", "moea", "mof", "taipei", "officer", "viewer", "auditor", "observer"):
        assert f"    {username} " in out
    assert demo_totp_secret("regulator") in out
    assert demo_totp_secret("officer") not in out


def test_every_reviewing_demo_login_has_work_in_its_queue(small_demo):
    """Issue 13: the officer's superior agency, the sector regulator of an SNGA with incidents and the
    superior agency 臺北市政府 each find incidents awaiting review; the officer's agency has incidents in
    every state of the workflow."""
    from incidents.models import Incident
    from incidents.selectors import incident_list_review_queue

    User = get_user_model()
    queue = {
        name: set(incident_list_review_queue(user=User.objects.get(username=name)).values_list("title", flat=True))
        for name in ("mof", "moea", "taipei")
    }
    assert {"網站遭置換，待審核", "主機遭非法入侵，審核逾期", "個人資料疑似外洩，報告待審"} <= queue["mof"]
    assert {"變電所監控系統異常連線，待審核", "調度系統帳號遭暴力破解，審核逾期"} <= queue["moea"]
    assert "校務系統遭入侵，待審核" in queue["taipei"]
    states = set(Incident.objects.filter(agency__name="財政部臺北國稅局").values_list("status", flat=True))
    assert {"draft", "reported", "forwarded", "recovered", "report_submitted", "closed"} <= states


def test_the_officers_agency_has_obligations_filings_and_drills_in_every_state(small_demo):
    """Issue 13 ("demo worth trying"): the officer's own agency shows every state an officer meets — obligations
    open (one overdue), submitted, returned, accepted (one late), exempt; maintenance-plan filings as draft,
    submitted, returned and accepted; drills assigned, conducted and with results."""
    from django.utils import timezone

    from incidents.models import Drill
    from obligations.models import AnnualFiling, Obligation

    agency = "財政部臺北國稅局"
    obligations = Obligation.objects.filter(agency__name=agency)
    assert {"open", "submitted", "returned", "accepted", "exempt"} <= set(obligations.values_list("status", flat=True))
    assert obligations.filter(status="open", due_on__lt=timezone.localdate()).exists()
    filings = set(AnnualFiling.objects.filter(agency__name=agency).values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "accepted"} <= filings
    drills = Drill.objects.filter(agency__name=agency)
    assert drills.filter(conducted_on__isnull=True).exists()  # assigned, not yet conducted
    assert drills.filter(conducted_on__isnull=False, results_submitted_at__isnull=True).exists()  # results due
    assert drills.filter(results_submitted_at__isnull=False).exists()
