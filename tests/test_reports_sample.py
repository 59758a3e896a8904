"""The sample's online reports: every state, on time and late, a promise kept and one broken; remove-sample takes
them away."""

from __future__ import annotations

import datetime as dt

from metrics import deadlines
from service import reporting, sample_reports
from store import reports as store_reports
from store import uploads
from store.db import connect


def test_the_sample_has_reports_in_every_state_and_both_kinds_of_promise(sample_db):
    assert sample_reports.load(sample_db) == 8
    assert sample_reports.load(sample_db) == 0  # once
    with connect(sample_db) as con:
        latest = reporting.current(con)
        calendar = store_reports.calendar(con)
        broken = reporting.broken_promises(con, "2026Q3")
        files = [r[0] for r in con.execute("SELECT file_name FROM uploads WHERE file_name LIKE '在线填报%'").fetchall()]
    assert set(latest["state"]) == set(deadlines.STATES)
    q3 = latest[latest["period"] == "2026Q3"]
    timely = deadlines.timeliness(q3, calendar, dt.date(2026, 11, 30))
    assert {"on_time", "late", "missing"} <= set(timely)  # the draft was never submitted
    assert broken[["agency", "item", "promise"]].values.tolist() == [["市发展改革委", "11", "2026Q2"]]  # 69's kept
    assert len(files) == 4 and all(f.startswith("在线填报_") for f in files)
    todo = reporting.todo(sample_db, "市住房建设局", "2026Q3", today=dt.date(2026, 11, 30))
    assert todo.loc[todo["state"] == "verify", ["item", "agency"]].values.tolist() == [["56", "各区政府"]]
    assert reporting.admin_queue(sample_db)["item"].tolist() == ["P15_PREFAB"]


def test_remove_sample_takes_the_sample_reports_away(sample_db):
    sample_reports.load(sample_db)
    with connect(sample_db) as con:
        uploads.remove_sample(con, "admin")
        assert store_reports.reports(con).empty
        assert con.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
