"""Backup and restore: a consistent copy while the app runs or an upload commits; restore in one transaction."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store import db as store_db
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
    assert result.exit_code == 0 and "32 个上传" in result.output
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
    assert "已提交第 33 号上传" in result.output


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
    env = {**os.environ, "CLEANPROD_TEST_PAUSE_IN_COMMIT": str(marker)}
    ingest = subprocess.Popen([sys.executable, "manage.py", "--db", str(db), "ingest", str(file)], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not marker.exists():
        assert ingest.poll() is None, ingest.communicate()
    backup = subprocess.Popen([sys.executable, "manage.py", "--db", str(db), "backup", "--out",
                               str(tmp_path / "b.duckdb")], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "CLEANPROD_BUSY_WAIT_SECONDS": "60"})
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
