"""No traceback reaches a user: a full disk, a stale WAL file, a failed refresh after a commit, and any StoreError
caught once by the command group and once by the page frame, each with a Chinese message and the data intact."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from service import upload_flow
from store import ingest as store_ingest
from store.errors import DiskFull
from tests.helpers import ROOT, open_app, run, snapshot, upload_history

FULL = "磁盘空间不足"
GOOD = ("指标代码,报告期,区,数值,备注\r\n"
        "P17_CW_RECYCLING,2025Q4,全市,34%,\r\n"
        "P17_CW_RECYCLING,2025Q4,福田区,34.5,\r\n").encode()


def bulky_upload(path: Path) -> Path:
    """An actuals file of about 600 KB (long notes): its commit writes more than a nearly full disk holds."""
    districts = ["全市", "福田区", "罗湖区", "盐田区", "南山区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区"]
    lines = ["指标代码,报告期,区,数值,备注"]
    for year in range(2016, 2026):
        for quarter in range(1, 5):
            lines += [f"P17_CW_RECYCLING,{year}Q{quarter},{d},{50 + year - 2016 + quarter / 10},{'说明' * 250}"
                      for d in districts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _limited_files(max_bytes: int):
    def limit() -> None:  # in the child: a write beyond max_bytes fails with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, resource.RLIM_INFINITY))
    return limit


def cli(*args: str, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          preexec_fn=preexec, timeout=120)


# --- a full disk ---------------------------------------------------------------------------------------------

def test_an_upload_that_cannot_write_its_log_is_refused_in_chinese_and_writes_nothing(db, tmp_path):
    file = bulky_upload(tmp_path / "bulky.csv")
    before = snapshot(db, tmp_path / "before")
    done = cli("--db", str(db), "ingest", str(file), "--confirm-unusual", preexec=_limited_files(200_000))
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {FULL}") and "Traceback" not in done.stderr + done.stdout
    assert "未写入任何数据" in done.stderr
    assert snapshot(db, tmp_path / "after") == before
    assert run(db, "ingest", str(file), "--confirm-unusual").exit_code == 0  # room again: the same file lands


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs under tmp_path (needs root; skipped elsewhere), unmounted after the test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr!r}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_an_upload_on_a_really_full_disk_is_refused_and_the_data_is_intact(db, small_disk, tmp_path):
    full = small_disk / "cleanprod.duckdb"
    shutil.copyfile(db, full)  # about 6 MB of the 8
    before = snapshot(full, tmp_path / "before")
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(free - 150_000, 0))
    file = bulky_upload(tmp_path / "bulky.csv")
    result = run(full, "ingest", str(file), "--confirm-unusual")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {FULL}") and "Traceback" not in result.output
    filler.unlink()
    assert snapshot(full, tmp_path / "after") == before
    assert run(full, "ingest", str(file), "--confirm-unusual").exit_code == 0


class _CommitFails:
    """A connection whose COMMIT fails as DuckDB's does on a full disk (the statements before it run for real)."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            raise duckdb.IOException('IO Error: Could not write file "x.duckdb.wal": No space left on device')
        return self._con.execute(sql, *args)


@pytest.fixture
def full_disk(monkeypatch):
    real = store_ingest.commit
    monkeypatch.setattr(store_ingest, "commit", lambda con, *a, **k: real(_CommitFails(con), *a, **k))


def test_the_upload_flow_turns_a_full_disk_into_an_error_message(db, full_disk):
    outcome = upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张敏")
    assert outcome.level == "error" and outcome.message.startswith(FULL)
    assert upload_history(db).empty


def test_the_upload_page_shows_a_full_disk_as_an_error_without_a_traceback(db, monkeypatch, full_disk):
    at = open_app(db, monkeypatch, "pages/upload.py")
    at.file_uploader[0].set_value(("good.csv", GOOD, "text/csv"))
    at.run()
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert any(e.value.startswith(FULL) for e in at.error)
    assert upload_history(db).empty


def test_a_backup_onto_a_full_disk_is_refused_and_leaves_no_partial_file(sample_db, tmp_path):
    out = tmp_path / "b.duckdb"
    done = cli("--db", str(sample_db), "backup", "--out", str(out), preexec=_limited_files(500_000))
    assert done.returncode == 1 and done.stderr.startswith(f"Error: {FULL}"), done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.duckdb"]


# --- a stale WAL file ------------------------------------------------------------------------------------------

def stale_wal(db: Path, tmp_path: Path) -> Path:
    """Put beside `db` the WAL of another database (as a copy or a restore by hand leaves one)."""
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("CREATE TABLE t (i INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    con.close()
    wal = db.with_name(db.name + ".wal")
    shutil.copyfile(other.with_name(other.name + ".wal"), wal)
    return wal


@pytest.mark.parametrize("command", [["status"], ["uploads"], ["init"]])
def test_a_stale_wal_file_is_refused_in_chinese_and_both_files_are_left_alone(sample_db, tmp_path, command):
    before = snapshot(sample_db, tmp_path / "before")
    wal = stale_wal(sample_db, tmp_path)
    data, log = sample_db.read_bytes(), wal.read_bytes()
    result = run(sample_db, *command)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 数据库 {sample_db} 旁边的日志文件 {wal.name} 与该数据库不匹配")
    assert "数据库本身完好" in result.output and f"请把 {wal} 移到别处保存" in result.output
    assert "WAL" not in result.output  # DuckDB's English stays out
    assert sample_db.read_bytes() == data and wal.read_bytes() == log
    wal.rename(tmp_path / "kept.wal")  # what the message says to do
    assert snapshot(sample_db, tmp_path / "after") == before


def test_a_page_on_a_database_with_a_stale_wal_says_so_without_a_traceback(sample_db, tmp_path, monkeypatch):
    stale_wal(sample_db, tmp_path)
    at = open_app(sample_db, monkeypatch, "pages/overview.py")
    assert any("与该数据库不匹配" in e.value for e in at.error)


# --- one error type, caught once -----------------------------------------------------------------------------------

def test_the_command_group_turns_any_store_error_into_its_message_and_status_1(sample_db, monkeypatch):
    from store import export as store_export

    def full(*args, **kwargs):
        raise DiskFull("磁盘空间不足，测试。")

    monkeypatch.setattr(store_export, "write", full)
    result = run(sample_db, "export", "--out", str(sample_db.parent / "out"))
    assert result.exit_code == 1 and result.output == "Error: 磁盘空间不足，测试。\n"


def test_the_page_frame_shows_a_store_error_no_page_caught(sample_db, monkeypatch):
    from ui import context

    def failing(*args, **kwargs):
        raise DiskFull("磁盘空间不足，测试。")

    monkeypatch.setattr(context, "header", failing)
    at = open_app(sample_db, monkeypatch)  # the first page, run by dashboard.py's navigation (AppTest's switch_page
    # would run the page file alone)
    assert [e.value for e in at.error] == ["磁盘空间不足，测试。"]
