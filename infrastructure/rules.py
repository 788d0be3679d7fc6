"""Pure registry rules: tree paths, level criteria, re-approval dates. No ORM, no settings, no now()."""

from dataclasses import dataclass
from datetime import date

from common.periods import nominal_end

PATH_SEGMENT_WIDTH = 8
PATH_SEPARATOR = "."

LEVEL_ORDER = ("A", "B", "C", "D", "E")  # A is the highest responsibility (分級辦法 Art 9: highest wins)


def path_segment(agency_id: int) -> str:
    return f"{agency_id:0{PATH_SEGMENT_WIDTH}d}{PATH_SEPARATOR}"


def child_path(parent_path: str, agency_id: int) -> str:
    return parent_path + path_segment(agency_id)


def subtree_upper_bound(path: str) -> str:
    """Exclusive upper bound of every path that starts with ``path`` ('.' + 1 == '/').

    ``path <= x < bound`` is an index range scan on SQLite and PostgreSQL alike.
    """
    return path[:-1] + chr(ord(PATH_SEPARATOR) + 1)


def ancestor_ids(path: str) -> list[int]:
    """Ids on the path from the root down to (and including) the node itself."""
    return [int(part) for part in path.split(PATH_SEPARATOR) if part]


GOVERNMENT, SNGA = "government", "sngo"
ANY, GOVERNMENT_ONLY, SNGA_ONLY, CI_PROVIDER_ONLY = "any", "government", "sngo", "ci_provider"


@dataclass(frozen=True)
class LevelCriterion:
    code: str  # e.g. "A-1"
    level: str
    article: str
    text_zh: str
    fits: str = ANY  # which agencies the criterion can describe: the text's "屬公務機關" / "屬關鍵基礎設施提供者" …


# 資通安全責任等級分級辦法 (A0030304, version 2021-08-23) Arts 4-8 [P]
# (../shared/domain/csma_responsibility_level_criteria.csv)
LEVEL_CRITERIA: tuple[LevelCriterion, ...] = (
    LevelCriterion("A-1", "A", "第4條第1款", "業務涉及國家機密"),
    LevelCriterion("A-2", "A", "第4條第2款", "業務涉及外交、國防或國土安全事項"),
    LevelCriterion("A-3", "A", "第4條第3款", "業務涉及全國性民眾服務或跨公務機關共用性資通系統之維運"),
    LevelCriterion("A-4", "A", "第4條第4款", "業務涉及全國性民眾或公務員個人資料檔案之持有"),
    LevelCriterion("A-5", "A", "第4條第5款", "屬公務機關，且業務涉及全國性之關鍵基礎設施事項", GOVERNMENT_ONLY),
    LevelCriterion(
        "A-6",
        "A",
        "第4條第6款",
        "屬關鍵基礎設施提供者，其資通系統失效或受影響將產生災難性或非常嚴重之影響",
        CI_PROVIDER_ONLY,
    ),
    LevelCriterion("A-7", "A", "第4條第7款", "屬公立醫學中心"),
    LevelCriterion("B-1", "B", "第5條第1款", "業務涉及公務機關捐助、資助或研發之國家核心科技資訊之安全維護及管理"),
    LevelCriterion("B-2", "B", "第5條第2款", "業務涉及區域性、地區性民眾服務或跨公務機關共用性資通系統之維運"),
    LevelCriterion("B-3", "B", "第5條第3款", "業務涉及區域性或地區性民眾個人資料檔案之持有"),
    LevelCriterion("B-4", "B", "第5條第4款", "業務涉及中央二級機關及所屬各級機關（構）共用性資通系統之維運"),
    LevelCriterion("B-5", "B", "第5條第5款", "屬公務機關，且業務涉及區域性或地區性之關鍵基礎設施事項", GOVERNMENT_ONLY),
    LevelCriterion(
        "B-6", "B", "第5條第6款", "屬關鍵基礎設施提供者，其資通系統失效或受影響將產生嚴重之影響", CI_PROVIDER_ONLY
    ),
    LevelCriterion("B-7", "B", "第5條第7款", "屬公立區域醫院或地區醫院"),
    LevelCriterion("C-1", "C", "第6條", "維運自行或委外設置、開發之資通系統"),
    LevelCriterion("D-1", "D", "第7條", "自行辦理資通業務，未維運自行或委外設置、開發之資通系統"),
    LevelCriterion("E-1", "E", "第8條第1款", "無資通系統且未提供資通服務"),
    LevelCriterion(
        "E-2",
        "E",
        "第8條第2款",
        "公務機關，全部資通業務由上級機關、監督機關或其指定之公務機關兼辦或代管",
        GOVERNMENT_ONLY,
    ),
    LevelCriterion(
        "E-3",
        "E",
        "第8條第3款",
        "特定非公務機關，全部資通業務由中央目的事業主管機關或出資之公務機關等兼辦或代管",
        SNGA_ONLY,
    ),
)
CRITERIA_BY_CODE = {criterion.code: criterion for criterion in LEVEL_CRITERIA}


def level_from_criteria(codes: list[str]) -> str:
    """The highest level any met criterion gives (Art 9). Raises KeyError on an unknown code."""
    if not codes:
        raise ValueError("at least one criterion is required")
    levels = {CRITERIA_BY_CODE[code].level for code in codes}
    return min(levels, key=LEVEL_ORDER.index)


def criterion_fits(code: str, *, agency_kind: str, is_ci_provider: bool) -> bool:
    """Can criterion ``code`` describe this agency? (分級辦法 2021 Arts 4–8: "屬公務機關" is government only,
    "屬關鍵基礎設施提供者" a designated CI provider — a specific non-government agency, 2018 Act Art 3 (6)(7) —,
    Art 8 (3) "屬特定非公務機關" SNGA only.) Raises KeyError on an unknown code."""
    fits = CRITERIA_BY_CODE[code].fits
    return (
        fits == ANY
        or (fits == GOVERNMENT_ONLY and agency_kind == GOVERNMENT)
        or (fits == SNGA_ONLY and agency_kind == SNGA)
        or (fits == CI_PROVIDER_ONLY and agency_kind == SNGA and is_ci_provider)
    )


# 分級辦法 Art 3 (2018 text, in force 2019-01-01): who submits and who decides a level.
EXECUTIVE_YUAN = "行政院"
SELF_DECIDING_BODIES = frozenset({"總統府", "國家安全會議", "立法院", "司法院", "考試院", "監察院"})  # Art 3 V
ROUTE_APPROVAL, ROUTE_RECORDATION, ROUTE_OWN = "approval", "recordation", "own"
ROUTE_CITATIONS = {
    ROUTE_APPROVAL: "資通安全責任等級分級辦法第3條第2項至第4項（報主管機關核定）",
    ROUTE_RECORDATION: "資通安全責任等級分級辦法第3條第5項（自行核定，送主管機關備查）",
    ROUTE_OWN: "資通安全責任等級分級辦法第3條第1項；院臺規字第1110184307號公告（行政院核定自身等級）",
}


@dataclass(frozen=True)
class LevelRoute:
    route: str
    decider: int | None  # index in the chain of the deciding body; None: the competent authority
    citation: str


def level_route(*, chain: list[str], is_snga: bool) -> LevelRoute:
    """Art 3 for an agency whose chain of names runs root → itself (for an SNGA: root → its sector regulator,
    "所管之特定非公務機關"). The Presidential Office, the National Security Council and the Legislative, Judicial,
    Examination and Control Yuan decide the levels of themselves, their subordinates and the SNGAs in their charge
    and file them with the competent authority (¶V; the nearest such body decides); the Executive Yuan decides its
    own (¶I, kept by 院臺規字第1110184307號); every other level is submitted — by the agency directly under the
    Executive Yuan, the local government, or for an SNGA its sector regulator (¶II–IV) — for the competent
    authority's approval."""
    if not is_snga and chain and chain[-1] == EXECUTIVE_YUAN:
        return LevelRoute(ROUTE_OWN, len(chain) - 1, ROUTE_CITATIONS[ROUTE_OWN])
    for index in range(len(chain) - 1, -1, -1):
        if chain[index] in SELF_DECIDING_BODIES:
            return LevelRoute(ROUTE_RECORDATION, index, ROUTE_CITATIONS[ROUTE_RECORDATION])
    return LevelRoute(ROUTE_APPROVAL, None, ROUTE_CITATIONS[ROUTE_APPROVAL])


def reapproval_due(*, effective_from: date, cycle_years: int) -> date:
    """The level must be approved again within the cycle (分級辦法 Art 3: "每二年", 2018 text in force 2019-01-01):
    a 行政程序法 §48 II–III period of ``cycle_years`` years counted from the day after the level takes effect
    (common.periods). A due date for the regulator's cycle, shown as a date: not moved by rest days."""
    return nominal_end(start=effective_from, years=cycle_years)
