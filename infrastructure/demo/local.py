"""The 22 local governments: bureaus, district/township offices, household-registration and land offices,
health centres, police precincts, fire brigades, public schools and hospitals, township councils.

Schools are named the way the roster names them: 臺北市大安區幸安國民小學 (elementary, with the district),
臺北市立大安國民中學 / 苗栗縣立苑裡國民中學 (junior high), 臺北市立建國高級中學 (senior high).
"""

from infrastructure.demo.builder import Builder
from infrastructure.demo.names import CITIES, SCHOOL_STEMS, City, district_short
from infrastructure.demo.spec import AgencySpec
from infrastructure.demo.tables import rows, split, words

FIRST_LOCAL_ARC = 90001
FIRST_COUNCIL_ARC = 91001
ORDINALS = "一二三四五六七八九十"
MUNICIPAL_ADJUSTMENT = "直轄市政府：服務人口眾多並維運全市共用資通系統，依分級辦法第10條調升為A級。"

# (name, criteria, sectors) of the bureaus of a municipality and of a county or city (data/local_bureaus.csv);
# "政府" is left out of the name of the bureaus marked with "!" in counties.
_BUREAUS = rows("local_bureaus.csv")
MUNICIPAL_BUREAUS = tuple(
    (row["name"], row["criteria"], split(row["sectors"])) for row in _BUREAUS if row["government"] == "municipality"
)
COUNTY_BUREAUS = tuple(
    (row["name"], row["criteria"], split(row["sectors"])) for row in _BUREAUS if row["government"] == "county"
)


def _hospitals() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Local government → its public hospitals, each with its branches (data/local_hospitals.csv)."""
    hospitals: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for row in rows("local_hospitals.csv"):
        hospitals[row["city"]] = (*hospitals.get(row["city"], ()), (row["hospital"], split(row["branches"])))
    return hospitals


LOCAL_HOSPITALS = _hospitals()
INDIGENOUS_DISTRICTS = (
    ("新北市", "烏來區"),
    ("桃園市", "復興區"),
    ("臺中市", "和平區"),
    ("高雄市", "茂林區"),
    ("高雄市", "桃源區"),
    ("高雄市", "那瑪夏區"),
)
SCHOOLS_PER_DISTRICT = {"municipality": ((5, 18), (1, 4)), "city": ((5, 16), (1, 3)), "county": ((3, 12), (1, 2))}
SENIOR_HIGHS = {"municipality": (10, 20), "city": (3, 6), "county": (2, 5)}
SENIOR_KINDS = words("senior_high_kinds")  # weighted by repetition


def build_local(builder: Builder, cities: tuple[City, ...] = CITIES) -> None:
    for index, city in enumerate(cities):
        _local_government(builder, city, FIRST_LOCAL_ARC + index)
    for index, city in enumerate(cities):
        builder.add(
            f"{city.name}議會",
            "@office",
            city=city.name,
            domain=city.domain,
            oid_arc=FIRST_COUNCIL_ARC + index,
            org_prefix=str(city.code),
        )


def _local_government(builder: Builder, city: City, arc: int) -> None:
    government = builder.add(
        city.government,
        "B-2 B-3",
        city=city.name,
        domain=city.domain,
        oid_arc=arc,
        org_prefix=str(city.code),
        en=f"{city.en} Government",
        sectors=("government",),
    )
    if city.is_municipality:
        builder.set_level(government, "A", MUNICIPAL_ADJUSTMENT)
    bureaus = {}
    for name, criteria, sectors in MUNICIPAL_BUREAUS if city.is_municipality else COUNTY_BUREAUS:
        full = f"{city.name}{name[1:]}" if name.startswith("!") else f"{city.government}{name}"
        bureaus[name.lstrip("!")] = builder.add(full, criteria, parent=government, sectors=sectors)
    _district_units(builder, city, government, bureaus)
    _schools(builder, city, bureaus.get("教育局") or bureaus["教育處"])
    for hospital, branches in LOCAL_HOSPITALS.get(city.name, ()):
        main = builder.add(hospital, "B-7", parent=bureaus["衛生局"], sectors=("emergency-hospitals",))
        for branch in branches:
            builder.add(f"{hospital}{branch}", "B-7", parent=main, sectors=("emergency-hospitals",))


def _district_units(builder: Builder, city: City, government: AgencySpec, bureaus: dict) -> None:
    civil = bureaus.get("民政局") or bureaus["民政處"]
    land = bureaus.get("地政局") or bureaus["地政處"]
    tax = bureaus.get("地方稅務局") or bureaus["稅務局"]
    health_unit = "健康服務中心" if city.name == "臺北市" else "衛生所"
    county = city.kind == "county"
    for index, district in enumerate(city.districts):
        place = f"{city.name}{district}"
        here = {"district": district}
        office = builder.add(f"{place}公所", "@office", parent=government, **here)
        builder.add(f"{place}戶政事務所", "@counter", parent=civil, **here)
        builder.add(f"{place}{health_unit}", "@counter", parent=bureaus["衛生局"], **here)
        if county or (city.name, district) in INDIGENOUS_DISTRICTS:
            builder.add(f"{place}民代表會", "@counter", parent=government, **here)
        if county and builder.rng.random() < 0.85:
            builder.add(f"{place}立圖書館", "@counter", parent=office, **here)
        if not county or index % 2 == 0:
            builder.add(
                f"{bureaus['警察局'].name}{district_short(district)}分局", "@leaf", parent=bureaus["警察局"], **here
            )
        if index % 3 == 0:
            builder.add(f"{city.name}{district_short(district)}地政事務所", "@office", parent=land, **here)
        if index % 4 == 0:
            builder.add(f"{tax.name}{district_short(district)}分局", "@counter", parent=tax, **here)
    brigades = 7 if city.is_municipality else 3
    fire = bureaus["消防局"]
    suffix = "救災救護大隊" if city.is_municipality else "大隊"
    for ordinal in ORDINALS[:brigades]:
        builder.add(f"{fire.name}第{ordinal}{suffix}", "@leaf", parent=fire)


def _stems(builder: Builder, first: tuple[str, ...], count: int, used: set[str]) -> list[str]:
    pool = [stem for stem in first if stem not in used]
    pool += builder.rng.sample([stem for stem in SCHOOL_STEMS if stem not in used and stem not in pool], count)
    chosen = pool[:count]
    used.update(chosen)
    return chosen


def _schools(builder: Builder, city: City, education: AgencySpec) -> None:
    (elementary_range, junior_range) = SCHOOLS_PER_DISTRICT[city.kind]
    junior_used: set[str] = set()
    owner = f"{city.name[:-1]}市立" if city.kind != "county" else f"{city.name}立"
    for district in city.districts:
        short = district_short(district)
        local = (short,) if len(short) >= 2 and not short.endswith("區") else ()
        school = {"parent": education, "district": district, "domain": city.edu_domain}
        for stem in _stems(builder, local, builder.rng.randint(*elementary_range), set()):
            builder.add(f"{city.name}{district}{stem}國民小學", "@school", **school)
        for stem in _stems(builder, local, builder.rng.randint(*junior_range), junior_used):
            builder.add(f"{owner}{stem}國民中學", "@school", **school)
    senior_used: set[str] = set()
    for stem in _stems(builder, (), builder.rng.randint(*SENIOR_HIGHS[city.kind]), senior_used):
        builder.add(
            f"{owner}{stem}{builder.rng.choice(SENIOR_KINDS)}", "@shs", parent=education, domain=city.edu_domain
        )
