"""Key projects (重点工程) in agencies' own reports: reported like a task, verified by the lead unit (assist) or an
admin (lead), landing on acceptance as a project-status upload that moves the project's latest status."""

from __future__ import annotations

import datetime as dt

import pytest

from service import reporting, snapshot
from service.reporting import Actor, Entry, ReportError
from store import values
from store.db import connect

DISTRICTS = Actor("dist", "各区政府")  # assists project 1, led by 市工业和信息化局
INDUSTRY = Actor("miit", "市工业和信息化局")
HOUSING = Actor("housing", "市住房建设局")  # leads project 12
ADMIN = Actor("admin", None, is_admin=True)
LAGGING = Entry("project", "1", status="滞后", values={reporting.PROGRESS: "45"}, note="设备采购延迟")
PROMISED = Entry("project", "1", status="滞后", values={reporting.PROGRESS: "45"}, note="设备采购延迟",
                 reason="资金未到位", measure="协调资金", promise="2026Q4")


def test_a_units_projects_are_part_of_its_duties_and_todo(db):
    with connect(db) as con:
        mine = reporting.duties(con, "市住房建设局")
    projects = mine[mine["subject"] == "project"]
    assert "12" in set(projects["item"]) and projects["title"].str.len().gt(0).all()
    todo = reporting.todo(db, "市住房建设局", "2026Q3", today=dt.date(2026, 10, 20))
    assert ("project", "12", "overdue") in set(zip(todo["subject"], todo["item"], todo["state"], strict=True))


def test_a_lagging_project_needs_its_promise_and_intake_checks_its_progress(db):
    refused = reporting.save(db, DISTRICTS, "2026Q3", [LAGGING], submit=True)
    assert refused.problems["problem"].tolist() == ["红色事项未填写原因。", "红色事项未填写整改措施。",
                                                    "红色事项未填写承诺完成季度。"]
    bad = Entry("project", "1", status="推进中", values={reporting.PROGRESS: "150"})
    problems = reporting.save(db, DISTRICTS, "2026Q3", [bad]).problems
    assert problems[["subject", "item"]].values.tolist() == [["project", "1"]]
    with pytest.raises(ReportError, match="不是市住房建设局负责填报的事项"):
        reporting.save(db, HOUSING, "2026Q3", [PROMISED])


def test_an_accepted_project_report_lands_as_a_project_status_upload(db):
    assert reporting.save(db, DISTRICTS, "2026Q3", [PROMISED], submit=True).ok
    with pytest.raises(ReportError, match="应由市工业和信息化局核查"):
        reporting.verify(db, HOUSING, "各区政府", "project", "1", "2026Q3", accept=True)
    assert reporting.verify_queue(db, INDUSTRY)["subject"].tolist() == ["project"]
    upload_id = reporting.verify(db, INDUSTRY, "各区政府", "project", "1", "2026Q3", accept=True)
    with connect(db) as con:
        kind = con.execute("SELECT kind FROM uploads WHERE upload_id = ?", [upload_id]).fetchone()[0]
        landed = values.project_status(con)
        snap = snapshot.build(con, "2026Q3")
    assert kind == "project-status"
    assert landed[["project_no", "period", "status", "progress_pct"]].values.tolist() == [[1, "2026Q3", "滞后", 45.0]]
    row = snap.projects[snap.projects["project_no"] == 1].iloc[0]
    assert (row["status"], row["period"], row["progress_pct"]) == ("滞后", "2026Q3", 45.0)


def test_a_lead_units_project_report_is_verified_by_an_admin(db):
    done = Entry("project", "12", status="已完成", note="已投产")
    assert reporting.save(db, HOUSING, "2026Q3", [done], submit=True).ok
    assert reporting.verify_queue(db, Actor("cdrc", "市发展改革委")).empty  # the assisting unit does not verify
    assert reporting.admin_queue(db)["item"].tolist() == ["12"]
    assert reporting.verify(db, ADMIN, "市住房建设局", "project", "12", "2026Q3", accept=True)
    with connect(db) as con:
        assert reporting.done_before(con, "2026Q4") >= {("project", "12")}
    later = reporting.todo(db, "市住房建设局", "2026Q4", today=dt.date(2027, 1, 5))
    assert "12" not in set(later.loc[later["subject"] == "project", "item"])  # done: not due again
