"""Fault injection from test code: a command of manage.py run in a process of its own that stops inside its write
transaction, just before COMMIT, so that a test can kill it there or let it go on. Production code has no hook for it:
the process replaces store.db.bump_data_version, the write path's last step before COMMIT (store.db.writing)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# argv: the marker file, then manage.py's arguments. The marker is written once the transaction holds every row of
# the write (its text: the uploads the transaction sees); the process holds it open until the marker is deleted.
PAUSED = """
import sys, time
from pathlib import Path

from store import db

marker = Path(sys.argv[1])
write_the_rest = db.bump_data_version


def pause_before_commit(con):
    write_the_rest(con)
    marker.write_text(str(con.execute("SELECT count(*) FROM uploads").fetchone()[0]))
    deadline = time.monotonic() + 60
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


db.bump_data_version = pause_before_commit
import manage

manage.cli(sys.argv[2:], prog_name="manage.py")
"""


def start_cli(*args: str, paused_at: Path | None = None, env: dict | None = None) -> subprocess.Popen:
    """`python manage.py ARGS` in a process of its own; with `paused_at`, stopped before its COMMIT (see PAUSED)."""
    command = [sys.executable, "-c", PAUSED, str(paused_at)] if paused_at else [sys.executable, "manage.py"]
    return subprocess.Popen([*command, *args], cwd=REPO, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(marker: Path, process: subprocess.Popen, timeout: float = 60) -> str:
    """The marker's text once the paused process has written it (it then waits before COMMIT)."""
    deadline = time.monotonic() + timeout
    while not (marker.exists() and marker.read_text()):
        if process.poll() is not None:
            raise AssertionError(f"the process ended before its commit: {process.communicate()}")
        assert time.monotonic() < deadline, "the process never reached its commit"
        time.sleep(0.02)
    return marker.read_text()
