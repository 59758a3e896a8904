"""Deadline, timeliness, verifier, promise and to-do rules of agencies' reports, on literal frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics import deadlines

CALENDAR = pd.DataFrame({"period": ["2026Q4"], "deadline": [dt.date(2027, 1, 15)]})
RESP = pd.DataFrame({
    "subject": ["task", "task", "task", "task", "project"],
    "subject_no": [7, 7, 8, 9, 7],
    "agency": ["市住房建设局", "各区政府", "市住房建设局", "市生态环境局", "各区政府"],
    "role": ["lead", "assist", "joint", "joint", "lead"],
})
INDICATORS = pd.DataFrame({"code": ["B", "A"], "lead": ["市住房建设局", "市住房建设局"]})


def _report(seq, agency, item, period, state, at, subject="task", actor="u", promise=None):
    return {"seq": seq, "agency": agency, "subject": subject, "item": item, "period": period, "state": state,
            "at": pd.Timestamp(at), "actor": actor, "promise": promise}


@pytest.mark.parametrize(("period", "expected"), [
    ("2026Q3", dt.date(2026, 10, 10)),  # default: 10 days after the quarter ends
    ("2026Q1", dt.date(2026, 4, 10)),
    ("2026Q4", dt.date(2027, 1, 15)),  # the calendar's own date
])
def test_deadline_is_ten_days_after_quarter_end_unless_the_calendar_says(period, expected):
    assert deadlines.deadline(period, CALENDAR) == expected


def test_calendar_table_marks_custom_deadlines():
    table = deadlines.calendar_table(["2026Q3", "2026Q4"], CALENDAR)
    assert table.to_dict("list") == {"period": ["2026Q3", "2026Q4"],
                                     "deadline": [dt.date(2026, 10, 10), dt.date(2027, 1, 15)],
                                     "custom": [False, True]}


def test_latest_takes_the_newest_row_and_the_first_submission():
    rows = pd.DataFrame([
        _report(1, "甲", "7", "2026Q3", "draft", "2026-10-01"),
        _report(2, "甲", "7", "2026Q3", "submitted", "2026-10-05", actor="a"),
        _report(3, "甲", "7", "2026Q3", "returned", "2026-10-06"),
        _report(4, "甲", "7", "2026Q3", "submitted", "2026-10-12", actor="b"),
        _report(5, "乙", "8", "2026Q3", "draft", "2026-10-02"),
    ])
    current = deadlines.latest(rows)
    assert current[["agency", "state", "submitted_by"]].fillna("").values.tolist() == [
        ["甲", "submitted", "a"], ["乙", "draft", ""]]
    assert current["first_submitted_at"].iloc[0] == pd.Timestamp("2026-10-05")
    assert pd.isna(current["first_submitted_at"].iloc[1])


def test_timeliness_compares_the_first_submission_with_the_deadline_day():
    current = pd.DataFrame({
        "period": ["2026Q3", "2026Q3", "2026Q3", "2026Q4"],
        "first_submitted_at": pd.to_datetime(["2026-10-10 23:59", "2026-10-11 00:01", None, None]),
    })
    got = deadlines.timeliness(current, CALENDAR, today=dt.date(2026, 11, 30))
    assert got.tolist() == ["on_time", "late", "missing", "not_due"]


@pytest.mark.parametrize(("subject", "status", "needed"), [
    ("task", "滞后", True), ("task", "推进中", False), ("task", "已完成", False),
    ("indicator", "off_track", True), ("indicator", "regressing", True), ("indicator", "missed", True),
    ("indicator", "at_risk", False), ("indicator", "on_track", False), ("indicator", None, False),
])
def test_red_items_need_a_promise(subject, status, needed):
    assert deadlines.needs_promise(subject, status) is needed


def test_promise_problems_name_what_is_missing():
    assert deadlines.promise_problems("task", "滞后", "2026Q3", "", " ", None) == ["reason", "measure", "promise"]
    assert deadlines.promise_problems("task", "滞后", "2026Q3", "资金", "加快", "2026Q3") == ["promise_past"]
    assert deadlines.promise_problems("task", "滞后", "2026Q3", "资金", "加快", "2026Q4") == []
    assert deadlines.promise_problems("task", "推进中", "2026Q3", "", "", None) == []


def test_verifier_of_an_assisting_units_task_report_is_the_lead_unit_else_admin():
    current = pd.DataFrame({"agency": ["各区政府", "市住房建设局", "市住房建设局", "市住房建设局"],
                            "subject": ["task", "task", "task", "indicator"], "item": ["7", "7", "8", "A"]})
    assert deadlines.verifiers(current, RESP).tolist() == ["市住房建设局", "admin", "admin", "admin"]


@pytest.mark.parametrize(("verifier", "agency", "admin", "may"), [
    ("市住房建设局", "市住房建设局", False, True), ("市住房建设局", "各区政府", False, False),
    ("admin", "市住房建设局", False, False), ("admin", None, True, True), ("甲、乙", "乙", False, True),
])
def test_may_verify(verifier, agency, admin, may):
    assert deadlines.may_verify(verifier, agency, admin) is may


def test_broken_promises_are_those_come_due_without_the_fix():
    promises = pd.DataFrame({
        "agency": ["甲", "甲", "乙", "乙", "丙", "丁"],
        "subject": ["task", "task", "task", "indicator", "indicator", "task"],
        "item": ["1", "1", "2", "X", "Y", "3"],
        "period": ["2025Q4", "2026Q1", "2026Q1", "2026Q1", "2026Q1", "2026Q2"],
        "promise": ["2026Q1", "2026Q2", "2026Q2", "2026Q2", "2026Q2", "2026Q4"],
    })
    tasks = pd.DataFrame({"task_no": [1, 2, 2, 3], "period": ["2026Q2", "2026Q2", "2026Q3", "2026Q3"],
                          "status": ["滞后", "已完成", "滞后", "滞后"]})
    inds = pd.DataFrame({"code": ["X", "Y"], "status": ["off_track", "at_risk"]})
    got = deadlines.broken_promises(promises, tasks, inds, as_of="2026Q2")
    # 甲's newer promise (2026Q2) is broken; 乙's task was done by 2026Q2 (2026Q3 is after as_of); X still red;
    # Y back on track; 丁's promise has not come yet
    assert got[["agency", "item", "promise", "current"]].values.tolist() == [
        ["乙", "X", "2026Q2", "off_track"], ["甲", "1", "2026Q2", "滞后"]]


def test_duties_list_tasks_in_any_role_then_led_indicators():
    got = deadlines.duties("市住房建设局", RESP, INDICATORS)
    assert got.values.tolist() == [["task", "7", "lead"], ["task", "8", "joint"], ["indicator", "A", "lead"],
                                   ["indicator", "B", "lead"]]


def test_todo_lists_overdue_returned_and_what_awaits_my_verification():
    duties = deadlines.duties("市住房建设局", RESP, INDICATORS)
    rows = pd.DataFrame([
        _report(1, "市住房建设局", "7", "2026Q3", "returned", "2026-10-08"),
        _report(2, "市住房建设局", "8", "2026Q3", "submitted", "2026-10-08"),
        _report(3, "市住房建设局", "A", "2026Q3", "draft", "2026-10-08", subject="indicator"),
        _report(4, "各区政府", "7", "2026Q3", "submitted", "2026-10-09"),
        _report(5, "市生态环境局", "9", "2026Q3", "submitted", "2026-10-09"),
    ])
    current = deadlines.latest(rows)
    who = deadlines.verifiers(current, RESP)
    got = deadlines.todo("市住房建设局", duties, current, who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 20))
    assert got[["subject", "item", "state", "agency"]].values.tolist() == [
        ["indicator", "A", "overdue", "市住房建设局"], ["indicator", "B", "overdue", "市住房建设局"],
        ["task", "7", "returned", "市住房建设局"], ["task", "7", "verify", "各区政府"]]
    assert set(got["deadline"]) == {dt.date(2026, 10, 10)}
    early = deadlines.todo("市住房建设局", duties, current, who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 5),
                           done_before={"7"})
    # task 7 is reported by another upload (done_before), but its returned report still waits for this unit's fix
    assert early[["item", "state"]].values.tolist() == [["7", "returned"], ["A", "due"], ["B", "due"], ["7", "verify"]]
    drafted = deadlines.todo("市住房建设局", duties, current, who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 5),
                             done_before={("indicator", "A")})
    assert "A" not in set(drafted["item"])  # a draft of an item reported by another upload is owed no more


def test_overdue_agencies_count_what_is_not_submitted_after_the_deadline():
    duties = pd.DataFrame({"agency": ["甲", "甲", "乙"], "subject": ["task"] * 3, "item": ["1", "2", "3"]})
    current = deadlines.latest(pd.DataFrame([_report(1, "甲", "1", "2026Q3", "submitted", "2026-10-02"),
                                             _report(2, "乙", "3", "2026Q3", "draft", "2026-10-02")]))
    got = deadlines.overdue_agencies(duties, current, "2026Q3", None, today=dt.date(2026, 10, 11))
    assert sorted(got.values.tolist()) == [["乙", 1], ["甲", 1]]
    assert deadlines.overdue_agencies(duties, current, "2026Q3", None, today=dt.date(2026, 10, 10)).empty


# Key projects (issue 20 item 5): reported, verified and promised exactly like tasks.
PROJECT_RESP = pd.DataFrame({
    "subject": ["project", "project", "project", "task"],
    "subject_no": [3, 3, 5, 3],
    "agency": ["市工业和信息化局", "各区政府", "各区政府", "市生态环境局"],
    "role": ["lead", "assist", "lead", "lead"],
})


def test_duties_list_a_units_projects_after_its_tasks_and_indicators():
    got = deadlines.duties("各区政府", PROJECT_RESP, INDICATORS)
    assert got.values.tolist() == [["project", "3", "assist"], ["project", "5", "lead"]]


@pytest.mark.parametrize(("status", "needed"), [("滞后", True), ("推进中", False), ("已完成", False)])
def test_a_lagging_project_needs_a_promise(status, needed):
    assert deadlines.needs_promise("project", status) is needed


def test_verifier_of_an_assisting_units_project_report_is_the_projects_lead_unit():
    current = pd.DataFrame({"agency": ["各区政府", "各区政府", "各区政府"], "subject": ["project", "project", "task"],
                            "item": ["3", "5", "3"]})
    # project 3's lead, not task 3's; project 5 is its own lead: admin; it does not assist task 3: admin
    assert deadlines.verifiers(current, PROJECT_RESP).tolist() == ["市工业和信息化局", "admin", "admin"]


def test_todo_lists_projects_and_skips_those_done_before():
    duties = deadlines.duties("各区政府", PROJECT_RESP, INDICATORS)
    current = deadlines.latest(pd.DataFrame([_report(1, "各区政府", "3", "2026Q3", "submitted", "2026-10-08",
                                                     subject="project")]))
    who = deadlines.verifiers(current, PROJECT_RESP)
    got = deadlines.todo("各区政府", duties, current, who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 20))
    assert got[["subject", "item", "state"]].values.tolist() == [["project", "5", "overdue"]]
    assert deadlines.todo("各区政府", duties, current, who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 20),
                          done_before={("project", "5")}).empty
    lead = deadlines.todo("市工业和信息化局", deadlines.duties("市工业和信息化局", PROJECT_RESP, INDICATORS), current,
                          who, "2026Q3", CALENDAR, today=dt.date(2026, 10, 5))
    assert lead[["subject", "item", "state", "agency"]].values.tolist() == [
        ["project", "3", "due", "市工业和信息化局"], ["project", "3", "verify", "各区政府"]]


def test_a_projects_promise_is_broken_until_the_project_is_done():
    promises = pd.DataFrame({"agency": ["各区政府", "各区政府"], "subject": ["project", "project"], "item": ["3", "5"],
                             "period": ["2026Q1", "2026Q1"], "promise": ["2026Q2", "2026Q2"]})
    tasks = pd.DataFrame(columns=["task_no", "period", "status"])
    projects = pd.DataFrame({"project_no": [3, 5, 5], "period": ["2026Q2", "2026Q1", "2026Q2"],
                             "status": ["滞后", "滞后", "已完成"]})
    inds = pd.DataFrame(columns=["code", "status"])
    got = deadlines.broken_promises(promises, tasks, inds, "2026Q2", projects)
    assert got[["subject", "item", "current"]].values.tolist() == [["project", "3", "滞后"]]
