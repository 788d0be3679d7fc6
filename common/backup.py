"""Backup and restore of the database (pg_dump custom format; SQLite's online backup) and of the uploaded
files (a tar of MEDIA_ROOT), with a manifest of row counts and file hashes that a restore checks itself."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from glob import glob
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST, DUMP, SQLITE, UPLOADS = "manifest.json", "database.dump", "database.sqlite3", "uploads.tar"


def pg_tool(name: str) -> str:
    """The newest installed client (it must not be older than the server)."""
    candidates = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found: install postgresql-client")
    return found


def pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(PGHOST=db["HOST"] or "", PGPORT=str(db["PORT"] or ""), PGUSER=db["USER"] or "", PGDATABASE=db["NAME"])
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
        out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def backup(output: Path) -> dict:
    output.mkdir(parents=True, exist_ok=False)
    if connection.vendor == "postgresql":
        subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={output / DUMP}"],
            env=pg_env(),
            check=True,
        )
    else:
        with sqlite3.connect(connection.settings_dict["NAME"]) as source, sqlite3.connect(output / SQLITE) as target:
            source.backup(target)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(output / UPLOADS, "w") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "tables": table_counts(),
        "files": file_hashes(media),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


def restore(source: Path, *, force: bool = False) -> list[str]:
    """Restore into the configured database and MEDIA_ROOT; returns the differences from the manifest
    (empty: every row count and every file hash matches)."""
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    media = Path(settings.MEDIA_ROOT)
    if not force and (any(media.rglob("*")) if media.exists() else False):
        raise FileExistsError(f"{media} is not empty (use --force to overwrite)")
    if connection.vendor == "postgresql":
        if not force and connection.introspection.table_names():
            raise FileExistsError("the database is not empty (use --force to replace it)")
        connection.close()
        args = [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error"]
        subprocess.run(
            [*args, f"--dbname={connection.settings_dict['NAME']}", str(source / DUMP)], env=pg_env(), check=True
        )
    else:
        connection.close()
        shutil.copyfile(source / SQLITE, connection.settings_dict["NAME"])
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / UPLOADS) as archive:
        archive.extractall(media, filter="data")
    return differences(manifest)


def differences(manifest: dict) -> list[str]:
    found_tables, found_files = table_counts(), file_hashes(Path(settings.MEDIA_ROOT))
    out = [
        f"table {table}: {count} rows in the backup, {found_tables.get(table)} restored"
        for table, count in manifest["tables"].items()
        if found_tables.get(table) != count
    ]
    out += [
        f"file {name}: missing or changed"
        for name, digest in manifest["files"].items()
        if found_files.get(name) != digest
    ]
    return out
