"""分級辦法 Arts 3–8 and 中央法規標準法 §13, from the text: criteria fit the agency's kind; re-approval rules carry
their promulgation and effective dates; the cycle is a §48 period counted from the day after."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from infrastructure import rules, services
from infrastructure.models import CIDesignation, LevelCycleRule
from tests.factories import AgencyFactory


@pytest.mark.parametrize(
    ("code", "kind", "ci", "fits"),
    [
        ("A-5", "government", False, True),  # 屬公務機關
        ("A-5", "sngo", True, False),
        ("B-5", "sngo", False, False),
        ("A-6", "sngo", True, True),  # 屬關鍵基礎設施提供者
        ("A-6", "sngo", False, False),
        ("A-6", "government", False, False),
        ("B-6", "government", True, False),
        ("E-2", "sngo", False, False),
        ("E-3", "government", False, False),
        ("E-3", "sngo", False, True),
        ("A-3", "sngo", False, True),  # 各機關
        ("C-1", "government", False, True),
    ],
)
def test_criterion_fits_the_agency_kind(code, kind, ci, fits):
    assert rules.criterion_fits(code, agency_kind=kind, is_ci_provider=ci) is fits


@pytest.mark.django_db
def test_a_proposal_citing_a_ci_criterion_for_an_undesignated_snga_is_refused():
    regulator = AgencyFactory()
    snga = AgencyFactory(kind="sngo", sngo_category="state_owned", regulator=regulator)
    with pytest.raises(ValidationError) as error:
        services.level_propose(agency=snga, level="A", criteria=["A-6"], now=timezone.now())
    assert "A-6" in str(error.value)
    CIDesignation.objects.create(agency=snga, designated_by=regulator, designated_on=date(2024, 1, 1))
    assert services.level_propose(agency=snga, level="A", criteria=["A-6"], now=timezone.now()).level == "A"


@pytest.mark.django_db
def test_a_government_agency_cannot_cite_the_snga_e_criterion():
    with pytest.raises(ValidationError):
        services.level_propose(agency=AgencyFactory(kind="government"), level="E", criteria=["E-3"], now=timezone.now())


@pytest.mark.django_db
def test_cycle_rules_record_promulgation_and_take_effect_on_the_third_day():
    rows = list(LevelCycleRule.objects.order_by("effective_from").values_list(
        "promulgated_on", "effective_from", "effective_to", "cycle_years"
    ))  # fmt: skip
    assert rows == [
        (date(2018, 11, 21), date(2019, 1, 1), date(2026, 1, 6), 2),
        (date(2026, 1, 5), date(2026, 1, 7), None, 3),
    ]


@pytest.mark.parametrize(
    ("effective_from", "years", "due"),
    [
        (date(2022, 2, 28), 2, date(2024, 2, 29)),  # counting from 03-01 → 2024-03-01 → 02-29
        (date(2024, 2, 29), 2, date(2026, 2, 28)),
        (date(2024, 3, 15), 2, date(2026, 3, 15)),
    ],
)
def test_reapproval_due_is_a_period_counted_from_the_day_after(effective_from, years, due):
    assert rules.reapproval_due(effective_from=effective_from, cycle_years=years) == due


@pytest.mark.parametrize(
    ("chain", "is_snga", "route", "decider"),
    [
        (["行政院"], False, "own", 0),  # Art 3 I (kept by the Executive Yuan, 院臺規字第1110184307號)
        (["行政院", "財政部"], False, "approval", None),  # Art 3 II
        (["行政院", "財政部", "財政部臺北國稅局"], False, "approval", None),
        (["臺北市政府", "臺北市立大安國民小學"], False, "approval", None),  # Art 3 III
        (["臺北市議會"], False, "approval", None),  # Art 3 IV
        (["總統府"], False, "recordation", 0),  # Art 3 V: own level
        (["總統府", "國史館"], False, "recordation", 0),  # … and its subordinates
        (["總統府", "國家安全會議"], False, "recordation", 1),  # the NSC decides its own
        (["總統府", "國家安全會議", "國家安全局"], False, "recordation", 1),
        (["司法院", "最高法院"], False, "recordation", 0),
        (["立法院"], False, "recordation", 0),
        (["考試院", "銓敘部"], False, "recordation", 0),
        (["監察院", "審計部"], False, "recordation", 0),
        (["行政院", "經濟部"], True, "approval", None),  # an SNGA under a ministry: the ministry submits (Art 3 II)
        (["司法院"], True, "recordation", 0),  # an SNGA in the Judicial Yuan's charge (Art 3 V)
        (["行政院"], True, "approval", None),  # an SNGA whose regulator is the Executive Yuan itself
    ],
)
def test_level_route_follows_article_3(chain, is_snga, route, decider):
    result = rules.level_route(chain=chain, is_snga=is_snga)
    assert (result.route, result.decider) == (route, decider)
    assert result.citation.startswith("資通安全責任等級分級辦法第3條")


@pytest.mark.django_db
def test_a_level_under_the_presidential_office_is_decided_there_and_filed_for_reference():
    from django.utils import timezone

    office = AgencyFactory(name="總統府")
    academia = AgencyFactory(name="國史館", parent=office)
    decision = services.level_propose(agency=academia, level="C", criteria=["C-1"], now=timezone.now())
    assert (decision.route, decision.deciding_agency) == ("recordation", office)
    with pytest.raises(ValidationError):  # filed only after the decision
        services.level_file_for_reference(decision=decision, now=timezone.now())
    services.level_approve(decision=decision, effective_from=date(2026, 3, 2), now=timezone.now())
    filed = services.level_file_for_reference(decision=decision, now=timezone.now())
    assert filed.filed_at is not None
    event = academia.events.get(kind="level_filed")
    assert event.data["after"]["filed_at"] is not None and event.data["before"] == {"filed_at": None}
    with pytest.raises(ValidationError):  # once
        services.level_file_for_reference(decision=filed, now=timezone.now())


@pytest.mark.django_db
def test_an_approval_route_level_is_not_filed_for_reference():
    from django.utils import timezone

    ministry = AgencyFactory(name="財政部", parent=AgencyFactory(name="行政院"))
    decision = services.level_propose(agency=ministry, level="A", criteria=["A-4"], now=timezone.now())
    services.level_approve(decision=decision, effective_from=date(2026, 3, 2), now=timezone.now())
    assert (decision.route, decision.deciding_agency) == ("approval", None)
    with pytest.raises(ValidationError):
        services.level_file_for_reference(decision=decision, now=timezone.now())


@pytest.mark.django_db
def test_the_sector_regulator_proposes_an_snga_level(client, world, users):
    from django.urls import reverse

    from infrastructure.models import LevelDecision

    client.force_login(users["moea"])
    from tests.conftest import otp_verify

    otp_verify(client, users["moea"])
    response = client.post(
        reverse("infrastructure:level_propose", args=[world["power"].pk]),
        {"level": "C", "criteria": ["C-1"], "adjustment_reason": ""},
    )
    assert response.status_code == 302
    assert LevelDecision.objects.get(agency=world["power"]).proposed_by == users["moea"]
    response = client.post(
        reverse("infrastructure:level_propose", args=[world["bank"].pk]),  # regulated by 財政部, not 經濟部
        {"level": "C", "criteria": ["C-1"], "adjustment_reason": ""},
    )
    assert response.status_code in (403, 404)


@pytest.mark.django_db
def test_the_presidential_office_decides_and_files_through_the_pages(client):
    from django.urls import reverse

    from access.policy import Role
    from infrastructure.models import LevelDecision
    from tests.conftest import _user_with_role

    office = AgencyFactory(name="總統府")
    history = AgencyFactory(name="國史館", parent=office)
    staff = _user_with_role("office-staff", Role.SUPERIOR_AGENCY, office)
    outsider = _user_with_role("mof-staff", Role.SUPERIOR_AGENCY, AgencyFactory(name="財政部"))
    decision = services.level_propose(
        agency=history, level="C", criteria=["C-1"], acting_user=staff, now=timezone.now()
    )
    approve = reverse("infrastructure:level_approve", args=[decision.pk])

    client.force_login(outsider)
    assert client.post(approve, {"effective_from": "2026-03-02"}).status_code == 404  # not in their scope
    client.force_login(staff)
    page = client.get(reverse("infrastructure:agency_detail", args=[history.pk])).content.decode()
    assert f'id="level-approve-{decision.pk}"' in page
    assert client.post(approve, {"effective_from": "2026-03-02"}).status_code == 302
    assert LevelDecision.objects.get(pk=decision.pk).status == "approved"
    page = client.get(reverse("infrastructure:agency_detail", args=[history.pk])).content.decode()
    assert f'id="level-file-{decision.pk}"' in page
    assert client.post(reverse("infrastructure:level_file", args=[decision.pk])).status_code == 302
    assert LevelDecision.objects.get(pk=decision.pk).filed_at is not None
    assert history.events.filter(kind="level_filed", actor=staff).count() == 1
