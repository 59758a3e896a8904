"""The reporting matrix marks each agency and quarter on time, late, revised or missing."""

import datetime as dt

import pandas as pd

from metrics.reporting import MATRIX_COLUMNS, combined, report_deadline, reporting_matrix

TASKS = pd.DataFrame({"task_no": [1, 2, 3]})
RESP = pd.DataFrame({
    "subject": ["task", "task", "task", "task"],
    "subject_no": [1, 2, 3, 1],
    "agency": ["甲局", "乙局", "丙局", "乙局"],
    "role": ["lead", "lead", "joint", "assist"],
})
HISTORY = pd.DataFrame({
    "task_no": [1, 2, 2, 1, 3, 3],
    "period": ["2025Q3", "2025Q3", "2025Q3", "2025Q4", "2025Q3", "2025Q3"],
    "status": ["推进中", "推进中", "推进中", "推进中", "已完成", "已完成"],
    "committed_at": pd.to_datetime(["2025-10-10 18:00", "2025-10-05 09:00", "2025-11-01 09:00", "2025-10-21 00:00",
                                    "2025-10-02 09:00", "2025-10-02 09:00"]),
    "is_revision": [False, False, True, False, False, False],
})


CALENDAR = pd.DataFrame({"period": ["2025Q3"], "deadline": [dt.date(2025, 10, 20)]})


def test_report_deadline_follows_the_reporting_calendar():
    assert report_deadline("2025Q4") == dt.datetime(2026, 1, 11)  # default: 10 days after the quarter, inclusive
    assert report_deadline("2025Q3", CALENDAR) == dt.datetime(2025, 10, 21)  # an admin moved it
    assert report_deadline("2025Q4", CALENDAR) == dt.datetime(2026, 1, 11)


def test_a_moved_deadline_turns_a_late_report_on_time():
    late = HISTORY.assign(committed_at=HISTORY["committed_at"] + pd.Timedelta(days=5))
    assert reporting_matrix(TASKS, RESP, late, ["2025Q3"]).set_index("agency").loc["甲局", "cell"] == "late"
    moved = reporting_matrix(TASKS, RESP, late, ["2025Q3"], calendar=CALENDAR).set_index("agency")
    assert moved.loc["甲局", "cell"] == "on_time"


def test_nothing_is_missing_before_the_deadline_has_passed():
    out = reporting_matrix(TASKS, RESP, HISTORY, ["2025Q3", "2025Q4"], today=dt.date(2026, 1, 10))
    cells = {(r.agency, r.period): r.cell for r in out.itertuples()}
    assert cells[("乙局", "2025Q4")] is None  # due through 2026-01-10: not missing yet
    after = reporting_matrix(TASKS, RESP, HISTORY, ["2025Q3", "2025Q4"], today=dt.date(2026, 1, 11))
    assert after.set_index(["agency", "period"]).loc[("乙局", "2025Q4"), "cell"] == "missing"


def test_an_online_report_counts_from_its_submission_not_its_verification():
    # accepted (and landed) on 10-30, three weeks after the unit submitted it on 10-08
    rows = pd.DataFrame({
        "task_no": [1], "period": ["2025Q3"], "status": ["推进中"], "note": "", "revised": [False],
        "uploaded_at": pd.to_datetime(["2025-10-30 09:00"]), "first_uploaded_at": pd.to_datetime(["2025-10-30 09:00"]),
        "first_reported_at": pd.to_datetime(["2025-10-08 17:00"]),
    })
    out = reporting_matrix(TASKS, RESP, rows, ["2025Q3"]).set_index("agency")
    assert out.loc["甲局", "cell"] == "on_time"


def test_reporting_matrix_cells():
    out = reporting_matrix(TASKS, RESP, HISTORY, ["2025Q3", "2025Q4"])
    assert list(out.columns) == MATRIX_COLUMNS
    cells = {(r.agency, r.period): r.cell for r in out.itertuples()}
    assert cells == {
        ("丙局", "2025Q3"): "on_time",   # the same report committed twice is no revision
        ("丙局", "2025Q4"): None,        # finished in 2025Q3: nothing due
        ("乙局", "2025Q3"): "revised",   # flagged is_revision
        ("乙局", "2025Q4"): "missing",
        ("甲局", "2025Q3"): "on_time",   # 2025-10-10 is the deadline day
        ("甲局", "2025Q4"): "on_time",
    }


def test_late_first_commit():
    late = HISTORY.assign(committed_at=HISTORY["committed_at"] + pd.Timedelta(days=1))
    out = reporting_matrix(TASKS, RESP, late, ["2025Q3"]).set_index("agency")
    assert out.loc["甲局", "cell"] == "late" and out.loc["甲局", "n_late"] == 1


def test_tz_aware_commit_times_are_read_in_local_time():
    utc = HISTORY.assign(committed_at=pd.to_datetime(["2025-10-10 15:59"] * 6).tz_localize("UTC"))
    out = reporting_matrix(TASKS, RESP, utc, ["2025Q3"]).set_index("agency")
    assert out.loc["甲局", "cell"] == "on_time"  # 23:59 in Shenzhen


def test_agency_with_several_tasks_takes_the_worst():
    resp = pd.DataFrame({"subject": "task", "subject_no": [1, 2], "agency": "甲局", "role": "lead"})
    out = reporting_matrix(TASKS, resp, HISTORY, ["2025Q4"]).iloc[0]
    assert (out["n_tasks"], out["n_missing"], out["n_on_time"], out["cell"]) == (2, 1, 1, "missing")


def test_changed_content_counts_as_revised_without_a_flag():
    changed = HISTORY.drop(columns="is_revision").assign(status=["推进中", "推进中", "滞后", "推进中", "已完成",
                                                                  "已完成"])
    out = reporting_matrix(TASKS, RESP, changed, ["2025Q3"]).set_index("agency")
    assert out.loc["乙局", "cell"] == "revised" and out.loc["丙局", "cell"] == "on_time"


def test_accepts_the_stores_one_row_per_quarter_shape():
    store_rows = pd.DataFrame({
        "task_no": [1, 2], "period": ["2025Q3", "2025Q3"], "status": ["推进中", "滞后"], "note": "",
        "uploaded_at": pd.to_datetime(["2025-12-01 09:00", "2025-12-01 09:00"]),
        "first_uploaded_at": pd.to_datetime(["2025-10-10 09:00", "2025-10-30 09:00"]),
        "revised": [True, False],
    })
    out = reporting_matrix(TASKS, RESP, store_rows, ["2025Q3"]).set_index("agency")
    assert out.loc["甲局", "cell"] == "revised" and out.loc["乙局", "cell"] == "late"


def test_projects_are_reported_by_the_same_rules_and_counted_with_the_tasks():
    projects = pd.DataFrame({"project_no": [17]})
    resp = pd.concat([RESP, pd.DataFrame({"subject": ["project"], "subject_no": [17], "agency": ["甲局"],
                                          "role": ["lead"]})])
    history = pd.DataFrame({"project_no": [17], "period": ["2025Q3"], "status": ["推进中"],
                            "committed_at": pd.to_datetime(["2025-11-30 09:00"])})
    own = reporting_matrix(projects, resp, history, ["2025Q3", "2025Q4"], subject="project", key="project_no")
    assert {(r.agency, r.period): r.cell for r in own.itertuples()} == {
        ("甲局", "2025Q3"): "late", ("甲局", "2025Q4"): "missing"}
    both = combined(reporting_matrix(TASKS, resp, HISTORY, ["2025Q3", "2025Q4"]), own)
    jia = both[both["agency"] == "甲局"].set_index("period")
    assert jia.loc["2025Q3", "n_tasks"] == 2 and jia.loc["2025Q3", "cell"] == "late"  # its task on time, project late
    assert jia.loc["2025Q4", "n_missing"] == 1 and jia.loc["2025Q4", "cell"] == "missing"
    assert list(both.columns) == MATRIX_COLUMNS and len(both) == 6


def test_the_quarters_last_report_decides_whether_a_task_was_finished():
    # task 1 said 已完成 in 2025Q3, then corrected it to 推进中: 2025Q4 is still due (missing); task 2 finished in
    # 2025Q3 and still reported in 2025Q4: that report is counted
    history = pd.DataFrame({
        "task_no": [1, 1, 2, 2],
        "period": ["2025Q3", "2025Q3", "2025Q3", "2025Q4"],
        "status": ["已完成", "推进中", "已完成", "已完成"],
        "committed_at": pd.to_datetime(["2025-10-02", "2025-10-03", "2025-10-02", "2026-01-05"]),
    })
    resp = pd.DataFrame({"subject": "task", "subject_no": [1, 2], "agency": ["甲局", "乙局"], "role": "lead"})
    out = reporting_matrix(pd.DataFrame({"task_no": [1, 2]}), resp, history, ["2025Q3", "2025Q4", "2026Q1"])
    cells = {(r.agency, r.period): r.cell for r in out.itertuples()}
    assert cells == {
        ("甲局", "2025Q3"): "revised", ("甲局", "2025Q4"): "missing", ("甲局", "2026Q1"): "missing",
        ("乙局", "2025Q3"): "on_time", ("乙局", "2025Q4"): "on_time", ("乙局", "2026Q1"): None,
    }


def _sent(*rows: tuple[str, int, str, str]) -> pd.DataFrame:
    """Online submissions: (agency, task_no, period, submitted_at)."""
    agency, task_no, period, at = zip(*rows, strict=True)
    return pd.DataFrame({"agency": agency, "task_no": task_no, "period": period, "submitted_at": pd.to_datetime(at)})


def test_a_unit_submitted_on_time_but_not_yet_verified_is_on_time_not_missing():
    # 乙局's 2025Q4 report of task 2 was submitted on 01-08 and awaits verification: no upload has landed it
    sent = _sent(("乙局", 2, "2025Q4", "2026-01-08 17:00"))
    out = reporting_matrix(TASKS, RESP, HISTORY, ["2025Q3", "2025Q4"], submissions=sent)
    yi = out.set_index(["agency", "period"]).loc[("乙局", "2025Q4")]
    assert (yi["cell"], yi["n_missing"], yi["n_on_time"]) == ("on_time", 0, 1)


def test_a_lead_unit_is_judged_by_the_earlier_of_the_tasks_first_report_and_its_own_submission():
    late = HISTORY.assign(committed_at=HISTORY["committed_at"] + pd.Timedelta(days=5))  # 甲局's task 1 on 10-15
    on_time = reporting_matrix(TASKS, RESP, late, ["2025Q3"], submissions=_sent(("甲局", 1, "2025Q3", "2025-10-09")))
    assert on_time.set_index("agency").loc["甲局", "cell"] == "on_time"  # it submitted on 10-09, landed later
    # the task reported on time by the consolidated file: a late online submission of its lead changes nothing
    kept = reporting_matrix(TASKS, RESP, HISTORY, ["2025Q3"], submissions=_sent(("甲局", 1, "2025Q3", "2025-10-30")))
    assert kept.set_index("agency").loc["甲局", "cell"] == "on_time"
    # another unit's submission is not the lead's: 丁局 is not responsible for task 1 at all
    other = reporting_matrix(TASKS, RESP, late, ["2025Q3"], submissions=_sent(("丁局", 1, "2025Q3", "2025-10-09")))
    assert other.set_index("agency").loc["甲局", "cell"] == "late" and "丁局" not in set(other["agency"])


def test_an_assisting_unit_counts_only_with_its_own_online_report():
    resp = pd.concat([RESP, pd.DataFrame({"subject": "task", "subject_no": [1, 1], "agency": ["丁局", "戊局"],
                                          "role": "assist"})])
    # task 1 came on time in the consolidated file (10-10); its assisting unit 丁局 submitted its own report on
    # 10-15, after the 2025Q3 deadline, and nothing for 2025Q4; 戊局 relies on the lead's report
    sent = _sent(("丁局", 1, "2025Q3", "2025-10-15 09:00"))
    out = reporting_matrix(TASKS, resp, HISTORY, ["2025Q3", "2025Q4"], submissions=sent)
    cells = out.set_index(["agency", "period"])
    assert (cells.loc[("丁局", "2025Q3"), "cell"], cells.loc[("丁局", "2025Q3"), "n_late"]) == ("late", 1)
    assert cells.loc[("丁局", "2025Q4"), "cell"] is None  # no own report of 2025Q4: not missing
    assert cells.loc[("丁局", "2025Q4"), "n_tasks"] == 0
    assert "戊局" not in set(out["agency"])  # an assisting unit without any report of its own is not counted
    assert cells.loc[("乙局", "2025Q3"), "n_tasks"] == 1  # 乙局 assists task 1 without a report: only its task 2
    assert cells.loc[("甲局", "2025Q3"), "cell"] == "on_time"  # the lead is judged by its own report, not 丁局's
