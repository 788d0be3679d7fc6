"""The ``small`` scale: 30 agencies with the national shape, every level fixed, for tests and quick demos.

24 government agencies (行政院 with six ministries and their subordinates, 臺北市政府 with bureaus, a
district office, two elementary schools and a junior high school, a hospital) and 6 SNGAs in six sectors,
one of them (台灣電力) a designated CI provider. One rename, one older approved level, one pending proposal.
"""

from datetime import date

from infrastructure.demo.builder import Builder, n
from infrastructure.demo.details import Policy
from infrastructure.demo.local import MUNICIPAL_ADJUSTMENT
from infrastructure.demo.names import CITY_BY_NAME
from infrastructure.demo.sngo import CATEGORIES

POLICY = Policy(
    history_share=0,
    pending_share=0,
    predecessor_share=0,
    history=("財政部財政資訊中心",),
    pending=("財政部臺北國稅局",),
)

MINISTRIES = (
    n(
        "數位發展部",
        "A-1 A-3",
        n("+資通安全署", "A-1 A-3"),
        n("+數位產業署", "C-1"),
        domain="moda.gov.tw",
        en="Ministry of Digital Affairs",
        sectors=("communications", "government"),
    ),
    n(
        "財政部",
        "A-3 A-4",
        n("+財政資訊中心", "A-3 A-4", domain="fdc.gov.tw"),
        n("+臺北國稅局", "B-3", n("+大安分局", "D-1"), n("+中正分局", "E-2"), domain="ntbt.gov.tw"),
        domain="mof.gov.tw",
        en="Ministry of Finance",
        sectors=("finance",),
    ),
    n(
        "衛生福利部",
        "A-3 A-4",
        n("+臺北醫院", "B-7", city="新北市"),
        domain="mohw.gov.tw",
        en="Ministry of Health and Welfare",
        sectors=("emergency-hospitals",),
    ),
    n("經濟部", "A-5", domain="moea.gov.tw", en="Ministry of Economic Affairs", sectors=("energy", "water")),
    n(
        "交通部",
        "A-5",
        n("+中央氣象署", "A-3", domain="cwa.gov.tw", renamed_from=("交通部中央氣象局", date(2023, 9, 15))),
        domain="motc.gov.tw",
        en="Ministry of Transportation and Communications",
        sectors=("transportation",),
    ),
    n("金融監督管理委員會", "A-5", domain="fsc.gov.tw", en="Financial Supervisory Commission", sectors=("finance",)),
)
TAIPEI = n(
    "臺北市政府",
    "B-2 B-3",
    n(
        "+教育局",
        "B-2",
        n("臺北市大安區幸安國民小學", "E-2", domain="tp.edu.tw"),
        n("臺北市大安區仁愛國民小學", "D-1", domain="tp.edu.tw"),
        n("臺北市立大安國民中學", "D-1", domain="tp.edu.tw"),
    ),
    n("臺北市大安區公所", "C-1"),
    n("+警察局", "B-3"),
    n("+衛生局", "B-3", n("臺北市立聯合醫院", "B-7", sectors=("emergency-hospitals",))),
    domain="mail.taipei.gov.tw",
    en="Taipei City Government",
    sectors=("government",),
)
SNGOS = (  # (name, category, regulator, sectors, criteria, domain, CI provider)
    ("台灣電力股份有限公司", "soe", "經濟部", ("energy",), "A-6", "taipower.com.tw", True),
    ("台灣自來水股份有限公司", "soe", "經濟部", ("water",), "B-3", "mail.water.gov.tw", False),
    ("中華郵政股份有限公司", "soe", "交通部", ("transportation", "finance"), "C-1", "mail.post.gov.tw", False),
    ("臺灣銀行股份有限公司", "soe", "金融監督管理委員會", ("finance",), "B-3", "mail.bot.com.tw", False),
    ("財團法人台灣網路資訊中心", "fdn", "數位發展部", ("communications",), "C-1", "twnic.tw", False),
    ("財團法人醫院評鑑暨醫療品質策進會", "fdn", "衛生福利部", ("emergency-hospitals",), "D-1", "jct.org.tw", False),
)


def build_small(builder: Builder) -> None:
    executive = builder.add(
        "行政院",
        "A-1 A-2 A-3",
        domain="ey.gov.tw",
        en="Executive Yuan",
        oid_arc=20003,
        org_prefix="A01",
        sectors=("government",),
    )
    for number, ministry in enumerate(MINISTRIES, start=2):
        builder.add_tree(ministry, parent=executive, org_prefix=f"A{number:02d}")
    taipei = CITY_BY_NAME["臺北市"]
    government = builder.add_tree(TAIPEI, oid_arc=90001, org_prefix=str(taipei.code))
    builder.set_level(government, "A", MUNICIPAL_ADJUSTMENT)
    for name, category, regulator, sectors, criteria, domain, ci in SNGOS:
        agency = builder.add(
            name,
            criteria,
            kind="sngo",
            category=CATEGORIES[category],
            regulator=builder.by_name[regulator],
            sectors=sectors,
            domain=domain,
        )
        agency.ci_provider = ci
