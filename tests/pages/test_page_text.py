"""Every page as every demo role, in zh-Hant and English (issue 13): no raw stored codes, no internal markers,
no Western years on a zh-Hant page, no untranslated strings. The one URL walker is tests/urlwalk.py; the
objects in URLs come from the small demo (every incident, obligation and filing state), tried until one is
visible to the role. The Django admin is exempt: internal markers belong there."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.conftest import ARTIFACTS, otp_verify
from tests.pages.textcheck import email_problems, problems
from tests.urlwalk import walk

pytestmark = pytest.mark.django_db
ROLES = ("admin", "regulator", "moea", "taipei", "officer", "viewer", "auditor", "observer")
SKIP_NAMES = {"logout", "set_language", "healthz", "two_factor:qr", "login", "two_factor:login"}
OBJECTS_PER_PAGE = 2  # distinct objects shown per detail page (different states)
TRIES_PER_PAGE = 8


def _candidates() -> dict[str, list]:
    from incidents.models import Drill, Incident
    from infrastructure.models import Agency, LevelDecision, RegistryImport
    from obligations.models import AnnualFiling, EvidenceSubmission, Obligation, RuleSet

    def spread(queryset, field):  # one object per state first, then the rest
        rows = list(queryset.order_by(field, "pk").values_list("pk", field))
        firsts = {}
        for pk, state in rows:
            firsts.setdefault(state, pk)
        return list(firsts.values()) + [pk for pk, _state in rows if pk not in firsts.values()]

    filings = list(AnnualFiling.objects.values_list("agency_id", "kind", "year"))
    return {
        "agency_id": spread(Agency.objects.filter(is_active=True), "kind"),
        "incident_id": spread(Incident.objects.all(), "status"),
        "obligation_id": spread(Obligation.objects.all(), "status"),
        "submission_id": spread(EvidenceSubmission.objects.all(), "review"),
        "filing_id": spread(AnnualFiling.objects.all(), "status"),
        "decision_id": spread(LevelDecision.objects.all(), "status"),
        "import_id": list(RegistryImport.objects.values_list("pk", flat=True)),
        "ruleset_id": list(RuleSet.objects.values_list("pk", flat=True)),
        "drill_id": list(Drill.objects.values_list("pk", flat=True)),
        "_filings": filings,
    }


def _paths(route: str, candidates: dict) -> list[str]:
    import re

    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not names:
        return ["/" + route]
    if names == ["agency_id", "kind", "year"]:
        combos = [dict(zip(names, row, strict=True)) for row in candidates["_filings"]]
    elif all(name in candidates for name in names):
        combos = [
            dict(zip(names, values, strict=True)) for values in zip(*(candidates[n] for n in names), strict=False)
        ]
        if len(names) == 1:
            combos = [{names[0]: value} for value in candidates[names[0]]]
    else:
        return []
    return ["/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, c=combo: str(c[m.group(1)]), route) for combo in combos]


def _email_findings() -> list[str]:
    """The e-mails of the demo in zh-Hant: every incident notification in the outbox (written in the deployment's
    language) and today's obligation reminder digests for the people who read Chinese."""
    from django.core import mail
    from django.utils import timezone

    from common.models import OutboundNotification
    from obligations.models import ReminderDigest
    from obligations.services import obligation_send_reminders

    assert OutboundNotification.objects.exists()  # the demo's incidents notified their reviewers
    findings = [
        f"outbox #{pk}: {problem}"
        for pk, subject, body in OutboundNotification.objects.values_list("pk", "subject", "body")
        for problem in email_problems(subject, body)
    ]
    mail.outbox.clear()
    obligation_send_reminders(now=timezone.now())
    chinese = set(ReminderDigest.objects.filter(language__startswith="zh").values_list("email", flat=True))
    sent = [message for message in mail.outbox if message.to[0] in chinese]
    findings += [f"reminder to {m.to[0]}: {p}" for m in sent for p in email_problems(m.subject, m.body)]
    print(f"read {OutboundNotification.objects.count()} notifications and {len(sent)} zh-Hant reminder digests")
    return findings


class PostOnly(Exception):
    pass


def _html_get(client, path):
    response = client.get(path)
    if response.status_code == 405:
        raise PostOnly
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content.decode()


def test_every_page_as_every_role_shows_no_codes_markers_western_years_or_english(client):
    call_command("seed_demo", "--scale", "small", "--seed", "2026", verbosity=0)
    candidates = _candidates()
    routes = [(name, route) for name, route in walk() if not route.startswith("admin") and name not in SKIP_NAMES]
    users = get_user_model().objects.in_bulk(ROLES, field_name="username")
    names = frozenset(get_user_model().objects.values_list("username", flat=True))
    findings, walked = [], set()
    for username, language in itertools.product(ROLES, ("zh-hant", "en")):
        otp_verify(client, users[username])
        client.cookies["django_language"] = language
        for name, route in routes:
            shown = 0
            for path in _paths(route, candidates)[:TRIES_PER_PAGE]:
                try:
                    html = _html_get(client, path)
                except PostOnly:
                    break
                if html is None:
                    continue
                walked.add((username, language, name))
                findings += [
                    f"{username} {language} {path}: {p}" for p in problems(html, chinese=language != "en", names=names)
                ]
                shown += 1
                if shown == OBJECTS_PER_PAGE:
                    break
        client.logout()
    findings += _email_findings()
    pages = {name for _user, _lang, name in walked}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-text-findings.txt").write_text("\n".join(sorted(set(findings))) + "\n", encoding="utf-8")
    print(f"walked {len(pages)} pages, {len(walked)} page × role × language combinations")
    assert len(pages) >= 40
    assert not findings, "\n".join(sorted(set(findings)))
