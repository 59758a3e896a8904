"""Backup and restore: a consistent copy taken in one transaction, restored in one transaction."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import duckdb

from store import audit
from store.db import (
    check_initialised,
    connect,
    data_version,
    db_path,
    init,
    is_duckdb_file,
    user_error,
    writing,
)
from store.errors import NotADatabase, StoreError
from store.schema import DERIVED_TABLES, MIGRATIONS

_ALIAS = "backup_file"
KEPT_TABLES = ("audit",)  # merged with the backup's, never replaced: a restore does not erase who did what


def backup(db, out: Path) -> Path:
    """Copy the whole database to `out` while the app may be running.

    The copy is made inside one transaction of a connection that holds the file, so a concurrent upload is
    either wholly in it or wholly absent. Written to a temporary name first, then renamed; a copy that fails (a full
    disk) leaves nothing behind.
    """
    out = Path(out)
    if out.exists():
        raise StoreError(f"备份文件 {out} 已存在。请换一个文件名，避免覆盖已有备份。")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    _remove(tmp)
    try:
        with connect(db) as con:
            name = con.execute("SELECT current_database()").fetchone()[0]
            con.execute(f"ATTACH ? AS {_ALIAS}", [str(tmp)])
            try:
                con.execute(f'COPY FROM DATABASE "{name}" TO {_ALIAS}')
            finally:
                con.execute(f"DETACH {_ALIAS}")
        os.replace(tmp, out)
    except BaseException:
        _remove(tmp)
        raise
    return out


def restore(db, source: Path, user: str = "cli") -> dict:
    """Replace every table of `db` with the backup's, in one transaction; returns row counts restored.

    The audit log is kept and merged with the backup's, and the restore itself is logged. A `db` that does not exist
    yet is created (recovery on a new machine). The backup is checked first: a DuckDB file of this system and of this
    schema, every table a plain table with the expected columns; anything else is refused with nothing changed.
    """
    source, file = Path(source), db_path(db)
    if not source.exists():
        raise StoreError(f"备份文件 {source} 不存在。")
    if file.exists() and os.path.samefile(file, source):
        raise StoreError(f"不能把数据库 {file} 恢复成它自己。请指定一个备份文件"
                         "（由 python manage.py backup --out FILE 生成）。")
    _check_backup(source)
    created = not file.exists()
    if created:
        init(file)
    try:
        return _replace(file, source, user)
    except BaseException:
        if created:  # leave no half-made database behind
            _remove(file)
        raise


def _remove(file: Path) -> None:
    file.unlink(missing_ok=True)
    file.with_name(file.name + ".wal").unlink(missing_ok=True)


@functools.cache
def _expected_columns() -> dict[str, list[tuple[str, str]]]:
    """Each restored table's (column, type) list, as this version's migrations create them."""
    con = duckdb.connect(":memory:")
    try:
        for statements in MIGRATIONS:
            for statement in statements:
                con.execute(statement)
        return _columns(con, "memory")
    finally:
        con.close()


def _columns(con, catalog: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_catalog = ? AND c.table_schema = 'main' AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position", [catalog]).fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        found.setdefault(table, []).append((column, kind))
    return {t: cols for t, cols in found.items() if t not in DERIVED_TABLES}


def _check_backup(source: Path) -> None:
    """Refuse anything but a whole backup of this system and schema, before the database is touched."""
    not_ours = "请指定由 python manage.py backup 生成的备份文件。数据库未改动。"
    if not is_duckdb_file(source):  # checked before DuckDB opens it: a SQLite file would make it fetch an extension
        raise NotADatabase(f"文件 {source} 不是 DuckDB 数据库文件，不是本系统的备份。{not_ours}")
    with connect(source, read_only=True) as con:
        check_initialised(con, source)  # this system's, and neither older nor newer
        catalog = con.execute("SELECT current_database()").fetchone()[0]
        found = _columns(con, catalog)
        try:
            data_version(con)
        except (TypeError, ValueError):
            raise NotADatabase(f"备份 {source.name} 的 meta 表已被改动，不是完整的本系统备份。{not_ours}") from None
    wrong = [t for t, cols in _expected_columns().items() if found.get(t) != cols]
    if wrong:
        raise NotADatabase(f"备份 {source.name} 不是完整的本系统备份：表 {'、'.join(wrong)} 缺失或结构不同。{not_ours}")


def _replace(file: Path, source: Path, user: str) -> dict:
    counts = {}
    with connect(file) as con:
        con.execute(f"ATTACH ? AS {_ALIAS} (READ_ONLY)", [str(source)])
        try:
            with writing(con):  # the data version moves past both the backup's and this file's; derived tables empty
                before = data_version(con)
                for table in sorted(_expected_columns()):
                    if table in KEPT_TABLES:  # the backup's entries that this log lacks; names from the schema
                        con.execute(f"INSERT INTO main.{table} SELECT * FROM {_ALIAS}.{table} "  # noqa: S608
                                    f"EXCEPT SELECT * FROM main.{table}")
                    else:
                        con.execute(f"DELETE FROM main.{table}")  # noqa: S608 - names from the schema
                        con.execute(f"INSERT INTO main.{table} SELECT * FROM {_ALIAS}.{table}")  # noqa: S608
                    counts[table] = con.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]  # noqa: S608
                nxt = con.execute("SELECT coalesce(max(upload_id), 0) + 1 FROM uploads").fetchone()[0]
                con.execute("DROP SEQUENCE upload_ids")
                con.execute(f"CREATE SEQUENCE upload_ids START {int(nxt)}")
                # Never reuse a version number the app may have cached other data under.
                version = max(before, data_version(con))
                con.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
                audit.record(con, user, "restore", f"从 {source.name} 恢复：{counts.get('uploads', 0)} 个上传，"
                                                   f"{counts.get('actuals', 0)} 条指标数值")
                counts["audit"] += 1
        except duckdb.Error as exc:
            if user_error(file, exc) is None:
                raise StoreError(
                    f"备份 {source.name} 中的数据不符合本系统的约束（例如编号重复或缺少必填值），无法恢复。"
                    "数据库未改动。请换一个由 python manage.py backup 生成的备份文件。") from None
            raise
        finally:
            with contextlib.suppress(duckdb.Error):  # the connection closes anyway; never hide why the restore failed
                con.execute(f"DETACH {_ALIAS}")
    return counts
