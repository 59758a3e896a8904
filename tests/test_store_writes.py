"""The one write path (store.db.writing / write) and how readers and writers share the file."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from store import audit
from store import db as store_db
from store.errors import DatabaseBusy, DiskFull, InvalidState
from store.schema import DERIVED_TABLES

REPO = Path(__file__).resolve().parents[1]


def version(db: Path) -> int:
    with store_db.connect(db, read_only=True) as con:
        return store_db.data_version(con)


def audit_count(db: Path) -> int:
    with store_db.connect(db, read_only=True) as con:
        return con.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_a_write_commits_moves_the_data_version_on_and_empties_the_derived_tables(db):
    with store_db.write(db) as con:
        for table in DERIVED_TABLES:
            con.execute(f"INSERT INTO {table} VALUES (0, '2025Q4', 'x', now(), 'x')")  # noqa: S608
    before = version(db)
    with store_db.write(db) as con:
        audit.record(con, "t", "test")
    assert version(db) == before + 1
    with store_db.connect(db, read_only=True) as con:
        assert all(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in DERIVED_TABLES)  # noqa: S608


def test_a_write_that_raises_leaves_nothing_and_the_version_where_it_was(db):
    before, logged = version(db), audit_count(db)
    with pytest.raises(InvalidState), store_db.write(db) as con:
        audit.record(con, "t", "test")
        raise InvalidState("refused")
    assert (version(db), audit_count(db)) == (before, logged)


class _CommitFails:
    """A connection whose COMMIT fails as DuckDB's does on a full disk; the statements before it run for real."""

    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            raise duckdb.IOException('IO Error: Could not write file "x.duckdb.wal": No space left on device')
        return self._con.execute(sql, *args)


def test_a_commit_that_fails_on_a_full_disk_ends_the_transaction_and_says_so(db):
    before, logged = version(db), audit_count(db)
    with pytest.raises(DiskFull), store_db.connect(db) as con:
        with store_db.writing(_CommitFails(con)):
            audit.record(con, "t", "test")
        pytest.fail("the failed COMMIT must raise")
    assert (version(db), audit_count(db)) == (before, logged)
    with store_db.connect(db) as con:  # no transaction left open: the next write is the usual one
        with store_db.writing(con):
            audit.record(con, "t", "after")
    assert audit_count(db) == logged + 1


def test_an_audit_entry_is_a_write_of_its_own_that_leaves_the_data_version(db):
    before, logged = version(db), audit_count(db)
    audit.log(db, "张敏", "login_failed")
    assert (version(db), audit_count(db)) == (before, logged + 1)


def test_a_read_inside_this_process_s_write_shares_it(db):
    with store_db.write(db) as con:
        audit.record(con, "t", "test")
        with store_db.connect(db, read_only=True) as reader:  # DuckDB allows no read-only instance beside it
            assert reader.execute("SELECT count(*) FROM meta").fetchone()[0] > 0


def test_a_thread_that_still_reads_cannot_write_and_is_told_why(db):
    with store_db.connect(db, read_only=True), pytest.raises(RuntimeError, match="read-only connection"):
        with store_db.connect(db):
            pass


def test_a_writer_of_this_process_waits_for_its_readers_and_new_readers_wait_for_it(db):
    order = []
    reading = threading.Event()

    def read(name: str, hold: float) -> None:
        with store_db.connect(db, read_only=True) as con:
            con.execute("SELECT count(*) FROM audit").fetchall()
            order.append(f"{name} open")
            reading.set()
            time.sleep(hold)
        order.append(f"{name} closed")

    first = threading.Thread(target=read, args=("reader", 0.5))
    first.start()
    reading.wait(10)
    later = threading.Thread(target=lambda: (time.sleep(0.2), read("late reader", 0)))
    later.start()
    with store_db.write(db) as con:
        order.append("writer open")
        time.sleep(0.3)
        audit.record(con, "t", "test")
    order.append("writer closed")
    first.join()
    later.join()
    assert order.index("reader closed") < order.index("writer open")
    # The late reader came while the writer waited (0.2 s into the first read of 0.5 s): it waited too, and read only
    # once the writer had the file (sharing its instance), not beside the first reader.
    assert order.index("late reader open") > order.index("reader closed")


HOLD = """
import sys, time
from store import db
with db.connect(sys.argv[1], read_only=sys.argv[2] == "read") as con:
    con.execute("SELECT count(*) FROM uploads").fetchall()
    print("open", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def hold(db: Path, mode: str, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "open\n", process.communicate()
    return process


def test_readers_of_two_processes_share_the_file_and_a_writer_waits_only_for_them(db):
    holder = hold(db, "read", 1.5)
    try:
        started = time.monotonic()
        with store_db.connect(db, read_only=True, wait=0.2) as con:  # no wait: both read at once
            con.execute("SELECT count(*) FROM uploads").fetchall()
        assert time.monotonic() - started < 1.0
        with pytest.raises(DatabaseBusy):
            with store_db.connect(db, wait=0.3):
                pass
        started = time.monotonic()
        with store_db.write(db) as con:  # the reader in flight ends; the writer gets the file right after
            audit.record(con, "t", "test")
        assert time.monotonic() - started < 5
    finally:
        holder.communicate()
    assert holder.returncode == 0


def test_readers_of_other_processes_arriving_while_a_writer_waits_let_it_go_first(db):
    holder = hold(db, "read", 1.0)
    late = []
    try:
        def late_reader() -> None:
            time.sleep(0.4)  # the writer below is waiting by now
            late.append(subprocess.run(
                [sys.executable, "-c", "import sys\nfrom store import db, audit\n"
                 "with db.connect(sys.argv[1], read_only=True) as con:\n"
                 "    print(con.execute(\"SELECT count(*) FROM audit WHERE action = 'first'\").fetchone()[0])",
                 str(db)], cwd=REPO, capture_output=True, text=True, timeout=60))

        thread = threading.Thread(target=late_reader)
        thread.start()
        with store_db.write(db) as con:
            time.sleep(1.0)  # the late reader, started meanwhile, must not get in before this commits
            audit.record(con, "t", "first")
        thread.join()
    finally:
        holder.communicate()
    assert late[0].returncode == 0, late[0].stderr
    assert late[0].stdout.strip() == "1"


def test_the_lock_that_orders_writers_and_readers_lives_apart_from_the_database(db):
    with store_db.write(db) as con:
        audit.record(con, "t", "test")
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) in (
        [db.name], [db.name, db.name + ".wal"])
