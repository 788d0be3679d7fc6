"""The other ministries, councils and commissions of the Executive Yuan (農業部 … 核能安全委員會), as of 2026."""

from datetime import date

from infrastructure.demo.builder import Node, n
from infrastructure.demo.central_names import MOHW_HOSPITALS, REGIONS6, VAC_HOMES, per_city


def councils() -> list[Node]:
    return [
        n(
            "農業部",
            "A-5",
            n(
                "+農糧署",
                "B-3",
                [n(f"+{region}分署", "@regional") for region in ("北區", "中區", "南區", "東區")],
                city="南投縣",
            ),
            n("+漁業署", "B-3", city="高雄市"),
            n(
                "+動植物防疫檢疫署",
                "A-5",
                [
                    n(f"+{branch}分署", "@regional", city=city)
                    for branch, city in (("基隆", "基隆市"), ("新竹", "新竹市"), ("臺中", "臺中市"), ("高雄", "高雄市"))
                ],
            ),
            n(
                "+林業及自然保育署",
                "B-2",
                [
                    n(f"+{branch}分署", "@regional", city=city)
                    for branch, city in (
                        ("羅東", "宜蘭縣"),
                        ("新竹", "新竹市"),
                        ("臺中", "臺中市"),
                        ("南投", "南投縣"),
                        ("嘉義", "嘉義市"),
                        ("屏東", "屏東縣"),
                        ("臺東", "臺東縣"),
                        ("花蓮", "花蓮縣"),
                    )
                ],
            ),
            n(
                "+農田水利署",
                "B-5",
                [
                    n(f"+{branch}管理處", "@office")
                    for branch in (
                        "宜蘭",
                        "北基",
                        "桃園",
                        "石門",
                        "新竹",
                        "苗栗",
                        "臺中",
                        "南投",
                        "彰化",
                        "雲林",
                        "嘉南",
                        "高雄",
                        "屏東",
                        "臺東",
                        "花蓮",
                        "七星",
                        "瑠公",
                    )
                ],
                sectors=("water",),
            ),
            n(
                "+農村發展及水土保持署",
                "B-2",
                [n(f"+{branch}分署", "@regional") for branch in ("臺北", "臺中", "南投", "臺南", "臺東")],
                city="南投縣",
            ),
            n("+農業試驗所", "C-1", city="臺中市"),
            [
                n(f"+{station}區農業改良場", "@leaf", city=city)
                for station, city in (
                    ("桃園", "桃園市"),
                    ("苗栗", "苗栗縣"),
                    ("臺中", "彰化縣"),
                    ("臺南", "臺南市"),
                    ("高雄", "屏東縣"),
                    ("花蓮", "花蓮縣"),
                    ("臺東", "臺東縣"),
                )
            ],
            domain="moa.gov.tw",
            en="Ministry of Agriculture",
            renamed_from=("行政院農業委員會", date(2023, 8, 1)),
        ),
        n(
            "衛生福利部",
            "A-3 A-4",
            n(
                "+疾病管制署",
                "A-3",
                [n(f"+{region}區管制中心", "@regional") for region in REGIONS6],
                domain="cdc.gov.tw",
            ),
            n("+食品藥物管理署", "A-3", domain="fda.gov.tw"),
            n("+中央健康保險署", "A-3 A-4", [n(f"+{region}業務組", "B-3") for region in REGIONS6], domain="nhi.gov.tw"),
            n("+國民健康署", "A-4", domain="hpa.gov.tw"),
            n("+社會及家庭署", "B-3", city="臺中市"),
            n("+國家中醫藥研究所", "C-1"),
            [n(f"+{name}", "B-7") for name in MOHW_HOSPITALS],
            [
                n(f"+{home}", "@leaf")
                for home in (
                    "北區老人之家",
                    "中區老人之家",
                    "南區老人之家",
                    "東區老人之家",
                    "彰化老人養護中心",
                    "北區兒童之家",
                    "中區兒童之家",
                    "南區兒童之家",
                    "雲林教養院",
                    "南投啟智教養院",
                    "臺南教養院",
                    "少年之家",
                )
            ],
            domain="mohw.gov.tw",
            en="Ministry of Health and Welfare",
            sectors=("emergency-hospitals",),
        ),
        n(
            "環境部",
            "A-3",
            n("+氣候變遷署", "C-1"),
            n("+資源循環署", "B-2"),
            n("+化學物質管理署", "B-2"),
            n("+環境管理署", "B-2", [n(f"+{region}環境管理中心", "@regional") for region in ("北區", "中區", "南區")]),
            n("+國家環境研究院", "C-1", city="桃園市"),
            domain="moenv.gov.tw",
            en="Ministry of Environment",
            renamed_from=("行政院環境保護署", date(2023, 8, 22)),
        ),
        n(
            "文化部",
            "B-4",
            n("+文化資產局", "C-1", city="臺中市"),
            n("+影視及流行音樂產業局", "C-1"),
            [
                n(name, "@museum", city=city)
                for name, city in (
                    ("國立臺灣博物館", "臺北市"),
                    ("國立歷史博物館", "臺北市"),
                    ("國立臺灣美術館", "臺中市"),
                    ("國立臺灣工藝研究發展中心", "南投縣"),
                    ("國立傳統藝術中心", "宜蘭縣"),
                    ("國立臺灣文學館", "臺南市"),
                    ("國立臺灣史前文化博物館", "臺東縣"),
                    ("國立國父紀念館", "臺北市"),
                    ("國立中正紀念堂管理處", "臺北市"),
                    ("國家人權博物館", "新北市"),
                    ("國立臺灣交響樂團", "臺中市"),
                    ("國立新竹生活美學館", "新竹市"),
                    ("國立彰化生活美學館", "彰化縣"),
                    ("國立臺南生活美學館", "臺南市"),
                    ("國立臺東生活美學館", "臺東縣"),
                    ("國立臺灣歷史博物館", "臺南市"),
                )
            ],
            domain="moc.gov.tw",
            en="Ministry of Culture",
            sectors=("communications",),
        ),
        n(
            "數位發展部",
            "A-1 A-3",
            n("+資通安全署", "A-1 A-3"),
            n("+數位產業署", "C-1"),
            n("國家資通安全研究院", "A-3", domain="nics.nat.gov.tw"),
            domain="moda.gov.tw",
            en="Ministry of Digital Affairs",
            sectors=("communications", "government"),
        ),
        n(
            "運動部",
            "B-3",
            domain="sa.gov.tw",
            en="Ministry of Sports",
            renamed_from=("教育部體育署", date(2025, 9, 9)),
        ),
        n("大陸委員會", "A-1 A-2", domain="mac.gov.tw", en="Mainland Affairs Council", sectors=("government",)),
        n(
            "金融監督管理委員會",
            "A-5",
            n("+銀行局", "B-4"),
            n("+證券期貨局", "B-4"),
            n("+保險局", "B-4"),
            n("+檢查局", "B-4"),
            domain="fsc.gov.tw",
            en="Financial Supervisory Commission",
            sectors=("finance",),
        ),
        n(
            "海洋委員會",
            "A-2",
            n(
                "+海巡署",
                "A-2",
                [n(f"+{branch}分署", "B-5") for branch in ("偵防", "北部", "中部", "南部", "東部", "金馬澎")],
                domain="cga.gov.tw",
            ),
            n("+海洋保育署", "C-1", city="高雄市"),
            n("國家海洋研究院", "C-1", city="高雄市"),
            domain="oac.gov.tw",
            city="高雄市",
            en="Ocean Affairs Council",
        ),
        n("僑務委員會", "B-3", domain="ocac.gov.tw", en="Overseas Community Affairs Council"),
        n(
            "國軍退除役官兵輔導委員會",
            "B-3",
            n(
                "臺北榮民總醫院",
                "A-7",
                [
                    n(f"+{branch}分院", "B-7", city=city)
                    for branch, city in (
                        ("桃園", "桃園市"),
                        ("新竹", "新竹縣"),
                        ("蘇澳", "宜蘭縣"),
                        ("員山", "宜蘭縣"),
                        ("玉里", "花蓮縣"),
                        ("臺東", "臺東縣"),
                        ("鳳林", "花蓮縣"),
                    )
                ],
                domain="vghtpe.gov.tw",
                sectors=("emergency-hospitals",),
            ),
            n(
                "臺中榮民總醫院",
                "A-7",
                [n(f"+{branch}分院", "B-7", city=city) for branch, city in (("埔里", "南投縣"), ("嘉義", "嘉義市"))],
                domain="vghtc.gov.tw",
                city="臺中市",
                sectors=("emergency-hospitals",),
            ),
            n(
                "高雄榮民總醫院",
                "A-7",
                [n(f"+{branch}分院", "B-7", city=city) for branch, city in (("屏東", "屏東縣"), ("臺南", "臺南市"))],
                domain="vghks.gov.tw",
                city="高雄市",
                sectors=("emergency-hospitals",),
            ),
            [n(f"{home}榮譽國民之家", "@counter") for home in VAC_HOMES],
            per_city("{city}榮民服務處", "@counter"),
            domain="mail.vac.gov.tw",
            en="Veterans Affairs Council",
        ),
        n(
            "原住民族委員會",
            "B-3",
            n("+原住民族文化發展中心", "C-1", city="屏東縣"),
            domain="cip.gov.tw",
            en="Council of Indigenous Peoples",
        ),
        n(
            "客家委員會",
            "C-1",
            n("+客家文化發展中心", "C-1", city="苗栗縣"),
            domain="hakka.gov.tw",
            en="Hakka Affairs Council",
        ),
        n(
            "國家發展委員會",
            "A-3",
            n("+檔案管理局", "B-2", city="新北市"),
            domain="ndc.gov.tw",
            en="National Development Council",
        ),
        n(
            "國家科學及技術委員會",
            "B-1",
            [
                n(name, "B-5", city=city, sectors=("science-industrial-parks",))
                for name, city in (
                    ("+新竹科學園區管理局", "新竹市"),
                    ("+中部科學園區管理局", "臺中市"),
                    ("+南部科學園區管理局", "臺南市"),
                )
            ],
            domain="nstc.gov.tw",
            en="National Science and Technology Council",
            sectors=("science-industrial-parks",),
            renamed_from=("科技部", date(2022, 7, 27)),
        ),
        n("行政院公共工程委員會", "A-3", domain="mail.pcc.gov.tw", en="Public Construction Commission"),
        n(
            "行政院主計總處",
            "A-4",
            domain="dgbas.gov.tw",
            en="Directorate-General of Budget, Accounting and Statistics",
        ),
        n(
            "行政院人事行政總處",
            "A-4",
            n("+公務人力發展學院", "C-1"),
            domain="dgpa.gov.tw",
            en="Directorate-General of Personnel Administration",
        ),
        n(
            "中央銀行",
            "A-5",
            domain="mail.cbc.gov.tw",
            en="Central Bank of the Republic of China (Taiwan)",
            sectors=("finance",),
        ),
        n(
            "國立故宮博物院",
            "B-2",
            n("+南部院區", "@museum", city="嘉義縣"),
            domain="npm.gov.tw",
            en="National Palace Museum",
        ),
        n("中央選舉委員會", "A-3", domain="cec.gov.tw", en="Central Election Commission", sectors=("government",)),
        n("公平交易委員會", "C-1", domain="ftc.gov.tw", en="Fair Trade Commission"),
        n(
            "國家通訊傳播委員會",
            "A-5",
            domain="ncc.gov.tw",
            en="National Communications Commission",
            sectors=("communications",),
        ),
        n(
            "核能安全委員會",
            "A-5",
            n("+輻射偵測中心", "C-1", city="高雄市"),
            domain="nusc.gov.tw",
            en="Nuclear Safety Commission",
            sectors=("energy",),
            renamed_from=("行政院原子能委員會", date(2023, 9, 27)),
        ),
    ]
