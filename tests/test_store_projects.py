"""Key-project reports in the store: commit, revision, rollback, refusal writes nothing, export, sample data."""

from __future__ import annotations

from pathlib import Path

from store import db as store_db
from store import uploads, values
from tests.helpers import exported_rows, run, snapshot

HEADER = "工程编号,报告期,状态,进展说明,填报单位,形象进度,完成投资\n"
FIRST = HEADER + "17,2026Q2,推进中,主体施工,市住房建设局,40,1200\n（十八）,2026Q2,滞后,用地未批,市交通运输局,,\n"
SECOND = HEADER + "17,2026Q2,推进中,主体施工,市住房建设局,40,1200\n工程18,2026Q2,推进中,用地已批,市交通运输局,35,\n" \
    + "第19项,2026Q3,已完成,已验收,,100,98000\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def ingest(db: Path, path: Path, *extra: str):
    return run(db, "ingest", str(path), "--kind", "project-status", "--user", "王芳", *extra)


def test_commit_revise_and_rollback_through_the_command_line(db, tmp_path):
    result = ingest(db, write(tmp_path, "p1.csv", FIRST))
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 1 号上传：新增 2 行，修订 0 行，未变 0 行\n"
    result = ingest(db, write(tmp_path, "p2.csv", SECOND))
    assert result.output == "已提交第 2 号上传：新增 1 行，修订 1 行，未变 1 行\n"
    rows = exported_rows(db, tmp_path / "out", "project_status.csv")
    assert list(rows[0]) == ["project_no", "period", "status", "note", "unit", "progress_pct", "investment",
                             "upload_id"]
    assert [tuple(r.values()) for r in rows] == [
        ("17", "2026Q2", "推进中", "主体施工", "市住房建设局", "40", "1200", "2"),  # unchanged rows land too
        ("18", "2026Q2", "推进中", "用地已批", "市交通运输局", "35", "", "2"),
        ("19", "2026Q3", "已完成", "已验收", "", "100", "98000", "2"),
    ]
    with store_db.connect(db) as con:
        assert values.project_status(con)["revised"].tolist() == [False, True, False]
    assert run(db, "rollback", "2").exit_code == 0
    rows = exported_rows(db, tmp_path / "o2", "project_status.csv")
    assert [(r["project_no"], r["status"], r["progress_pct"], r["upload_id"]) for r in rows] == [
        ("17", "推进中", "40", "1"), ("18", "滞后", "", "1")]
    kinds = [r["kind"] for r in exported_rows(db, tmp_path / "o3", "uploads.csv")]
    assert kinds == ["project-status", "project-status"]


def test_an_identical_report_with_empty_optional_cells_is_unchanged(db, tmp_path):
    ingest(db, write(tmp_path, "p1.csv", FIRST))
    again = ingest(db, write(tmp_path, "p1b.csv", FIRST + "\n"), "--dry-run")
    assert "新增 0 行，修订 0 行，未变 2 行" in again.output


def test_a_refused_file_writes_nothing_and_names_row_column_and_fix(db, tmp_path):
    before = snapshot(db, tmp_path / "before")
    result = ingest(db, write(tmp_path, "bad.csv", HEADER + "17,2026Q2,推进中,,,40,\nP18,2026Q2,推进中,,,,\n"))
    assert result.exit_code == 1
    assert "P18" in result.output and "工程编号" in result.output and "（十七）" in result.output
    assert snapshot(db, tmp_path / "after") == before


def test_remove_sample_deletes_project_reports_too(sample_db):
    with store_db.connect(sample_db) as con:
        assert len(values.project_status(con)) > 0
        uploads.remove_sample(con, "admin")
        assert values.project_status(con).empty


def test_the_sample_gives_every_project_a_quarterly_history_whose_progress_never_falls(sample_db):
    with store_db.connect(sample_db) as con:
        history = values.project_status(con)
    assert sorted(history["project_no"].unique()) == list(range(1, 26))
    assert history.groupby("project_no")["period"].min().eq("2023Q1").all()
    for _, rows in history.sort_values("period").groupby("project_no"):
        assert rows["progress_pct"].dropna().is_monotonic_increasing
        assert rows["investment"].dropna().is_monotonic_increasing
    latest = history[history["period"] == "2026Q3"]
    assert set(latest["status"]) == {"已完成", "推进中", "滞后", "未启动"}
    assert set(range(1, 26)) - set(latest["project_no"]) == {20, 25}  # not reported yet: overdue


def test_project_reports_as_known_on_a_past_moment(sample_db, tmp_path):
    import datetime as dt

    with store_db.connect(sample_db) as con:
        before = values.project_status(con, known_on=dt.datetime(2026, 10, 9, 10, 29))
        after = values.project_status(con, known_on=dt.datetime(2026, 10, 9, 10, 30))
    # the sample's 2026Q3 project file was committed on 2026-10-09 10:30, each earlier quarter's before it
    assert "2026Q3" not in set(before["period"]) and len(before) == 25 * 14
    assert len(after) == 25 * 15 - 2
