"""Frozen rule data shipped by migration 0002 (and read by the tests, which parametrise over every row).

Source: ../shared/domain/CSMA.md §5.1 (2021 reconstruction), §5.2 (the 2026 study note "114年修正") and
audit_checklist_115_security_controls_by_level.csv (protective measures per level). Cells give the timing:
"Ny" = within N years of the level's first approval or change (初次受核定或等級變更後之N年內),
"c/p" = c times per p years (每年辦理c次 / 每p年辦理一次). Every cell carries its verification marker.
This module is never imported by app code; change rules by publishing a new RuleSet version, not by editing it.
"""

# Effective dates (corrected by 0006): "本辦法修正條文自發布日施行" (分級辦法 Art 12 II) takes effect on the third day
# counting the promulgation day (中央法規標準法 §13): promulgated 2021-08-23 → 2021-08-25; 2026-01-05 → 2026-01-07.
# The original text was promulgated 2018-11-21 and put in force from 2019-01-01 (院臺護字第1070217128號).
RULESET_2019 = {
    "name": "資通安全責任等級分級辦法 應辦事項 (2019)",
    "version": 1,
    "legal_basis": "資通安全責任等級分級辦法 (A0030304) 第11條第1項、附表一～八, 2018-11-21 訂定 (2019-01-01 施行), "
                   "2019-08-26 修正",
    "promulgated_on": "2018-11-21",
    "effective_from": "2019-01-01",
    "effective_to": "2021-08-24",
    "note": "The 2018 tables (in force 2019-01-01) and their 2019-08-26 amendment (in force 2019-08-28) were not "
            "retrieved as text; the 沿革 shows the 2021 amendment changed 附表一～八, so they are not the 2021 tables. "
            "Rows: the 2021 reconstruction without EDR (believed added in 2021) and with the 2019 training wording "
            "[W]; every other cell [?]. Publish a corrected version when the official 2018/2019 PDFs are read.",
}
RULESET_2021 = {
    "name": "資通安全責任等級分級辦法 應辦事項 (2021)",
    "version": 1,
    "legal_basis": "資通安全責任等級分級辦法 (A0030304) 第11條第1項、附表一～八, 2021-08-23 version",
    "promulgated_on": "2021-08-23",
    "effective_from": "2021-08-25",
    "effective_to": "2026-01-06",
    "note": "Reconstruction from CSMA.md §5.1; the official 附表 PDFs were not retrieved (see markers).",
}
RULESET_2026 = {
    "name": "資通安全責任等級分級辦法 應辦事項 (2026)",
    "version": 1,
    "legal_basis": "資通安全責任等級分級辦法 第11條、附表一～八 (114年修正), 2026-01-05 version",
    "promulgated_on": "2026-01-05",
    "effective_from": "2026-01-07",
    "effective_to": None,
    "note": "Best-known 2026 matrix (CSMA.md §5.2, study note dated 2026-01-14 [W]) and the 115 audit checklist; "
            "the awareness rows are carried over from 2021 because the 2026 training table was not retrieved [?].",
}

CORE = ("has_core_system",)  # "C級機關如無核心資通系統…針對核心資通系統之項目則無須辦理" (MODA/ACS FAQ 03/636)
CHECKLIST_115_GOV = "115年資通安全實地稽核項目檢核表(適用公務機關)"

ANNEX = {"A": "附表一/附表二", "B": "附表三/附表四", "C": "附表五/附表六", "D": "附表七", "E": "附表八"}
CHECKLIST_115 = "115年資通安全實地稽核項目檢核表(適用公務機關) 安全防護項目"

M, T, W = "management", "technical", "awareness"


def row(code, dimension, item_zh, item_en, cells, *, per_core=False, conditions=(), scope="both", text_zh="",
        text_en="", quantity=None, source=""):
    return {"code": code, "dimension": dimension, "item_zh": item_zh, "item_en": item_en, "cells": cells,
            "per_core_system": per_core, "conditions": list(conditions), "agency_scope": scope,
            "text_zh": text_zh, "text_en": text_en, "quantity": quantity or {}, "source": source}


def _vans(*args, **kwargs):
    """資通安全弱點通報機制 (VANS): government agencies and CI providers, not other SNGAs (MODA/ACS FAQ 04/638)."""
    return [row(*args, **kwargs, scope="government"), row(*args, **kwargs, scope="ci_only")]


def _protection(code, item_zh, item_en, levels, marker, *, conditions=(), source=""):
    return row(code, T, item_zh, item_en, {level: ("1y", marker.get(level, marker["*"])) for level in levels},
               conditions=conditions, source=source,
               text_zh=f"初次受核定或等級變更後一年內完成{item_zh}，並持續使用及適時進行軟硬體之必要更新或升級",
               text_en=f"Deploy {item_en.lower()} within one year and keep it updated")


_COMMON_MANAGEMENT = [
    row("mgmt-isms", M, "資訊安全管理系統之導入", "ISMS adoption (CNS 27001 / ISO 27001)",
        {"A": ("2y", "[W]"), "B": ("2y", "[W]"), "C": ("2y", "[W]")}, conditions=CORE,
        text_zh="全部核心資通系統導入CNS 27001或ISO 27001等資訊安全管理系統標準、其他具有同等或以上效果之系統或標準",
        text_en="All core systems adopt CNS 27001 / ISO 27001 or an equivalent standard"),
    row("mgmt-certification", M, "公正第三方之驗證", "Third-party certification",
        {"A": ("3y", "[W]"), "B": ("3y", "[W]")}, conditions=CORE,
        text_zh="初次受核定或等級變更後三年內完成公正第三方驗證，並持續維持其驗證有效性",
        text_en="Third-party certification within three years, kept valid"),
    row("mgmt-security-staff", M, "資通安全專責人員", "Dedicated security staff",
        {"A": ("1y", "[W]"), "B": ("1y", "[W]"), "C": ("1y", "[W]")}, quantity={"A": 4, "B": 2, "C": 1},
        text_zh="初次受核定或等級變更後一年內，配置資通安全專責人員（公務機關須以專職人員配置之）",
        text_en="Appoint dedicated security staff within one year (full-time in government agencies)"),
    row("mgmt-internal-audit", M, "內部資通安全稽核", "Internal security audit",
        {"A": ("2/1", "[W]"), "B": ("1/1", "[W]"), "C": ("1/2", "[W]")},
        text_zh="辦理內部資通安全稽核", text_en="Conduct an internal security audit"),
    row("mgmt-bcp-drill", M, "業務持續運作演練", "Business-continuity drill",
        {"A": ("1/1", "[W]"), "B": ("1/2", "[W]"), "C": ("1/2", "[W]")}, per_core=True, conditions=CORE,
        text_zh="全部核心資通系統辦理業務持續運作演練", text_en="Business-continuity drill for every core system"),
    row("mgmt-maturity", M, "資安治理成熟度評估", "Security-governance maturity assessment",
        {"A": ("1/1", "[W]"), "B": ("1/1", "[W]")}, scope="government",
        text_zh="辦理資安治理成熟度評估", text_en="Security-governance maturity assessment"),
    row("mgmt-maturity", M, "資安治理成熟度評估", "Security-governance maturity assessment",
        {"A": ("1/1", "[W]"), "B": ("1/1", "[W]")}, scope="ci_only",
        text_zh="辦理資安治理成熟度評估（特定非公務機關限關鍵基礎設施提供者）",
        text_en="Security-governance maturity assessment (SNGAs: CI providers only)"),
]

_COMMON_TECHNICAL = [
    row("tech-vuln-scan", T, "網站安全弱點檢測", "Website vulnerability scan",
        {"A": ("2/1", "[W]"), "B": ("1/1", "[W]"), "C": ("1/2", "[W]")}, per_core=True, conditions=CORE,
        text_zh="全部核心資通系統辦理網站安全弱點檢測", text_en="Vulnerability scan of every core system"),
    row("tech-pentest", T, "系統滲透測試", "System penetration test",
        {"A": ("1/1", "[W]"), "B": ("1/2", "[W]"), "C": ("1/2", "[W]")}, per_core=True, conditions=CORE,
        text_zh="全部核心資通系統辦理系統滲透測試", text_en="Penetration test of every core system"),
    row("tech-health-check", T, "資通安全健診", "Security health check",
        {"A": ("1/1", "[W]"), "B": ("1/2", "[W]"), "C": ("1/2", "[W]")},
        text_zh="辦理資通安全健診（網路架構檢視、網路惡意活動檢視、使用者端電腦惡意活動檢視、伺服器主機惡意活動檢視、"
                "目錄伺服器設定及防火牆連線設定檢視）",
        text_en="Health check: network architecture; network, endpoint and server malicious activity; "
                "directory-server and firewall-rule review"),
    row("tech-soc", T, "資通安全威脅偵測管理機制", "Threat detection and monitoring (SOC)",
        {"A": ("1y", "[P]"), "B": ("1y", "[P]")},
        text_zh="初次受核定或等級變更後一年內，完成威脅偵測機制建置，並持續維運及依主管機關指定之方式提交監控管理資料",
        text_en="Build threat detection within one year, operate it and submit monitoring data",
        source="MODA FAQ 4.21"),
    row("tech-gcb", T, "政府組態基準", "Government Configuration Baseline (GCB)",
        {"A": ("1y", "[S]"), "B": ("1y", "[S]")}, scope="government", source=CHECKLIST_115_GOV + " 7.3",
        text_zh="初次受核定或等級變更後一年內，依主管機關公告之項目，完成政府組態基準導入作業",
        text_en="Adopt the Government Configuration Baseline within one year"),
    row("tech-edr", T, "端點偵測及應變機制", "Endpoint detection and response (EDR)",
        {"A": ("1y", "[S]"), "B": ("1y", "[S]")}, scope="government", source=CHECKLIST_115_GOV + " 7.5",
        text_zh="初次受核定或等級變更後一年內，完成端點偵測及應變機制導入作業",
        text_en="Deploy endpoint detection and response within one year"),
]

_AWARENESS = [
    row("aware-dedicated-staff", W, "資通安全專職人員訓練", "Training of dedicated security staff",
        {"A": ("1/1", "[?]"), "B": ("1/1", "[S]"), "C": ("1/1", "[?]")}, quantity={"A": 12, "B": 12, "C": 12},
        text_zh="資通安全專職人員每人每年至少接受十二小時以上之資通安全專業課程訓練或資通安全職能訓練",
        text_en="Each dedicated security staff member: at least 12 hours of professional training per year"),
    row("aware-it-professional", W, "資訊人員專業訓練", "Professional training of other IT staff",
        {"A": ("1/2", "[?]"), "B": ("1/2", "[S]"), "C": ("1/2", "[?]")}, quantity={"A": 3, "B": 3, "C": 3},
        text_zh="資通安全專職人員以外之資訊人員，每人每二年至少接受三小時以上之資通安全專業課程訓練",
        text_en="Other IT staff: at least 3 hours of professional training every two years"),
    row("aware-it-general", W, "資訊人員通識教育", "General awareness of other IT staff",
        {"A": ("1/1", "[?]"), "B": ("1/1", "[S]"), "C": ("1/1", "[?]")}, quantity={"A": 3, "B": 3, "C": 3},
        text_zh="資通安全專職人員以外之資訊人員，每人每年接受三小時以上之資通安全通識教育訓練",
        text_en="Other IT staff: at least 3 hours of general awareness per year"),
    row("aware-general-users", W, "一般使用者及主管通識教育", "General awareness of users and managers",
        {"A": ("1/1", "[?]"), "B": ("1/1", "[S]"), "C": ("1/1", "[?]"), "D": ("1/1", "[?]"), "E": ("1/1", "[W]")},
        quantity={level: 3 for level in "ABCDE"},
        text_zh="一般使用者及主管，每人每年接受三小時以上之資通安全通識教育訓練",
        text_en="General users and managers: at least 3 hours of general awareness per year"),
    row("aware-certificates", W, "資通安全專業證照及職能訓練證書", "Professional and competency certificates",
        {"A": ("1y", "[S]"), "B": ("1y", "[S]"), "C": ("1y", "[S]")}, quantity={"A": 4, "B": 2, "C": 1},
        scope="government", source=CHECKLIST_115_GOV + " 3.3",
        text_zh="初次受核定或等級變更後一年內，資通安全專職人員分別各自持有資通安全專業證照及資通安全職能評量證書各一張以上，"
                "並持續維持證照之有效性",
        text_en="Within one year, each full-time security staff member holds at least one professional certificate "
                "and one competency-assessment certificate, kept valid"),
    row("aware-certificates", W, "資通安全專業證照", "Professional certificates",
        {"A": ("1y", "[S]"), "B": ("1y", "[S]"), "C": ("1y", "[S]")}, quantity={"A": 4, "B": 2, "C": 1},
        scope="sngo", source="MODA/ACS FAQ 04/638",
        text_zh="初次受核定或等級變更後一年內，資通安全專責人員各自持有資通安全專業證照一張以上，並持續維持證照之有效性"
                "（特定非公務機關無職能評量證書之要求）",
        text_en="Within one year, each dedicated security staff member holds at least one professional certificate, "
                "kept valid (no competency certificate for specific non-government agencies)"),
]


def rows_2021():
    return [
        row("mgmt-system-classification", M, "資通系統分級及防護基準", "System classification and baseline",
            {"A": ("1y", "[W]"), "B": ("1y", "[W]"), "C": ("2y", "[?]")},
            text_zh="初次受核定或等級變更後一年內，針對自行或委外開發之資通系統，依附表九完成資通系統分級，並完成附表十之控制措施",
            text_en="Classify own/outsourced systems per Annex 9 and implement Annex 10 within one year"),
        row("mgmt-classification-review", M, "資通系統分級之檢視", "Yearly review of the classification",
            {"A": ("1/1", "[W]"), "B": ("1/1", "[W]"), "C": ("1/1", "[?]")},
            text_zh="每年至少檢視一次資通系統分級妥適性", text_en="Review the system classification at least yearly"),
        *_COMMON_MANAGEMENT,
        *_COMMON_TECHNICAL,
        *_vans("tech-vuln-management", T, "資通安全弱點通報機制", "Vulnerability notification and management",
            {"A": ("1y", "[W]"), "B": ("1y", "[W]"), "C": ("2y", "[?]")},
            text_zh="初次受核定或等級變更後，完成資通安全弱點通報機制導入作業，並持續維運",
            text_en="Adopt the vulnerability notification mechanism and keep operating it"),
        _protection("tech-antivirus", "防毒軟體", "Antivirus", "ABCD", {"A": "[W]", "D": "[W]", "*": "[?]"}),
        _protection("tech-firewall", "網路防火牆", "Network firewall", "ABCD", {"A": "[W]", "D": "[W]", "*": "[?]"}),
        _protection("tech-mail-filter", "電子郵件過濾機制", "E-mail filtering", "ABCD",
                    {"A": "[W]", "D": "[W]", "*": "[?]"}, conditions=("has_mail_server",)),
        _protection("tech-ids", "入侵偵測及防禦機制", "Intrusion detection and prevention", "AB",
                    {"A": "[W]", "*": "[?]"}),
        _protection("tech-waf", "應用程式防火牆", "Web application firewall", "AB", {"A": "[W]", "*": "[?]"},
                    conditions=("has_external_core_system",)),
        _protection("tech-apt", "進階持續性威脅攻擊防禦措施", "APT defence", "AB", {"A": "[W]", "*": "[?]"}),
        *_AWARENESS,
    ]


def rows_2026():
    return [
        row("mgmt-system-classification", M, "資通系統分級及防護基準", "System classification and baseline",
            {"A": ("1y", "[W]"), "B": ("1y", "[W]"), "C": ("2y", "[W]")},
            text_zh="初次受核定或等級變更後，依附表九完成資通系統分級，並完成附表十之控制措施",
            text_en="Classify own/outsourced systems per Annex 9 and implement Annex 10"),
        row("mgmt-classification-review", M, "資通系統分級之檢視", "Yearly review of the classification",
            {"A": ("1/1", "[W]"), "B": ("1/1", "[W]"), "C": ("1/1", "[W]")},
            text_zh="每年至少檢視一次資通系統分級妥適性", text_en="Review the system classification at least yearly"),
        *_COMMON_MANAGEMENT,
        *_COMMON_TECHNICAL,
        *_vans("tech-vuln-management", T, "資通安全弱點管理", "Vulnerability management",
            {"A": ("1y", "[W]"), "B": ("1y", "[W]"), "C": ("2y", "[W]")},
            text_zh="初次受核定或等級變更後，完成資通安全弱點管理機制導入作業，並持續維運",
            text_en="Adopt vulnerability management and keep operating it"),
        _protection("tech-antivirus", "防毒軟體", "Antivirus", "ABCD", {"*": "[S]"}, source=CHECKLIST_115),
        _protection("tech-firewall", "網路防火牆", "Network firewall", "ABCD", {"*": "[S]"}, source=CHECKLIST_115),
        _protection("tech-mail-filter", "電子郵件過濾機制", "E-mail filtering", "ABC", {"*": "[S]"},
                    conditions=("has_mail_server",), source=CHECKLIST_115),
        _protection("tech-ids", "入侵偵測及防禦機制", "Intrusion detection and prevention", "AB", {"*": "[S]"},
                    source=CHECKLIST_115),
        _protection("tech-waf", "應用程式防火牆", "Web application firewall", "AB", {"*": "[S]"},
                    conditions=("has_external_core_system",), source=CHECKLIST_115),
        _protection("tech-apt", "進階持續性威脅攻擊防禦", "APT defence", "A", {"*": "[S]"}, source=CHECKLIST_115),
        *_AWARENESS,
    ]


def rows_2019():
    """The 2018 tables as amended 2019-08-26 (text not retrieved): the 2021 rows without EDR, cells [?], and the
    training rows in the 2019 wording found in a third-party transcription of 附表一 [W]."""
    carried = [
        {**spec, "cells": {level: (timing, "[?]") for level, (timing, _marker) in spec["cells"].items()}}
        for spec in rows_2021()
        if spec["code"] != "tech-edr" and not spec["code"].startswith("aware-")
        or spec["code"] == "aware-certificates"
    ]
    training = [
        row("aware-security-and-it-staff", W, "資通安全及資訊人員訓練", "Training of security and IT staff",
            {"A": ("1/1", "[W]"), "B": ("1/1", "[?]"), "C": ("1/1", "[?]")}, quantity={"A": 12, "B": 12, "C": 12},
            text_zh="資通安全及資訊人員：每年至少四名人員各接受十二小時以上之資通安全專業課程訓練或資通安全職能訓練"
                    "（A級；B、C級人數待確認）",
            text_en="Security and IT staff: each year at least four persons (level A) each receive 12 hours of "
                    "professional or competency training"),
        row("aware-general-users", W, "一般使用者及主管教育訓練", "Training of users and managers",
            {"A": ("1/1", "[W]"), "B": ("1/1", "[?]"), "C": ("1/1", "[?]"), "D": ("1/1", "[?]"), "E": ("1/1", "[?]")},
            quantity={level: 3 for level in "ABCDE"},
            text_zh="一般使用者及主管：每人每年接受三小時以上之一般資通安全教育訓練",
            text_en="General users and managers: at least 3 hours of general security training per year"),
    ]
    return carried + training


def requirement_records(ruleset: dict, rows: list[dict]) -> list[dict]:
    """One record per (row, level): the Requirement fields."""
    records = []
    for order, spec in enumerate(rows):
        for level, (timing, marker) in spec["cells"].items():
            citation = f"{ruleset['legal_basis'].split(',')[0]} {ANNEX[level]}"
            if spec["source"]:
                citation += f"; {spec['source']}"
            records.append({
                "code": spec["code"], "level": level, "agency_scope": spec["agency_scope"],
                "dimension": spec["dimension"], "item_zh": spec["item_zh"], "item_en": spec["item_en"],
                "text_zh": spec["text_zh"], "text_en": spec["text_en"], "citation": citation, "marker": marker,
                "per_core_system": spec["per_core_system"], "conditions": spec["conditions"],
                "quantity": spec["quantity"].get(level), "sort_order": order * 10, **parse_timing(timing),
            })
    return records


def parse_timing(timing: str) -> dict:
    if timing.endswith("y"):
        return {"deadline_years": int(timing[:-1]), "frequency_count": None, "frequency_years": None}
    count, years = timing.split("/")
    return {"deadline_years": None, "frequency_count": int(count), "frequency_years": int(years)}


SHIPPED = ((RULESET_2019, rows_2019), (RULESET_2021, rows_2021), (RULESET_2026, rows_2026))


def all_records() -> list[tuple[dict, dict]]:
    """(rule set, requirement record) for every shipped rule set."""
    return [(ruleset, record) for ruleset, rows in SHIPPED for record in requirement_records(ruleset, rows())]
