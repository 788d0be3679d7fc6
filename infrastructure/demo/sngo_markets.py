"""SNGAs in finance, hospitals, science and industrial parks and key government functions (see ``sngo``)."""

from infrastructure.demo.sngo import Row, s

MOEA = "經濟部"  # Ministry of Economic Affairs: energy, water, industrial parks
FSC = "金融監督管理委員會"
MARKET_ROWS: tuple[Row, ...] = (
    # Banking and finance
    s("臺灣銀行股份有限公司", "soe", FSC, "finance", "A-6", "mail.bot.com.tw", ci=True),
    s("臺灣土地銀行股份有限公司", "soe", FSC, "finance", "B-6", "landbank.com.tw", ci=True),
    s("中國輸出入銀行", "soe", FSC, "finance", "@company", "eximbank.com.tw"),
    s("臺灣金融控股股份有限公司", "soe", FSC, "finance", "@company", "twfhc.com.tw"),
    s("臺銀人壽保險股份有限公司", "soe", FSC, "finance", "@company", "twfhclife.com.tw"),
    s("臺銀綜合證券股份有限公司", "soe", FSC, "finance", "@company", "twfhcsec.com.tw"),
    s("中央存款保險股份有限公司", "soe", FSC, "finance", "B-3", "cdic.gov.tw"),
    s("中央印製廠", "soe", "中央銀行", "finance", "B-3", "cepp.gov.tw", "新北市"),
    s("中央造幣廠", "soe", "中央銀行", "finance", "@company", "cmc.gov.tw", "桃園市"),
    *[
        s(f"{name}股份有限公司", "ctl", FSC, "finance", "A-6" if major else "B-6", domain, city, ci=True)
        for name, domain, city, major in (
            ("合作金庫商業銀行", "tcb-bank.com.tw", "臺北市", True),
            ("第一商業銀行", "firstbank.com.tw", "臺北市", True),
            ("華南商業銀行", "hncb.com.tw", "臺北市", False),
            ("彰化商業銀行", "chb.com.tw", "臺中市", False),
            ("兆豐國際商業銀行", "megabank.com.tw", "臺北市", True),
            ("臺灣中小企業銀行", "tbb.com.tw", "臺北市", False),
        )
    ],
    s("高雄銀行股份有限公司", "ctl", FSC, "finance", "@company", "bok.com.tw", "高雄市"),
    s("全國農業金庫股份有限公司", "ctl", "農業部", "finance", "@company", "agribank.com.tw"),
    *[
        s(f"{name}股份有限公司", "ctl", FSC, "finance", "@company", domain)
        for name, domain in (
            ("第一金融控股", "firstholding.com.tw"),
            ("華南金融控股", "hnfhc.com.tw"),
            ("兆豐金融控股", "megaholdings.com.tw"),
            ("合作金庫金融控股", "tcfhc.com.tw"),
            ("兆豐證券", "megasec.com.tw"),
            ("華南永昌綜合證券", "entrust.com.tw"),
            ("合作金庫證券", "tcfhcsec.com.tw"),
            ("第一金證券", "firstsec.com.tw"),
            ("兆豐產物保險", "cki.com.tw"),
            ("兆豐票券金融", "megabills.com.tw"),
            ("台灣金聯資產管理", "tamco.com.tw"),
        )
    ],
    *[
        s(f"{name}股份有限公司", "ci", FSC, "finance", "A-6" if major else "B-6", domain, ci=True)
        for name, domain, major in (
            ("中國信託商業銀行", "ctbcbank.com", True),
            ("國泰世華商業銀行", "cathaybk.com.tw", True),
            ("台北富邦商業銀行", "fubon.com", True),
            ("玉山商業銀行", "esunbank.com", False),
            ("台新國際商業銀行", "taishinbank.com.tw", False),
            ("永豐商業銀行", "sinopac.com", False),
            ("元大商業銀行", "yuantabank.com.tw", False),
            ("上海商業儲蓄銀行", "scsb.com.tw", False),
            ("國泰人壽保險", "cathaylife.com.tw", False),
            ("富邦人壽保險", "fubonlife.com.tw", False),
            ("南山人壽保險", "nanshanlife.com.tw", False),
            ("元大證券", "yuanta.com.tw", False),
            ("凱基證券", "kgi.com.tw", False),
        )
    ],
    s("臺灣證券交易所股份有限公司", "ctl", FSC, "finance", "A-6", "twse.com.tw", ci=True),
    s("臺灣期貨交易所股份有限公司", "ctl", FSC, "finance", "B-6", "taifex.com.tw", ci=True),
    s("臺灣集中保管結算所股份有限公司", "ctl", FSC, "finance", "A-6", "tdcc.com.tw", ci=True),
    s("財金資訊股份有限公司", "ctl", FSC, "finance", "A-6", "fisc.com.tw", ci=True),
    s("財團法人中華民國證券櫃檯買賣中心", "fdn", FSC, "finance", "A-6", "tpex.org.tw", ci=True),
    s("財團法人聯合信用卡處理中心", "fdn", FSC, "finance", "B-6", "nccc.com.tw", ci=True),
    s("財團法人台灣票據交換所", "fdn", "中央銀行", "finance", "B-6", "twnch.org.tw", ci=True),
    s("臺灣網路認證股份有限公司", "ctl", FSC, "finance", "B-6", "twca.com.tw", ci=True),
    s("關貿網路股份有限公司", "ctl", "財政部", "finance transportation", "@company", "tradevan.com.tw"),
    s("台灣行動支付股份有限公司", "ctl", FSC, "finance", "@company", "twmp.com.tw"),
    s("財團法人金融聯合徵信中心", "fdn", FSC, "finance", "B-3", "jcic.org.tw"),
    *[
        s(f"財團法人{name}", "fdn", FSC, "finance", "@foundation", domain)
        for name, domain in (
            ("保險安定基金", "tigf.org.tw"),
            ("台灣中小企業信用保證基金", "smeg.org.tw"),
            ("證券投資人及期貨交易人保護中心", "sfipc.org.tw"),
            ("中華民國證券暨期貨市場發展基金會", "sfi.org.tw"),
            ("台灣金融研訓院", "tabf.org.tw"),
            ("保險犯罪防制中心", "ifpc.org.tw"),
            ("金融消費評議中心", "foi.org.tw"),
            ("住宅地震保險基金", "treif.org.tw"),
        )
    ],
    s("財團法人農業信用保證基金", "fdn", "農業部", "finance", "@foundation", "acgf.org.tw"),
    # Emergency rescue and hospitals (private medical centres)
    *[
        s(name, "ci", "衛生福利部", "emergency-hospitals", "A-6" if major else "B-6", domain, city, ci=True)
        for name, domain, city, major in (
            ("長庚醫療財團法人林口長庚紀念醫院", "cgmh.org.tw", "桃園市", True),
            ("長庚醫療財團法人高雄長庚紀念醫院", "cgmh.org.tw", "高雄市", False),
            ("台灣基督長老教會馬偕醫療財團法人馬偕紀念醫院", "mmh.org.tw", "臺北市", False),
            ("國泰醫療財團法人國泰綜合醫院", "cgh.org.tw", "臺北市", False),
            ("新光醫療財團法人新光吳火獅紀念醫院", "skh.org.tw", "臺北市", False),
            ("臺北醫學大學附設醫院", "tmuh.org.tw", "臺北市", False),
            ("中國醫藥大學附設醫院", "mail.cmuh.org.tw", "臺中市", True),
            ("中山醫學大學附設醫院", "csh.org.tw", "臺中市", False),
            ("彰化基督教醫療財團法人彰化基督教醫院", "cch.org.tw", "彰化縣", False),
            ("奇美醫療財團法人奇美醫院", "mail.chimei.org.tw", "臺南市", False),
            ("高雄醫學大學附設中和紀念醫院", "kmuh.org.tw", "高雄市", False),
            ("佛教慈濟醫療財團法人花蓮慈濟醫院", "tzuchi.com.tw", "花蓮縣", False),
            ("醫療財團法人徐元智先生醫藥基金會亞東紀念醫院", "mail.femh.org.tw", "新北市", False),
        )
    ],
    *[
        s(f"財團法人{name}", "fdn", "衛生福利部", "emergency-hospitals", "@foundation", domain, city)
        for name, domain, city in (
            ("國家衛生研究院", "nhri.edu.tw", "苗栗縣"),
            ("醫院評鑑暨醫療品質策進會", "jct.org.tw", "新北市"),
            ("醫藥品查驗中心", "cde.org.tw", "臺北市"),
            ("器官捐贈移植登錄及病人自主推廣中心", "torsc.org.tw", "臺北市"),
            ("藥害救濟基金會", "tdrf.org.tw", "臺北市"),
        )
    ],
)

NSTC = "國家科學及技術委員會"
MARKET_ROWS += (
    # Science and industrial parks
    s("台灣積體電路製造股份有限公司", "ci", NSTC, "science-industrial-parks", "A-6", "tsmc.com", "新竹市", ci=True),
    *[
        s(f"{name}股份有限公司", "ci", regulator, "science-industrial-parks", "B-6", domain, city, ci=True)
        for name, regulator, domain, city in (
            ("聯華電子", NSTC, "umc.com", "新竹市"),
            ("世界先進積體電路", NSTC, "vis.com.tw", "新竹市"),
            ("力晶積成電子製造", NSTC, "psmc.com", "新竹市"),
            ("友達光電", NSTC, "auo.com", "新竹市"),
            ("群創光電", NSTC, "innolux.com", "苗栗縣"),
            ("南亞科技", MOEA, "ntc.com.tw", "新北市"),
            ("日月光半導體製造", MOEA, "aseglobal.com", "高雄市"),
        )
    ],
    s("財團法人國家實驗研究院", "fdn", NSTC, "science-industrial-parks", "B-1", "narlabs.org.tw"),
    s("財團法人國家同步輻射研究中心", "fdn", NSTC, "science-industrial-parks", "B-1", "nsrrc.org.tw", "新竹市"),
    s("財團法人工業技術研究院", "fdn", MOEA, "science-industrial-parks", "B-1", "itri.org.tw", "新竹縣"),
    *[
        s(f"財團法人{name}", "fdn", MOEA, "science-industrial-parks", "@foundation", domain, city)
        for name, domain, city in (
            ("金屬工業研究發展中心", "mail.mirdc.org.tw", "高雄市"),
            ("車輛研究測試中心", "artc.org.tw", "彰化縣"),
            ("食品工業發展研究所", "firdi.org.tw", "新竹市"),
            ("紡織產業綜合研究所", "ttri.org.tw", "新北市"),
            ("精密機械研究發展中心", "pmc.org.tw", "臺中市"),
            ("塑膠工業技術發展中心", "pidc.org.tw", "臺中市"),
            ("生物技術開發中心", "dcb.org.tw", "臺北市"),
            ("台灣電子檢驗中心", "etc.org.tw", "桃園市"),
            ("自行車暨健康科技工業研究發展中心", "tbnet.org.tw", "臺中市"),
            ("鞋類暨運動休閒科技研發中心", "ftrdc.org.tw", "臺中市"),
            ("印刷工業技術研究中心", "ptri.org.tw", "新北市"),
            ("中華經濟研究院", "cier.edu.tw", "臺北市"),
            ("中華民國對外貿易發展協會", "taitra.org.tw", "臺北市"),
            ("中衛發展中心", "csd.org.tw", "臺北市"),
            ("商業發展研究院", "cdri.org.tw", "臺北市"),
            ("船舶暨海洋產業研發中心", "soic.org.tw", "臺北市"),
            ("石材暨資源產業研究發展中心", "srrdc.org.tw", "花蓮縣"),
            ("全國認證基金會", "taftw.org.tw", "臺北市"),
            ("台灣產業服務基金會", "ftis.org.tw", "臺北市"),
        )
    ],
    s("漢翔航空工業股份有限公司", "soe", MOEA, "science-industrial-parks", "B-3", "aidc.com.tw", "臺中市"),
    s("台灣糖業股份有限公司", "soe", MOEA, "science-industrial-parks", "@company", "taisugar.com.tw", "臺南市"),
    s("中國鋼鐵股份有限公司", "ctl", MOEA, "science-industrial-parks", "@company", "csc.com.tw", "高雄市"),
    # Key government functions
    s("台灣菸酒股份有限公司", "soe", "財政部", "government", "B-3", "ttl.com.tw"),
    *[
        s(f"財團法人{name}", "fdn", regulator, "government", criteria, domain)
        for name, regulator, criteria, domain in (
            ("海峽交流基金會", "大陸委員會", "C-1", "sef.org.tw"),
            ("國際合作發展基金會", "外交部", "C-1", "icdf.org.tw"),
            ("台灣民主基金會", "外交部", "@foundation", "tfd.org.tw"),
            ("台灣更生保護會", "法務部", "@foundation", "after.org.tw"),
            ("犯罪被害人保護協會", "法務部", "@foundation", "avs.org.tw"),
            ("法律扶助基金會", "司法院", "C-1", "laf.org.tw"),
            ("大學入學考試中心基金會", "教育部", "B-3", "ceec.edu.tw"),
            ("技專校院入學測驗中心基金會", "教育部", "C-1", "tcte.edu.tw"),
            ("高等教育評鑑中心基金會", "教育部", "@foundation", "heeact.edu.tw"),
            ("住宅及都市更新中心", "內政部", "C-1", "hurc.org.tw"),
            ("台灣建築中心", "內政部", "@foundation", "tabc.org.tw"),
            ("職業災害預防及重建中心", "勞動部", "@foundation", "copdr.org.tw"),
            ("農業科技研究院", "農業部", "C-1", "atri.org.tw"),
            ("中央畜產會", "農業部", "@foundation", "naif.org.tw"),
            ("台灣優良農產品發展協會", "農業部", "@foundation", "cas.org.tw"),
            ("海外信用保證基金", "僑務委員會", "@foundation", "oocgf.org.tw"),
        )
    ],
)
