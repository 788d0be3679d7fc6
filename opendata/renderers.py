"""Pure: the frozen release data → file bytes. CSV in UTF-8 with a byte-order mark (so Excel opens it as
UTF-8, as data.gov.tw advises) and CRLF line ends (RFC 4180); JSON in UTF-8, keys in dictionary order,
two-space indent. No timestamps inside the files: the same data gives the same bytes."""

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from opendata import dictionary as dd
from opendata.builders import Dataset, ReleaseData

BOM = "\ufeff"


@dataclass(frozen=True)
class RenderedFile:
    name: str
    dataset: str
    is_dictionary: bool
    format: str  # csv / json
    content: bytes


def _csv(rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _json(payload: dict) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv_value(value, field: dd.Field, *, suppressed: bool) -> str:
    if field.name == "suppressed":
        return "Y" if value else "N"
    if suppressed and field.marker:
        return dd.SUPPRESSED
    return "" if value is None else str(value)


def _json_value(value):
    return str(value) if isinstance(value, Decimal) else value


def render_dataset_csv(dataset: Dataset) -> bytes:
    spec = dd.SPECS[dataset.slug]
    header = tuple(field.name for field in spec.fields)
    body = [
        tuple(_csv_value(value, field, suppressed=record[-1]) for value, field in zip(record, spec.fields, strict=True))
        for record in dataset.records
    ]
    return _csv([header, *body])


def render_dataset_json(dataset: Dataset, *, data: ReleaseData) -> bytes:
    spec = dd.SPECS[dataset.slug]
    names = [field.name for field in spec.fields]
    return _json(
        {
            "dataset": spec.slug,
            "title_zh": spec.title_zh,
            "title_en": spec.title_en,
            "year": data.year,
            "quarter": data.quarter,
            "min_cell_size": data.min_cell_size,
            "suppression_marker": None,
            "records": [
                {name: _json_value(value) for name, value in zip(names, record, strict=True)}
                for record in dataset.records
            ],
        }
    )


def _field_row(field: dd.Field) -> tuple[str, ...]:
    return (field.name, field.type, field.description_zh, field.description_en, field.unit, field.marker)


def render_dictionary_csv(slug: str) -> bytes:
    spec = dd.SPECS[slug]
    return _csv([dd.DICTIONARY_COLUMNS, *(_field_row(field) for field in spec.fields)])


def render_dictionary_json(slug: str) -> bytes:
    spec = dd.SPECS[slug]
    return _json(
        {
            "dataset": spec.slug,
            "title_zh": spec.title_zh,
            "title_en": spec.title_en,
            "description_zh": spec.description_zh,
            "description_en": spec.description_en,
            "encoding": "UTF-8 (CSV with BOM)",
            "suppression": {"csv": dd.SUPPRESSED, "json": None},
            "fields": [dict(zip(dd.DICTIONARY_COLUMNS, _field_row(field), strict=True)) for field in spec.fields],
        }
    )


def render_release(data: ReleaseData, *, period_code: str) -> tuple[RenderedFile, ...]:
    """Every file of a release: per dataset its CSV, its JSON and its dictionary in both formats."""
    files: list[RenderedFile] = []
    for dataset in data.datasets:
        base = f"csma-{dataset.slug}-{period_code}"
        files += [
            RenderedFile(f"{base}.csv", dataset.slug, False, "csv", render_dataset_csv(dataset)),
            RenderedFile(f"{base}.json", dataset.slug, False, "json", render_dataset_json(dataset, data=data)),
            RenderedFile(f"{base}-dictionary.csv", dataset.slug, True, "csv", render_dictionary_csv(dataset.slug)),
            RenderedFile(f"{base}-dictionary.json", dataset.slug, True, "json", render_dictionary_json(dataset.slug)),
        ]
    return tuple(files)
