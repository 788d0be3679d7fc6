"""The data dictionary of every dataset: field name, type, description (zh-Hant and English), unit and
suppression marker. Pure constants, written in both languages here (never through the active language),
so the files are the same bytes whoever generates them."""

from dataclasses import dataclass

SUPPRESSED = "x"  # a suppressed figure in CSV; null in JSON (with "suppressed": true on the record)
TOTAL_CODE = "total"
NO_SECTOR = ("none", "未屬關鍵基礎設施領域", "No critical-infrastructure sector")
NO_LEVEL = "none"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # integer, string, decimal, boolean
    description_zh: str
    description_en: str
    unit: str = ""
    marker: str = ""  # the suppression marker this field may carry


@dataclass(frozen=True)
class DatasetSpec:
    slug: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    fields: tuple[Field, ...]


PERIOD_FIELDS = (
    Field("year", "integer", "西元年", "Year (Gregorian calendar)"),
    Field("roc_year", "integer", "民國年", "Year of the Republic of China (ROC) calendar"),
    Field("quarter", "integer", "季別(0 表示全年)", "Quarter (0 = the whole year)"),
)
SUPPRESSED_FIELD = Field(
    "suppressed",
    "boolean",
    "是否因可能識別個別機關而隱藏數值(Y/N;JSON 為 true/false)",
    "Whether the figures were suppressed because they could identify an agency (Y/N; true/false in JSON)",
)
LEVEL_FIELD = Field(
    "incident_level", "string", "事件等級(1 至 4;total 為合計)", "Incident level (1 to 4; total = all levels)"
)
SECTOR_FIELDS = (
    Field(
        "sector_code",
        "string",
        "關鍵基礎設施領域代碼(none 為未屬任何領域;total 為合計)",
        "Critical-infrastructure sector code (none = no sector; total = all agencies)",
    ),
    Field("sector_name_zh", "string", "領域名稱(中文)", "Sector name (Chinese)"),
    Field("sector_name_en", "string", "領域名稱(英文)", "Sector name (English)"),
)
INCIDENTS = Field(
    "incidents", "integer", "通報之資通安全事件數", "Notified cyber-security incidents", "件 (incidents)", SUPPRESSED
)
SECTOR_NOTE_ZH = "機關屬多個領域者於各領域各計一次,故各領域之和可能大於合計。"
SECTOR_NOTE_EN = "An agency in several sectors counts once in each, so the sectors may add up to more than the total."
SUPPRESSION_NOTE_ZH = "貢獻機關數少於最小格數之數值及可由合計推得之數值均以 x 隱藏。"
SUPPRESSION_NOTE_EN = (
    "Figures with fewer contributing agencies than the minimum cell size, and figures from which they could be "
    "recovered through a total, are suppressed as x."
)

DATASETS: tuple[DatasetSpec, ...] = (
    DatasetSpec(
        "incidents-by-month-level",
        "資通安全事件通報數(依月份及等級)",
        "Notified cyber-security incidents by month and level",
        "依機關知悉事件之月份(臺北時間)及事件等級統計,不含草稿。" + SUPPRESSION_NOTE_ZH,
        "By month of awareness (Taipei time) and incident level; drafts excluded. " + SUPPRESSION_NOTE_EN,
        (
            *PERIOD_FIELDS,
            Field("month", "string", "知悉月份(1 至 12;total 為合計)", "Month of awareness (1 to 12; total = all)"),
            LEVEL_FIELD,
            INCIDENTS,
            SUPPRESSED_FIELD,
        ),
    ),
    DatasetSpec(
        "incidents-by-sector-level",
        "資通安全事件通報數(依領域及等級)",
        "Notified cyber-security incidents by sector and level",
        "依通報機關所屬關鍵基礎設施領域及事件等級統計。" + SECTOR_NOTE_ZH + SUPPRESSION_NOTE_ZH,
        "By the reporting agency's critical-infrastructure sector and incident level. "
        + SECTOR_NOTE_EN
        + " "
        + SUPPRESSION_NOTE_EN,
        (*PERIOD_FIELDS, *SECTOR_FIELDS, LEVEL_FIELD, INCIDENTS, SUPPRESSED_FIELD),
    ),
    DatasetSpec(
        "incidents-by-type-level",
        "資通安全事件通報數(依類型及等級)",
        "Notified cyber-security incidents by type and level",
        "依事件類型及事件等級統計。" + SUPPRESSION_NOTE_ZH,
        "By incident type and level. " + SUPPRESSION_NOTE_EN,
        (
            *PERIOD_FIELDS,
            Field("incident_type", "string", "事件類型代碼(total 為合計)", "Incident type code (total = all types)"),
            Field("incident_type_zh", "string", "事件類型(中文)", "Incident type (Chinese)"),
            Field("incident_type_en", "string", "事件類型(英文)", "Incident type (English)"),
            LEVEL_FIELD,
            INCIDENTS,
            SUPPRESSED_FIELD,
        ),
    ),
    DatasetSpec(
        "agencies-by-sector-level",
        "受管機關數(依領域及責任等級)",
        "Regulated agencies by sector and responsibility level",
        "期末之有效機關,依所屬領域及當時核定之資通安全責任等級統計。" + SECTOR_NOTE_ZH + SUPPRESSION_NOTE_ZH,
        "Active agencies at the end of the period by sector and the responsibility level then approved. "
        + SECTOR_NOTE_EN
        + " "
        + SUPPRESSION_NOTE_EN,
        (
            *PERIOD_FIELDS,
            *SECTOR_FIELDS,
            Field(
                "responsibility_level",
                "string",
                "資通安全責任等級(A 至 E;none 為尚未核定;total 為合計)",
                "Responsibility level (A to E; none = not yet approved; total = all)",
            ),
            Field("agencies", "integer", "機關數", "Agencies", "個 (agencies)", SUPPRESSED),
            SUPPRESSED_FIELD,
        ),
    ),
    DatasetSpec(
        "compliance-by-sector",
        "法定應辦事項符合率(依領域)",
        "Compliance with statutory obligations by sector",
        "期末已屆期限或已結案之應辦事項中,經審查通過或免除者之比率。" + SECTOR_NOTE_ZH + SUPPRESSION_NOTE_ZH,
        "Share of the obligations due (or settled) by the end of the period that were accepted or exempted. "
        + SECTOR_NOTE_EN
        + " "
        + SUPPRESSION_NOTE_EN,
        (
            *PERIOD_FIELDS,
            *SECTOR_FIELDS,
            Field("agencies", "integer", "計入之機關數", "Agencies with items counted", "個 (agencies)", SUPPRESSED),
            Field("items_counted", "integer", "計入之應辦事項數", "Items counted", "項 (items)", SUPPRESSED),
            Field(
                "items_compliant", "integer", "通過或免除之事項數", "Items accepted or exempt", "項 (items)", SUPPRESSED
            ),
            Field(
                "compliance_rate",
                "decimal",
                "符合率(小數一位;無計入事項者為空白)",
                "Compliance rate, one decimal (empty when no item counted)",
                "% (percent)",
                SUPPRESSED,
            ),
            SUPPRESSED_FIELD,
        ),
    ),
)
SPECS = {spec.slug: spec for spec in DATASETS}
DICTIONARY_COLUMNS = ("field", "type", "description_zh", "description_en", "unit", "suppression_marker")
