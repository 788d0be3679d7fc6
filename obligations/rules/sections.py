"""The 13 required sections of a security maintenance plan (資通安全管理法施行細則 2021 Art 6 ¶1) [P];
the implementation report gives a result per section (Art 6 ¶2). Source: csma_required_report_fields.csv."""

CITATION = "資通安全管理法施行細則 (A0030303) 第6條第1項, 2021-08-23 version"

SECTIONS = (
    ("核心業務及其重要性", "Core business and its importance"),
    ("資通安全政策及目標", "Security policy and objectives"),
    ("資通安全推動組織", "Security promotion organisation"),
    ("專責人力及經費之配置", "Dedicated manpower and budget"),
    ("公務機關資通安全長之配置", "CISO appointment (government agencies)"),
    (
        "資通系統及資訊之盤點，並標示核心資通系統及相關資產",
        "Inventory of systems and information, marking core systems",
    ),
    ("資通安全風險評估", "Risk assessment"),
    ("資通安全防護及控制措施", "Protection and control measures"),
    ("資通安全事件通報、應變及演練相關機制", "Incident reporting, response and drill mechanisms"),
    ("資通安全情資之評估及因應機制", "Threat-intelligence assessment and response"),
    ("資通系統或服務委外辦理之管理措施", "Outsourcing management"),
    ("公務機關所屬人員辦理業務涉及資通安全事項之考核機制", "Performance assessment of staff on security matters"),
    ("資通安全維護計畫與實施情形之持續精進及績效管理機制", "Continuous improvement and performance management"),
)


def titles(*, chinese: bool) -> list[str]:
    return [zh if chinese else en for zh, en in SECTIONS]
