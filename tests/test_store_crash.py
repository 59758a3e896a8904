"""Crash safety: an ingest killed with SIGKILL in the middle of its commit leaves nothing of itself behind."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from store import db as store_db
from tests.faults import start_cli, wait_for
from tests.helpers import run, snapshot

ROWS = 300_000




def counts(db: Path) -> tuple[int, int]:
    with store_db.connect(db) as con:
        uploads = con.execute("SELECT count(*) FROM uploads").fetchall()[0][0]
        actuals = con.execute("SELECT count(*) FROM actuals").fetchall()[0][0]
    return uploads, actuals


def start_ingest(db: Path, file: Path, paused_at: Path | None = None) -> subprocess.Popen:
    return start_cli("--db", str(db), "ingest", str(file), "--user", "张敏", paused_at=paused_at)


@pytest.fixture
def paused_ingest(tmp_path):
    """Start an ingest that stops inside its transaction, every row written, before COMMIT; returns the process and
    the number of uploads its transaction sees there. The process is killed at the end if the test has not."""
    started = []

    def start(db: Path, file: Path) -> tuple[subprocess.Popen, int]:
        marker = tmp_path / f"in-commit-{len(started)}"
        process = start_ingest(db, file, paused_at=marker)
        started.append(process)
        return process, int(wait_for(marker, process))

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_sigkill_inside_the_commit_transaction_leaves_nothing_visible(db, tmp_path, large_actuals, paused_ingest):
    file = large_actuals(db, ROWS)
    before = snapshot(db, tmp_path / "before")
    process, seen = paused_ingest(db, file)
    assert seen == 1  # rows and the upload record are written, COMMIT not yet run
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


def test_sigkill_at_the_commit_itself_is_all_or_nothing(db, large_actuals, paused_ingest):
    """Killed right as COMMIT runs (no pause): after reopening, either the whole upload or none of it."""
    rows = 100_000
    file = large_actuals(db, rows)
    # First find how long the ingest takes to reach its commit, then kill a second run at that moment.
    started = time.monotonic()
    probe, _ = paused_ingest(db, file)
    reach = time.monotonic() - started
    probe.send_signal(signal.SIGKILL)
    probe.communicate()
    assert counts(db) == (0, 0)

    process = start_ingest(db, file)
    time.sleep(reach)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert counts(db) in {(0, 0), (1, rows)}
