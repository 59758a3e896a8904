"""Crash safety: an ingest killed with SIGKILL in the middle of its commit leaves nothing of itself behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from store import db as store_db
from store.uploads import PAUSE_IN_COMMIT_ENV
from tests.helpers import run, snapshot

REPO = Path(__file__).parents[1]
ROWS = 300_000




def counts(db: Path) -> tuple[int, int]:
    with store_db.connect(db) as con:
        uploads = con.execute("SELECT count(*) FROM uploads").fetchall()[0][0]
        actuals = con.execute("SELECT count(*) FROM actuals").fetchall()[0][0]
    return uploads, actuals


def start_ingest(db: Path, file: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "--db", str(db), "ingest", str(file), "--user", "张敏"],
        cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"ingest ended before its commit: {process.communicate()}")
        assert time.monotonic() < deadline, "ingest never reached its commit"
        time.sleep(0.02)


def test_sigkill_inside_the_commit_transaction_leaves_nothing_visible(db, tmp_path, large_actuals):
    file = large_actuals(db, ROWS)
    before = snapshot(db, tmp_path / "before")
    marker = tmp_path / "in-commit"
    process = start_ingest(db, file, **{PAUSE_IN_COMMIT_ENV: str(marker)})
    try:
        wait_for(marker, process)  # rows and the upload record are written, COMMIT not yet run
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL

    assert counts(db) == (0, 0)
    assert snapshot(db, tmp_path / "after") == before

    # The store is usable afterwards, and the killed upload does not count as a duplicate.
    result = run(db, "ingest", str(file))
    assert result.exit_code == 0, result.output
    assert result.output == f"已提交第 1 号上传：新增 {ROWS} 行，修订 0 行，未变 0 行\n"  # even the id is unused
    assert counts(db) == (1, ROWS)


def test_sigkill_at_the_commit_itself_is_all_or_nothing(db, tmp_path, large_actuals):
    """Killed right as COMMIT runs (no pause): after reopening, either the whole upload or none of it."""
    rows = 100_000
    file = large_actuals(db, rows)
    marker = tmp_path / "in-commit"
    # First find how long the ingest takes to reach its commit, then kill a second run at that moment.
    probe = start_ingest(db, file, **{PAUSE_IN_COMMIT_ENV: str(marker)})
    started = time.monotonic()
    try:
        wait_for(marker, probe)
        reach = time.monotonic() - started
    finally:
        probe.send_signal(signal.SIGKILL)
        probe.communicate()
    assert counts(db) == (0, 0)

    process = start_ingest(db, file)
    time.sleep(reach)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert counts(db) in {(0, 0), (1, rows)}
