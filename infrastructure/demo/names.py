"""Name tables for the demo registry: local governments and their districts, people, roads, schools.

The 22 local governments and their 368 districts/townships are the real ones (2014 onwards), with their
telephone area codes; mail domains and organisation-code prefixes are illustrative; everything built from
them (people, numbers, addresses) is invented. Tables are space-separated strings, one row per line.
"""

from dataclasses import dataclass


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


# name, kind, English name, mail domain, school mail domain, area code, local digits, organisation-code prefix
CITY_ROWS = (
    ("臺北市", "municipality", "Taipei City", "mail.taipei.gov.tw", "tp.edu.tw", "02", 8, 379),
    ("新北市", "municipality", "New Taipei City", "mail.ntpc.gov.tw", "ntpc.edu.tw", "02", 8, 382),
    ("桃園市", "municipality", "Taoyuan City", "mail.tycg.gov.tw", "tyc.edu.tw", "03", 7, 376),
    ("臺中市", "municipality", "Taichung City", "taichung.gov.tw", "tc.edu.tw", "04", 8, 387),
    ("臺南市", "municipality", "Tainan City", "mail.tainan.gov.tw", "tn.edu.tw", "06", 7, 395),
    ("高雄市", "municipality", "Kaohsiung City", "mail.kcg.gov.tw", "kh.edu.tw", "07", 7, 397),
    ("基隆市", "city", "Keelung City", "mail.klcg.gov.tw", "kl.edu.tw", "02", 8, 317),
    ("新竹市", "city", "Hsinchu City", "ems.hccg.gov.tw", "hc.edu.tw", "03", 7, 371),
    ("嘉義市", "city", "Chiayi City", "ems.chiayi.gov.tw", "cy.edu.tw", "05", 7, 320),
    ("新竹縣", "county", "Hsinchu County", "hsinchu.gov.tw", "hcc.edu.tw", "03", 7, 341),
    ("苗栗縣", "county", "Miaoli County", "miaoli.gov.tw", "mlc.edu.tw", "037", 6, 351),
    ("彰化縣", "county", "Changhua County", "mail.chcg.gov.tw", "chc.edu.tw", "04", 7, 355),
    ("南投縣", "county", "Nantou County", "nantou.gov.tw", "ntct.edu.tw", "049", 7, 357),
    ("雲林縣", "county", "Yunlin County", "yunlin.gov.tw", "ylc.edu.tw", "05", 7, 361),
    ("嘉義縣", "county", "Chiayi County", "mail.cyhg.gov.tw", "cyc.edu.tw", "05", 7, 365),
    ("屏東縣", "county", "Pingtung County", "mail.pthg.gov.tw", "ptc.edu.tw", "08", 7, 367),
    ("宜蘭縣", "county", "Yilan County", "mail.e-land.gov.tw", "ilc.edu.tw", "03", 7, 345),
    ("花蓮縣", "county", "Hualien County", "mail.hl.gov.tw", "hlc.edu.tw", "03", 7, 369),
    ("臺東縣", "county", "Taitung County", "taitung.gov.tw", "ttct.edu.tw", "089", 6, 373),
    ("澎湖縣", "county", "Penghu County", "mail.penghu.gov.tw", "phc.edu.tw", "06", 7, 375),
    ("金門縣", "county", "Kinmen County", "kinmen.gov.tw", "km.edu.tw", "082", 6, 390),
    ("連江縣", "county", "Lienchiang County", "matsu.gov.tw", "matsu.edu.tw", "0836", 5, 391),
)
DISTRICTS = {
    "臺北市": "中正區 大同區 中山區 松山區 大安區 萬華區 信義區 士林區 北投區 內湖區 南港區 文山區",
    "新北市": (
        "板橋區 三重區 中和區 永和區 新莊區 新店區 樹林區 鶯歌區 三峽區 淡水區 汐止區 瑞芳區 土城區 蘆洲區 "
        "五股區 泰山區 林口區 深坑區 石碇區 坪林區 三芝區 石門區 八里區 平溪區 雙溪區 貢寮區 金山區 萬里區 "
        "烏來區"
    ),
    "桃園市": "桃園區 中壢區 平鎮區 八德區 楊梅區 蘆竹區 大溪區 龍潭區 龜山區 大園區 觀音區 新屋區 復興區",
    "臺中市": (
        "中區 東區 南區 西區 北區 北屯區 西屯區 南屯區 太平區 大里區 霧峰區 烏日區 豐原區 后里區 石岡區 "
        "東勢區 和平區 新社區 潭子區 大雅區 神岡區 大肚區 沙鹿區 龍井區 梧棲區 清水區 大甲區 外埔區 大安區"
    ),
    "臺南市": (
        "新營區 鹽水區 白河區 柳營區 後壁區 東山區 麻豆區 下營區 六甲區 官田區 大內區 佳里區 學甲區 西港區 "
        "七股區 將軍區 北門區 新化區 善化區 新市區 安定區 山上區 玉井區 楠西區 南化區 左鎮區 仁德區 歸仁區 "
        "關廟區 龍崎區 永康區 東區 南區 北區 安南區 安平區 中西區"
    ),
    "高雄市": (
        "鹽埕區 鼓山區 左營區 楠梓區 三民區 新興區 前金區 苓雅區 前鎮區 旗津區 小港區 鳳山區 林園區 大寮區 "
        "大樹區 大社區 仁武區 鳥松區 岡山區 橋頭區 燕巢區 田寮區 阿蓮區 路竹區 湖內區 茄萣區 永安區 彌陀區 "
        "梓官區 旗山區 美濃區 六龜區 甲仙區 杉林區 內門區 茂林區 桃源區 那瑪夏區"
    ),
    "基隆市": "中正區 七堵區 暖暖區 仁愛區 中山區 安樂區 信義區",
    "新竹市": "東區 北區 香山區",
    "嘉義市": "東區 西區",
    "新竹縣": "竹北市 竹東鎮 新埔鎮 關西鎮 湖口鄉 新豐鄉 芎林鄉 橫山鄉 北埔鄉 寶山鄉 峨眉鄉 尖石鄉 五峰鄉",
    "苗栗縣": (
        "苗栗市 頭份市 苑裡鎮 通霄鎮 竹南鎮 後龍鎮 卓蘭鎮 大湖鄉 公館鄉 銅鑼鄉 南庄鄉 頭屋鄉 三義鄉 西湖鄉 "
        "造橋鄉 三灣鄉 獅潭鄉 泰安鄉"
    ),
    "彰化縣": (
        "彰化市 員林市 鹿港鎮 和美鎮 北斗鎮 溪湖鎮 田中鎮 二林鎮 線西鄉 伸港鄉 福興鄉 秀水鄉 花壇鄉 芬園鄉 "
        "大村鄉 埔鹽鄉 埔心鄉 永靖鄉 社頭鄉 二水鄉 田尾鄉 埤頭鄉 芳苑鄉 大城鄉 竹塘鄉 溪州鄉"
    ),
    "南投縣": "南投市 埔里鎮 草屯鎮 竹山鎮 集集鎮 名間鄉 鹿谷鄉 中寮鄉 魚池鄉 國姓鄉 水里鄉 信義鄉 仁愛鄉",
    "雲林縣": (
        "斗六市 斗南鎮 虎尾鎮 西螺鎮 土庫鎮 北港鎮 古坑鄉 大埤鄉 莿桐鄉 林內鄉 二崙鄉 崙背鄉 麥寮鄉 東勢鄉 "
        "褒忠鄉 臺西鄉 元長鄉 四湖鄉 口湖鄉 水林鄉"
    ),
    "嘉義縣": (
        "太保市 朴子市 布袋鎮 大林鎮 民雄鄉 溪口鄉 新港鄉 六腳鄉 東石鄉 義竹鄉 鹿草鄉 水上鄉 中埔鄉 竹崎鄉 "
        "梅山鄉 番路鄉 大埔鄉 阿里山鄉"
    ),
    "屏東縣": (
        "屏東市 潮州鎮 東港鎮 恆春鎮 萬丹鄉 長治鄉 麟洛鄉 九如鄉 里港鄉 鹽埔鄉 高樹鄉 萬巒鄉 內埔鄉 竹田鄉 "
        "新埤鄉 枋寮鄉 新園鄉 崁頂鄉 林邊鄉 南州鄉 佳冬鄉 琉球鄉 車城鄉 滿州鄉 枋山鄉 三地門鄉 霧臺鄉 瑪家鄉 "
        "泰武鄉 來義鄉 春日鄉 獅子鄉 牡丹鄉"
    ),
    "宜蘭縣": "宜蘭市 羅東鎮 蘇澳鎮 頭城鎮 礁溪鄉 壯圍鄉 員山鄉 冬山鄉 五結鄉 三星鄉 大同鄉 南澳鄉",
    "花蓮縣": "花蓮市 鳳林鎮 玉里鎮 新城鄉 吉安鄉 壽豐鄉 光復鄉 豐濱鄉 瑞穗鄉 富里鄉 秀林鄉 萬榮鄉 卓溪鄉",
    "臺東縣": (
        "臺東市 成功鎮 關山鎮 卑南鄉 鹿野鄉 池上鄉 東河鄉 長濱鄉 太麻里鄉 大武鄉 綠島鄉 海端鄉 延平鄉 金峰鄉 "
        "達仁鄉 蘭嶼鄉"
    ),
    "澎湖縣": "馬公市 湖西鄉 白沙鄉 西嶼鄉 望安鄉 七美鄉",
    "金門縣": "金城鎮 金湖鎮 金沙鎮 金寧鄉 烈嶼鄉 烏坵鄉",
    "連江縣": "南竿鄉 北竿鄉 莒光鄉 東引鄉",
}
CITIES: tuple[City, ...] = tuple(
    City(*row[:-1], code=row[-1], districts=tuple(DISTRICTS[row[0]].split())) for row in CITY_ROWS
)
CITY_BY_NAME = {city.name: city for city in CITIES}
TAIPEI = CITY_BY_NAME["臺北市"]


def district_short(district: str) -> str:
    """大安區 → 大安, 中區 → 中區 (one-character names keep their suffix), 阿里山鄉 → 阿里山."""
    return district if len(district) <= 2 else district[:-1]


def _table(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item.split(":")) for item in text.split())


# People ---------------------------------------------------------------------------------------------
# Common Taiwanese surnames (roughly by frequency: surname:romanisation:weight), romanised as on passports.
_SURNAMES = _table(
    "陳:chen:11 林:lin:8 黃:huang:6 張:chang:5 李:lee:5 王:wang:4 吳:wu:4 劉:liu:3 蔡:tsai:3 楊:yang:3 "
    "許:hsu:2 鄭:cheng:2 謝:hsieh:2 郭:kuo:2 洪:hung:2 曾:tseng:2 邱:chiu:2 廖:liao:2 賴:lai:2 周:chou:2 "
    "徐:hsu:1 蘇:su:1 葉:yeh:1 莊:chuang:1 呂:lu:1 江:chiang:1 何:ho:1 蕭:hsiao:1 羅:lo:1 高:kao:1 潘:pan:1 "
    "簡:chien:1 朱:chu:1 鍾:chung:1 游:yu:1 彭:peng:1 詹:chan:1 胡:hu:1 施:shih:1 沈:shen:1 余:yu:1 盧:lu:1 "
    "梁:liang:1 趙:chao:1 顏:yen:1 柯:ko:1 翁:weng:1 魏:wei:1 孫:sun:1 戴:tai:1"
)
SURNAMES: tuple[tuple[str, str, int], ...] = tuple((name, roman, int(weight)) for name, roman, weight in _SURNAMES)
GIVEN_FEMALE = _table(
    "怡:i 婷:ting 雅:ya 筑:chu 淑:shu 芬:fen 美:mei 玲:ling 欣:hsin 佳:chia 慧:hui 秀:hsiu 惠:hui 君:chun "
    "如:ju 芳:fang 思:szu 妤:yu 宜:i 庭:ting 郁:yu 琪:chi 涵:han 晴:ching 麗:li 珍:chen 詩:shih 靜:ching "
    "瑜:yu 品:pin 心:hsin 萱:hsuan"
)
GIVEN_MALE = _table(
    "家:chia 宇:yu 志:chih 明:ming 俊:chun 偉:wei 冠:kuan 廷:ting 柏:po 翰:han 承:cheng 恩:en 彥:yen 宏:hung "
    "文:wen 華:hua 建:chien 國:kuo 正:cheng 嘉:chia 哲:che 維:wei 豪:hao 信:hsin 仁:jen 傑:chieh 凱:kai 育:yu "
    "昱:yu 立:li 德:te 峰:feng 銘:ming 祥:hsiang 翔:hsiang 軒:hsuan 皓:hao"
)

# Places ---------------------------------------------------------------------------------------------
ROADS = tuple(
    "中正路 中山路 民生路 民族路 民權路 中華路 光復路 建國路 復興路 自由路 和平路 成功路 忠孝路 仁愛路 信義路 "
    "文化路 公園路 府前路 大同路 三民路 博愛路 中興路 新生路 林森路 長安路 四維路 五福路 永安路 興隆路 光明路".split()
)
TAIPEI_CENTRAL_DISTRICTS = tuple("中正區 中正區 中正區 大安區 中山區 信義區 松山區 南港區 大同區".split())
SCHOOL_STEMS = tuple(
    dict.fromkeys(
        "中正 中山 民生 民族 民權 仁愛 信義 和平 忠孝 復興 大同 光復 建國 自強 博愛 成功 文化 育英 明德 興華 "
        "新興 東興 西門 南門 北門 東門 龍山 福德 三民 五福 四維 新民 永興 興隆 光明 長安 國光 中興 正義 忠義 "
        "力行 勝利 志清 立人 文昌 崇德 敦化 長春 永平 永安 永福 新生 太平 福興 泰安 安和 安順 德興 廣興 明義 "
        "樹人 華興 三和 溪州 港口 山腳 坑口 頂埔 下埔 後庄 竹圍 北勢 南勢 東勢 西勢 上林 下林 新安 樂利 崇實 "
        "瑞豐 明湖 仁美 日新 青山 玉山 鳳鳴 龍興 鹿鳴 湖山 溪口 沙崙 海口 水源 桃源 梅山 竹林 柏村 大坪 清水 "
        "石門 金華 銀川 幸安 龍安 建安 銘傳 公館 福林 雙蓮 蓬萊 大橋 延平 士東 百齡 湖田 桃園 埔心 東光 富岡 "
        "文林 光華 碧華 永吉 三興".split()
    )
)
