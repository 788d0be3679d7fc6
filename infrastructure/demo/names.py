"""Name tables for the demo registry: local governments and their districts, people, roads, schools.

The 22 local governments and their 368 districts/townships are the real ones (2014 onwards), with their
telephone area codes; mail domains and organisation-code prefixes are illustrative; everything built from
them (people, numbers, addresses) is invented. The tables are data files (``tables``); this module gives
them their types.
"""

from dataclasses import dataclass

from infrastructure.demo.tables import rows, split, words


@dataclass(frozen=True)
class City:
    name: str  # 臺北市
    kind: str  # municipality (直轄市) | city (市) | county (縣)
    en: str
    domain: str  # mail domain of the government
    edu_domain: str  # mail domain of its schools
    area_code: str
    local_digits: int  # digits after the area code
    code: int  # first digits of the organisation codes of its agencies
    districts: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.name[:-1]  # 臺北市 → 臺北

    @property
    def is_municipality(self) -> bool:
        return self.kind == "municipality"

    @property
    def government(self) -> str:
        return f"{self.name}政府"


CITIES: tuple[City, ...] = tuple(
    City(
        name=row["name"],
        kind=row["kind"],
        en=row["en"],
        domain=row["domain"],
        edu_domain=row["edu_domain"],
        area_code=row["area_code"],
        local_digits=int(row["local_digits"]),
        code=int(row["code"]),
        districts=split(row["districts"]),
    )
    for row in rows("cities.csv")
)
CITY_BY_NAME = {city.name: city for city in CITIES}
TAIPEI = CITY_BY_NAME["臺北市"]


def district_short(district: str) -> str:
    """大安區 → 大安, 中區 → 中區 (one-character names keep their suffix), 阿里山鄉 → 阿里山."""
    return district if len(district) <= 2 else district[:-1]


# People: common Taiwanese surnames (roughly by frequency) and given-name characters, romanised as on passports.
SURNAMES: tuple[tuple[str, str, int], ...] = tuple(
    (row["surname"], row["roman"], int(row["weight"])) for row in rows("surnames.csv")
)
_GIVEN = rows("given_names.csv")
GIVEN_FEMALE = tuple((row["name"], row["roman"]) for row in _GIVEN if row["sex"] == "female")
GIVEN_MALE = tuple((row["name"], row["roman"]) for row in _GIVEN if row["sex"] == "male")

# Places
ROADS = words("roads")
TAIPEI_CENTRAL_DISTRICTS = words("taipei_central_districts")  # weighted by repetition
SCHOOL_STEMS = words("school_stems")
