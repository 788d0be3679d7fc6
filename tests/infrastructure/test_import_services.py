"""Import services against a real database: plan, apply, roster sync, and the RegistryImport lifecycle."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from common import request_context
from infrastructure import import_services, imports, rules, selectors
from infrastructure.import_services import (
    agency_import_apply,
    agency_import_plan,
    agency_import_preview,
    registry_import_apply,
    registry_import_create,
    registry_import_schedule,
)
from infrastructure.imports import RowError, read_agency_frame, validate_agency_rows
from infrastructure.models import Agency, AgencyEvent, LevelDecision, RegistryImport, Sector
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
Kind, Channel, Status = AgencyEvent.Kind, AgencyEvent.Channel, RegistryImport.Status
EY, MOI, NPA = "2.16.886.101.20003", "2.16.886.101.20003.20006", "2.16.886.101.20003.20006.20018"
MOFA, MOEA, TAIPEI = "2.16.886.101.20003.20007", "2.16.886.101.20003.20008", "2.16.886.101.90001"
RIVER = "2.16.886.101.20003.20008.20100.3"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def importer():
    return UserFactory(username="importer")


def content_of(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def oid_csv(*rows: tuple[str, str]) -> bytes:
    lines = ['"機關名稱","OID","電話","地址","DN"'] + [f'"{name}","{oid}","","",""' for name, oid in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def run_import(content: bytes, *, user=None, filename: str = "roster.csv", deactivate_missing: bool = False):
    preview = agency_import_preview(
        today=timezone.localdate(), content=content, filename=filename, deactivate_missing=deactivate_missing
    )
    assert preview.errors == ()
    return agency_import_apply(now=timezone.now(), plan=preview.plan, acting_user=user)


def by_oid() -> dict[str, Agency]:
    return {agency.oid: agency for agency in Agency.objects.filter(oid__isnull=False)}


def written() -> tuple[int, int, int]:
    return Agency.objects.count(), AgencyEvent.objects.count(), LevelDecision.objects.count()


@pytest.fixture
def sample_roster_imported(importer):
    """The OID export fixture imported once: 10 agencies under 行政院 and 臺北市政府."""
    run_import(content_of("oid_registry_sample.csv"), user=importer)
    return by_oid()


# The OID registry export --------------------------------------------------------------------------


def test_oid_export_builds_the_hierarchy_from_the_oids(sample_roster_imported):
    agencies = sample_roster_imported

    parents = {oid: (agency.parent.oid if agency.parent else None) for oid, agency in agencies.items()}
    assert parents == {
        EY: None,
        MOI: EY,
        NPA: MOI,
        f"{NPA}.1": NPA,
        MOFA: EY,
        f"{MOFA}.1": MOFA,
        MOEA: EY,
        RIVER: MOEA,  # …20008.20100 has no row: attached to the nearest ancestor, 經濟部
        TAIPEI: None,  # 2.16.886.101 has no row anywhere: top level
        f"{TAIPEI}.1.2": TAIPEI,  # …90001.1 missing: under 臺北市政府
    }
    for agency in agencies.values():
        expected_path = rules.child_path(agency.parent.path if agency.parent else "", agency.pk)
        assert (agency.path, agency.depth) == (expected_path, expected_path.count(".") - 1)
    subtree = selectors.agency_subtree(agency=agencies[EY])
    assert sorted(subtree.values_list("oid", flat=True)) == sorted(
        [EY, MOI, NPA, f"{NPA}.1", MOFA, f"{MOFA}.1", MOEA, RIVER]
    )


def test_oid_export_keeps_duplicate_names_and_cleans_values(sample_roster_imported):
    agencies = sample_roster_imported

    assert Agency.objects.filter(name="秘書室").count() == 2
    assert (agencies[MOFA].name, agencies[MOFA].address) == ("外交部", "臺北市中正區凱達格蘭大道2號")
    assert agencies[MOFA].county == "taipei"  # its §48 periods follow Taipei's days off
    assert (agencies[EY].phone, agencies[EY].dn) == ("02-33566500", "ou=行政院,o=Executive Yuan,c=TW")
    assert agencies[EY].kind == "government" and agencies[EY].is_active is True


def test_every_created_agency_has_one_created_event(sample_roster_imported, importer):
    events = AgencyEvent.objects.all()

    assert events.count() == 10
    assert set(events.values_list("kind", "channel", "actor")) == {(Kind.CREATED, Channel.IMPORT, importer.pk)}
    river = AgencyEvent.objects.get(agency=sample_roster_imported[RIVER])
    assert river.data == {
        "row": 9,
        "after": {
            "name": "經濟部水利署第三河川分署",
            "oid": RIVER,
            "phone": "04-25222624",
            "address": "臺中市豐原區站前街11號",
            "dn": "ou=經濟部水利署第三河川分署,ou=經濟部水利署,ou=經濟部,ou=行政院,o=Executive Yuan,c=TW",
            "parent": sample_roster_imported[MOEA].pk,
        },
    }


def test_events_record_the_client_ip_of_a_web_request():
    token = request_context._client_ip.set("203.0.113.5")  # what RequestContextMiddleware sets
    try:
        run_import(oid_csv(("行政院", EY)))
    finally:
        request_context._client_ip.reset(token)

    assert list(AgencyEvent.objects.values_list("ip_address", flat=True)) == ["203.0.113.5"]


def test_orphan_attaches_to_the_nearest_ancestor_already_in_the_registry():
    executive_yuan = AgencyFactory(name="行政院", oid=EY)

    run_import(oid_csv(("內政部警政署", NPA)))

    police = Agency.objects.get(oid=NPA)
    assert police.parent == executive_yuan
    assert police.path == rules.child_path(executive_yuan.path, police.pk)


def test_reimporting_the_same_file_changes_nothing(sample_roster_imported):
    stamps = dict(Agency.objects.values_list("pk", "updated_at"))
    before = written()

    result = run_import(content_of("oid_registry_sample.csv"), deactivate_missing=True)

    assert (result.created, result.updated, result.deactivated, result.unchanged, result.events) == (0, 0, 0, 10, 0)
    assert written() == before
    assert dict(Agency.objects.values_list("pk", "updated_at")) == stamps


def test_the_same_roster_as_xlsx_is_unchanged_too(sample_roster_imported):
    frame = read_agency_frame(content=content_of("oid_registry_sample.csv"), filename="roster.csv")
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)

    result = run_import(buffer.getvalue(), filename="roster.xlsx")

    assert (result.created, result.updated, result.unchanged, result.events) == (0, 0, 10, 0)


# Roster sync --------------------------------------------------------------------------------------


def test_newer_roster_updates_adds_moves_and_deactivates(sample_roster_imported, importer):
    old = sample_roster_imported
    school = old[f"{TAIPEI}.1.2"]

    result = run_import(content_of("oid_registry_newer.csv"), user=importer, deactivate_missing=True)

    assert (result.created, result.updated, result.deactivated, result.unchanged) == (2, 3, 1, 6)
    new = by_oid()
    assert Agency.objects.count() == 12  # 10 + 2, nothing deleted
    assert new[MOI].phone == "02-23565006"
    assert new[f"{MOFA}.1"].name == "秘書處"
    water = new["2.16.886.101.20003.20008.20100"]
    assert (water.name, water.parent) == ("經濟部水利署", new[MOEA])
    assert new[RIVER].parent == water  # its missing parent now has a row: moved under it
    assert new[RIVER].path == rules.child_path(water.path, new[RIVER].pk)
    assert new["2.16.886.101.20003.20050"].parent == new[EY]
    school.refresh_from_db()
    assert (school.is_active, school.dissolved_on) == (False, None)


def test_newer_roster_records_before_and_after(sample_roster_imported, importer):
    old = sample_roster_imported
    start = AgencyEvent.objects.order_by("-id").first().id

    run_import(content_of("oid_registry_newer.csv"), user=importer, deactivate_missing=True)

    events = AgencyEvent.objects.filter(id__gt=start)
    water = Agency.objects.get(oid="2.16.886.101.20003.20008.20100")
    assert sorted((e.agency.oid, e.kind) for e in events) == sorted(
        [
            (MOI, Kind.UPDATED),
            (f"{MOFA}.1", Kind.UPDATED),
            (RIVER, Kind.MOVED),
            (f"{TAIPEI}.1.2", Kind.DEACTIVATED),
            (water.oid, Kind.CREATED),
            ("2.16.886.101.20003.20050", Kind.CREATED),
        ]
    )
    assert events.get(agency=old[MOI]).data == {
        "row": 3,
        "before": {"phone": "02-23565005"},
        "after": {"phone": "02-23565006"},
    }
    assert events.get(agency=old[f"{MOFA}.1"]).data == {
        "row": 7,
        "before": {"name": "秘書室", "dn": "ou=秘書室,ou=外交部,ou=行政院,o=Executive Yuan,c=TW"},
        "after": {"name": "秘書處", "dn": "ou=秘書處,ou=外交部,ou=行政院,o=Executive Yuan,c=TW"},
    }
    assert events.get(agency=old[RIVER]).data == {
        "row": 10,
        "before": {"parent": old[MOEA].pk},
        "after": {"parent": water.pk},
    }
    assert events.get(agency=old[f"{TAIPEI}.1.2"]).data == {
        "before": {"is_active": True},
        "after": {"is_active": False},
        "reason": str(import_services.DEACTIVATED_REASON),
    }
    assert set(events.values_list("actor", "channel")) == {(importer.pk, Channel.IMPORT)}


def test_deactivated_agency_keeps_its_history(sample_roster_imported):
    school = sample_roster_imported[f"{TAIPEI}.1.2"]

    run_import(content_of("oid_registry_newer.csv"), deactivate_missing=True)

    assert list(school.events.order_by("id").values_list("kind", flat=True)) == [Kind.CREATED, Kind.DEACTIVATED]


def test_without_deactivate_missing_absent_agencies_stay_active(sample_roster_imported):
    result = run_import(content_of("oid_registry_newer.csv"))

    assert result.deactivated == 0
    assert Agency.objects.filter(is_active=False).exists() is False


def test_deactivate_missing_leaves_agencies_without_an_oid_alone(sample_roster_imported):
    by_hand = AgencyFactory(name="手動建立的機關")
    company = AgencyFactory(name="台灣電力股份有限公司", org_code="03795904", kind="sngo")

    run_import(oid_csv(("行政院", EY)), deactivate_missing=True)

    assert Agency.objects.filter(is_active=True).count() == 3
    assert set(Agency.objects.filter(is_active=True)) == {sample_roster_imported[EY], by_hand, company}


def test_agency_back_in_the_roster_is_reactivated(sample_roster_imported):
    run_import(content_of("oid_registry_newer.csv"), deactivate_missing=True)

    result = run_import(content_of("oid_registry_sample.csv"))

    school = Agency.objects.get(oid=f"{TAIPEI}.1.2")
    assert school.is_active is True
    # 內政部 and 秘書室 back to their old values, and the school; 第三河川分署 stays under 經濟部水利署, which
    # is now in the registry (its nearest existing ancestor)
    assert (result.updated, result.events) == (3, 3)
    assert school.events.latest("id").kind == Kind.REACTIVATED
    assert Agency.objects.get(oid=RIVER).parent.oid == "2.16.886.101.20003.20008.20100"


def test_dissolved_agency_is_not_reactivated_by_an_import():
    dissolved = AgencyFactory(name="行政院", oid=EY, is_active=False, dissolved_on=date(2025, 12, 31))

    result = run_import(oid_csv(("行政院", EY)))

    dissolved.refresh_from_db()
    assert (result.unchanged, dissolved.is_active) == (1, False)


# csma template --------------------------------------------------------------------------------------


@pytest.fixture
def template_imported(importer):
    result = run_import(content_of("csma_template_example.csv"), user=importer)
    assert (result.created, result.levels) == (6, 6)
    return {agency.name: agency for agency in Agency.objects.all()}


def test_csma_template_sets_kinds_sectors_regulators_and_parents(template_imported):
    agencies = template_imported
    power, water, telecom = (
        agencies["台灣電力股份有限公司"],
        agencies["台灣自來水股份有限公司"],
        agencies["中華電信股份有限公司"],
    )

    assert (power.kind, power.sngo_category, power.org_code, power.oid) == ("sngo", "state_owned", "03795904", None)
    assert power.regulator == agencies["經濟部"]  # by OID
    assert water.regulator == agencies["經濟部"]  # by org code A15000000E
    assert telecom.regulator == agencies["數位發展部"]  # a row of the same file
    assert agencies["數位發展部"].parent == agencies["行政院"]  # explicit parent
    assert agencies["經濟部"].parent == agencies["行政院"]  # blank parent: derived from the OID
    assert power.parent is None
    assert sorted(agencies["經濟部"].sectors.values_list("code", flat=True)) == ["energy", "water"]
    assert list(telecom.sectors.values_list("code", flat=True)) == ["communications"]
    assert agencies["經濟部"].name_en == "Ministry of Economic Affairs"


def test_csma_levels_are_approved_decisions_with_the_cycle_of_their_rules(template_imported, importer):
    agencies = template_imported

    ey = LevelDecision.objects.get(agency=agencies["行政院"])
    moda = LevelDecision.objects.get(agency=agencies["數位發展部"])
    assert (ey.level, ey.status, ey.effective_from, ey.reapproval_due) == (
        "A",
        LevelDecision.Status.APPROVED,
        date(2025, 1, 1),
        date(2027, 1, 1),
    )  # 2021 rules: 2 years
    # the 2026 amendment, promulgated 2026-01-05, is in force from 2026-01-07 (中央法規標準法 §13): 2-year rule
    assert (moda.effective_from, moda.reapproval_due) == (date(2026, 1, 5), date(2028, 1, 5))
    assert (ey.decided_by, ey.proposed_by, ey.cycle_rule.cycle_years) == (importer, importer, 2)
    assert selectors.level_current_for(agency=agencies["台灣自來水股份有限公司"], on=date(2026, 1, 1)) == "B"
    event = agencies["數位發展部"].events.get(kind=Kind.LEVEL_APPROVED)
    assert event.data == {
        "before": {"level": None},
        "after": {"level": "A"},
        "effective_from": "2026-01-05",
        "reapproval_due": "2028-01-05",
        "rule": moda.cycle_rule.citation,
        "decision": moda.pk,
    }


def test_csma_reimport_is_unchanged(template_imported):
    before = written()

    result = run_import(content_of("csma_template_example.csv"))

    assert (result.unchanged, result.events, result.levels) == (6, 0, 0)
    assert written() == before


def test_csma_level_change_adds_a_decision_and_sector_change_is_recorded(template_imported):
    power = template_imported["台灣電力股份有限公司"]
    content = (
        "org_code,name,level,level_effective_from,sectors\r\n"
        "03795904,台灣電力股份有限公司,B,2026-03-01,能源、緊急救援與醫院\r\n"
    ).encode()

    result = run_import(content)

    assert (result.updated, result.levels) == (1, 1)
    assert selectors.level_current_for(agency=power, on=date(2026, 3, 1)) == "B"
    assert power.level_decisions.count() == 2
    emergency = Sector.objects.get(code="emergency-hospitals")
    energy = Sector.objects.get(code="energy")
    updated = power.events.get(kind=Kind.UPDATED)
    assert updated.data == {
        "row": 2,
        "before": {"sectors": [energy.pk]},
        "after": {"sectors": sorted([energy.pk, emergency.pk])},
    }
    assert power.events.filter(kind=Kind.LEVEL_APPROVED).latest("id").data["before"] == {"level": "A"}


def test_big5_sector_list_of_sngas(template_imported):
    run_import(content_of("sngo_sectors_big5.csv"), filename="sectors.csv")

    cpc = Agency.objects.get(org_code="03707901")
    twnic = Agency.objects.get(org_code="16091869")
    assert (cpc.name, cpc.kind, cpc.sngo_category, cpc.phone) == (
        "台灣中油股份有限公司",
        "sngo",
        "state_owned",
        "052241111",
    )
    assert cpc.regulator == template_imported["經濟部"]
    assert sorted(twnic.sectors.values_list("code", flat=True)) == ["communications", "government"]


def test_snga_list_with_deactivate_missing_only_touches_sngas(template_imported):
    result = run_import(content_of("sngo_sectors_big5.csv"), filename="sectors.csv", deactivate_missing=True)

    assert (result.created, result.deactivated) == (3, 3)
    inactive = Agency.objects.filter(is_active=False)
    assert sorted(inactive.values_list("name", flat=True)) == sorted(
        ["台灣電力股份有限公司", "台灣自來水股份有限公司", "中華電信股份有限公司"]
    )
    assert Agency.objects.filter(kind="government", is_active=True).count() == 3


def test_csma_parent_column_moves_a_subtree(sample_roster_imported):
    agencies = sample_roster_imported
    content = f"oid,name,parent\r\n{MOI},內政部,{MOFA}\r\n".encode()

    result = run_import(content)

    assert (result.updated, result.events) == (1, 1)
    moved = {agency.oid: agency for agency in Agency.objects.all()}
    assert moved[MOI].parent == agencies[MOFA]
    for oid in (MOI, NPA, f"{NPA}.1"):
        assert moved[oid].path == rules.child_path(moved[oid].parent.path, moved[oid].pk)
    assert moved[f"{NPA}.1"].path.startswith(agencies[MOFA].path)


# Errors that need the registry: each writes nothing -------------------------------------------------


def plan_errors(content: bytes) -> list[RowError]:
    rows, errors = validate_agency_rows(read_agency_frame(content=content, filename="roster.csv"))
    assert errors == []
    return list(agency_import_plan(today=timezone.localdate(), rows=rows, deactivate_missing=False).errors)


def msg(template, **values) -> str:
    return str(template).format(**values)


def test_unknown_parent_and_regulator_codes(sample_roster_imported):
    content = ("name,org_code,parent,regulator\r\n甲,11111111,2.16.886.101.99999,\r\n乙,22222222,,XYZ000\r\n").encode()

    assert plan_errors(content) == [
        RowError(2, "parent", msg(import_services.UNKNOWN_AGENCY, value="2.16.886.101.99999")),
        RowError(3, "regulator", msg(import_services.UNKNOWN_AGENCY, value="XYZ000")),
    ]


def test_unknown_sector():
    content = "name,org_code,sectors\r\n甲,11111111,能源;太空\r\n".encode()

    assert plan_errors(content) == [RowError(2, "sectors", msg(import_services.UNKNOWN_SECTOR, value="太空"))]


def test_oid_and_code_of_two_different_agencies():
    AgencyFactory(name="經濟部", oid=MOEA)
    AgencyFactory(name="數位發展部", org_code="A61000000A")
    content = f"name,oid,org_code\r\n經濟部,{MOEA},A61000000A\r\n".encode()

    assert plan_errors(content) == [
        RowError(2, "org_code", msg(import_services.IDENTIFIER_CONFLICT, oid_agency="經濟部", code_agency="數位發展部"))
    ]


def test_two_rows_for_the_same_agency():
    AgencyFactory(name="經濟部", oid=MOEA, org_code="A15000000E")
    content = f"name,oid,org_code\r\n經濟部,{MOEA},\r\n經濟部(代碼),,A15000000E\r\n".encode()

    same = msg(import_services.SAME_AGENCY_TWICE, rows="2, 3")
    assert plan_errors(content) == [RowError(2, "oid", same), RowError(3, "org_code", same)]


def test_parent_cycle():
    content = "name,org_code,parent\r\n甲,11111111,22222222\r\n乙,22222222,11111111\r\n".encode()

    cycle = str(import_services.PARENT_CYCLE)
    assert plan_errors(content) == [RowError(2, "parent", cycle), RowError(3, "parent", cycle)]


def test_level_before_any_cycle_rule():
    content = "name,org_code,level,level_effective_from\r\n甲,11111111,C,2018-01-01\r\n".encode()

    assert plan_errors(content) == [
        RowError(2, "level_effective_from", msg(import_services.NO_CYCLE_RULE, date="2018-01-01"))
    ]


def test_a_plan_with_errors_cannot_be_applied():
    rows, _errors = validate_agency_rows(
        read_agency_frame(content="name,org_code,parent\r\n甲,11111111,nowhere\r\n".encode(), filename="x.csv")
    )
    plan = agency_import_plan(today=timezone.localdate(), rows=rows, deactivate_missing=False)

    with pytest.raises(ValidationError) as error:
        agency_import_apply(now=timezone.now(), plan=plan, acting_user=None)

    assert error.value.messages == [str(import_services.PLAN_HAS_ERRORS)]
    assert written() == (0, 0, 0)


CORRUPTED_UTF8 = b'"\xe6\xa9\x9f\xe9\x97\x9c\xe5\x90\x8d\xe7\xa8\xb1","OID"\r\n"\xe8\xa1\x8c\xe6\x94\xbf\xe9' + (
    b'\xff\xfe\x80\x81\xc0\x99\xa2","2.16.886.101.20003"\r\n'
)  # neither UTF-8 nor Big5 nor UTF-16
BAD_FILES = {  # (file name, content, [(row, column, message template, values)]): messages built in English
    "encoding not recognised": ("roster.csv", CORRUPTED_UTF8, [(None, "", imports.UNKNOWN_ENCODING, {})]),
    "missing column": (
        "roster.csv",
        '"機關名稱","電話","DN"\r\n"行政院","02","ou=x"\r\n'.encode(),
        [(1, "OID", imports.MISSING_COLUMN, {"column": "OID"})],
    ),
    "duplicate code": (
        "roster.csv",
        "name,org_code\r\n甲,A1\r\n乙,A1\r\n".encode(),
        [
            (2, "org_code", imports.DUPLICATE_VALUE, {"value": "A1", "rows": "2, 3"}),
            (3, "org_code", imports.DUPLICATE_VALUE, {"value": "A1", "rows": "2, 3"}),
        ],
    ),
    "unknown parent": (
        "roster.csv",
        "name,org_code,parent\r\n甲,A1,B2\r\n".encode(),
        [(2, "parent", import_services.UNKNOWN_AGENCY, {"value": "B2"})],
    ),
    "invalid level": (
        "roster.csv",
        "name,org_code,level\r\n甲,A1,A\r\n乙,A2,AA\r\n".encode(),
        [(3, "level", imports.INVALID_LEVEL, {"value": "AA"})],
    ),
    "broken xlsx": (
        "roster.xlsx",
        content_of("broken.xlsx"),
        [(None, "", imports.BROKEN_SPREADSHEET, {"kind": "XLSX", "ext": "xlsx"})],
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_each_kind_of_bad_input_writes_nothing(case, sample_roster_imported, importer):
    filename, content, expected = BAD_FILES[case]
    before = written()

    registry_import = registry_import_create(
        now=timezone.now(), content=content, original_name=filename, acting_user=importer
    )

    assert registry_import.status == Status.INVALID
    assert registry_import.errors == [
        {"row": row, "column": column, "message": msg(template, **values)} for row, column, template, values in expected
    ]
    with pytest.raises(ValidationError):
        registry_import_schedule(now=timezone.now(), registry_import=registry_import, acting_user=importer)
    assert written() == before


# Queries --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 50])
def test_plan_runs_a_constant_number_of_queries(size, django_assert_num_queries):
    AgencyFactory(name="行政院", oid=EY)
    oid_rows, _ = validate_agency_rows(
        read_agency_frame(content=oid_csv(*[(f"機關{n}", f"{EY}.{n}") for n in range(size)]), filename="x.csv")
    )
    csma_rows, _ = validate_agency_rows(
        read_agency_frame(
            content="".join(
                ["name,org_code,sectors,level\r\n"] + [f"公司{n},{n:08d},能源,C\r\n" for n in range(size)]
            ).encode(),
            filename="x.csv",
        )
    )

    with django_assert_num_queries(1):
        agency_import_plan(today=timezone.localdate(), rows=oid_rows, deactivate_missing=True)
    with django_assert_num_queries(5):  # agencies, sectors, sector links, levels, cycle rules
        agency_import_plan(today=timezone.localdate(), rows=csma_rows, deactivate_missing=True)


def test_apply_does_not_query_per_row():
    def queries_for(size: int, start: int) -> int:
        preview = agency_import_preview(
            today=timezone.localdate(),
            content="".join(
                ["name,org_code,sectors,level\r\n"]
                + [f"公司{n},{n:08d},能源,C\r\n" for n in range(start, start + size)]
            ).encode(),
            filename="x.csv",
        )
        with CaptureQueriesContext(connection) as context:
            agency_import_apply(now=timezone.now(), plan=preview.plan, acting_user=None)
        return len(context.captured_queries)

    assert queries_for(2, 0) == queries_for(60, 100)


# RegistryImport lifecycle ----------------------------------------------------------------------------


def test_create_stores_the_file_and_previews(importer):
    content = content_of("oid_registry_sample.csv")

    registry_import = registry_import_create(
        now=timezone.now(), content=content, original_name="政府機關OID.csv", acting_user=importer
    )

    assert registry_import.status == Status.PREVIEWED
    assert registry_import.file.read() == content
    assert len(registry_import.sha256) == 64 and registry_import.original_name == "政府機關OID.csv"
    assert registry_import.uploaded_by == importer and registry_import.errors == []
    assert registry_import.summary == {
        "format": "oid",
        "rows": 10,
        "create": 10,
        "update": 0,
        "deactivate": 0,
        "unchanged": 0,
        "samples": {
            "create": [
                "行政院",
                "內政部",
                "內政部警政署",
                "秘書室",
                "外交部",
                "秘書室",
                "經濟部",
                "經濟部水利署第三河川分署",
                "臺北市政府",
                "臺北市立建國高級中學",
            ],
            "update": [],
            "deactivate": [],
        },
    }
    assert written() == (0, 0, 0)


def test_preview_of_a_newer_roster_lists_the_changes(sample_roster_imported, importer):
    registry_import = registry_import_create(
        now=timezone.now(),
        content=content_of("oid_registry_newer.csv"),
        original_name="new.csv",
        deactivate_missing=True,
        acting_user=importer,
    )

    summary = registry_import.summary
    assert [summary[key] for key in ("create", "update", "deactivate", "unchanged")] == [2, 3, 1, 6]
    assert summary["samples"]["deactivate"] == ["臺北市立建國高級中學"]
    assert summary["samples"]["update"][0] == {
        "name": "內政部",
        "changes": {"phone": {"before": "02-23565005", "after": "02-23565006"}},
    }
    moved = summary["samples"]["update"][2]
    assert (moved["name"], moved["changes"]["parent"]["before"], moved["changes"]["parent"]["after"]) == (
        "經濟部水利署第三河川分署",
        "經濟部",
        "經濟部水利署",
    )


def test_apply_records_who_which_file_and_progress(importer):
    registry_import = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="oid.csv", acting_user=importer
    )
    seen = []

    registry_import = registry_import_apply(
        now=timezone.now(),
        registry_import=registry_import,
        acting_user=importer,
        progress=lambda done, total: seen.append((done, total)),
    )

    assert registry_import.status == Status.APPLIED
    assert (registry_import.progress_done, registry_import.progress_total) == (10, 10)
    assert registry_import.applied_by == importer and registry_import.finished_at >= registry_import.started_at
    assert registry_import.summary["result"] == {
        "created": 10,
        "updated": 0,
        "deactivated": 0,
        "unchanged": 0,
        "levels": 0,
        "events": 10,
    }
    assert seen[-1] == (10, 10)
    assert set(AgencyEvent.objects.values_list("registry_import", "actor")) == {(registry_import.pk, importer.pk)}


def test_apply_twice_is_refused(importer):
    registry_import = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="oid.csv", acting_user=importer
    )
    registry_import_apply(now=timezone.now(), registry_import=registry_import, acting_user=importer)

    with pytest.raises(ValidationError) as error:
        registry_import_apply(now=timezone.now(), registry_import=registry_import, acting_user=importer)

    assert error.value.messages == [msg(import_services.IMPORT_NOT_READY, status="Applied")]
    assert AgencyEvent.objects.count() == 10


def test_apply_replans_against_the_current_registry(importer):
    first = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="a.csv", acting_user=importer
    )
    second = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="b.csv", acting_user=importer
    )
    registry_import_apply(now=timezone.now(), registry_import=first, acting_user=importer)

    second = registry_import_apply(now=timezone.now(), registry_import=second, acting_user=importer)

    assert second.summary["result"]["unchanged"] == 10 and second.summary["create"] == 0
    assert Agency.objects.count() == 10


def test_apply_refuses_a_stored_file_that_changed(importer):
    registry_import = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="oid.csv", acting_user=importer
    )
    RegistryImport.objects.filter(pk=registry_import.pk).update(sha256="0" * 64)
    registry_import.refresh_from_db()

    registry_import = registry_import_apply(now=timezone.now(), registry_import=registry_import, acting_user=importer)

    assert registry_import.status == Status.FAILED
    assert registry_import.errors == [{"row": None, "column": "", "message": str(import_services.FILE_CHANGED)}]
    assert written() == (0, 0, 0)


def test_schedule_applies_a_small_file_at_once(importer, settings):
    settings.CSMA_IMPORT_SYNC_MAX_ROWS = 10
    registry_import = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="oid.csv", acting_user=importer
    )

    registry_import = registry_import_schedule(
        now=timezone.now(), registry_import=registry_import, acting_user=importer
    )

    assert registry_import.status == Status.APPLIED and Agency.objects.count() == 10


def test_schedule_queues_a_large_file_for_the_worker(importer, settings, django_capture_on_commit_callbacks):
    settings.CSMA_IMPORT_SYNC_MAX_ROWS = 9
    registry_import = registry_import_create(
        now=timezone.now(), content=content_of("oid_registry_sample.csv"), original_name="oid.csv", acting_user=importer
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = registry_import_schedule(now=timezone.now(), registry_import=registry_import, acting_user=importer)
        assert (queued.status, queued.progress_total) == (Status.QUEUED, 10)
        assert Agency.objects.count() == 0

    assert len(callbacks) == 1
    registry_import.refresh_from_db()
    assert registry_import.status == Status.APPLIED and registry_import.applied_by == importer
    assert Agency.objects.count() == 10
    assert set(AgencyEvent.objects.values_list("registry_import", flat=True)) == {registry_import.pk}


def test_create_refuses_a_file_over_the_size_limit(importer, settings):
    settings.CSMA_IMPORT_MAX_BYTES = 100

    with pytest.raises(ValidationError) as error:
        registry_import_create(now=timezone.now(), content=b"x" * 101, original_name="big.csv", acting_user=importer)

    assert error.value.messages == [msg(import_services.FILE_TOO_LARGE, limit=0)]
    assert RegistryImport.objects.exists() is False
