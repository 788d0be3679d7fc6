"""Bulk writes for tens of thousands of rows, with values adapted as the ORM does: on PostgreSQL one
``INSERT … SELECT FROM unnest(…)`` per chunk with the columns as binary arrays bound server-side, elsewhere
chunked ``executemany`` (SQLite is in-process: no round trips).

Django's ``bulk_create`` spends ~0.1 ms per row preparing values and ``bulk_update`` builds CASE expressions
(about 0.9 s and 6 s measured for 8,000 agencies, bench/bench_import.py). Here rows are dicts by attname, a
missing column takes its field default (so a new field needs no change), values go through the field's
``get_db_prep_save`` (JSON through ``connection.ops.adapt_json_value``), and ids can be reserved before the
insert so that rows referring to each other (materialised paths, event rows) are written in one pass.
Used by the registry import (infrastructure/import_services/apply.py) and the obligations of a year
(obligations/services/assignment.py). No events are written here: the
caller writes its own event rows (with ``insert_rows`` too) in the same transaction.
"""

import re
from collections.abc import Callable

from django.db import connection

WRITE_CHUNK = 1000  # rows per executemany (SQLite)
ARRAY_CHUNK = 10000  # rows per unnest INSERT (PostgreSQL)

ADAPTED_TYPES = frozenset(
    {"DateTimeField", "DateField", "TimeField", "DecimalField", "DurationField", "JSONField", "UUIDField"}
)


def column_adapter(model, attnames: list[str]) -> Callable[[dict], list]:
    """Row dict → DB values: plain types pass through; dates, JSON… via the field's get_db_prep_save."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns = [(name, fields[name].get_default()) for name in attnames]
    adapted = [
        (index, fields[name])
        for index, name in enumerate(attnames)
        if fields[name].get_internal_type() in ADAPTED_TYPES
    ]
    cache: dict = {}

    def prepare(model_field, value):
        if isinstance(value, (dict, list)):  # JSON: what JSONField.get_db_prep_value ends with, minus its checks
            return connection.ops.adapt_json_value(value, model_field.encoder)
        if (model_field.attname, value) not in cache:
            cache[model_field.attname, value] = model_field.get_db_prep_save(value, connection)
        return cache[model_field.attname, value]

    def values(row: dict) -> list:
        out = [row.get(name, default) for name, default in columns]
        for index, model_field in adapted:
            out[index] = prepare(model_field, out[index])
        return out

    return values


def insert_rows(
    model, rows: list[dict], *, on_chunk: Callable[[int], None] | None = None, chunk_size: int | None = None
) -> None:
    """INSERT rows (dicts by attname; a missing column takes its field default): per chunk one unnest INSERT
    on PostgreSQL (a statement per row cost 33 s for a national year of obligations), executemany elsewhere."""
    if not rows:
        return
    attnames = [f.attname for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(a) for a in attnames]
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
    values = column_adapter(model, attnames)
    postgresql = connection.vendor == "postgresql"
    size = chunk_size or (ARRAY_CHUNK if postgresql else WRITE_CHUNK)
    # Arrays of the base types (varchar, numeric): a cast to varchar(200) would cut a long text silently, where
    # the INSERT's own assignment refuses it as the ORM's would.
    arrays = ", ".join(f"%b::{re.sub(r'[(].*[)]', '', field.db_type(connection))}[]" for field in fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = [values(row) for row in rows[start : start + size]]
            if postgresql:
                columns = [list(column) for column in zip(*chunk, strict=True)]
                execute_server_bound(f"{head}SELECT * FROM unnest({arrays})", columns)
            else:
                cursor.executemany(f"{head}VALUES ({', '.join(['%s'] * len(attnames))})", chunk)
            if on_chunk:
                on_chunk(len(chunk))


def execute_server_bound(sql: str, params: list) -> None:
    """PostgreSQL: one statement with its parameters sent apart (psycopg's server-side binding), arrays in
    binary with ``%b``. Django's psycopg cursor binds client-side, quoting every element of a text array in
    Python (18 s for 16,000 JSON texts). Wrapped as Django wraps its own cursors, so the statement is logged
    and counted like every other query."""
    import psycopg

    with connection._prepare_cursor(psycopg.Cursor(connection.connection)) as cursor:
        cursor.execute(sql, params)


def update_rows(model, updates: dict[int, dict]) -> None:
    """UPDATE by primary key, one executemany per set of changed columns."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for pk, values in updates.items():
        groups.setdefault(tuple(sorted(values)), []).append(pk)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for attnames, pks in groups.items():
            assignments = ", ".join(f"{quote(model._meta.get_field(a).column)} = %s" for a in attnames)
            values = column_adapter(model, list(attnames))
            cursor.executemany(
                f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s",
                [[*values(updates[pk]), pk] for pk in pks],
            )


def reserve_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows, taken before the insert (so that paths can be written with it).

    PostgreSQL: nextval() of the id sequence. SQLite: above the AUTOINCREMENT counter, safe because the
    transaction holds SQLite's write lock from its start (transaction_mode IMMEDIATE in settings).
    """
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) FROM "
                f"{connection.ops.quote_name(table)}"
            )
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            sequence = cursor.fetchone()
            start = max(highest, sequence[0] if sequence else 0) + 1
            return list(range(start, start + count))
    raise NotImplementedError(f"Reserving ids is implemented for SQLite and PostgreSQL, not {connection.vendor}.")
