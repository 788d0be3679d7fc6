"""Ministries of the Executive Yuan (內政部 … 勞動部) and their subordinate agencies, as of 2026.

Military agencies (國防部 and its subordinates) and intelligence agencies (國家安全局, 法務部調查局) are not
regulated by the Act (Art 3; 施行細則 Art 2) and are left out.
"""

from datetime import date

from infrastructure.demo.builder import Node, n
from infrastructure.demo.central_names import (
    MISSIONS,
    NATIONAL_HIGH_SCHOOLS,
    NATIONAL_UNIVERSITIES,
    PRISONS,
    at,
    district_bodies,
    per_city,
    tax_offices,
)


def ministries() -> list[Node]:
    return [
        n(
            "內政部",
            "A-2 A-4",
            n(
                "+警政署",
                "A-2 A-4",
                n("+刑事警察局", "A-2 A-4"),
                n("+航空警察局", "B-5"),
                n("+國道公路警察局", "B-2"),
                n("+鐵路警察局", "B-5"),
                [n(f"+保安警察第{ordinal}總隊", "@leaf") for ordinal in "一二三四五六七"],
                [n(f"+{port}港務警察總隊", "@leaf") for port in ("基隆", "臺中", "高雄", "花蓮")],
                n("+警察廣播電臺", "C-1"),
                domain="npa.gov.tw",
            ),
            n(
                "+消防署",
                "A-3",
                n("+訓練中心", "@leaf", city="南投縣"),
                [n(f"+{port}港務消防隊", "@leaf") for port in ("基隆", "臺中", "高雄", "花蓮")],
                domain="nfa.gov.tw",
                sectors=("emergency-hospitals",),
            ),
            n(
                "+移民署",
                "A-2 A-4",
                per_city("+{city}服務站", "@counter"),
                at("@counter", "宜蘭縣", "+宜蘭收容所"),
                at("@counter", "南投縣", "+南投收容所"),
                domain="immigration.gov.tw",
            ),
            n("+國土管理署", "B-2", domain="nlma.gov.tw"),
            n(
                "+國家公園署",
                "C-1",
                [
                    n(f"+{park}國家公園管理處", "@leaf")
                    for park in ("墾丁", "玉山", "陽明山", "太魯閣", "雪霸", "金門", "台江", "海洋")
                ],
                domain="nps.gov.tw",
            ),
            n("+國土測繪中心", "B-2", city="臺中市"),
            n("+建築研究所", "C-1"),
            n("+空中勤務總隊", "B-5"),
            n("+役政署", "B-4"),
            n("中央警察大學", "C-1", city="桃園市"),
            n("臺灣警察專科學校", "C-1"),
            domain="moi.gov.tw",
            en="Ministry of the Interior",
            sectors=("government",),
        ),
        n(
            "外交部",
            "A-1 A-2",
            n(
                "+領事事務局",
                "A-2 A-4",
                [n(f"+{office}辦事處", "@counter") for office in ("中部", "南部", "東部", "雲嘉南")],
                domain="boca.gov.tw",
            ),
            n("+外交及國際事務學院", "C-1"),
            [n(name, "@office") for name in MISSIONS],
            domain="mofa.gov.tw",
            en="Ministry of Foreign Affairs",
            sectors=("government",),
        ),
        n(
            "財政部",
            "A-3 A-4",
            n("+國庫署", "B-4"),
            n("+賦稅署", "B-4"),
            n("+國有財產署", "B-3", [n(f"+{region}分署", "@regional") for region in ("北區", "中區", "南區")]),
            n(
                "+關務署",
                "A-2 A-3",
                [
                    n(f"+{port}關", "B-5", city=city)
                    for port, city in (("基隆", "基隆市"), ("臺北", "桃園市"), ("臺中", "臺中市"), ("高雄", "高雄市"))
                ],
                domain="customs.gov.tw",
            ),
            n("+財政資訊中心", "A-3 A-4", domain="fdc.gov.tw"),
            n("+臺北國稅局", "B-3", tax_offices("臺北市"), domain="ntbt.gov.tw"),
            n("+高雄國稅局", "B-3", tax_offices("高雄市"), domain="ntbk.gov.tw", city="高雄市"),
            n(
                "+北區國稅局",
                "B-3",
                tax_offices("新北市", "桃園市", "基隆市", "新竹市", "新竹縣", "宜蘭縣", "花蓮縣"),
                domain="ntbna.gov.tw",
                city="桃園市",
            ),
            n(
                "+中區國稅局",
                "B-3",
                tax_offices("臺中市", "彰化縣", "南投縣", "雲林縣", "苗栗縣"),
                domain="ntbca.gov.tw",
                city="臺中市",
            ),
            n(
                "+南區國稅局",
                "B-3",
                tax_offices("臺南市", "嘉義市", "嘉義縣", "屏東縣", "臺東縣", "澎湖縣"),
                domain="ntbsa.gov.tw",
                city="臺南市",
            ),
            domain="mof.gov.tw",
            en="Ministry of Finance",
            sectors=("finance",),
        ),
        n(
            "教育部",
            "A-3 A-4",
            n(
                "+國民及學前教育署",
                "B-4",
                [n(name, "@shs") for name in NATIONAL_HIGH_SCHOOLS],
                domain="k12ea.gov.tw",
                city="臺中市",
            ),
            n("+青年發展署", "C-1"),
            n("國家圖書館", "B-2"),
            n("國立公共資訊圖書館", "C-1", city="臺中市"),
            n("國立教育研究院", "C-1", city="新北市"),
            n("國立自然科學博物館", "@museum", city="臺中市"),
            n("國立科學工藝博物館", "@museum", city="高雄市"),
            n("國立海洋科技博物館", "@museum", city="基隆市"),
            n("國立海洋生物博物館", "@museum", city="屏東縣"),
            n("國立臺灣科學教育館", "@museum"),
            n(
                "國立臺灣大學",
                "B-1 B-3",
                n(
                    "+醫學院附設醫院",
                    "A-7",
                    n("+新竹臺大分院", "B-7", city="新竹市"),
                    n("+雲林分院", "B-7", city="雲林縣"),
                    n("+金山分院", "B-7", city="新北市"),
                    sectors=("emergency-hospitals",),
                ),
                domain="ntu.edu.tw",
            ),
            n(
                "國立成功大學",
                "B-1 B-3",
                n("+醫學院附設醫院", "A-7", n("+斗六分院", "B-7", city="雲林縣"), sectors=("emergency-hospitals",)),
                domain="ncku.edu.tw",
                city="臺南市",
            ),
            n(
                "國立陽明交通大學",
                "B-1",
                n("+附設醫院", "B-7", city="宜蘭縣", sectors=("emergency-hospitals",)),
                domain="nycu.edu.tw",
                city="新竹市",
            ),
            [n(name, "@univ") for name in NATIONAL_UNIVERSITIES],
            domain="mail.moe.gov.tw",
            en="Ministry of Education",
            sectors=("government",),
        ),
        n(
            "法務部",
            "A-1 A-4",
            n("+矯正署", "B-4", [n(f"+{name}", "@leaf") for name in PRISONS], city="桃園市"),
            n(
                "+行政執行署",
                "B-3",
                [
                    n(f"+{place}分署", "@office")
                    for place in (
                        "臺北",
                        "士林",
                        "新北",
                        "桃園",
                        "新竹",
                        "臺中",
                        "彰化",
                        "嘉義",
                        "臺南",
                        "高雄",
                        "屏東",
                        "花蓮",
                        "宜蘭",
                    )
                ],
            ),
            n("+廉政署", "A-1"),
            n("+法醫研究所", "C-1", city="新北市"),
            n("+司法官學院", "C-1"),
            n("最高檢察署", "A-1"),
            n(
                "臺灣高等檢察署",
                "A-1",
                [n(f"+{place}檢察分署", "@regional") for place in ("臺中", "臺南", "高雄", "花蓮")],
                district_bodies("檢察署", "@regional"),
            ),
            domain="mail.moj.gov.tw",
            en="Ministry of Justice",
            sectors=("government",),
        ),
        n(
            "經濟部",
            "A-5",
            n("+產業發展署", "C-1", renamed_from=("經濟部工業局", date(2023, 9, 26))),
            n("+國際貿易署", "B-2", domain="trade.gov.tw"),
            n("+智慧財產局", "A-3", domain="tipo.gov.tw"),
            n(
                "+標準檢驗局",
                "B-2",
                [
                    n(f"+{place}分局", "@regional", city=city)
                    for place, city in (
                        ("基隆", "基隆市"),
                        ("新竹", "新竹市"),
                        ("臺中", "臺中市"),
                        ("臺南", "臺南市"),
                        ("高雄", "高雄市"),
                        ("花蓮", "花蓮縣"),
                    )
                ],
                domain="bsmi.gov.tw",
            ),
            n("+能源署", "A-5", domain="ea.gov.tw", sectors=("energy",)),
            n(
                "+水利署",
                "A-5",
                [n(f"+第{ordinal}河川分署", "B-5") for ordinal in "一二三四五六七八九十"],
                [n(f"+{region}水資源分署", "B-5") for region in ("北區", "中區", "南區")],
                n("+水利規劃分署", "C-1"),
                domain="wra.gov.tw",
                sectors=("water",),
                city="臺中市",
            ),
            n("+地質調查及礦業管理中心", "C-1"),
            n("+中小及新創企業署", "C-1"),
            n("+商業發展署", "B-2"),
            n(
                "+產業園區管理局",
                "B-5",
                [n(f"+{park}分局", "@regional", city="高雄市") for park in ("高雄", "楠梓", "臨廣", "中港")],
                [n(f"+{park}分局", "@regional", city=city) for park, city in (("臺中", "臺中市"), ("屏東", "屏東縣"))],
                city="高雄市",
                sectors=("science-industrial-parks",),
            ),
            domain="moea.gov.tw",
            en="Ministry of Economic Affairs",
            sectors=("energy", "water"),
        ),
        n(
            "交通部",
            "A-5",
            n(
                "+公路局",
                "A-3",
                [n(f"+{region}養護工程分局", "B-5") for region in ("北區", "中區", "南區", "東區")],
                [
                    n(f"+{office}監理所", "B-3", [n(f"+{station}監理站", "@counter") for station in stations])
                    for office, stations in (
                        ("臺北市區", ("士林", "基隆")),
                        ("臺北區", ("板橋", "宜蘭", "花蓮")),
                        ("新竹區", ("桃園", "中壢", "苗栗")),
                        ("臺中區", ("臺中市", "豐原", "彰化", "南投")),
                        ("嘉義區", ("雲林", "新營", "臺南")),
                        ("高雄市區", ("苓雅", "旗山")),
                        ("高雄區", ("屏東", "臺東", "恆春")),
                    )
                ],
                domain="thb.gov.tw",
                renamed_from=("交通部公路總局", date(2023, 9, 15)),
            ),
            n(
                "+中央氣象署",
                "A-3",
                [
                    n(f"+{place}氣象站", "@counter")
                    for place in (
                        "基隆",
                        "新竹",
                        "臺中",
                        "嘉義",
                        "臺南",
                        "高雄",
                        "恆春",
                        "宜蘭",
                        "花蓮",
                        "成功",
                        "臺東",
                        "大武",
                        "蘭嶼",
                        "澎湖",
                        "金門",
                        "馬祖",
                        "玉山",
                        "阿里山",
                        "日月潭",
                    )
                ],
                domain="cwa.gov.tw",
                renamed_from=("交通部中央氣象局", date(2023, 9, 15)),
            ),
            n(
                "+民用航空局",
                "A-5",
                [
                    n(f"+{airport}航空站", "B-5" if major else "@leaf")
                    for airport, major in (
                        ("臺北國際", True),
                        ("高雄國際", True),
                        ("臺中", True),
                        ("花蓮", False),
                        ("臺東", False),
                        ("澎湖", False),
                        ("金門", False),
                        ("臺南", False),
                        ("嘉義", False),
                        ("馬祖", False),
                        ("綠島", False),
                        ("蘭嶼", False),
                        ("七美", False),
                        ("望安", False),
                    )
                ],
                n("+飛航服務分署", "A-5"),
                domain="caa.gov.tw",
            ),
            n(
                "+觀光署",
                "C-1",
                [
                    n(f"+{area}國家風景區管理處", "@leaf")
                    for area in (
                        "東北角暨宜蘭海岸",
                        "東部海岸",
                        "澎湖",
                        "大鵬灣",
                        "花東縱谷",
                        "馬祖",
                        "日月潭",
                        "參山",
                        "阿里山",
                        "茂林",
                        "北海岸及觀音山",
                        "雲嘉南濱海",
                        "西拉雅",
                    )
                ],
                domain="taiwan.net.tw",
                renamed_from=("交通部觀光局", date(2023, 9, 15)),
            ),
            n(
                "+高速公路局",
                "A-5",
                [n(f"+{region}養護工程分局", "B-5") for region in ("北區", "中區", "南區")],
                domain="freeway.gov.tw",
            ),
            n("+鐵道局", "B-5", domain="rb.gov.tw", city="新北市"),
            n(
                "+航港局",
                "B-5",
                [n(f"+{region}航務中心", "@regional") for region in ("北部", "中部", "南部", "東部")],
                domain="motcmpb.gov.tw",
            ),
            n("+運輸研究所", "C-1"),
            domain="motc.gov.tw",
            en="Ministry of Transportation and Communications",
            sectors=("transportation",),
        ),
        n(
            "勞動部",
            "A-4",
            n(
                "+勞動力發展署",
                "B-3",
                [
                    n(f"+{branch}分署", "@regional")
                    for branch in ("北基宜花金馬", "桃竹苗", "中彰投", "雲嘉南", "高屏澎東")
                ],
                n("+技能檢定中心", "C-1", city="臺中市"),
                domain="wda.gov.tw",
            ),
            n("+勞工保險局", "A-4", domain="bli.gov.tw"),
            n(
                "+職業安全衛生署",
                "B-2",
                [n(f"+{region}職業安全衛生中心", "@leaf") for region in ("北區", "中區", "南區")],
            ),
            n("+勞動基金運用局", "B-3"),
            n("+勞動及職業安全衛生研究所", "C-1", city="新北市"),
            domain="mol.gov.tw",
            en="Ministry of Labor",
            sectors=("government",),
        ),
    ]
