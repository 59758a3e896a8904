"""Kept snapshots: exact round trip, emptied by every data change, never served for other data or other code."""

from __future__ import annotations

import dataclasses

import pandas as pd
from click.testing import CliRunner

import manage
from service import snapshot as snap
from service import snapshot_cache as cache
from store import db as store_db
from store import uploads as store_uploads
from store.backup import backup, restore


def _kept(path) -> list[tuple]:
    with store_db.connect(path) as con:
        return con.execute("SELECT data_version, as_of, code FROM snapshot_cache ORDER BY as_of").fetchall()


def _same(a: snap.Snapshot, b: snap.Snapshot) -> None:
    for field in dataclasses.fields(snap.Snapshot):
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, obj=field.name)
        else:
            assert left == right, field.name


def test_round_trip_is_exact_on_the_sample(sample_db):
    with store_db.connect(sample_db) as con:
        built = snap.build(con, "2026Q3")
    _same(cache.decode(cache.encode(built)), built)


def test_first_read_builds_and_keeps_then_reads_the_kept_one(sample_db, monkeypatch):
    with store_db.connect(sample_db) as con:
        first = cache.load_or_build(con)
        version = store_db.data_version(con)
    assert _kept(sample_db) == [(version, first.as_of, cache.fingerprint())]

    def no_build(*args, **kwargs):
        raise AssertionError("built again although a kept snapshot exists")

    monkeypatch.setattr(snap, "build", no_build)
    with store_db.connect(sample_db) as con:
        _same(cache.load_or_build(con), first)
        _same(cache.load_or_build(con, first.as_of), first)


def test_an_older_as_of_is_kept_beside_the_newest(sample_db):
    with store_db.connect(sample_db) as con:
        newest = cache.load_or_build(con)
        older = cache.load_or_build(con, "2025Q4")
    assert older.as_of == "2025Q4" and newest.as_of != "2025Q4"
    assert [row[1] for row in _kept(sample_db)] == sorted([newest.as_of, "2025Q4"])


def test_a_rollback_empties_the_table_and_the_next_read_sees_the_new_data(sample_db):
    with store_db.connect(sample_db) as con:
        before = cache.load_or_build(con)
        newest = store_uploads.history(con).query("state == 'committed' and kind == 'actuals'")["upload_id"].max()
        store_uploads.rollback(con, int(newest), "tester")
        assert con.execute("SELECT count(*) FROM snapshot_cache").fetchone()[0] == 0
        after = cache.load_or_build(con)
        rebuilt = snap.build(con, after.as_of)
    _same(after, rebuilt)
    assert not before.status.equals(after.status) or before.as_of != after.as_of


def test_other_code_is_never_served(sample_db, monkeypatch):
    with store_db.connect(sample_db) as con:
        cache.load_or_build(con)
    old_code = cache.fingerprint()
    monkeypatch.setattr(cache, "fingerprint", lambda: "changed-code")
    with store_db.connect(sample_db) as con:
        assert cache.load(con, _kept(sample_db)[0][1]) is None
        cache.load_or_build(con)
        assert cache.load(con, _kept(sample_db)[0][1]) is not None
    # The old code's row stays until the next data change empties the table (a reader never deletes).
    assert sorted(row[2] for row in _kept(sample_db)) == sorted([old_code, "changed-code"])


def test_a_snapshot_of_data_changed_meanwhile_is_not_kept(sample_db):
    with store_db.connect(sample_db) as con:
        built = snap.build(con, "2026Q3")
        stale_version = store_db.data_version(con) - 1
        assert cache.save(con, built, stale_version) is False
        assert con.execute("SELECT count(*) FROM snapshot_cache").fetchone()[0] == 0


def test_a_read_only_file_still_gets_its_snapshot(sample_db):
    with store_db.connect(sample_db, read_only=True) as con:
        data = cache.load_or_build(con)
    assert data.as_of is not None and not data.status.empty
    assert _kept(sample_db) == []


def test_an_empty_store_keeps_nothing(db):
    with store_db.connect(db) as con:
        data = cache.load_or_build(con)
    assert data.empty
    assert _kept(db) == []


def test_restore_does_not_bring_back_a_kept_snapshot(sample_db, tmp_path):
    with store_db.connect(sample_db) as con:
        cache.load_or_build(con)
    saved = tmp_path / "backup.duckdb"
    backup(sample_db, saved)
    restore(sample_db, saved)
    assert _kept(sample_db) == []


def test_cli_rollback_leaves_the_newest_snapshot_kept(sample_db):
    with store_db.connect(sample_db) as con:
        newest = store_uploads.history(con).query("state == 'committed'")["upload_id"].max()
    done = CliRunner().invoke(manage.cli, ["--db", str(sample_db), "rollback", str(newest)])
    assert done.exit_code == 0, done.output
    with store_db.connect(sample_db) as con:
        version = store_db.data_version(con)
        latest = con.execute("SELECT max(period) FROM actuals a JOIN uploads u USING (upload_id) "
                             "WHERE u.rolled_back_at IS NULL").fetchone()[0]
    assert _kept(sample_db) == [(version, latest, cache.fingerprint())]


def test_cli_remove_sample_leaves_nothing_kept(sample_db):
    with store_db.connect(sample_db) as con:
        cache.load_or_build(con)
    done = CliRunner().invoke(manage.cli, ["--db", str(sample_db), "remove-sample"])
    assert done.exit_code == 0, done.output
    assert _kept(sample_db) == []


def test_keeping_a_snapshot_never_makes_a_concurrent_upload_fail(sample_db, monkeypatch):
    """A writer empties the table inside its transaction while a page keeps a snapshot: both must succeed."""
    with store_db.connect(sample_db) as con:
        cache.load_or_build(con)  # a row for the writer to delete
        monkeypatch.setattr(cache, "fingerprint", lambda: "new-code")  # the page runs newer code: a second row
        built = snap.build(con)
        writer = con.cursor()
        writer.execute("BEGIN TRANSACTION")
        store_db.bump_data_version(writer)  # the upload's DELETE FROM snapshot_cache, not yet committed
        assert cache.save(con, built, store_db.data_version(con)) is True
        writer.execute("COMMIT")  # raised "Conflict on tuple deletion" when save() deleted old rows too
        writer.close()
        assert cache.load(con, built.as_of) is None  # kept under the old data version: never served


def test_a_failed_refresh_after_a_cli_write_still_reports_the_commit(sample_db, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(snap, "build", broken)
    file = tmp_path / "one.csv"
    file.write_text("指标代码,报告期,区,数值\nP17_CW_RECYCLING,2026Q3,福田区,91\n", encoding="utf-8")
    done = CliRunner().invoke(manage.cli, ["--db", str(sample_db), "ingest", str(file)])
    assert done.exit_code == 0, done.output
    assert "已提交第" in done.output and "首次打开页面时会自动计算" in done.output
    assert _kept(sample_db) == []
