"""Names shared by the central-government tables: per-city offices, missions abroad, prisons, courts,
national universities and senior high schools, ministry hospitals, veterans' homes.
"""

from infrastructure.demo.builder import Node, n
from infrastructure.demo.names import CITIES, CITY_BY_NAME, district_short


def per_city(pattern: str, criteria: str, cities=CITIES, **kwargs) -> list[Node]:
    """One agency per local government: ``{c}`` is the short name (臺北), ``{city}`` the full one."""
    return [n(pattern.format(c=city.short, city=city.name), criteria, city=city.name, **kwargs) for city in cities]


def at(criteria: str, city: str, *names: str) -> list[Node]:
    return [n(name, criteria, city=city) for name in names]


def tax_offices(*city_names: str) -> list[Node]:
    """分局 / 稽徵所 of a national tax bureau, named after the districts they serve."""
    offices = []
    for city_name in city_names:
        city = CITY_BY_NAME[city_name]
        for index, district in enumerate(city.districts[: 8 if city.is_municipality else 3]):
            stem = city.short + district if len(district) == 2 else district_short(district)
            offices.append(n(f"+{stem}{'分局' if index % 3 == 0 else '稽徵所'}", "@counter", city=city.name))
    return offices


MISSIONS = (
    "駐美國台北經濟文化代表處 台北駐日經濟文化代表處 駐歐盟兼駐比利時代表處 駐英國台北代表處 駐法國台北代表處 "
    "駐德國台北代表處 駐義大利台北代表處 駐西班牙台北經濟文化辦事處 駐荷蘭台北代表處 駐瑞典台北代表團 駐波蘭台北代表處 "
    "駐捷克台北經濟文化辦事處 駐立陶宛台灣代表處 駐奧地利台北經濟文化代表處 駐瑞士台北文化經濟代表團 "
    "駐加拿大台北經濟文化代表處 駐澳大利亞台北經濟文化辦事處 駐紐西蘭台北經濟文化辦事處 駐新加坡台北代表處 "
    "駐馬來西亞台北經濟文化辦事處 駐泰國台北經濟文化辦事處 駐越南台北經濟文化辦事處 駐菲律賓台北經濟文化辦事處 "
    "駐印尼台北經濟貿易代表處 駐印度台北經濟文化中心 駐韓國台北代表部 駐香港台北經濟文化辦事處 "
    "駐以色列台北經濟文化辦事處 駐土耳其台北經濟文化代表團 駐沙烏地阿拉伯王國台北經濟文化代表處 "
    "駐南非共和國台北聯絡代表處 駐巴西台北經濟文化辦事處 駐阿根廷台北商務文化辦事處 駐墨西哥台北經濟文化辦事處 "
    "駐智利台北經濟文化辦事處 駐秘魯台北經濟文化辦事處 駐紐約台北經濟文化辦事處 駐洛杉磯台北經濟文化辦事處 "
    "駐舊金山台北經濟文化辦事處 駐芝加哥台北經濟文化辦事處 駐波士頓台北經濟文化辦事處 駐休士頓台北經濟文化辦事處 "
    "駐西雅圖台北經濟文化辦事處 駐亞特蘭大台北經濟文化辦事處 駐邁阿密台北經濟文化辦事處 駐丹佛台北經濟文化辦事處 "
    "駐檀香山台北經濟文化辦事處 駐關島台北經濟文化辦事處 台北駐大阪經濟文化辦事處 "
    "中華民國駐巴拉圭共和國大使館 中華民國駐瓜地馬拉共和國大使館 中華民國駐貝里斯大使館 中華民國駐海地共和國大使館 "
    "中華民國駐聖克里斯多福及尼維斯大使館 中華民國駐聖露西亞大使館 中華民國駐聖文森及格瑞那丁大使館 "
    "中華民國駐教廷大使館 中華民國駐史瓦帝尼王國大使館 中華民國駐馬紹爾群島共和國大使館 中華民國駐帛琉共和國大使館 "
    "中華民國駐吐瓦魯國大使館"
).split()

PRISONS = (
    "臺北監獄 桃園監獄 桃園女子監獄 新竹監獄 臺中監獄 臺中女子監獄 彰化監獄 雲林監獄 雲林第二監獄 嘉義監獄 "
    "臺南監獄 高雄監獄 高雄第二監獄 高雄女子監獄 屏東監獄 臺東監獄 花蓮監獄 宜蘭監獄 基隆監獄 澎湖監獄 綠島監獄 "
    "金門監獄 自強外役監獄 明陽中學 誠正中學 臺北看守所 臺中看守所 臺南看守所 高雄看守所 屏東看守所 花蓮看守所 "
    "臺北少年觀護所 臺南少年觀護所 臺中戒治所 高雄戒治所 臺東戒治所 新店戒治所 泰源技能訓練所 東成技能訓練所"
).split()

DISTRICT_COURTS = (
    "臺北 士林 新北 桃園 新竹 苗栗 臺中 彰化 南投 雲林 嘉義 臺南 橋頭 高雄 屏東 臺東 花蓮 宜蘭 基隆 澎湖"
).split()


def district_bodies(kind: str, criteria: str) -> list[Node]:
    """臺灣臺北地方檢察署 … 福建連江地方檢察署 (kind = 法院 or 檢察署)."""
    bodies = [n(f"臺灣{place}地方{kind}", criteria) for place in DISTRICT_COURTS]
    return bodies + [
        n(f"福建金門地方{kind}", criteria, city="金門縣"),
        n(f"福建連江地方{kind}", criteria, city="連江縣"),
    ]


NATIONAL_UNIVERSITIES = (
    "國立臺灣師範大學 國立政治大學 國立清華大學 國立中興大學 國立中央大學 國立中山大學 國立中正大學 國立臺北大學 "
    "國立臺灣科技大學 國立臺北科技大學 國立高雄師範大學 國立彰化師範大學 國立臺北教育大學 國立臺中教育大學 "
    "國立屏東大學 國立嘉義大學 國立東華大學 國立暨南國際大學 國立宜蘭大學 國立聯合大學 國立臺東大學 國立臺南大學 "
    "國立金門大學 國立高雄大學 國立臺灣海洋大學 國立體育大學 國立臺灣藝術大學 國立臺北藝術大學 國立臺南藝術大學 "
    "國立虎尾科技大學 國立雲林科技大學 國立高雄科技大學 國立屏東科技大學 國立勤益科技大學 國立臺中科技大學 "
    "國立臺北商業大學 國立澎湖科技大學 國立臺北護理健康大學 國立高雄餐旅大學 國立空中大學 國立臺灣體育運動大學"
).split()

NATIONAL_HIGH_SCHOOLS = (
    "國立基隆高級中學 國立基隆女子高級中學 國立新竹高級中學 國立新竹女子高級中學 國立竹東高級中學 國立苗栗高級中學 "
    "國立竹南高級中學 國立卓蘭高級中學 國立彰化高級中學 國立彰化女子高級中學 國立員林高級中學 國立鹿港高級中學 "
    "國立南投高級中學 國立暨南國際大學附屬高級中學 國立竹山高級中學 國立斗六高級中學 國立虎尾高級中學 國立北港高級中學 "
    "國立嘉義高級中學 國立嘉義女子高級中學 國立東石高級中學 國立屏東高級中學 國立屏東女子高級中學 國立潮州高級中學 "
    "國立宜蘭高級中學 國立羅東高級中學 國立蘭陽女子高級中學 國立花蓮高級中學 國立花蓮女子高級中學 國立玉里高級中學 "
    "國立臺東高級中學 國立臺東女子高級中學 國立馬公高級中學 國立金門高級中學 國立馬祖高級中學 國立華僑高級中等學校 "
    "國立臺南第二高級中學 國立新營高級中學 國立新化高級中學 國立北門高級中學 國立岡山高級中學 國立鳳新高級中學 "
    "國立彰化師範大學附屬高級工業職業學校 國立員林高級農工職業學校 國立北斗高級家事商業職業學校 "
    "國立虎尾高級農工職業學校 國立嘉義高級工業職業學校 國立屏東高級工業職業學校 國立宜蘭高級商業職業學校 "
    "國立花蓮高級農業職業學校 國立臺東高級商業職業學校 國立澎湖高級海事水產職業學校 國立金門高級農工職業學校 "
    "國立臺中特殊教育學校 國立臺南大學附屬啟聰學校 國立和美實驗學校 國立林口啟智學校 國立花蓮特殊教育學校"
).split()

MOHW_HOSPITALS = (
    "基隆醫院 臺北醫院 八里療養院 樂生療養院 桃園醫院 桃園療養院 苗栗醫院 臺中醫院 豐原醫院 彰化醫院 南投醫院 "
    "草屯療養院 嘉義醫院 朴子醫院 新營醫院 臺南醫院 嘉南療養院 旗山醫院 屏東醫院 恆春旅遊醫院 臺東醫院 花蓮醫院 "
    "玉里醫院 澎湖醫院 金門醫院"
).split()

VAC_HOMES = "板橋 八德 桃園 新竹 臺中 彰化 雲林 白河 台南 佳里 岡山 屏東 花蓮 臺東 馬蘭 太平".split()
REGIONS6 = ("臺北", "北區", "中區", "南區", "高屏", "東區")
