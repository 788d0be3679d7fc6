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

GENERIC_SYSTEMS = (
    "公文管理系統",
    "人事差勤系統",
    "全球資訊網",
    "會計系統",
    "電子郵件系統",
    "檔案管理系統",
    "財產管理系統",
    "內部網站",
    "採購管理系統",
    "薪資管理系統",
    "線上申辦系統",
    "資訊資產管理系統",
    "視訊會議系統",
)
SYSTEMS_BY_KEYWORD = (  # first matching keyword wins
    ("國民小學", ("校務行政系統", "學籍管理系統")),
    ("國民中學", ("校務行政系統", "學籍管理系統")),
    ("醫院", ("醫療資訊系統(HIS)", "電子病歷系統", "醫學影像儲傳系統(PACS)", "檢驗資訊系統(LIS)", "掛號批價系統")),
    ("國稅局", ("綜合所得稅申報審核系統", "營業稅稽徵系統", "欠稅管理系統")),
    ("警察", ("警政資訊系統", "110報案管理系統", "車牌辨識系統")),
    ("消防", ("119救災救護指揮派遣系統", "消防安全設備檢修申報系統")),
    ("戶政", ("戶役政資訊系統", "戶籍謄本申請系統")),
    ("地政", ("地政整合資訊系統", "地籍圖資系統")),
    ("稅", ("地方稅稽徵系統", "房屋稅籍系統")),
    ("大學", ("校務行政系統", "學生資訊系統", "數位學習平臺", "圖書館自動化系統")),
    ("學校", ("校務行政系統", "學籍管理系統")),
    ("高級中學", ("校務行政系統", "學籍管理系統")),
    ("公所", ("社會福利補助系統", "里鄰管理系統")),
    ("電力", ("電力調度SCADA系統", "配電自動化系統", "智慧電表系統", "電費帳務系統")),
    ("油", ("油品儲運監控系統", "加油站管理系統", "天然氣輸儲調度系統")),
    ("瓦斯", ("輸配氣監控系統", "用戶帳務系統")),
    ("天然氣", ("輸配氣監控系統", "用戶帳務系統")),
    ("水", ("淨水場監控系統", "營業收費系統", "管網資訊系統")),
    ("電信", ("核心網路管理系統", "客戶帳務系統", "行動網路營運支援系統")),
    ("銀行", ("核心帳務系統", "網路銀行系統", "行動銀行系統", "跨行支付系統")),
    ("證券", ("交易撮合系統", "結算交割系統")),
    ("鐵路", ("行車調度系統", "票務系統", "號誌系統")),
    ("機場", ("航班資訊系統", "行李處理系統", "門禁管理系統")),
    ("港", ("港埠營運系統", "船舶動態監控系統")),
    ("捷運", ("行車控制系統", "自動收費系統")),
)
CISO_TITLES = (  # by how the agency's name ends
    ("政府", "副市長"),
    ("縣政府", "副縣長"),
    ("部", "常務次長"),
    ("委員會", "副主任委員"),
    ("署", "副署長"),
    ("局", "副局長"),
    ("處", "副處長"),
    ("主計總處", "副主計長"),
    ("人事行政總處", "副人事長"),
    ("院", "副院長"),
    ("醫院", "副院長"),
    ("公所", "主任秘書"),
    ("國民小學", "校長"),
    ("國民中學", "校長"),
    ("高級中學", "校長"),
    ("學校", "校長"),
    ("大學", "副校長"),
    ("公司", "資安長"),
    ("基金會", "副執行長"),
    ("中心", "副主任"),
    ("法院", "副院長"),
    ("檢察署", "主任檢察官"),
)
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
