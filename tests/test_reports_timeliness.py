"""Timeliness is the unit's submission against the reporting calendar, and nothing is overdue before the deadline."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from metrics import reporting as reporting_rules
from metrics.ranking import rank_agencies
from reports import content
from service import reporting, sample_reports, snapshot
from service.reporting import Actor, Entry
from store import reports as store_reports
from store import values
from store.db import connect, data_version

HOUSING = Actor("housing", "市住房建设局")  # leads task 56 and project 12
ADMIN = Actor("admin", None, is_admin=True)


@pytest.fixture
def sample_copy(tmp_path, _sample_file):
    db = tmp_path / "sample.duckdb"
    shutil.copyfile(_sample_file, db)
    return db


def _cell(snap, agency: str, period: str) -> str | None:
    row = snap.matrix[(snap.matrix["agency"] == agency) & (snap.matrix["period"] == period)]
    return row["cell"].iloc[0]


def test_a_report_submitted_on_time_and_accepted_late_counts_as_on_time(db):
    entry = Entry("task", "56", status="推进中", note="按计划推进")
    assert reporting.save(db, HOUSING, "2026Q3", [entry], submit=True, at=dt.datetime(2026, 10, 9, 16, 0),
                          today=dt.date(2026, 10, 9)).ok
    reporting.verify(db, ADMIN, "市住房建设局", "task", "56", "2026Q3", accept=True, at=dt.datetime(2026, 10, 20, 9))
    with connect(db, read_only=True) as con:
        row = values.task_status(con).iloc[0]
        snap = snapshot.build(con, "2026Q3", today=dt.date(2026, 11, 30))
    assert row["uploaded_at"] == dt.datetime(2026, 10, 20, 9)  # landed when the admin accepted it
    assert row["first_reported_at"] == dt.datetime(2026, 10, 9, 16)  # reported when the unit submitted it
    housing = snap.matrix[(snap.matrix["agency"] == "市住房建设局") & (snap.matrix["period"] == "2026Q3")].iloc[0]
    assert housing["n_on_time"] >= 1 and housing["n_late"] == 0


def test_a_report_submitted_after_the_deadline_is_late_and_ranks_the_unit_lower(db):
    entry = Entry("task", "56", status="推进中", note="按计划推进")
    reporting.save(db, HOUSING, "2026Q3", [entry], submit=True, at=dt.datetime(2026, 10, 14, 9, 0),
                   today=dt.date(2026, 10, 14))
    reporting.verify(db, ADMIN, "市住房建设局", "task", "56", "2026Q3", accept=True, at=dt.datetime(2026, 10, 15, 9))
    with connect(db, read_only=True) as con:
        snap = snapshot.build(con, "2026Q3", today=dt.date(2026, 11, 30))
    late = reporting_rules.late_in(snap.matrix, "2026Q3").set_index("agency")["n_late"]
    assert late["市住房建设局"] == 1
    ranked = rank_agencies(snap.agency_rollup, snap.task_by_agency, snap.project_by_agency,
                           reporting_rules.late_in(snap.matrix, "2026Q3")).set_index("agency")
    assert ranked.loc["市住房建设局", "n_late"] == 1
    assert ranked.loc["市住房建设局", "n_behind"] == ranked.loc["市住房建设局", "n_overdue"] + 1


def test_the_calendar_decides_and_moving_it_changes_the_matrix(db):
    entry = Entry("task", "56", status="推进中", note="按计划推进")
    reporting.save(db, HOUSING, "2026Q3", [entry], submit=True, at=dt.datetime(2026, 10, 14, 9, 0),
                   today=dt.date(2026, 10, 14))
    reporting.verify(db, ADMIN, "市住房建设局", "task", "56", "2026Q3", accept=True, at=dt.datetime(2026, 10, 15, 9))
    with connect(db) as con:
        store_reports.set_deadline(con, "2026Q3", dt.date(2026, 10, 15), "admin")
    with connect(db, read_only=True) as con:
        snap = snapshot.build(con, "2026Q3", today=dt.date(2026, 11, 30))
    late = reporting_rules.late_in(snap.matrix, "2026Q3").set_index("agency")["n_late"]
    assert late["市住房建设局"] == 0


def test_before_the_deadline_an_unreported_task_is_not_overdue(sample_copy):
    with connect(sample_copy, read_only=True) as con:
        before = snapshot.build(con, "2026Q3", today=dt.date(2026, 10, 10))
        after = snapshot.build(con, "2026Q3", today=dt.date(2026, 10, 11))
    silent = after.tasks[after.tasks["overdue"]]
    assert len(silent) > 0  # the sample leaves some 2026Q3 reports out
    assert not before.tasks["overdue"].any() and not before.projects["overdue"].any()
    assert before.extra["due"] is False and after.extra["due"] is True
    assert before.extra["deadline"] == dt.date(2026, 10, 10)
    # nothing missing in the matrix's 2026Q3 column before the deadline either
    assert before.matrix.loc[before.matrix["period"] == "2026Q3", "n_missing"].sum() == 0
    assert after.matrix.loc[after.matrix["period"] == "2026Q3", "n_missing"].sum() > 0


def test_the_sample_collects_on_time_except_three_late_quarters(sample_copy):
    with connect(sample_copy, read_only=True) as con:
        snap = snapshot.build(con, "2026Q3", today=dt.date(2026, 11, 30))
    by_period = snap.matrix.groupby("period")["n_late"].sum()
    assert by_period["2026Q2"] > 0  # the 2026Q2 files came on 07-29
    assert by_period["2026Q1"] > 0  # the 2026Q1 project file came on 04-21
    assert by_period["2025Q4"] == 0 and by_period["2026Q3"] == 0


def test_an_assisting_units_late_online_report_shows_late_in_the_matrix_and_the_ranking(sample_copy):
    # 市建筑工务署 assists task 68 (which the consolidated file reported on time) and submitted its own report of
    # it on 2026-10-14, after the 2026-10-10 deadline; 各区政府's report of task 56 (10-21) still awaits verification
    sample_reports.load(sample_copy)
    with connect(sample_copy, read_only=True) as con:
        snap = snapshot.build(con, "2026Q3", today=dt.date(2026, 11, 30))
        before = snapshot.build(con, "2026Q3", known_on=dt.datetime(2026, 10, 13, 23, 0), today=dt.date(2026, 11, 30))
    late = reporting_rules.late_in(snap.matrix, "2026Q3").set_index("agency")["n_late"]
    assert late["市建筑工务署"] >= 1 and late["各区政府"] >= 1
    ranked = rank_agencies(snap.agency_rollup, snap.task_by_agency, snap.project_by_agency,
                           reporting_rules.late_in(snap.matrix, "2026Q3")).set_index("agency")
    assert ranked.loc["市建筑工务署", "n_late"] >= 1
    # as known before the submission, it was not there to be late
    assert reporting_rules.late_in(before.matrix, "2026Q3").set_index("agency")["n_late"]["市建筑工务署"] == 0


def test_a_submission_moves_the_data_version_and_a_draft_does_not(db):
    def version() -> int:
        with connect(db, read_only=True) as con:
            return data_version(con)

    start = version()
    entry = Entry("task", "56", status="推进中", note="按计划推进")
    reporting.save(db, HOUSING, "2026Q3", [entry], at=dt.datetime(2026, 10, 8, 9), today=dt.date(2026, 10, 8))
    assert version() == start  # a draft counts nowhere
    reporting.save(db, HOUSING, "2026Q3", [entry], submit=True, at=dt.datetime(2026, 10, 9, 9),
                   today=dt.date(2026, 10, 9))
    assert version() > start  # the matrix counts a submission: cached snapshots are stale


def test_an_item_the_consolidated_upload_reported_is_not_in_the_units_todo(sample_copy):
    with connect(sample_copy, read_only=True) as con:
        tasks = values.task_status(con, as_of="2026Q3")
    in_file = {str(n) for n in tasks.loc[tasks["period"] == "2026Q3", "task_no"]}
    todo = reporting.todo(sample_copy, "各区政府", "2026Q3", today=dt.date(2026, 11, 30))
    owed = set(todo.loc[(todo["subject"] == "task") & (todo["state"] != "verify"), "item"])
    assert owed and not owed & in_file


def test_a_units_own_file_of_its_key_projects_is_saved_and_anothers_refused(db):
    own = "工程编号,报告期,状态,进展说明,形象进度,完成投资\n12,2026Q3,推进中,主体结构完成,60%,1200\n".encode()
    problems, saved = reporting.import_file(db, HOUSING, own, "住建局工程.csv", "project-status")
    assert problems.empty and saved == 1
    with connect(db) as con:
        latest = reporting.current(con)
    row = latest.iloc[0]
    assert (row["subject"], row["item"], row["state"], row["status"]) == ("project", "12", "draft", "推进中")
    assert row["values"] == {reporting.PROGRESS: "60", reporting.INVESTMENT: "1200"}
    other = "工程编号,报告期,状态\n1,2026Q3,推进中\n".encode()
    problems, saved = reporting.import_file(db, HOUSING, other, "x.csv", "project-status")
    assert saved == 0 and problems[["row", "column", "value"]].values.tolist() == [[2, "工程编号", "1"]]


def test_an_agency_briefing_lists_its_broken_project_promise(db):
    promised = Entry("project", "12", status="滞后", note="征拆未完成", reason="征拆滞后", measure="专班推进",
                     promise="2026Q2")
    reporting.save(db, HOUSING, "2026Q1", [promised], submit=True, at=dt.datetime(2026, 4, 8, 10),
                   today=dt.date(2026, 4, 8))
    reporting.verify(db, ADMIN, "市住房建设局", "project", "12", "2026Q1", accept=True, at=dt.datetime(2026, 4, 9, 10))
    with connect(db, read_only=True) as con:
        kept_for_now = content.collect(con, "2026Q1", agency="市住房建设局")
        briefing = content.collect(con, "2026Q2", agency="市住房建设局")
        other = content.collect(con, "2026Q2", agency="市生态环境局")
    assert kept_for_now.broken.empty  # promised for 2026Q2: not broken in 2026Q1
    assert briefing.broken[["subject", "item", "promise"]].values.tolist() == [["project", "12", "2026Q2"]]
    assert other.broken.empty  # another agency's briefing does not list it


def test_the_pages_say_why_nothing_is_overdue_before_the_deadline(sample_copy, monkeypatch):
    import ui.context
    from presentation import labels
    from tests.helpers import open_app

    monkeypatch.setattr(ui.context, "now", lambda: dt.datetime(2026, 10, 8, 9, 0))
    at = open_app(sample_copy, monkeypatch, "pages/tasks.py")
    note = labels.NOT_DUE_YET.format(period="2026Q3", deadline=dt.date(2026, 10, 10))
    assert any(note in c.value for c in at.caption)
    monkeypatch.setattr(ui.context, "now", lambda: dt.datetime(2026, 10, 11, 9, 0))
    at = open_app(sample_copy, monkeypatch, "pages/tasks.py")
    assert not any(note in c.value for c in at.caption)


def test_a_value_that_turns_an_indicator_red_needs_its_promise_before_submission(sample_copy):
    """P12_RES_SAVING is 按计划推进 at 70.2 in 2026Q3; a unit typing 5 would make it 逆向变化: a promise is due."""
    housing = Actor("housing", "市住房建设局")
    fall = Entry("indicator", "P12_RES_SAVING", values={"全市": "5"})
    assert reporting.status_with(sample_copy, "市住房建设局", "2026Q3", fall) == "regressing"
    refused = reporting.save(sample_copy, housing, "2026Q3", [fall], submit=True)
    assert refused.problems["problem"].tolist() == ["红色事项未填写原因。", "红色事项未填写整改措施。",
                                                    "红色事项未填写承诺完成季度。"]
    steady = Entry("indicator", "P12_RES_SAVING", values={"全市": "70.2"})
    assert reporting.status_with(sample_copy, "市住房建设局", "2026Q3", steady) == "on_track"
    assert reporting.save(sample_copy, housing, "2026Q3", [steady], submit=True).ok
