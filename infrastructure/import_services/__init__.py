"""Registry import: plan the diff against the database, apply it in one transaction, and the lifecycle of a
RegistryImport (upload = dry run → schedule → apply, in a Celery task when large).

Rules (docs/import-format.md has the user's version):
- A row is the agency with the same OID, else with the same organisation code; otherwise a new agency.
  Identifiers are set or changed by a row, never cleared by a blank cell.
- Parent. OID format: the nearest OID ancestor that has a row in the file or an agency in the registry
  (…20006.1.2 → …20006.1 → …20006 → …); none: top level. csma format: the ``parent`` cell (OID or org code,
  in the file or the registry; unknown → error); a blank cell with an OID is derived as in the OID format.
- ``deactivate_missing``: active agencies absent from the file that carry an identifier of the file's family
  are deactivated — OID format: agencies with an OID; csma: agencies with an OID and/or org code, per the
  identifier columns the file has, and of the kinds the file lists when it has a ``kind`` column (a list of
  SNGAs does not deactivate ministries). Agencies without such an identifier (entered by hand) are never
  touched; nothing is deleted.
- A row for an inactive agency reactivates it, unless it has a dissolution date (a recorded dissolution is a
  decision an import does not undo).

Speed (bench/bench_import.py, 8,000 rows on SQLite): Django's bulk_create spends ~0.1 ms per row preparing
values and bulk_update builds CASE expressions (about 0.9 s and 6 s measured for 8,000 agencies), so new
agencies get their ids reserved first (their materialised paths are then known at insert time) and rows are
written with one ``executemany`` per chunk, values adapted as the ORM does (``common/bulk.py``: ``get_db_prep_save``;
JSON through ``connection.ops.adapt_json_value``). Missing columns take their field defaults, so a new field needs no
change.
"""

from infrastructure.import_services.apply import agency_import_apply  # noqa: F401
from infrastructure.import_services.lifecycle import (
    agency_import_preview,  # noqa: F401
    import_summary,  # noqa: F401
    registry_import_apply,  # noqa: F401
    registry_import_create,  # noqa: F401
    registry_import_schedule,  # noqa: F401
    registry_import_validate,  # noqa: F401
    summary_change_count,  # noqa: F401
)
from infrastructure.import_services.plan import (
    AGENCY_SNAPSHOT,  # noqa: F401
    APPLY_FAILED,  # noqa: F401
    DEACTIVATED_REASON,  # noqa: F401
    FILE_CHANGED,  # noqa: F401
    FILE_TOO_LARGE,  # noqa: F401
    IDENTIFIER_CONFLICT,  # noqa: F401
    IDENTIFIER_FIELDS,  # noqa: F401
    IMPORT_NOT_READY,  # noqa: F401
    LEVEL_IMPORT_REASON,  # noqa: F401
    NEW_KEY,  # noqa: F401
    NO_CYCLE_RULE,  # noqa: F401
    PARENT_CYCLE,  # noqa: F401
    PLAIN_FIELDS,  # noqa: F401
    PLAN_HAS_ERRORS,  # noqa: F401
    SAME_AGENCY_TWICE,  # noqa: F401
    SAMPLE_SIZE,  # noqa: F401
    UNKNOWN_AGENCY,  # noqa: F401
    UNKNOWN_SECTOR,  # noqa: F401
    WRITE_CHUNK,  # noqa: F401
    AgencyRef,  # noqa: F401
    Channel,  # noqa: F401
    ImportPlan,  # noqa: F401
    ImportPreview,  # noqa: F401
    ImportResult,  # noqa: F401
    Key,  # noqa: F401
    Kind,  # noqa: F401
    PlannedAgency,  # noqa: F401
    Status,  # noqa: F401
    agency_import_plan,  # noqa: F401
)
