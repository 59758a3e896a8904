"""Backup and restore: a consistent copy while the app runs or an upload commits; restore in one transaction."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from store import db as store_db
from store.schema import SCHEMA_VERSION
from tests.faults import start_cli, wait_for
from tests.helpers import run
from tests.helpers import snapshot as export

REPO = Path(__file__).resolve().parents[1]




def test_restore_brings_back_exactly_what_was_backed_up(sample_db, tmp_path):
    before = export(sample_db, tmp_path / "before")
    result = run(sample_db, "backup", "--out", str(tmp_path / "b.duckdb"))
    assert result.exit_code == 0 and "已备份到" in result.output
    assert run(sample_db, "rollback", "31").exit_code == 0
    assert run(sample_db, "remove-sample").exit_code == 0
    assert export(sample_db, tmp_path / "changed") != before
    result = run(sample_db, "restore", str(tmp_path / "b.duckdb"))
    assert result.exit_code == 0 and "47 个上传" in result.output
    assert export(sample_db, tmp_path / "after") == before


def test_restore_keeps_upload_numbers_unique_and_the_cache_version_new(sample_db, tmp_path, large_actuals):
    run(sample_db, "backup", "--out", str(tmp_path / "b.duckdb"))
    with store_db.connect(sample_db) as con:
        version_before = store_db.data_version(con)
    run(sample_db, "restore", str(tmp_path / "b.duckdb"))
    with store_db.connect(sample_db) as con:
        assert store_db.data_version(con) > version_before
    file = large_actuals(sample_db, 100, name="small.csv")
    result = run(sample_db, "ingest", str(file))
    assert "已提交第 48 号上传" in result.output


def test_backup_refuses_to_overwrite_and_restore_refuses_a_foreign_file(sample_db, tmp_path):
    target = tmp_path / "exists.duckdb"
    target.write_bytes(b"x")
    result = run(sample_db, "backup", "--out", str(target))
    assert result.exit_code == 1 and "已存在" in result.output
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(os.urandom(5000))
    before = export(sample_db, tmp_path / "before")
    result = run(sample_db, "restore", str(junk))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert export(sample_db, tmp_path / "after") == before


def test_backup_taken_while_an_upload_commits_is_before_or_after_never_half(db, tmp_path, large_actuals):
    file = large_actuals(db, 50_000)
    marker = tmp_path / "in-commit"
    ingest = start_cli("--db", str(db), "ingest", str(file), paused_at=marker)
    wait_for(marker, ingest)
    backup = start_cli("--db", str(db), "backup", "--out", str(tmp_path / "b.duckdb"),
                       env={store_db.BUSY_WAIT_ENV: "60"})
    marker.unlink()  # let the commit finish while the backup waits for the file
    assert ingest.wait(120) == 0, ingest.communicate()
    assert backup.wait(120) == 0, backup.communicate()
    restored = tmp_path / "restored.duckdb"
    run(restored, "init")
    assert run(restored, "restore", str(tmp_path / "b.duckdb")).exit_code == 0
    with store_db.connect(restored) as con:
        uploads = con.execute("SELECT count(*), coalesce(sum(rows_added), 0) FROM uploads").fetchall()[0]
        actuals = con.execute("SELECT count(*) FROM actuals").fetchall()[0][0]
    assert uploads in ((0, 0), (1, 50_000))
    assert actuals == uploads[1]


# --- store administration (issue 15): no traceback, nothing changed, the audit trail kept ---------------------

NOT_OURS = "请指定由 python manage.py backup 生成的备份文件。数据库未改动。"


def audit_rows(db: Path) -> list[tuple]:
    with store_db.connect(db) as con:
        return con.execute("SELECT user_name, action, detail FROM audit ORDER BY logged_at").fetchall()


def test_restore_into_itself_is_refused_and_changes_nothing(sample_db, tmp_path):
    before = export(sample_db, tmp_path / "before")
    result = run(sample_db, "restore", str(sample_db))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 不能把数据库 {sample_db} 恢复成它自己。")
    assert export(sample_db, tmp_path / "after") == before


def test_restore_into_a_new_path_creates_the_database(sample_db, tmp_path):
    backup = tmp_path / "b.duckdb"
    assert run(sample_db, "backup", "--out", str(backup)).exit_code == 0
    fresh = tmp_path / "new-machine" / "cleanprod.duckdb"
    result = run(fresh, "restore", str(backup), "--user", "运维")
    assert result.exit_code == 0, result.output
    assert "47 个上传" in result.output
    assert export(fresh, tmp_path / "restored") == export(sample_db, tmp_path / "original")
    assert audit_rows(fresh)[-1][:2] == ("运维", "restore")


def test_restore_keeps_the_audit_trail_merges_the_backups_and_logs_itself(sample_db, tmp_path):
    backup = tmp_path / "b.duckdb"
    run(sample_db, "backup", "--out", str(backup))
    backed_up = audit_rows(sample_db)
    assert run(sample_db, "rollback", "31", "--user", "张敏").exit_code == 0  # after the backup: only here
    current = audit_rows(sample_db)
    result = run(sample_db, "restore", str(backup), "--user", "李华")
    assert result.exit_code == 0, result.output
    after = audit_rows(sample_db)
    assert after[:-1] == current  # nothing lost, nothing doubled (the backup's entries were already here)
    assert len(backed_up) < len(current)
    assert after[-1][:2] == ("李华", "restore")
    assert after[-1][2].startswith("从 b.duckdb 恢复：47 个上传，") and after[-1][2].endswith("条指标数值")
    # a backup from another database brings its entries in
    other = tmp_path / "other.duckdb"
    run(other, "init")
    with store_db.connect(other) as con:
        con.execute("INSERT INTO audit VALUES (TIMESTAMP '2026-01-05 09:00:00', '王芳', 'upload', '#1 x.csv')")
    run(other, "backup", "--out", str(tmp_path / "other-b.duckdb"))
    assert run(sample_db, "restore", str(tmp_path / "other-b.duckdb")).exit_code == 0
    entries = audit_rows(sample_db)
    assert ("王芳", "upload", "#1 x.csv") in entries and set(after) <= set(entries)
    assert [e[1] for e in entries].count("restore") == 2


def crafted(db: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of `db` changed by `statements`: a file that passes for a backup at first sight."""
    path = tmp_path / "crafted.duckdb"
    shutil.copyfile(db, path)
    con = duckdb.connect(str(path))
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


CRAFTED = {
    "missing table": (["DROP TABLE actuals"], "不是完整的本系统备份：表 actuals 缺失或结构不同"),
    "a view reading a file": (
        ["DROP TABLE audit", "CREATE VIEW audit AS SELECT now()::TIMESTAMP AS logged_at, 'x' AS user_name, "
                             "'x' AS action, content AS detail FROM read_text('/etc/hostname')"],
        "表 audit 缺失或结构不同"),
    "other columns": (["ALTER TABLE uploads DROP COLUMN is_sample"], "表 uploads 缺失或结构不同"),
    "duplicate keys": (["CREATE TABLE u2 AS SELECT * FROM uploads", "DROP TABLE uploads",
                        "CREATE TABLE uploads AS SELECT * FROM u2 UNION ALL SELECT * FROM u2", "DROP TABLE u2"],
                       "中的数据不符合本系统的约束"),
    "a data version that is not a number": (["UPDATE meta SET value = 'x' WHERE key = 'data_version'"],
                                            "meta 表已被改动"),
    "a newer schema": ([f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'"],
                       "由更新的版本创建，请升级本软件"),
    "a foreign app": (["UPDATE meta SET value = 'other' WHERE key = 'app'"], "不是清洁生产监测系统的数据库"),
}


@pytest.mark.parametrize("case", CRAFTED)
def test_a_crafted_backup_is_refused_in_chinese_and_changes_nothing(sample_db, tmp_path, case):
    statements, message = CRAFTED[case]
    source = crafted(sample_db, tmp_path, *statements)
    before = export(sample_db, tmp_path / "before")
    audit_before = audit_rows(sample_db)
    result = run(sample_db, "restore", str(source))
    assert result.exit_code == 1 and message in result.output, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert export(sample_db, tmp_path / "after") == before and audit_rows(sample_db) == audit_before
    fresh = tmp_path / "fresh.duckdb"  # nor is a new database left behind
    assert run(fresh, "restore", str(source)).exit_code == 1
    assert not fresh.exists() and not fresh.with_name("fresh.duckdb.wal").exists()


def test_restoring_a_sqlite_file_is_refused_without_fetching_an_extension(sample_db, tmp_path):
    lite = tmp_path / "backup.db"
    con = sqlite3.connect(lite)
    con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('app', 'cleanprod'), ('schema_version', ?)", [str(SCHEMA_VERSION)])
    con.commit()
    con.close()
    home = tmp_path / "home"  # DuckDB installs extensions under ~/.duckdb
    done = subprocess.run([sys.executable, "manage.py", "--db", str(sample_db), "restore", str(lite)], cwd=REPO,
                          env={**os.environ, "HOME": str(home)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: 文件 {lite} 不是 DuckDB 数据库文件，不是本系统的备份。{NOT_OURS}\n"
    assert not home.exists()


def test_store_connections_never_load_or_install_an_extension(db):
    with store_db.connect(db) as con:
        assert con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                           "current_setting('autoload_known_extensions')").fetchall() == [(False, False)]
