"""Online reports end to end on a temp database: draft, submit, promise, verification, landing, to-do, outbox."""

from __future__ import annotations

import datetime as dt

import pytest

from service import reporting
from service.reporting import Actor, Entry, ReportError
from store import reports as store_reports
from store import values
from store.db import connect

DISTRICTS = Actor("dist", "各区人民政府")  # an alias of 各区政府
HOUSING = Actor("housing", "市住房建设局")
ECOLOGY = Actor("eco", "市生态环境局")
ADMIN = Actor("admin", None, is_admin=True)
LAGGING = Entry("task", "56", status="滞后", note="进度偏慢")
PROMISED = Entry("task", "56", status="滞后", note="进度偏慢", reason="资金未到位", measure="协调资金",
                 promise="2026Q4")


def test_a_lagging_task_needs_reason_measure_and_a_later_quarter_before_submission(db):
    refused = reporting.save(db, DISTRICTS, "2026Q3", [LAGGING], submit=True)
    assert refused.problems["problem"].tolist() == ["红色事项未填写原因。", "红色事项未填写整改措施。",
                                                    "红色事项未填写承诺完成季度。"]
    too_early = Entry(**{**PROMISED.__dict__, "promise": "2026Q3"})
    assert reporting.save(db, DISTRICTS, "2026Q3", [too_early], submit=True).problems["problem"].tolist() == [
        "承诺完成季度须晚于报告期。"]
    with connect(db) as con:
        assert store_reports.reports(con).empty  # nothing written
    assert reporting.save(db, DISTRICTS, "2026Q3", [LAGGING]).ok  # a draft may lack them


def test_intake_checks_the_values_with_its_own_messages(db):
    bad = reporting.save(db, HOUSING, "2026Q3", [Entry("indicator", "P15_PREFAB", values={"南山区": "abc"})])
    assert not bad.ok
    assert bad.problems[["item", "column"]].values.tolist() == [["P15_PREFAB", "数值（南山区）"]]
    wrong_status = reporting.save(db, HOUSING, "2026Q3", [Entry("task", "56", status="差不多")])
    assert wrong_status.problems["item"].tolist() == ["56"]


def test_an_agency_cannot_report_another_agencys_items(db):
    with pytest.raises(ReportError, match="不是市生态环境局负责填报的事项"):
        reporting.save(db, ECOLOGY, "2026Q3", [PROMISED], submit=True)
    with pytest.raises(ReportError, match="未绑定填报单位"):
        reporting.save(db, ADMIN, "2026Q3", [PROMISED])


def test_the_lead_unit_verifies_an_assisting_units_report_and_it_lands_as_an_upload(db):
    assert reporting.save(db, DISTRICTS, "2026Q3", [PROMISED], submit=True).ok
    with pytest.raises(ReportError, match="已提交待核查"):
        reporting.save(db, DISTRICTS, "2026Q3", [PROMISED])
    with pytest.raises(ReportError, match="应由市住房建设局核查"):
        reporting.verify(db, ECOLOGY, "各区政府", "task", "56", "2026Q3", accept=True)
    assert len(reporting.verify_queue(db, HOUSING)) == 1
    before = dt.datetime.now() - dt.timedelta(hours=9)  # naive Beijing time is ahead of UTC; any moment earlier
    upload_id = reporting.verify(db, HOUSING, "各区政府", "task", "56", "2026Q3", accept=True)
    with connect(db) as con:
        counted = values.task_status(con)
        known_before = values.task_status(con, known_on=before)
        uploads = con.execute("SELECT file_name, user_name FROM uploads WHERE upload_id = ?",
                              [upload_id]).fetchone()
        latest = reporting.current(con)
        outbox = store_reports.outbox(con)
    assert counted[["task_no", "period", "status", "unit"]].values.tolist() == [[56, "2026Q3", "滞后", "各区政府"]]
    assert known_before.empty
    assert uploads == ("在线填报_各区政府_task56_2026Q3.csv", "housing")
    assert latest["state"].tolist() == ["accepted"]
    assert outbox["recipient"].tolist() == ["市住房建设局", "各区政府"]


def test_a_returned_report_carries_its_reason_and_can_be_corrected(db):
    reporting.save(db, DISTRICTS, "2026Q3", [PROMISED], submit=True)
    with pytest.raises(ReportError, match="退回原因"):
        reporting.verify(db, HOUSING, "各区政府", "task", "56", "2026Q3", accept=False)
    reporting.verify(db, HOUSING, "各区政府", "task", "56", "2026Q3", accept=False, reason="请补充资金来源")
    todo = reporting.todo(db, "各区政府", "2026Q3", today=dt.date(2026, 10, 5))
    assert todo.loc[todo["item"] == "56", "state"].tolist() == ["returned"]
    with connect(db) as con:
        assert reporting.current(con)["return_reason"].tolist() == ["请补充资金来源"]
    assert reporting.save(db, DISTRICTS, "2026Q3", [PROMISED], submit=True).ok


def test_a_lead_units_report_is_verified_by_an_admin(db):
    entry = Entry("indicator", "P15_PREFAB", values={"全市": "41.5", "南山区": "45%"}, note="季度统计")
    assert reporting.save(db, HOUSING, "2026Q3", [entry], submit=True).ok
    with pytest.raises(ReportError, match="管理员"):
        reporting.verify(db, HOUSING, "市住房建设局", "indicator", "P15_PREFAB", "2026Q3", accept=True)
    assert reporting.admin_queue(db)["item"].tolist() == ["P15_PREFAB"]
    reporting.verify(db, ADMIN, "市住房建设局", "indicator", "P15_PREFAB", "2026Q3", accept=True)
    with connect(db) as con:
        counted = values.actuals(con, codes=["P15_PREFAB"])
    assert sorted(zip(counted["district"], counted["value"], strict=True)) == [("全市", 41.5), ("南山区", 45.0)]


def test_todo_lists_what_is_owed_and_reminders_go_to_the_outbox(db):
    todo = reporting.todo(db, "市住房建设局", "2026Q3", today=dt.date(2026, 10, 11))
    assert set(todo["state"]) == {"overdue"}
    assert {"56", "P15_PREFAB"} <= set(todo["item"])
    assert (todo["deadline"] == dt.date(2026, 10, 10)).all()
    sent = reporting.remind(db, "2026Q3", today=dt.date(2026, 10, 11))
    with connect(db) as con:
        box = store_reports.outbox(con)
    assert sent == len(box) > 0
    assert "市住房建设局" in set(box["recipient"])


def test_calendar_moves_a_deadline(db):
    with connect(db) as con:
        store_reports.set_deadline(con, "2026Q3", dt.date(2026, 10, 20), "admin")
    todo = reporting.todo(db, "市住房建设局", "2026Q3", today=dt.date(2026, 10, 11))
    assert set(todo["state"]) == {"due"}
    assert (todo["deadline"] == dt.date(2026, 10, 20)).all()


def test_a_units_own_file_is_checked_as_an_upload_and_saved_as_drafts(db):
    own = "任务编号,报告期,状态,进展说明\n56,2026Q3,推进中,按计划推进\n58,2026Q3,滞后,资金未到位\n".encode()
    problems, saved = reporting.import_file(db, HOUSING, own, "住建局.csv", "task-status")
    assert problems.empty and saved == 2
    with connect(db) as con:
        latest = reporting.current(con)
    assert latest[["item", "state", "status"]].values.tolist() == [["56", "draft", "推进中"], ["58", "draft", "滞后"]]
    indicator = "指标代码,报告期,区,数值\nP15_PREFAB,2026Q3,全市,41.5\nP15_PREFAB,2026Q3,南山区,45\n".encode()
    assert reporting.import_file(db, HOUSING, indicator, "指标.csv", "actuals")[1] == 1


def test_rows_of_another_agencys_items_are_refused_by_row_and_nothing_is_saved(db):
    mixed = "任务编号,报告期,状态\n56,2026Q3,推进中\n1,2026Q3,推进中\n".encode()
    problems, saved = reporting.import_file(db, HOUSING, mixed, "mixed.csv", "task-status")
    assert saved == 0
    assert problems[["row", "column", "value"]].values.tolist() == [[3, "任务编号", "1"]]
    assert problems["problem"].iloc[0] == "该行不是市住房建设局负责填报的事项。"
    bad = "任务编号,报告期,状态\n56,2026Q3,差不多\n".encode()
    problems, saved = reporting.import_file(db, HOUSING, bad, "bad.csv", "task-status")
    assert saved == 0 and problems["row"].tolist() == [2]  # intake's own message
    with connect(db) as con:
        assert store_reports.reports(con).empty
    with pytest.raises(ReportError, match="只能上传"):
        reporting.import_file(db, HOUSING, mixed, "x.csv", "targets")


def test_an_item_the_consolidated_upload_reported_is_owed_by_nobody(tmp_path, _sample_file):
    """The analyst's file of 2026Q3 reported most tasks: the overview's 逾期未报单位 counts only what is missing."""
    import shutil

    db = tmp_path / "sample.duckdb"
    shutil.copyfile(_sample_file, db)
    with connect(db, read_only=True) as con:
        reported = reporting.reported_in(con, "2026Q3")
        tasks = values.task_status(con, as_of="2026Q3")
    in_file = {str(n) for n in tasks.loc[tasks["period"] == "2026Q3", "task_no"]}
    assert in_file and {("task", n) for n in in_file} <= reported
    _, _, late = reporting.overdue_agencies(db, "2026Q3", today=dt.date(2026, 11, 30))
    owed = dict(zip(late["agency"], late["n_overdue"], strict=True))
    # 各区政府 shares about a hundred tasks; only the few the file left out (and unreported projects) remain
    assert 0 < owed.get("各区政府", 0) < 20
