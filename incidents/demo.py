"""Demo incidents for ``seed_demo``: five years following the published statistics (CSMA.md §13: about
525–755 government incidents a year, 87 % level 1, 10 % level 2, 3 % level 3, no level 4; 68.6 % intrusion,
15.4 % equipment, 5 % denial of service, 2.5 % web attacks), with realistic clock outcomes (most met, some
late). Bulk inserts, so the national scale loads in seconds. Deterministic for a seed."""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from common.calendar import taiwan_rest_day_check
from common.periods import TAIPEI, period_end
from incidents import rules
from incidents.models import Drill, Incident, IncidentClock, IncidentEvent, IncidentRuleSet
from incidents.rules import IncidentStatus
from incidents.selectors import drill_obligated_agencies
from incidents.services import drill_assign_year
from infrastructure.models import Agency, AgencyKind

NATIONAL_PER_YEAR = {0: 640, 1: 726, 2: 755, 3: 705, 4: 690}  # years back from this one → incidents
SMALL_PER_YEAR = 4
LEVELS, LEVEL_WEIGHTS = (1, 2, 3), (87, 10, 3)
TYPES = (
    ("intrusion", 68.6),
    ("equipment", 15.4),
    ("dos", 5.0),
    ("web_attack", 2.5),
    ("malware", 4.5),
    ("data_leak", 1.5),
    ("other", 2.5),
)
TITLES = {
    "intrusion": "主機遭非法入侵",
    "equipment": "網路設備故障致服務中斷",
    "dos": "官網遭阻斷服務攻擊",
    "web_attack": "網頁遭置換",
    "malware": "端點遭惡意程式感染",
    "data_leak": "個人資料疑似外洩",
    "other": "其他資安事件",
}
LATE = {"notify": 0.04, "review": 0.05, "forward": 0.05, "recover": 0.06, "report": 0.07}


def load_incidents_demo(*, scale: str, seed: int, users: dict) -> dict[str, int]:
    rng = random.Random(seed * 7919 + 5)
    now = timezone.now()
    agencies = list(Agency.objects.filter(is_active=True).values_list("pk", "kind"))
    if not agencies:
        return {}
    rule_sets = [rule_set.as_data() for rule_set in IncidentRuleSet.objects.in_force()]
    by_code = {rule_set.code: rule_set for rule_set in IncidentRuleSet.objects.in_force()}
    rest_day = taiwan_rest_day_check(years=range(now.year - 5, now.year + 1))
    builder = _Builder(rng=rng, now=now, rule_sets=rule_sets, by_code=by_code, rest_day=rest_day)
    with transaction.atomic():
        for back in range(5):
            count = NATIONAL_PER_YEAR[back] if scale == "national" else SMALL_PER_YEAR
            for _ in range(count if back else int(count * _year_fraction(now))):
                builder.add(rng.choice(agencies), year=now.year - back)
        counts = builder.save()
        counts["drills"] = _drills(users=users, now=now, rng=rng)
    return counts


def _year_fraction(now: datetime) -> float:
    start = datetime(now.year, 1, 1, tzinfo=TAIPEI)
    return (now - start) / (datetime(now.year + 1, 1, 1, tzinfo=TAIPEI) - start)


class _Builder:
    def __init__(self, *, rng, now, rule_sets, by_code, rest_day):
        self.rng, self.now, self.rule_sets, self.by_code, self.rest_day = rng, now, rule_sets, by_code, rest_day
        self.incidents: list[Incident] = []
        self.plans: list[dict] = []

    def _aware_at(self, year: int) -> datetime:
        start = datetime(year, 1, 1, tzinfo=TAIPEI)
        end = min(datetime(year + 1, 1, 1, tzinfo=TAIPEI), self.now - timedelta(hours=1))
        return start + timedelta(seconds=self.rng.uniform(0, (end - start).total_seconds()))

    def add(self, agency: tuple[int, str], *, year: int) -> None:
        rng = self.rng
        aware = self._aware_at(year)
        level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
        kind = rules.SNGO if agency[1] == AgencyKind.SPECIFIC_NON_GOVERNMENT else rules.GOVERNMENT
        ruleset = rules.rule_set_for(self.rule_sets, aware_at=aware)
        incident_type = rng.choices([t for t, _w in TYPES], [w for _t, w in TYPES])[0]
        plan = self._plan(aware=aware, level=level, kind=kind, ruleset=ruleset)
        self.incidents.append(
            Incident(
                agency_id=agency[0],
                title=TITLES[incident_type],
                incident_type=incident_type,
                aware_at=aware,
                occurred_at=aware - timedelta(minutes=rng.randint(0, 240)),
                description="（示範資料）" + TITLES[incident_type],
                measures_taken="隔離受影響主機並重設帳號密碼。",
                level=level,
                proposed_level=level,
                rule_set=self.by_code[ruleset.code],
                reported_at=plan["reported"],
                is_late=plan["late_notify"],
                late_reason="夜間值班人員未即時察覺。" if plan["late_notify"] else "",
                status=plan["status"],
                reviewed_at=plan.get("review"),
                forwarded_at=plan.get("forward"),
                recovered_at=plan.get("recover"),
                report_accepted_at=plan.get("accepted"),
                closed_at=plan.get("closed"),
            )
        )
        self.plans.append(plan)

    def _step(self, name: str, start: datetime, limit: timedelta) -> datetime:
        """Done within the limit most of the time; late by up to half the limit otherwise."""
        if self.rng.random() < LATE[name]:
            return start + limit + timedelta(seconds=self.rng.uniform(60, limit.total_seconds() / 2))
        return start + timedelta(seconds=self.rng.uniform(0.1, 0.9) * limit.total_seconds())

    def _plan(self, *, aware, level, kind, ruleset) -> dict:
        plan = {"clocks": [], "ruleset": ruleset, "kind": kind}
        notify = rules.notify_deadline(ruleset, aware_at=aware, agency_kind=kind)
        plan["reported"] = self._step("notify", aware, notify.due_at - aware)
        plan["late_notify"] = plan["reported"] > notify.due_at
        plan["clocks"].append((notify, aware, plan["reported"]))
        review = rules.review_deadline(ruleset, received_at=plan["reported"], level=level, agency_kind=kind)
        recover = rules.recover_deadline(ruleset, aware_at=aware, level=level, agency_kind=kind)
        steps = [("review", review, plan["reported"])]
        if rules.forward_required(ruleset, level=level, agency_kind=kind):
            steps.append(("forward", None, None))
        steps.append(("recover", recover, aware))
        return self._follow(plan, steps, level=level, kind=kind)

    def _follow(self, plan, steps, *, level, kind) -> dict:
        status = IncidentStatus.REPORTED
        for name, deadline, start in steps:
            if name == "forward":
                deadline = rules.forward_deadline(plan["ruleset"], reviewed_at=plan["review"], agency_kind=kind)
                start = plan["review"]
            done = self._step(name, start, deadline.due_at - start)
            if done > self.now:
                plan["clocks"].append((deadline, start, None))
                plan["status"] = status
                return plan
            plan[name] = done
            plan["clocks"].append((deadline, start, done))
            status = {
                "review": IncidentStatus.LEVEL_CONFIRMED,
                "forward": IncidentStatus.FORWARDED,
                "recover": IncidentStatus.RECOVERED,
            }[name]
        return self._report(plan, kind=kind)

    def _report(self, plan, *, kind) -> dict:
        recovered = plan["recover"]
        deadline = rules.report_deadline(
            plan["ruleset"], recovered_at=recovered, agency_kind=kind, is_rest_day=self.rest_day
        )
        submitted = self._step("report", recovered, deadline.due_at - recovered)
        if submitted > self.now:
            plan["clocks"].append((deadline, recovered, None))
            plan["status"] = IncidentStatus.RECOVERED
            return plan
        plan["clocks"].append((deadline, recovered, submitted))
        plan["submitted"] = submitted
        accepted = submitted + timedelta(days=self.rng.randint(3, 20))
        if accepted > self.now:
            plan["status"] = IncidentStatus.REPORT_SUBMITTED
            return plan
        plan["accepted"], plan["closed"] = accepted, accepted + timedelta(days=1)
        plan["status"] = IncidentStatus.CLOSED if plan["closed"] <= self.now else IncidentStatus.REPORT_ACCEPTED
        if plan["status"] == IncidentStatus.REPORT_ACCEPTED:
            plan.pop("closed")
        return plan

    def save(self) -> dict[str, int]:
        Incident.objects.bulk_create(self.incidents, batch_size=500)
        clocks, events = [], []
        for incident, plan in zip(self.incidents, self.plans, strict=True):
            for deadline, start, done in plan["clocks"]:
                clocks.append(
                    IncidentClock(
                        incident_id=incident.pk,
                        kind=deadline.kind,
                        started_at=start,
                        due_at=deadline.due_at,
                        citation=deadline.citation,
                        met_at=done,
                        escalated_at=done if done and done > deadline.due_at else None,
                    )
                )
            events += _events(incident, plan)
        IncidentClock.objects.bulk_create(clocks, batch_size=1000)
        IncidentEvent.objects.bulk_create(events, batch_size=1000)
        return {"incidents": len(self.incidents), "incident clocks": len(clocks), "incident events": len(events)}


EVENT_STEPS = (
    ("reported", IncidentEvent.Kind.REPORTED, "reported"),
    ("review", IncidentEvent.Kind.LEVEL_CONFIRMED, "level_confirmed"),
    ("forward", IncidentEvent.Kind.FORWARDED, "forwarded"),
    ("recover", IncidentEvent.Kind.RECOVERED, "recovered"),
    ("submitted", IncidentEvent.Kind.REPORT_SUBMITTED, "report_submitted"),
    ("accepted", IncidentEvent.Kind.REPORT_ACCEPTED, "report_accepted"),
    ("closed", IncidentEvent.Kind.CLOSED, "closed"),
)


def _events(incident: Incident, plan: dict) -> list[IncidentEvent]:
    events, previous = [], "draft"
    for key, kind, after in EVENT_STEPS:
        if key in plan:
            events.append(
                IncidentEvent(
                    incident_id=incident.pk,
                    kind=kind,
                    occurred_at=plan[key],
                    status_before=previous,
                    status_after=after,
                    data={"demo": True},
                )
            )
            previous = after
    return events


def _drills(*, users: dict, now: datetime, rng) -> int:
    agencies = list(drill_obligated_agencies()[:60])
    today = now.astimezone(TAIPEI).date()
    for year in (today.year - 1, today.year):
        drill_assign_year(agencies=agencies, year=year, acting_user=users.get("regulator"), now=now)
    rest_day = taiwan_rest_day_check(years=[today.year - 1, today.year])
    done = []
    for drill in Drill.objects.filter(conducted_on__isnull=True, ends_on__lt=today):
        if rng.random() < 0.93:
            drill.conducted_on = drill.ends_on - timedelta(days=rng.randint(5, 120))
            drill.results_due_at = period_end(start=drill.conducted_on, months=1, is_rest_day=rest_day).due_at
            late = rng.random() < 0.08
            drill.results_submitted_at = (
                drill.results_due_at + timedelta(days=rng.randint(1, 20))
                if late
                else (
                    datetime.combine(drill.conducted_on, datetime.min.time(), tzinfo=TAIPEI)
                    + timedelta(days=rng.randint(3, 25))
                )
            )
            drill.summary = (
                "社交工程演練：開信率 4.1%，點擊率 1.2%。"
                if drill.kind == "social_engineering"
                else "通報應變演練完成。"
            )
            done.append(drill)
    Drill.objects.bulk_update(done, ["conducted_on", "results_due_at", "results_submitted_at", "summary"])
    return Drill.objects.count()
