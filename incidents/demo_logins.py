"""Current work in the demo logins' queues (issue 13): the security officer's own agency has incidents in
every state of the workflow, its superior agency (財政部, login ``mof``) and the sector regulator (經濟部,
login ``moea``) each have incidents awaiting review — one of them overdue — and the superior agency
臺北市政府 (login ``taipei``) has one too. Filed through the services at a fixed offset from now, so every
legal clock, event and notification is what a real filing writes. Demo data only."""

from datetime import timedelta

from django.db import transaction

from common.periods import TAIPEI
from incidents import services
from incidents.rules import ImpactAnswers, Severity
from incidents.services.recovery import ReportContents
from infrastructure.models import Agency

OFFICER_AGENCY, SNGA, TAIPEI_SUBTREE = "財政部臺北國稅局", "台灣電力股份有限公司", "臺北市政府教育局"
MINOR = ImpactAnswers(confidentiality=Severity.MINOR)
REPORT = ReportContents(
    timeline="知悉後 20 分鐘通報，2 小時內隔離主機。",
    impact="對外服務中斷約 3 小時，無資料外洩。",
    recovery_course="自備份還原並更新修補程式。",
    investigation_course="比對存取紀錄與端點偵測告警。",
    root_cause="未及時修補之網頁元件漏洞。",
    prevention="導入弱點修補時程管控並加強監控。",
    schedule="115 年第 2 季前完成。",
)


def _file(agency, user, *, title, aware_ago, now, submit=True):
    data = services.NotificationInput(
        title=title,
        incident_type="intrusion",
        aware_at=now - aware_ago,
        occurred_at=now - aware_ago - timedelta(minutes=30),
        description="（示範資料）" + title,
        measures_taken="隔離受影響主機並重設帳號密碼。",
        answers=MINOR,
    )
    reported = now - aware_ago + timedelta(minutes=20)
    return services.incident_report_create(agency=agency, data=data, acting_user=user, now=reported, submit=submit)


def _review(incident, reviewer, *, at):
    return services.incident_review_complete(
        incident=incident, level=incident.level, note="", acting_user=reviewer, now=at, forward=True
    )


def _drills(agency, officer, regulator, *, now) -> None:
    """Last year's drills done (one with its results, one results pending), this year's open."""
    from incidents.models import Drill

    today = now.astimezone(TAIPEI).date()
    for year in (today.year - 1, today.year):
        services.drill_assign_year(agencies=[agency], year=year, acting_user=regulator, now=now)
    past = list(Drill.objects.filter(agency=agency, ends_on__lt=today - timedelta(days=40)).order_by("ends_on"))
    for number, drill in enumerate(past):
        conducted = drill.ends_on - timedelta(days=20)
        services.drill_record_conducted(
            drill=drill, conducted_on=conducted, participants=120, acting_user=officer, now=now - timedelta(days=60)
        )
        if number % 2 == 0:
            services.drill_submit_results(
                drill=drill,
                summary="社交工程演練：開信率 4.1%，點擊率 1.2%。",
                acting_user=officer,
                now=now - timedelta(days=50),
            )


@transaction.atomic
def load_login_queues(*, users: dict, now) -> int:
    names = {OFFICER_AGENCY, SNGA, TAIPEI_SUBTREE}
    agencies = {a.name: a for a in Agency.objects.filter(name__in=names, is_active=True)}
    officer, mof, moea, taipei = (users.get(name) for name in ("officer", "mof", "moea", "taipei"))
    created = 0
    tax = agencies.get(OFFICER_AGENCY)
    if tax and officer and mof:
        _file(tax, officer, title="（草稿）可疑登入告警", aware_ago=timedelta(hours=1), now=now, submit=False)
        _file(tax, officer, title="網站遭置換，待審核", aware_ago=timedelta(hours=3), now=now)
        _file(tax, officer, title="主機遭非法入侵，審核逾期", aware_ago=timedelta(hours=30), now=now)
        reviewed = _file(tax, officer, title="端點遭惡意程式感染，復原中", aware_ago=timedelta(hours=20), now=now)
        _review(reviewed, mof, at=now - timedelta(hours=18))
        recovered = _file(tax, officer, title="服務中斷，已復原待報告", aware_ago=timedelta(days=10), now=now)
        _review(recovered, mof, at=now - timedelta(days=10) + timedelta(hours=2))
        services.incident_mark_recovered(
            incident=recovered, recovered_at=now - timedelta(days=9), acting_user=officer, now=now - timedelta(days=9)
        )
        reported = _file(tax, officer, title="個人資料疑似外洩，報告待審", aware_ago=timedelta(days=30), now=now)
        _review(reported, mof, at=now - timedelta(days=30) + timedelta(hours=2))
        services.incident_mark_recovered(
            incident=reported, recovered_at=now - timedelta(days=29), acting_user=officer, now=now - timedelta(days=29)
        )
        services.incident_report_submit(
            incident=reported, contents=REPORT, acting_user=officer, now=now - timedelta(days=2)
        )
        closed = _file(tax, officer, title="官網遭阻斷服務攻擊，已結案", aware_ago=timedelta(days=60), now=now)
        _review(closed, mof, at=now - timedelta(days=60) + timedelta(hours=2))
        services.incident_mark_recovered(
            incident=closed, recovered_at=now - timedelta(days=59), acting_user=officer, now=now - timedelta(days=59)
        )
        services.incident_report_submit(
            incident=closed, contents=REPORT, acting_user=officer, now=now - timedelta(days=40)
        )
        services.incident_report_decide(
            incident=closed, accept=True, note="", acting_user=mof, now=now - timedelta(days=38)
        )
        services.incident_close(incident=closed, acting_user=mof, now=now - timedelta(days=37))
        created += 7
        _drills(tax, officer, users.get("regulator"), now=now)
    reporter = users.get("admin")
    if SNGA in agencies and moea:
        _file(agencies[SNGA], reporter, title="變電所監控系統異常連線，待審核", aware_ago=timedelta(hours=2), now=now)
        _file(
            agencies[SNGA], reporter, title="調度系統帳號遭暴力破解，審核逾期", aware_ago=timedelta(hours=12), now=now
        )
        created += 2
    if TAIPEI_SUBTREE in agencies and taipei:
        _file(agencies[TAIPEI_SUBTREE], reporter, title="校務系統遭入侵，待審核", aware_ago=timedelta(hours=4), now=now)
        created += 1
    return created
