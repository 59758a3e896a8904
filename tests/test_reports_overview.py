"""整改逾期 and overdue agencies on 总览 and 分单位, and a broken promise as known on a date (AppTest, sample data)."""

from __future__ import annotations

import datetime as dt

from presentation import labels
from service import reporting
from service.reporting import Actor, Entry
from store.db import connect
from tests.helpers import open_app

R = labels.REPORTING
AT = dt.datetime(2026, 4, 8, 10, 0)


def _broken_promise(db) -> None:
    """各区政府 reported task 56 滞后 in 2026Q1 and promised 2026Q2; the sample's 2026Q3 report says 推进中."""
    entry = Entry("task", "56", status="滞后", note="进度偏慢", reason="资金未到位", measure="协调资金",
                  promise="2026Q2")
    assert reporting.save(db, Actor("dist", "各区政府"), "2026Q1", [entry], submit=True, at=AT).ok
    reporting.verify(db, Actor("housing", "市住房建设局"), "各区政府", "task", "56", "2026Q1", accept=True,
                     at=AT + dt.timedelta(days=1))


def test_a_broken_promise_is_counted_as_known_on_a_date(sample_db):
    _broken_promise(sample_db)
    with connect(sample_db) as con:
        now = reporting.broken_promises(con, "2026Q3")
        then = reporting.broken_promises(con, "2026Q3", known_on=AT)
        before_due = reporting.broken_promises(con, "2026Q1")
    assert now[["agency", "item", "promise", "current"]].values.tolist() == [["各区政府", "56", "2026Q2", "推进中"]]
    assert then.empty  # not accepted yet on that day
    assert before_due.empty  # the promised quarter had not come


def test_overview_lists_overdue_agencies_and_broken_promises(sample_db, monkeypatch):
    _broken_promise(sample_db)
    at = open_app(sample_db, monkeypatch, "pages/overview.py")
    texts = [m.value for m in at.markdown]
    assert any(t.startswith(f"**{R['overdue_agencies'].split('（')[0]}") and "市住房建设局" in t for t in texts)
    assert f"**{R['overdue_promises']}**" in texts
    table = next(d.value for d in at.dataframe if "承诺完成季度" in d.value.columns)
    assert table[["单位", "编号", "承诺完成季度", "当前状态"]].values.tolist() == [["各区政府", "56", "2026Q2", "推进中"]]


def test_the_agency_scorecard_shows_its_broken_promises(sample_db, monkeypatch):
    _broken_promise(sample_db)
    at = open_app(sample_db, monkeypatch)
    at.query_params["agency"] = "各区政府"
    at = at.switch_page("pages/agencies.py").run()
    assert not at.exception
    assert R["overdue_promise_count"].format(n=1) in [e.value for e in at.error]
