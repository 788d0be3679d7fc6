"""The audit trail as XLSX, read as the trail page reads it (access/trail_display.py: sources, events and objects
by name, changes as "field: before → after"); cells neutralised against formula injection; times in Asia/Taipei,
ROC on a Chinese export."""

import json
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from access.trail import with_labels
from access.trail_display import readable
from common.spreadsheets import local_cell, neutralise_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def trail_export_xlsx(*, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Audit trail"))
    sheet.append(
        [
            _("Time (Asia/Taipei)"),
            _("User"),
            _("Source"),
            _("Event"),
            _("Object"),
            _("Object id"),
            _("IP address"),
            _("Details"),
            _("Recorded data (JSON)"),  # the row as stored, so a retention export keeps everything it purges
        ]
    )
    for row in readable(with_labels(list(rows))):
        values = [
            local_cell(row["occurred_at"], seconds=True),  # 115/12/01 14:30:05 in Chinese, ISO in English
            row["actor_label"],
            row["source_label"],
            row["kind_label"],
            row["object_label"],
            row["object_ref"],
            row["ip"],
            "\n".join(_change_text(change) for change in row["changes"]),
            row["data"] if isinstance(row["data"], str) else json.dumps(row["data"], ensure_ascii=False, default=str),
        ]
        sheet.append([neutralise_cell(value) for value in values])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _change_text(change: dict) -> str:
    if "value" in change:
        return f"{change['label']}：{change['value']}"
    return f"{change['label']}：{change['before']} → {change['after']}"
