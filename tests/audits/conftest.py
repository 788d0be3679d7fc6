import itertools
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from access import grants
from access.policy import Role
from audits import services
from audits.models import ChecklistTemplate
from common.roc import TAIPEI
from tests.factories import UserFactory

PLAN_TEXT = {
    "title": "115年度稽核計畫",
    "purpose": "依資通安全管理法辦理稽核",
    "legal_basis": "資通安全管理法第8條；稽核辦法第3條",
    "focus_areas": "核心系統、事件通報",
    "on_site": True,
    "document_review": True,
    "technical_testing": False,
    "criteria": "115年度實地稽核表",
    "team_composition": "",
    "confidentiality_terms": "成員簽署保密切結書",
    "regulator_assistance": "",
}


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TAIPEI)


@pytest.fixture
def checklist(db):
    return ChecklistTemplate.objects.get(version=1, audience="government")


@pytest.fixture
def plan(users, world):
    plan = services.plan_create(
        authority=world["economy"], year=2026, actor=users["moea"], now=at(date(2026, 1, 5)), **PLAN_TEXT
    )
    return services.plan_approve(plan=plan, actor=users["moea"], now=at(date(2026, 1, 6)))


@pytest.fixture
def power_officer(world):
    user = UserFactory(username="power_officer", first_name="志明", last_name="陳")
    grants.role_grant(user=user, role=Role.SECURITY_OFFICER, agency=world["power"], now=timezone.now())
    return user


@pytest.fixture
def audit(plan, world, users, checklist):
    return services.audit_schedule(
        plan=plan,
        auditee=world["power"],
        starts_on=date(2026, 3, 16),
        ends_on=date(2026, 3, 17),
        place="台電總處",
        checklist=checklist,
        actor=users["moea"],
        now=at(date(2026, 1, 10)),
    )


_people = itertools.count(1)


def team_of(audit, actor, *, government=1, others=2):
    members = []
    for index in range(government + others):
        number = next(_people)
        user = UserFactory(username=f"teammember{number}", first_name="員", last_name=f"稽{number}")
        added = services.member_add(
            audit=audit,
            user=user,
            is_government_representative=index < government,
            organisation="資安署",
            actor=actor,
            now=at(date(2026, 1, 11)),
        )
        members.append(added.member)
    return members


def sign_all(members, when):
    for member in members:
        for which in ("conflict", "secrecy"):
            services.declaration_sign(member=member, which=which, actor=member.user, now=when)


def notified(audit, actor, on=date(2026, 2, 2)):
    return services.audit_notice_send(audit=audit, actor=actor, now=at(on))


def in_fieldwork(audit, actor):
    audit = notified(audit, actor)
    members = team_of(audit, actor)
    sign_all(members, at(date(2026, 2, 10)))
    return services.fieldwork_start(audit=audit, actor=members[0].user, now=at(audit.starts_on, 9)), members


def answer_all(audit, member, when):
    for item in audit.checklist.items.all():
        services.answer_save(
            audit=audit,
            item_id=item.pk,
            result="conforms",
            description="",
            evidence="",
            version=0,
            actor=member.user,
            now=when,
        )


ONE_DAY = timedelta(days=1)
