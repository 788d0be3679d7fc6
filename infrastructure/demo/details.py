"""What every demo agency carries besides its name: level history, contacts, systems, CI designation.

Dates: approvals take effect between 2024-01-01 and 2026-06-30 (most in the latest cycle), a few agencies
have an older approved decision as history (2021-2023) and a few a pending proposal from the second half
of 2026. All datetimes are aware (Asia/Taipei).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from infrastructure import rules
from infrastructure.demo import names
from infrastructure.demo.builder import Builder
from infrastructure.demo.spec import AgencySpec, ContactSpec, DecisionSpec, DesignationSpec, SystemSpec
from infrastructure.demo.tables import rows

TAIPEI_TZ = ZoneInfo("Asia/Taipei")
EFFECTIVE_WINDOWS = (  # (first day, last day, weight)
    (date(2024, 1, 1), date(2024, 12, 31), 6),
    (date(2025, 1, 1), date(2025, 12, 31), 50),
    (date(2026, 1, 5), date(2026, 6, 30), 44),
)
DEFAULT_CRITERIA = {"A": ("A-3",), "B": ("B-2",), "C": ("C-1",), "D": ("D-1",), "E": ("E-2",)}
SYSTEMS_PER_LEVEL = {"A": (4, 8), "B": (2, 5), "C": (1, 3)}
PROTECTION_WEIGHTS = {"A": (15, 45, 40), "B": (30, 55, 15), "C": (60, 37, 3)}  # 普, 中, 高
CONTRACT_RANGE = {"A": (2_000, 60_000), "B": (800, 20_000), "C": (150, 3_000)}  # NT$ thousand

_SYSTEMS = rows("systems.csv")  # (keyword in the agency's name or "*", system)
GENERIC_SYSTEMS = tuple(row["system"] for row in _SYSTEMS if row["name_contains"] == "*")
SYSTEMS_BY_KEYWORD = tuple(  # first matching keyword wins
    (keyword, tuple(row["system"] for row in _SYSTEMS if row["name_contains"] == keyword))
    for keyword in dict.fromkeys(row["name_contains"] for row in _SYSTEMS if row["name_contains"] != "*")
)
CISO_TITLES = tuple((row["name_ends_with"], row["title"]) for row in rows("ciso_titles.csv"))
SCHOOL_SUFFIXES = ("國民小學", "國民中學", "高級中學", "學校")


@dataclass(frozen=True)
class Policy:
    """How much history the builder invents: shares drawn at random, or the names of the agencies that get it."""

    history_share: float = 0.015  # an older approved decision (2021-2023) with a neighbouring level
    pending_share: float = 0.01  # a newer proposal not yet submitted
    predecessor_share: float = 0.06  # a CISO who held the role before the current one
    history: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()


def finalise(builder: Builder, policy: Policy = Policy()) -> None:
    """Give every agency its decisions, contacts, systems and (for CI providers) a designation."""
    mailboxes: dict[str, set[str]] = {}
    for agency in builder.registry.agencies:
        agency.decisions = _decisions(builder, agency, policy)
        agency.contacts = _contacts(builder, agency, mailboxes, policy)
        agency.systems = _systems(builder, agency)
        if agency.ci_provider:
            agency.designation = _designation(builder, agency)


# Levels -----------------------------------------------------------------------------------------------
def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=TAIPEI_TZ)


def _random_day(builder: Builder, first: date, last: date) -> date:
    return first + timedelta(days=builder.rng.randint(0, (last - first).days))


def _approved(
    builder: Builder, level: str, criteria: tuple[str, ...], effective: date, reason: str = ""
) -> DecisionSpec:
    rng = builder.rng
    decided = effective - timedelta(days=rng.randint(0, 14))
    submitted = decided - timedelta(days=rng.randint(7, 45))
    proposed = submitted - timedelta(days=rng.randint(3, 30))
    return DecisionSpec(
        level=level,
        criteria=criteria,
        status="approved",
        proposed_at=_at(proposed, 9),
        submitted_at=_at(submitted, 14),
        decided_at=_at(decided, 16),
        effective_from=effective,
        adjustment_reason=reason,
    )


def _neighbour(builder: Builder, level: str) -> str:
    index = rules.LEVEL_ORDER.index(level)
    options = [rules.LEVEL_ORDER[i] for i in (index - 1, index + 1) if 0 <= i < len(rules.LEVEL_ORDER)]
    return builder.rng.choice(options)


def _criteria_for(agency: AgencySpec, level: str) -> tuple[str, ...]:
    if level == "E" and agency.kind == "sngo":
        return ("E-3",)
    return DEFAULT_CRITERIA[level]


def _decisions(builder: Builder, agency: AgencySpec, policy: Policy) -> list[DecisionSpec]:
    rng = builder.rng
    if agency.dissolved_on:  # approved once, before it was dissolved
        effective = _random_day(builder, date(2021, 9, 1), agency.dissolved_on - timedelta(days=200))
        return [_approved(builder, agency.level, agency.criteria, effective, agency.adjustment_reason)]
    first, last, _ = rng.choices(EFFECTIVE_WINDOWS, weights=[w for *_, w in EFFECTIVE_WINDOWS])[0]
    current = _approved(
        builder, agency.level, agency.criteria, _random_day(builder, first, last), agency.adjustment_reason
    )
    decisions = [current]
    if agency.name in policy.history or rng.random() < policy.history_share:
        older = _neighbour(builder, agency.level)
        effective = _random_day(builder, date(2021, 9, 1), date(2023, 10, 31))
        decisions.insert(0, _approved(builder, older, _criteria_for(agency, older), effective))
    if agency.name in policy.pending or rng.random() < policy.pending_share:
        proposed = _neighbour(builder, agency.level)
        decisions.append(
            DecisionSpec(
                level=proposed,
                criteria=_criteria_for(agency, proposed),
                status="proposed",
                proposed_at=_at(_random_day(builder, date(2026, 7, 1), date(2026, 11, 20))),
            )
        )
    return decisions


# People -----------------------------------------------------------------------------------------------
def person(builder: Builder) -> tuple[str, str]:
    """A Taiwanese name and the mailbox stem it would get (陳怡婷 → itchen)."""
    rng = builder.rng
    surname, roman, _ = rng.choices(names.SURNAMES, weights=[w for *_, w in names.SURNAMES])[0]
    pool = names.GIVEN_FEMALE if rng.random() < 0.5 else names.GIVEN_MALE
    first, second = rng.sample(pool, 2)
    return surname + first[0] + second[0], first[1][0] + second[1][0] + roman


def _mailbox(agency: AgencySpec, stem: str, mailboxes: dict[str, set[str]]) -> str:
    used = mailboxes.setdefault(agency.domain, set())
    local, number = stem, 1
    while local in used:
        number += 1
        local = f"{stem}{number}"
    used.add(local)
    return f"{local}@{agency.domain}"


def _ciso_title(agency: AgencySpec) -> str:
    title = "主任秘書"
    for suffix, candidate in CISO_TITLES:  # later, longer suffixes refine earlier ones
        if agency.name.endswith(suffix):
            title = candidate
    return title


def _contacts(
    builder: Builder, agency: AgencySpec, mailboxes: dict[str, set[str]], policy: Policy
) -> list[ContactSpec]:
    rng = builder.rng
    school = agency.name.endswith(SCHOOL_SUFFIXES)
    roles = (
        ("ciso", _ciso_title(agency)),
        ("security_officer", "資訊組長" if school else rng.choice(("資訊室主任", "資安專責人員", "資訊科科長"))),
        ("incident_24h", "資訊組長" if school else rng.choice(("系統管理師", "資訊室科員", "資安工程師"))),
    )
    contacts = []
    for role, title in roles:
        valid_from = _random_day(builder, date(2023, 1, 1), date(2026, 6, 30))
        if agency.dissolved_on:
            valid_from = _random_day(builder, date(2021, 1, 1), agency.dissolved_on - timedelta(days=30))
        if role == "ciso" and not agency.dissolved_on and rng.random() < policy.predecessor_share:
            name, stem = person(builder)
            start = valid_from - timedelta(days=rng.randint(400, 1500))
            contacts.append(
                ContactSpec(
                    role,
                    name,
                    title,
                    _mailbox(agency, stem, mailboxes),
                    agency.phone,
                    "",
                    start,
                    valid_from - timedelta(days=1),
                )
            )
        name, stem = person(builder)
        phone = f"{agency.phone}#{rng.randint(100, 8999)}"
        mobile = builder.mobile() if role == "incident_24h" or rng.random() < 0.3 else ""
        contacts.append(
            ContactSpec(
                role, name, title, _mailbox(agency, stem, mailboxes), phone, mobile, valid_from, agency.dissolved_on
            )
        )
    return contacts


# Systems ----------------------------------------------------------------------------------------------
def _systems(builder: Builder, agency: AgencySpec) -> list[SystemSpec]:
    if agency.level not in SYSTEMS_PER_LEVEL:
        return []
    rng = builder.rng
    specific = next((pool for keyword, pool in SYSTEMS_BY_KEYWORD if keyword in agency.name), ())
    low, high = SYSTEMS_PER_LEVEL[agency.level]
    count = rng.randint(low, high)
    picked = list(specific[: max(1, count // 2)]) if specific else []
    picked += rng.sample([s for s in GENERIC_SYSTEMS if s not in picked], count - len(picked))
    systems = []
    for index, name in enumerate(picked):
        weights = PROTECTION_WEIGHTS[agency.level]
        protection = rng.choices(("normal", "medium", "high"), weights=weights)[0]
        if index == 0 and agency.level == "A":
            protection = "high"
        is_core = protection == "high" or (protection == "medium" and rng.random() < 0.35) or index == 0
        outsourced = rng.random() < 0.65
        low_k, high_k = CONTRACT_RANGE[agency.level]
        amount = Decimal(rng.randint(low_k, high_k) * 1000) if outsourced else None
        downtime = rng.choice((4, 8, 12, 24)) if is_core else rng.choice((24, 36, 48, 72))
        systems.append(SystemSpec(name, is_core, protection, downtime, outsourced, amount))
    return systems


# CI designation ---------------------------------------------------------------------------------------
def _designation(builder: Builder, agency: AgencySpec) -> DesignationSpec:
    rng = builder.rng
    last = agency.dissolved_on - timedelta(days=150) if agency.dissolved_on else date(2025, 6, 30)
    designated = _random_day(builder, date(2019, 3, 1), last)
    approved = designated + timedelta(days=rng.randint(20, 90))
    notified = approved + timedelta(days=rng.randint(5, 30))
    return DesignationSpec(
        designated_on=designated,
        approved_on=approved,
        notified_on=notified,
        sectors=agency.sectors[:2],
        note="示範資料",
        withdrawn_on=agency.dissolved_on,
    )
