"""Concurrency: two uploads at once, and an upload while another process holds the database open."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from store import db as store_db
from tests.helpers import run, snapshot

REPO = Path(__file__).parents[1]
HEADER = "指标代码,报告期,区,数值\n"
FIRST = HEADER + "P17_CW_RECYCLING,2025Q3,全市,88\nP17_CW_RECYCLING,2025Q4,全市,90\n"
SECOND = HEADER + "P17_CW_RECYCLING,2025Q4,全市,91.5\nP18_SEA_RAIL,2025Q4,全市,1.2\n"
BUSY = "正被另一个程序使用（例如正在提交的上传），请稍后重试。"

# Opens the database the way the app does and keeps it open for argv[2] seconds, or until a line on stdin.
HOLDER = """
import sys, time
from store import db
with db.connect(sys.argv[1]) as con:
    con.execute("SELECT count(*) FROM uploads").fetchall()
    print("open", flush=True)
    if sys.argv[2] == "until-released":
        sys.stdin.readline()
    else:
        time.sleep(float(sys.argv[2]))
"""



def ingest_process(db: Path, file: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", "--db", str(db), "ingest", str(file)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def hold(db: Path, seconds: float | str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = holder.stdout.readline()
    assert line == "open\n", holder.communicate()
    return holder


def test_two_uploads_at_once_from_two_processes_both_land(db, tmp_path, large_actuals):
    one = large_actuals(db, 100_000, "one.csv", offset=0.5)
    two = large_actuals(db, 100_000, "two.csv", offset=0.25)
    processes = [ingest_process(db, one), ingest_process(db, two)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert sorted(out for out, _ in outputs) == [  # the same keys: whichever commits second revises all
        "已提交第 1 号上传：新增 100000 行，修订 0 行，未变 0 行\n",
        "已提交第 2 号上传：新增 0 行，修订 100000 行，未变 0 行\n",
    ]
    with store_db.connect(db) as con:
        uploads = con.execute("SELECT upload_id, file_name, state FROM uploads ORDER BY upload_id").fetchall()
        rows = con.execute("SELECT upload_id, count(*) FROM actuals GROUP BY ALL ORDER BY 1").fetchall()
    assert {name for _, name, _ in uploads} == {"one.csv", "two.csv"}
    assert [state for _, _, state in uploads] == ["committed", "committed"]
    assert rows == [(1, 100_000), (2, 100_000)]


def test_an_upload_waits_while_another_process_holds_the_database_and_then_lands(db, tmp_path):
    file = tmp_path / "a.csv"
    file.write_text(FIRST, encoding="utf-8")
    holder = hold(db, 2)
    started = time.monotonic()
    result = run(db, "ingest", str(file))
    waited = time.monotonic() - started
    holder.communicate()
    assert holder.returncode == 0
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 1 号上传：新增 2 行，修订 0 行，未变 0 行\n"
    assert waited > 1.0


def test_with_a_short_wait_a_busy_database_is_refused_clearly_and_nothing_is_lost(db, tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    assert run(db, "ingest", str(first)).exit_code == 0
    before = snapshot(db, tmp_path / "before")

    monkeypatch.setenv(store_db.BUSY_WAIT_ENV, "0.3")
    holder = hold(db, "until-released")
    try:
        result = run(db, "ingest", str(second))
        assert result.exit_code == 1
        assert result.output == f"Error: 数据库 {db.name} {BUSY}\n"
        # A second process meets the same refusal, with the same message and no traceback.
        process = subprocess.run([sys.executable, "manage.py", "--db", str(db), "ingest", str(second)],
                                 cwd=REPO, capture_output=True, text=True,
                                 env={**os.environ, store_db.BUSY_WAIT_ENV: "0.3"})
        assert process.returncode == 1
        assert process.stderr == f"Error: 数据库 {db.name} {BUSY}\n"
    finally:
        holder.communicate("release\n")
    assert holder.returncode == 0
    monkeypatch.delenv(store_db.BUSY_WAIT_ENV)

    assert snapshot(db, tmp_path / "after") == before
    result = run(db, "ingest", str(second))  # try again later: it lands
    assert result.output == "已提交第 2 号上传：新增 1 行，修订 1 行，未变 0 行\n"
