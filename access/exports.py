"""The audit trail as XLSX (cells neutralised against formula injection; times in Asia/Taipei, ROC on a Chinese
export)."""

import json
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

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
            _("Object type"),
            _("Object id"),
            _("Object"),
            _("IP address"),
            _("Details"),
        ]
    )
    for row in rows:
        when = local_cell(row["occurred_at"], seconds=True)  # 115/12/01 14:30:05 in Chinese, ISO in English
        data = row["data"] if isinstance(row["data"], str) else json.dumps(row["data"], ensure_ascii=False)
        values = [
            when,
            row["actor_name"],
            row["source"],
            row["kind"],
            row["object_type"],
            row["object_ref"],
            row["label"],
            row["ip"],
            data,
        ]
        sheet.append([neutralise_cell(value) for value in values])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
