"""The renderers are pure (no database): the same data gives the same bytes; the CSV marker and BOM; JSON nulls."""

import json

from opendata.builders import Dataset, ReleaseData
from opendata.renderers import render_dataset_csv, render_dataset_json, render_dictionary_csv, render_release

DATA = ReleaseData(
    year=2026,
    quarter=1,
    min_cell_size=3,
    datasets=(
        Dataset(
            slug="incidents-by-month-level",
            records=((2026, 115, 1, "1", "1", None, True), (2026, 115, 1, "1", "total", 4, False)),
            suppressed=(("1", "1", "primary"),),
        ),
    ),
)


def test_same_data_same_bytes():
    assert render_release(DATA, period_code="2026-Q1") == render_release(DATA, period_code="2026-Q1")


def test_csv_has_a_bom_crlf_and_the_marker():
    assert render_dataset_csv(DATA.datasets[0]) == (
        "\ufeffyear,roc_year,quarter,month,incident_level,incidents,suppressed\r\n"
        "2026,115,1,1,1,x,Y\r\n"
        "2026,115,1,1,total,4,N\r\n"
    ).encode("utf-8")


def test_json_nulls_and_metadata():
    payload = json.loads(render_dataset_json(DATA.datasets[0], data=DATA))
    assert (payload["dataset"], payload["year"], payload["quarter"], payload["min_cell_size"]) == (
        "incidents-by-month-level", 2026, 1, 3,
    )  # fmt: skip
    assert payload["records"][0]["incidents"] is None and payload["records"][0]["suppressed"] is True
    assert payload["records"][1]["incidents"] == 4


def test_dictionary_lists_every_field_in_both_languages():
    lines = render_dictionary_csv("incidents-by-month-level").decode("utf-8-sig").splitlines()
    assert lines[0] == "field,type,description_zh,description_en,unit,suppression_marker"
    assert lines[6] == "incidents,integer,通報之資通安全事件數,Notified cyber-security incidents,件 (incidents),x"
    assert len(lines) == 8


def test_file_names():
    names = [f.name for f in render_release(DATA, period_code="2026-Q1")]
    assert names == [
        "csma-incidents-by-month-level-2026-Q1.csv",
        "csma-incidents-by-month-level-2026-Q1.json",
        "csma-incidents-by-month-level-2026-Q1-dictionary.csv",
        "csma-incidents-by-month-level-2026-Q1-dictionary.json",
    ]
