"""Backup and restore: a consistent copy taken in one transaction, restored in one transaction."""

from __future__ import annotations

import os
from pathlib import Path

from store.db import _tables, check_initialised, connect, data_version, schema_version
from store.errors import NotADatabase, StoreError
from store.schema import DERIVED_TABLES, SCHEMA_VERSION

_ALIAS = "backup_file"


def backup(db, out: Path) -> Path:
    """Copy the whole database to `out` while the app may be running.

    The copy is made inside one transaction of a connection that holds the file, so a concurrent upload is
    either wholly in it or wholly absent. Written to a temporary name first, then renamed.
    """
    out = Path(out)
    if out.exists():
        raise StoreError(f"备份文件 {out} 已存在。请换一个文件名，避免覆盖已有备份。")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    with connect(db) as con:
        name = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH ? AS {_ALIAS}", [str(tmp)])
        try:
            con.execute(f'COPY FROM DATABASE "{name}" TO {_ALIAS}')
        finally:
            con.execute(f"DETACH {_ALIAS}")
    os.replace(tmp, out)
    return out


def restore(db, source: Path) -> dict:
    """Replace every table of `db` with the backup's, in one transaction; returns row counts restored."""
    source = Path(source)
    if not source.exists():
        raise StoreError(f"备份文件 {source} 不存在。")
    with connect(source, read_only=True) as check:
        check_initialised(check, source)
        if schema_version(check) != SCHEMA_VERSION:
            raise NotADatabase(f"备份 {source.name} 的结构版本与当前系统不同，请先用 init 升级该备份后再恢复。")
    counts = {}
    with connect(db) as con:
        con.execute(f"ATTACH ? AS {_ALIAS} (READ_ONLY)", [str(source)])
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                before = data_version(con)
                for table in sorted(_tables(con)):
                    con.execute(f"DELETE FROM main.{table}")  # noqa: S608 - names from the catalog
                    if table in DERIVED_TABLES:
                        continue
                    con.execute(f"INSERT INTO main.{table} SELECT * FROM {_ALIAS}.{table}")  # noqa: S608
                    counts[table] = con.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]  # noqa: S608
                nxt = con.execute("SELECT coalesce(max(upload_id), 0) + 1 FROM uploads").fetchone()[0]
                con.execute("DROP SEQUENCE upload_ids")
                con.execute(f"CREATE SEQUENCE upload_ids START {int(nxt)}")
                # Never reuse a version number the app may have cached other data under.
                version = max(before, data_version(con)) + 1
                con.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.execute(f"DETACH {_ALIAS}")
    return counts
