"""Registry pages through the Django test client: access, filters, dates, constant query counts, import flow."""

from datetime import UTC, date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from infrastructure import services
from infrastructure.models import Agency, AgencyEvent, LevelDecision, RegistryImport, Sector
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DECIDED_AT = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def viewer(client):
    user = UserFactory(username="viewer", perms=["infrastructure.view_agency"])
    client.force_login(user)
    return user


def _approve(agency, level, effective_from=date(2025, 11, 26), reapproval_due=date(2026, 11, 26)):
    return LevelDecision.objects.create(
        agency=agency,
        level=level,
        criteria=[f"{level}-1"],
        status="approved",
        effective_from=effective_from,
        reapproval_due=reapproval_due,
        decided_at=DECIDED_AT,
    )


def _fully_described(agency, *, officer, regulator, sector):
    """An agency with everything the list and detail pages show."""
    agency.regulator = regulator
    agency.save(update_fields=["regulator"])
    agency.sectors.add(sector)
    _approve(agency, "B")
    services.contact_add(
        agency=agency, role="ciso", name="王大明", valid_from=date(2024, 1, 1), acting_user=officer, now=timezone.now()
    )
    services.system_record(agency=agency, name="公文系統", is_core=True, acting_user=officer, now=timezone.now())
    services.agency_update(
        agency=agency,
        data={"phone": "02-2311-0000", "regulator": regulator},
        acting_user=officer,
        channel="web",
        now=timezone.now(),
    )
    return agency


# Access -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["agency_list", "agency_detail"])
def test_anonymous_visitor_is_sent_to_login(client, name):
    agency = AgencyFactory()
    url = reverse(f"infrastructure:{name}", kwargs={"agency_id": agency.pk} if name == "agency_detail" else {})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_user_without_roles_sees_an_empty_registry_and_no_agency(client):
    agency = AgencyFactory()
    client.force_login(UserFactory(username="nobody"))
    response = client.get(reverse("infrastructure:agency_list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert client.get(reverse("infrastructure:agency_detail", args=[agency.pk])).status_code == 404


def test_unknown_agency_is_404(client, viewer):
    assert client.get(reverse("infrastructure:agency_detail", args=[999999])).status_code == 404


def test_home_redirects_to_the_dashboard(client, viewer):
    # each role's landing is tested in tests/reports/test_permission_matrix.py
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:dashboard")


# List ---------------------------------------------------------------------------------------------


def test_list_shows_agencies_with_their_columns(client, viewer):
    root = AgencyFactory(name="行政院", oid="2.16.886.101.20003")
    moda = AgencyFactory(
        name="數位發展部", name_en="Ministry of Digital Affairs", parent=root, oid="2.16.886.101.20003.20080"
    )
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="ci_provider", regulator=moda)
    power.sectors.add(Sector.objects.get(code="energy"))
    _approve(power, "A")
    response = client.get(reverse("infrastructure:agency_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert [agency.name for agency in response.context["page"].object_list] == [
        "行政院",
        "數位發展部",
        "台灣電力股份有限公司",
    ]
    assert f'href="{reverse("infrastructure:agency_detail", args=[power.pk])}"' in page
    assert "2.16.886.101.20003.20080" in page
    assert '<span class="badge level-A"' in page
    assert "能源" in page
    assert "?xlsx" not in page and f"{reverse('infrastructure:agency_export', args=['xlsx'])}?" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "電力"}, ["台灣電力股份有限公司"]),
        ({"q": "2.16.886.101.20003"}, ["行政院", "數位發展部"]),
        ({"kind": "sngo"}, ["台灣電力股份有限公司", "中華電信股份有限公司"]),
        ({"sector": "energy"}, ["台灣電力股份有限公司"]),
        ({"level": "A"}, ["台灣電力股份有限公司"]),
        ({"active": "0"}, ["已裁撤機關"]),
        ({"active": "all", "kind": "government"}, ["行政院", "數位發展部", "已裁撤機關"]),
    ],
)
def test_list_filters_give_exact_rows(client, viewer, query, expected):
    root = AgencyFactory(name="行政院", oid="2.16.886.101.20003")
    moda = AgencyFactory(name="數位發展部", parent=root, oid="2.16.886.101.20003.20080")
    AgencyFactory(name="已裁撤機關", parent=root, is_active=False)
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="ci_provider", regulator=moda)
    power.sectors.add(Sector.objects.get(code="energy"))
    _approve(power, "A")
    AgencyFactory(name="中華電信股份有限公司", kind="sngo", sngo_category="ci_provider", regulator=moda)
    if "sector" in query:
        query = {**query, "sector": Sector.objects.get(code=query["sector"]).pk}
    response = client.get(reverse("infrastructure:agency_list"), query)
    assert sorted(a.name for a in response.context["page"].object_list) == sorted(expected)
    assert response.context["page"].paginator.count == len(expected)


def test_regulator_and_parent_filters_show_removable_chips(client, viewer):
    root = AgencyFactory(name="行政院")
    moda = AgencyFactory(name="數位發展部", parent=root)
    AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="ci_provider", regulator=moda)
    AgencyFactory(name="資通安全署", parent=moda)
    response = client.get(reverse("infrastructure:agency_list"), {"regulator": moda.pk, "q": "電"})
    assert [a.name for a in response.context["page"].object_list] == ["台灣電力股份有限公司"]
    assert [(c["agency"].name, c["remove_query"]) for c in response.context["chips"]] == [("數位發展部", "q=%E9%9B%BB")]
    response = client.get(reverse("infrastructure:agency_list"), {"parent": moda.pk})
    assert [a.name for a in response.context["page"].object_list] == ["資通安全署"]
    assert response.context["chips"][0]["remove_query"] == ""
    assert "數位發展部" in response.content.decode()


def test_list_paginates_by_fifty(client, viewer):
    AgencyFactory.create_batch(51)
    response = client.get(reverse("infrastructure:agency_list"), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 1
    assert response.context["page"].paginator.count == 51


def _list_queries(client) -> int:
    client.get(reverse("infrastructure:agency_list"))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("infrastructure:agency_list"))
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(client, viewer):
    officer = UserFactory(username="officer")
    regulator = AgencyFactory(name="主管機關", is_active=False)  # not listed: the page shows 1, then 50 rows
    energy = Sector.objects.get(code="energy")
    _fully_described(AgencyFactory(parent=regulator), officer=officer, regulator=regulator, sector=energy)
    with_one = _list_queries(client)
    for _ in range(49):
        _fully_described(AgencyFactory(parent=regulator), officer=officer, regulator=regulator, sector=energy)
    assert len(client.get(reverse("infrastructure:agency_list")).context["page"].object_list) == 50
    assert with_one == _list_queries(client)


# Detail -------------------------------------------------------------------------------------------


def test_detail_shows_breadcrumb_facts_history_and_change_log(client, viewer):
    officer = UserFactory(username="officer", first_name="Officer")
    root = AgencyFactory(name="行政院")
    moda = AgencyFactory(name="數位發展部", parent=root)
    agency = AgencyFactory(name="資通安全署", parent=moda, oid="2.16.886.101.20003.20080.1")
    _fully_described(agency, officer=officer, regulator=moda, sector=Sector.objects.get(code="government"))
    child = AgencyFactory(name="資安分署", parent=agency)
    _approve(child, "D")
    response = client.get(reverse("infrastructure:agency_detail", args=[agency.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert [a.name for a in response.context["ancestors"]] == ["行政院", "數位發展部"]
    assert [c.name for c in response.context["children"]] == ["資安分署"]
    assert response.context["children"][0].current_level == "D"
    for text in ("行政院", "2.16.886.101.20003.20080.1", "重要政府機關", "王大明", "公文系統", "B-1", "02-2311-0000"):
        assert text in page
    assert f"?parent={agency.pk}" in page
    events = response.context["events"]
    assert [item["event"].kind for item in events] == ["updated", "system_set", "contact_set"]
    phone_row = next(row for row in events[0]["rows"] if row["after"] == "02-2311-0000")
    assert phone_row["before"] == "—"


def test_change_log_names_agencies_and_sectors(client, viewer):
    officer = UserFactory(username="officer")
    moda = AgencyFactory(name="數位發展部")
    agency = AgencyFactory(name="中華電信股份有限公司", kind="sngo", sngo_category="ci_provider")
    services.agency_update(
        agency=agency,
        data={"regulator": moda, "sectors": [Sector.objects.get(code="energy")]},
        acting_user=officer,
        now=timezone.now(),
    )
    client.cookies["django_language"] = "en"
    response = client.get(reverse("infrastructure:agency_detail", args=[agency.pk]))
    rows = {str(row["label"]): (row["before"], row["after"]) for row in response.context["events"][0]["rows"]}
    assert rows == {"sector regulator": ("—", "數位發展部"), "sectors": ("—", "Energy")}


def test_change_log_names_the_level_procedure_not_its_code(client, viewer):
    """分級辦法 Art 3: the proposal's procedure reads as the law names it (報主管機關核定), never "approval"."""
    root = AgencyFactory(name="行政院")
    agency = AgencyFactory(name="財政部", parent=root)
    services.level_propose(
        agency=agency, level="B", criteria=[], adjustment_reason="業務調整", acting_user=None, now=timezone.now()
    )
    response = client.get(reverse("infrastructure:agency_detail", args=[agency.pk]))
    rows = {str(row["label"]): row["after"] for item in response.context["events"] for row in item["rows"]}
    assert rows["程序"] == "報主管機關核定"


def _detail_queries(client, agency) -> int:
    url = reverse("infrastructure:agency_detail", args=[agency.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_detail_query_count_does_not_grow_with_children(client, viewer):
    officer = UserFactory(username="officer")
    root = AgencyFactory(name="行政院")
    agency = AgencyFactory(name="數位發展部", parent=root)
    _fully_described(agency, officer=officer, regulator=root, sector=Sector.objects.get(code="energy"))
    _fully_described(
        AgencyFactory(parent=agency), officer=officer, regulator=root, sector=Sector.objects.get(code="energy")
    )
    with_one = _detail_queries(client, agency)
    for _ in range(49):
        _fully_described(
            AgencyFactory(parent=agency), officer=officer, regulator=root, sector=Sector.objects.get(code="water")
        )
    services.contact_add(
        agency=agency, role="ciso", name="李四", valid_from=date(2025, 1, 1), acting_user=officer, now=timezone.now()
    )
    services.system_record(agency=agency, name="人事系統", acting_user=officer, now=timezone.now())
    _approve(agency, "A", effective_from=date(2026, 1, 5), reapproval_due=date(2029, 1, 5))
    assert len(agency.children.all()) == 50
    with_fifty = _detail_queries(client, agency)
    assert with_one == with_fifty


# Dates --------------------------------------------------------------------------------------------


def test_dates_are_roc_in_chinese_and_iso_in_english(client, viewer):
    agency = AgencyFactory(name="數位發展部")
    _approve(agency, "A", reapproval_due=date(2026, 11, 26))
    url = reverse("infrastructure:agency_detail", args=[agency.pk])
    chinese = client.get(url).content.decode()
    assert "民國115年11月26日" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "2026-11-26" in english
    assert "民國115年" not in english


def test_accept_language_selects_english(client, viewer):
    agency = AgencyFactory(name="數位發展部")
    _approve(agency, "A", reapproval_due=date(2026, 11, 26))
    response = client.get(reverse("infrastructure:agency_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'title="Re-approval due 2026-11-26"' in response.content.decode()


def test_event_times_are_shown_in_taipei(client, viewer):
    agency = AgencyFactory(name="數位發展部")
    AgencyEvent.objects.create(
        agency=agency,
        kind="updated",
        occurred_at=datetime(2026, 11, 25, 16, 30, tzinfo=UTC),
        data={"changes": {"phone": ["1", "2"]}},
    )
    page = client.get(reverse("infrastructure:agency_detail", args=[agency.pk])).content.decode()
    assert "民國115年11月26日 00:30" in page


# Import from the web ------------------------------------------------------------------------------

OID_CSV = (
    "\r\n".join(
        [
            '"機關名稱","OID","電話","地址","DN"',
            '"行政院","2.16.886.101.20003","02-33566500","臺北市中正區忠孝東路1段1號","ou=行政院,o=中華民國"',
            '"數位發展部","2.16.886.101.20003.20080","02-23800000","臺北市中正區延平南路143號","ou=數位發展部,ou=行政院,o=中華民國"',
            '"數位發展部資通安全署","2.16.886.101.20003.20080.20001","02-23800001","臺北市","ou=數位發展部資通安全署,ou=數位發展部"',
        ]
    ).encode("utf-8-sig")
    + b"\r\n"
)


def _upload(client, content=OID_CSV, name="oid.csv", **fields):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("infrastructure:import_upload"), {"file": upload, "file_format": "auto", **fields})


@pytest.fixture
def importer(client):
    user = UserFactory(
        username="importer",
        perms=["infrastructure.view_agency", "infrastructure.add_registryimport", "infrastructure.view_registryimport"],
    )
    client.force_login(user)
    return user


@pytest.mark.parametrize("name", ["import_upload", "import_preview", "import_confirm", "import_progress"])
def test_import_pages_need_login(client, name):
    url = reverse(f"infrastructure:{name}", args=[] if name == "import_upload" else [1])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_upload_needs_add_registryimport(client, viewer):
    assert client.get(reverse("infrastructure:import_upload")).status_code == 403
    assert _upload(client).status_code == 403
    assert RegistryImport.objects.exists() is False


def test_upload_form_renders(client, importer):
    response = client.get(reverse("infrastructure:import_upload"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@override_settings(CSMA_IMPORT_MAX_BYTES=100)
def test_upload_over_the_size_limit_is_refused_with_a_clear_message(client, importer):
    client.cookies["django_language"] = "en"
    response = _upload(client)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        f"The file is {len(OID_CSV)}\xa0bytes; files larger than 100\xa0bytes cannot be imported."
    ]
    assert RegistryImport.objects.exists() is False


def test_upload_shows_the_preview_and_writes_nothing(client, importer):
    response = _upload(client, deactivate_missing="on")
    registry_import = RegistryImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("infrastructure:import_preview", args=[registry_import.pk])
    assert (registry_import.status, registry_import.uploaded_by, registry_import.deactivate_missing) == (
        "previewed",
        importer,
        True,
    )
    assert Agency.objects.exists() is False
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert preview.status_code == 200
    assert '<div class="count-create"><strong>3</strong>' in page
    assert 'id="confirm-import"' in page
    assert "數位發展部資通安全署" in page  # a sample of what would be created


def test_invalid_file_lists_every_error_with_row_and_column(client, importer):
    content = "\r\n".join(
        ['"機關名稱","OID"', '"甲機關","2.16.886.101.9.1"', '"","2.16.886.101.9.2"', '"丙機關","not-an-oid"']
    ).encode("utf-8-sig")
    response = _upload(client, content=content, name="bad.csv")
    registry_import = RegistryImport.objects.get()
    assert registry_import.status == "invalid"
    assert registry_import.errors
    preview = client.get(response["Location"])
    rows = preview.content.decode().split('id="import-errors"')[1]
    for error in registry_import.errors:
        assert f'<td class="num">{error["row"]}</td>' in rows
    assert 'id="confirm-import"' not in preview.content.decode()
    assert Agency.objects.exists() is False


def test_confirm_applies_and_returns_to_the_preview(client, importer):
    _upload(client)
    registry_import = RegistryImport.objects.get()
    url = reverse("infrastructure:import_confirm", args=[registry_import.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("infrastructure:import_preview", args=[registry_import.pk])
    registry_import.refresh_from_db()
    assert registry_import.status == "applied"
    assert sorted(Agency.objects.values_list("name", flat=True)) == ["數位發展部", "數位發展部資通安全署", "行政院"]
    page = client.get(response["Location"]).content.decode()
    assert '<div class="count-create"><strong>3</strong>' in page
    assert 'id="confirm-import"' not in page


def test_confirm_needs_add_registryimport(client, importer):
    _upload(client)
    registry_import = RegistryImport.objects.get()
    client.force_login(UserFactory(username="reader", perms=["infrastructure.view_registryimport"]))
    assert client.post(reverse("infrastructure:import_confirm", args=[registry_import.pk])).status_code == 403
    registry_import.refresh_from_db()
    assert registry_import.status == "previewed"
    assert Agency.objects.exists() is False


def test_preview_and_progress_of_another_users_import(client, importer):
    _upload(client)
    registry_import = RegistryImport.objects.get()
    client.force_login(UserFactory(username="reader", perms=["infrastructure.view_registryimport"]))
    assert client.get(reverse("infrastructure:import_preview", args=[registry_import.pk])).status_code == 200
    progress = client.get(reverse("infrastructure:import_progress", args=[registry_import.pk]))
    assert progress.json()["status"] == "previewed"
    client.force_login(UserFactory(username="viewer-only", perms=["infrastructure.view_agency"]))
    assert client.get(reverse("infrastructure:import_preview", args=[registry_import.pk])).status_code == 403
    assert client.get(reverse("infrastructure:import_progress", args=[registry_import.pk])).status_code == 403


def test_unknown_import_is_404(client, importer):
    assert client.get(reverse("infrastructure:import_preview", args=[999999])).status_code == 404
    assert client.get(reverse("infrastructure:import_progress", args=[999999])).status_code == 404


def test_queued_import_shows_a_progress_bar_that_polls(client, importer):
    registry_import = RegistryImport.objects.create(
        original_name="national.csv",
        sha256="0" * 64,
        uploaded_by=importer,
        status="queued",
        progress_done=1200,
        progress_total=8000,
        summary={"format": "oid", "rows": 8000, "create": 8000, "update": 0, "deactivate": 0, "unchanged": 0},
    )
    page = client.get(reverse("infrastructure:import_preview", args=[registry_import.pk])).content.decode()
    progress_url = reverse("infrastructure:import_progress", args=[registry_import.pk])
    assert '<progress id="import-progress" value="1200" max="8000"' in page
    assert f'data-progress-url="{progress_url}"' in page
    assert '<script src="/static/js/csma.js" defer></script>' in page  # it polls; no inline script under the CSP
    assert client.get(progress_url).json() == {
        "status": "queued",
        "status_display": "排程中",
        "done": 1200,
        "total": 8000,
        "summary": registry_import.summary,
    }


@override_settings(CSMA_IMPORT_SYNC_MAX_ROWS=2)
def test_large_import_is_queued_then_applied_by_the_task(client, importer, django_capture_on_commit_callbacks):
    _upload(client)
    registry_import = RegistryImport.objects.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("infrastructure:import_confirm", args=[registry_import.pk]))
    registry_import.refresh_from_db()
    assert registry_import.status == "queued"
    assert Agency.objects.exists() is False
    page = client.get(response["Location"]).content.decode()
    assert 'id="import-progress"' in page
    assert 'id="confirm-import"' not in page
    for callback in callbacks:  # the Celery task (eager in tests), dispatched on commit
        callback()
    registry_import.refresh_from_db()
    assert registry_import.status == "applied"
    assert Agency.objects.count() == 3
    assert (
        client.get(reverse("infrastructure:import_progress", args=[registry_import.pk])).json()["status"] == "applied"
    )


def test_reimport_previews_updates_and_the_change_log_reads_them(client, importer):
    _upload(client)
    client.post(reverse("infrastructure:import_confirm", args=[RegistryImport.objects.get().pk]))
    newer = OID_CSV.decode("utf-8-sig").replace("02-33566500", "02-33560000").splitlines()[:3]
    _upload(client, content="\r\n".join(newer).encode("utf-8-sig"), name="newer.csv", deactivate_missing="on")
    second = RegistryImport.objects.order_by("-pk").first()
    client.cookies["django_language"] = "en"
    preview = client.get(reverse("infrastructure:import_preview", args=[second.pk]))
    assert [
        (s["name"], [(str(c["label"]), c["before"], c["after"]) for c in s["changes"]])
        for s in preview.context["update_samples"]
    ] == [("行政院", [("phone", "02-33566500", "02-33560000")])]
    assert preview.context["counts"] == {"create": 0, "update": 1, "deactivate": 1, "unchanged": 1}
    client.post(reverse("infrastructure:import_confirm", args=[second.pk]))
    executive_yuan = Agency.objects.get(name="行政院")
    detail = client.get(reverse("infrastructure:agency_detail", args=[executive_yuan.pk]))
    latest = detail.context["events"][0]
    assert (latest["event"].kind, latest["event"].registry_import) == ("updated", second)
    assert [(str(r["label"]), r["before"], r["after"]) for r in latest["rows"]] == [
        ("phone", "02-33566500", "02-33560000"),
        ("row", "—", "2"),
    ]
    assert Agency.objects.get(name="數位發展部資通安全署").is_active is False


def test_export_links_keep_the_filters_and_export_only_those_rows(client, viewer):
    AgencyFactory(name="行政院")
    AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned")
    page = client.get(reverse("infrastructure:agency_list"), {"kind": "sngo", "page": "1"}).content.decode()
    for file_format in ("xlsx", "csv"):
        assert f'href="{reverse("infrastructure:agency_export", args=[file_format])}?kind=sngo"' in page
    response = client.get(reverse("infrastructure:agency_export", args=["csv"]), {"kind": "sngo"})
    assert response.status_code == 200
    assert "台灣電力股份有限公司".encode() in response.content
    assert "行政院".encode() not in response.content


def test_unknown_export_format_is_404(client, viewer):
    assert client.get(reverse("infrastructure:agency_export", args=["pdf"])).status_code == 404
