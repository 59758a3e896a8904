"""Uploads in the store: preview, revision with history, rollback, duplicates, as-known-on, export safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import db as store_db
from store import uploads, values
from store.errors import DuplicateUpload, InvalidState, NotFound
from store.ingest import ingest
from tests.helpers import exported_rows as exported
from tests.helpers import run, snapshot

HEADER = "指标代码,报告期,区,数值\n"
FIRST = HEADER + "P17_CW_RECYCLING,2025Q3,全市,88\nP17_CW_RECYCLING,2025Q4,全市,90\n"
REVISING = HEADER + "P17_CW_RECYCLING,2025Q3,全市,88\nP17_CW_RECYCLING,2025Q4,全市,91.5\nP18_SEA_RAIL,2025Q4,全市,1.2\n"



def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path




def actuals_now(db: Path, out: Path) -> list[tuple[str, str, str, str, str]]:
    return [(r["code"], r["period"], r["district"], r["value"], r["upload_id"])
            for r in exported(db, out, "actuals.csv")]


@pytest.fixture
def first(db, tmp_path) -> Path:
    """db with FIRST committed as upload 1."""
    result = run(db, "ingest", str(write(tmp_path, "a.csv", FIRST)), "--user", "张敏")
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 1 号上传：新增 2 行，修订 0 行，未变 0 行\n"
    return db


def test_dry_run_shows_the_counts_and_the_revised_values_and_writes_nothing(first, tmp_path):
    before = snapshot(first, tmp_path / "before")
    result = run(first, "ingest", str(write(tmp_path, "b.csv", REVISING)), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "预览（未写入）：新增 1 行，修订 1 行，未变 1 行"
    assert lines[1].split() == ["行号", "指标代码", "指标名称", "报告期", "区", "单位", "原数值", "新数值", "变化", "备注"]
    assert lines[2].split() == ["3", "P17_CW_RECYCLING", "建筑垃圾综合利用率", "2025Q4", "全市", "%", "90.0", "91.5",
                                "1.5"]
    assert len(lines) == 3
    assert snapshot(first, tmp_path / "after") == before


def test_preview_marks_each_row_add_revise_or_same(first, tmp_path):
    result = ingest(first, REVISING.encode(), "b.csv", "actuals", user="t", dry_run=True)
    assert result.upload_id is None
    rows = result.preview.rows
    assert list(zip(rows["row"], rows["change"], rows["old_value"].fillna(-1), strict=True)) == [
        (2, "same", 88.0, ), (3, "revise", 90.0), (4, "add", -1)]
    assert result.preview.counts == {"add": 1, "revise": 1, "same": 1}


def test_a_revision_counts_and_the_old_value_stays_in_history(first, tmp_path):
    result = run(first, "ingest", str(write(tmp_path, "b.csv", REVISING)), "--user", "李伟")
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 2 号上传：新增 1 行，修订 1 行，未变 1 行\n"
    assert actuals_now(first, tmp_path / "out") == [
        ("P17_CW_RECYCLING", "2025Q3", "全市", "88", "2"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "91.5", "2"),
        ("P18_SEA_RAIL", "2025Q4", "全市", "1.2", "2"),
    ]
    with store_db.connect(first) as con:
        history = values.actual_history(con, "P17_CW_RECYCLING")
        revised = values.revisions(con)
    q4 = history[history["period"] == "2025Q4"]
    assert list(zip(q4["value"], q4["upload_id"], q4["counts"], strict=True)) == [(91.5, 2, True), (90.0, 1, False)]
    assert list(zip(revised["code"], revised["period"], revised["old_value"], revised["new_value"],
                    strict=True)) == [("P17_CW_RECYCLING", "2025Q4", 90.0, 91.5)]


def test_rollback_of_the_revising_upload_brings_back_the_old_value(first, tmp_path):
    assert run(first, "ingest", str(write(tmp_path, "b.csv", REVISING))).exit_code == 0
    result = run(first, "rollback", "2", "--user", "admin")
    assert result.exit_code == 0
    assert result.output == "已回滚第 2 号上传。\n"
    assert actuals_now(first, tmp_path / "out") == [
        ("P17_CW_RECYCLING", "2025Q3", "全市", "88", "1"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "90", "1"),
    ]
    states = [(r["upload_id"], r["file_name"], r["state"]) for r in exported(first, tmp_path / "o2", "uploads.csv")]
    assert states == [("1", "a.csv", "committed"), ("2", "b.csv", "rolled_back")]
    with store_db.connect(first) as con:
        history = values.actual_history(con, "P17_CW_RECYCLING")
    assert len(history) == 4  # rolled back values stay in history, not counting
    assert history.loc[history["upload_id"] == 2, "counts"].tolist() == [False, False]


def test_the_same_file_twice_is_refused_and_changes_nothing(first, tmp_path):
    before = snapshot(first, tmp_path / "before")
    for name in ("a.csv", "renamed.csv"):  # recognised by content, whatever its name
        result = run(first, "ingest", str(write(tmp_path, name, FIRST)))
        assert result.exit_code == 1
        assert result.output == "Error: 该文件已于第 1 号上传提交过（内容完全相同），本次未做任何更改。\n"
    assert snapshot(first, tmp_path / "after") == before


def test_the_same_file_is_a_typed_error_in_the_store(first):
    with pytest.raises(DuplicateUpload) as caught:
        ingest(first, FIRST.encode(), "a.csv", "actuals", user="t")
    assert caught.value.upload_id == 1


def test_a_dry_run_of_the_same_file_says_it_was_committed_before(first, tmp_path):
    result = run(first, "ingest", str(write(tmp_path, "a.csv", FIRST)), "--dry-run")
    assert result.exit_code == 0
    assert result.output == "预览（未写入）：新增 0 行，修订 0 行，未变 2 行\n注意：相同文件已于第 1 号上传提交过。\n"


def test_a_rolled_back_file_may_be_uploaded_again(first, tmp_path):
    assert run(first, "rollback", "1").exit_code == 0
    assert actuals_now(first, tmp_path / "o1") == []
    result = run(first, "ingest", str(write(tmp_path, "a.csv", FIRST)))
    assert result.exit_code == 0
    assert result.output == "已提交第 2 号上传：新增 2 行，修订 0 行，未变 0 行\n"
    assert [r[3:] for r in actuals_now(first, tmp_path / "o2")] == [("88", "2"), ("90", "2")]


def test_rollback_errors_are_typed_in_the_store(first):
    with store_db.connect(first) as con:
        with pytest.raises(NotFound, match="没有编号为 7 的上传"):
            uploads.rollback(con, 7, "t")
        uploads.rollback(con, 1, "t")
        with pytest.raises(InvalidState, match="第 1 号上传已于 .* 回滚，无需重复操作"):
            uploads.rollback(con, 1, "t")
        assert con.execute("SELECT count(*) FROM audit WHERE action = 'rollback'").fetchone()[0] == 1


def test_as_known_on_returns_exactly_what_was_known_between_commits(db):
    def known(at):
        with store_db.connect(db) as con:
            frame = values.actuals(con, known_on=at)
        return sorted(zip(frame["code"], frame["period"], frame["value"], frame["upload_id"], strict=True))

    t0 = uploads.now()
    ingest(db, FIRST.encode(), "a.csv", "actuals", user="t")
    t1 = uploads.now()
    ingest(db, REVISING.encode(), "b.csv", "actuals", user="t")
    t2 = uploads.now()
    with store_db.connect(db) as con:
        uploads.rollback(con, 2, "t")
    t3 = uploads.now()
    later = HEADER + "P02_GREEN_MFG,2025Q4,全市,146\n"
    ingest(db, later.encode(), "c.csv", "actuals", user="t")
    t4 = uploads.now()

    only_first = [("P17_CW_RECYCLING", "2025Q3", 88.0, 1), ("P17_CW_RECYCLING", "2025Q4", 90.0, 1)]
    assert known(t0) == []
    assert known(t1) == only_first
    assert known(t2) == [("P17_CW_RECYCLING", "2025Q3", 88.0, 2), ("P17_CW_RECYCLING", "2025Q4", 91.5, 2),
                         ("P18_SEA_RAIL", "2025Q4", 1.2, 2)]  # upload 2 counted until its rollback
    assert known(t3) == only_first
    assert known(t4) == [("P02_GREEN_MFG", "2025Q4", 146.0, 3), *only_first]
    assert known(None) == known(t4)


def test_as_known_on_reproduces_the_sample_wrong_upload_and_its_rollback(sample_db):
    import datetime as dt

    def prefab_2026q2(at):
        with store_db.connect(sample_db) as con:
            frame = values.actuals(con, known_on=at, codes=["P15_PREFAB"], district="全市")
        return frame.loc[frame["period"] == "2026Q2", "value"].tolist()

    assert prefab_2026q2(dt.datetime(2026, 7, 13, 8, 0)) == []
    assert prefab_2026q2(dt.datetime(2026, 7, 13, 12, 0)) == [62.3]
    assert prefab_2026q2(dt.datetime(2026, 7, 14, 12, 0)) == [26.0]  # the wrong file, before its rollback
    assert prefab_2026q2(dt.datetime(2026, 7, 14, 17, 0)) == [62.3]
    assert prefab_2026q2(None) == [62.3]


def test_task_status_and_targets_as_known_on(sample_db):
    import datetime as dt

    with store_db.connect(sample_db) as con:
        early = values.task_status(con, known_on=dt.datetime(2023, 5, 1))
        before_targets = values.targets(con, known_on=dt.datetime(2024, 4, 30))
        after_targets = values.targets(con, known_on=dt.datetime(2024, 5, 2))
    assert set(early["period"]) == {"2023Q1"} and len(early) == 140

    def audit_target(frame):
        return frame.loc[(frame["code"] == "P04_CP_AUDIT") & (frame["target_year"] == 2025), "target_value"].tolist()

    assert [str(v) for v in audit_target(before_targets)] == ["nan"]  # pending in the catalog
    assert audit_target(after_targets) == [400.0]


def test_remove_sample_keeps_real_uploads(sample_db, tmp_path):
    result = run(sample_db, "ingest", str(write(tmp_path, "real.csv", HEADER + "P02_GREEN_MFG,2026Q3,全市,170\n")))
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 48 号上传：新增 0 行，修订 1 行，未变 0 行\n"
    with store_db.connect(sample_db) as con:
        assert uploads.has_sample(con)
    assert run(sample_db, "remove-sample").output == "已删除 47 个示例上传。\n"
    with store_db.connect(sample_db) as con:
        assert not uploads.has_sample(con)
    assert actuals_now(sample_db, tmp_path / "out") == [("P02_GREEN_MFG", "2026Q3", "全市", "170", "48")]
    assert [r["upload_id"] for r in exported(sample_db, tmp_path / "o2", "uploads.csv")] == ["48"]


def test_text_a_spreadsheet_would_run_as_a_formula_is_exported_with_an_apostrophe(db, tmp_path):
    text = ("任务编号,报告期,状态,进展说明,填报单位\n"
            '1,2025Q4,推进中,"=HYPERLINK(""http://x"",""点击"")",市发展改革委\n'
            "2,2025Q4,推进中,+86 电话,@市工信局\n"
            "3,2025Q4,已完成,完成验收 =1,市发展改革委\n")
    result = run(db, "ingest", str(write(tmp_path, "=cmd.csv", text)), "--kind", "task-status", "--user", "-x")
    assert result.exit_code == 0, result.output
    rows = exported(db, tmp_path / "out", "task_status.csv")
    assert [(r["note"], r["unit"]) for r in rows] == [
        ("'=HYPERLINK(\"http://x\",\"点击\")", "市发展改革委"),
        ("'+86 电话", "'@市工信局"),
        ("完成验收 =1", "市发展改革委"),
    ]
    (upload,) = exported(db, tmp_path / "o2", "uploads.csv")
    assert (upload["file_name"], upload["user"]) == ("'=cmd.csv", "'-x")


def test_progress_is_reported_with_increasing_fractions_up_to_one(db):
    seen: list[float] = []
    result = ingest(db, FIRST.encode(), "a.csv", "actuals", user="t", progress=lambda f, _msg: seen.append(f))
    assert result.upload_id == 1
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert 0 < seen[0] and seen[-1] == 1.0


def test_rolling_back_a_middle_upload_keeps_the_newest_and_then_the_oldest_counts(first, tmp_path):
    third = HEADER + "P17_CW_RECYCLING,2025Q4,全市,92\n"
    assert run(first, "ingest", str(write(tmp_path, "b.csv", REVISING))).exit_code == 0
    assert run(first, "ingest", str(write(tmp_path, "c.csv", third))).exit_code == 0
    assert run(first, "rollback", "2").exit_code == 0
    assert actuals_now(first, tmp_path / "o1") == [
        ("P17_CW_RECYCLING", "2025Q3", "全市", "88", "1"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "92", "3"),
    ]
    assert run(first, "rollback", "3").exit_code == 0
    assert actuals_now(first, tmp_path / "o2") == [
        ("P17_CW_RECYCLING", "2025Q3", "全市", "88", "1"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "90", "1"),
    ]


def test_rolling_back_a_targets_upload_brings_back_the_catalog_target(db, tmp_path):
    text = "code,target_year,target_value\nP17_CW_RECYCLING,2025,95\nP06_IRRIGATION,2025,0.6\n"
    result = run(db, "ingest", str(write(tmp_path, "t.csv", text)), "--kind", "targets", "--user", "admin")
    assert result.output == "已提交第 1 号上传：新增 0 行，修订 2 行，未变 0 行\n"

    def targets(out):
        return {(r["code"], r["target_year"]): r["target_value"] for r in exported(db, tmp_path / out, "targets.csv")}

    got = targets("o1")
    assert (got[("P17_CW_RECYCLING", "2025")], got[("P06_IRRIGATION", "2025")]) == ("95", "0.6")
    assert run(db, "rollback", "1").exit_code == 0
    got = targets("o2")
    assert (got[("P17_CW_RECYCLING", "2025")], got[("P06_IRRIGATION", "2025")]) == ("90", "")
