"""Audit journey in headless Chromium (issue 12): the competent authority plans a Q1 audit from the ranked
suggestions, builds the team and sends the notice; the agency asks for a new date within five days and the
regulator accepts it; on the audit day an auditor signs the declarations, fills the checklist (autosave) and
records two findings; the audit report is issued; the agency files the improvement report; the regulator
accepts it and closes one finding. Days pass through common.clock (the one clock the views read)."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access.policy import Role
from audits import services
from audits.models import Audit, Finding
from common import clock
from common.roc import TAIPEI
from tests.browser.test_obligations_journey import _log_in, _log_out, _user
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _travel(monkeypatch, when: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: when)


def _regulator_in(page, live_server, regulator, device):
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a new 30-second step, as on another day
    _log_in(page, live_server, regulator, device=device)


def test_plan_notice_reschedule_checklist_report_improvement(page, live_server, screenshot, monkeypatch):
    expect.set_options(timeout=20_000)
    page.set_default_timeout(30_000)
    executive = AgencyFactory(name="行政院")
    moda = AgencyFactory(name="數位發展部", parent=executive)
    acs = AgencyFactory(name="數位發展部資通安全署", parent=moda)
    economy = AgencyFactory(name="經濟部", parent=executive)
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    regulator = _user("moda", Role.COMPETENT_AUTHORITY)
    regulator.last_name, regulator.first_name = "陳", "雅婷"
    regulator.save()
    device = TOTPDevice.objects.create(user=regulator, name="default", confirmed=True)
    officer = _user("power_officer", Role.SECURITY_OFFICER, power)
    auditor = _user("auditor", Role.AUDITOR)
    expert = _user("expert", Role.AUDITOR)
    _travel(monkeypatch, datetime(2026, 12, 1, 10, tzinfo=TAIPEI))

    # The competent authority writes and approves its 2027 plan …
    _regulator_in(page, live_server, regulator, device)
    page.goto(live_server.url + reverse("audits:plan_create"))
    page.select_option("#id_authority", str(acs.pk))
    page.fill("#id_year", "2027")
    for field, text in (
        ("title", "116年度資通安全稽核計畫"),
        ("purpose", "瞭解實施情形"),
        ("legal_basis", "資通安全管理法第8條"),
        ("focus_areas", "核心系統"),
        ("criteria", "實地稽核表"),
        ("confidentiality_terms", "簽署保密切結書"),
    ):
        page.fill(f"#id_{field}", text)
    page.click("main button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text("116年度資通安全稽核計畫")
    page.click("form[action$='/approve/'] button")
    # … picks 台電 from the ranked suggestions and schedules it in the first quarter
    expect(page.locator("#suggestion-table")).to_contain_text("台灣電力股份有限公司")
    page.locator("#suggestion-table tr", has_text="台灣電力股份有限公司").locator("button.pick").click()
    expect(page.locator("#chosen-agency")).to_have_text("台灣電力股份有限公司")
    page.fill("#id_schedule-starts_on", "2027-01-20")
    page.fill("#id_schedule-ends_on", "2027-01-21")
    page.fill("#id_schedule-place", "台電總處")
    screenshot("audits-01-plan-suggestions")
    page.click("#schedule button[type=submit]")
    expect(page.locator("#board")).to_contain_text("台灣電力股份有限公司")
    audit = Audit.objects.get(auditee=power)
    assert (audit.quarter, audit.risk_score is not None) == (1, True)

    # … builds the team (a quarter government representatives) and sends the written notice
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    for username, government in (("moda", True), ("auditor", False), ("expert", False)):
        page.fill("#action-member_add input[name=username]", username)
        page.fill("#action-member_add input[name=organisation]", "資通安全署" if government else "國家資通安全研究院")
        if government:
            page.check("#action-member_add input[name=is_government_representative]")
        page.click("#action-member_add button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("已新增成員")
    page.click("#action-notice button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已寄發書面通知")
    expect(page.locator("#reschedule-due")).to_contain_text("民國115年12月7日")  # 12-06 is a Sunday
    screenshot("audits-02-notice-sent")
    _log_out(page)

    # The agency asks for another date within five days of the notice
    _travel(monkeypatch, datetime(2026, 12, 3, 9, tzinfo=TAIPEI))
    _log_in(page, live_server, officer)
    page.goto(live_server.url + reverse("audits:plan_list"))
    page.click("#audit-list a:has-text('台灣電力股份有限公司')")
    page.fill("#action-reschedule input[name=proposed_starts_on]", "2027-01-27")
    page.fill("#action-reschedule input[name=proposed_ends_on]", "2027-01-28")
    page.fill("#action-reschedule textarea[name=reasons]", "適逢年度機組大修")
    screenshot("audits-03-reschedule-request")
    page.click("#action-reschedule button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已送出調整稽核日期申請")
    _log_out(page)

    # … the regulator accepts it
    _regulator_in(page, live_server, regulator, device)
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    page.check("#action-reschedule_decide input[name=accept][value='1']")
    page.click("#action-reschedule_decide button[type=submit]")
    expect(page.locator("#audit-dates")).to_contain_text("民國116年1月27日")
    _log_out(page)
    for member in audit.team.exclude(user=auditor):
        for which in ("conflict", "secrecy"):
            services.declaration_sign(
                member=member, which=which, actor=member.user, now=datetime(2027, 1, 10, tzinfo=TAIPEI)
            )
    assert expert.pk in set(audit.team.values_list("user_id", flat=True))

    # On the audit day the auditor signs, starts, fills the checklist and records two findings
    _travel(monkeypatch, datetime(2027, 1, 27, 9, tzinfo=TAIPEI))
    _log_in(page, live_server, auditor)
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    page.click("form[action$='/sign/'] button")
    expect(page.locator("#team-problems")).to_have_count(0)
    page.click("#action-start button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("實地稽核已開始")
    page.goto(live_server.url + reverse("audits:checklist", args=[audit.pk]))
    first = page.locator("fieldset.checkitem").first
    first.locator("select[data-field=result]").select_option("partial")
    first.locator("textarea[data-field=description]").fill("僅部分系統完成分級")
    expect(first.locator(".savestate")).to_have_text("已儲存")
    expect(page.locator("#answered-count")).to_have_text("1")
    screenshot("audits-04-checklist-autosave")
    audit.refresh_from_db()
    assert audit.answers.get(item__item_no="1.1").description == "僅部分系統完成分級"
    rest = {
        pk: ("conforms", "", "") for pk in audit.checklist.items.exclude(item_no="1.1").values_list("pk", flat=True)
    }
    services.answers_record(audit=audit, results=rest, actor=auditor, now=datetime(2027, 1, 27, 15, tzinfo=TAIPEI))
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    for kind, text in (("deficiency", "核心系統未納入營運持續計畫"), ("to_improve", "資產清冊未定期更新")):
        page.select_option("#action-finding select[name=kind]", kind)
        page.fill("#action-finding textarea[name=description]", text)
        page.click("#action-finding button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("已登錄發現事項")
    _travel(monkeypatch, datetime(2027, 1, 28, 17, tzinfo=TAIPEI))
    page.click("#action-complete button[type=submit]")
    expect(page.locator("#report-due")).to_contain_text(
        "民國116年3月2日"
    )  # from 01-29 → 02-28 (Sun, 228), 03-01 observed
    _log_out(page)

    # The regulator issues the audit report
    _travel(monkeypatch, datetime(2027, 2, 10, 10, tzinfo=TAIPEI))
    _regulator_in(page, live_server, regulator, device)
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    page.fill("#action-report textarea[name=scope]", "資通安全維護計畫實施情形")
    page.click("#action-report button[type=submit]")
    expect(page.locator("#improvement-due")).to_contain_text("民國116年3月10日")
    _log_out(page)

    # The agency files its improvement report
    _travel(monkeypatch, datetime(2027, 3, 1, 10, tzinfo=TAIPEI))
    _log_in(page, live_server, officer)
    page.goto(live_server.url + reverse("audits:improvement", args=[audit.pk]))
    for index in range(2):
        page.fill(f"#id_m-{index}-cause", "權責未明確")
        page.fill(f"#id_m-{index}-measures", "指定負責單位並訂定程序")
        page.fill(f"#id_m-{index}-planned_completion", "2027-06-30")
        page.fill(f"#id_m-{index}-tracking_method", "每月資安會議追蹤")
    screenshot("audits-05-improvement-report")
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("已提出改善報告")
    _log_out(page)

    # The regulator accepts it and closes one finding
    _regulator_in(page, live_server, regulator, device)
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    page.check("#action-improvement_decide input[name=accept][value='1']")
    page.click("#action-improvement_decide button[type=submit]")
    page.locator("#finding-1 textarea[name=note]").fill("已檢視營運持續計畫修訂版")
    page.locator("#finding-1 button[type=submit]", has_text="結案").click()
    expect(page.locator("#finding-1")).to_contain_text("已確認結案")
    screenshot("audits-06-finding-closed")
    assert list(Finding.objects.filter(audit=audit).order_by("number").values_list("status", flat=True)) == [
        "closed",
        "open",
    ]
    assert date(2027, 1, 27) == Audit.objects.get(pk=audit.pk).starts_on
