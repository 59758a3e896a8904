"""数据管理 under AppTest: upload history, rollback with confirmation, sample removal, targets, audit log."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from presentation import admin_tables, labels
from service import upload_flow
from store import db as store_db
from store import values
from tests.helpers import open_app, upload_history

FIRST = "指标代码,报告期,区,数值\r\nP17_CW_RECYCLING,2025Q4,全市,34\r\n".encode()
SECOND = "指标代码,报告期,区,数值\r\nP17_CW_RECYCLING,2025Q4,全市,36\r\n".encode()



def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with a given column header (history: 上传编号, targets: 目标值, audit: 操作)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)



def _value_now(db_file: Path) -> float:
    with store_db.connect(db_file) as con:
        frame = values.actuals(con)
    row = frame[(frame["code"] == "P17_CW_RECYCLING") & (frame["period"] == "2025Q4") & (frame["district"] == "全市")]
    return float(row["value"].iloc[0])


@pytest.fixture
def two_uploads(db) -> Path:
    assert upload_flow.commit_upload(db, FIRST, "first.csv", "actuals", user="张三").ok
    assert upload_flow.commit_upload(db, SECOND, "second.csv", "actuals", user="李四").ok
    return db


def test_page_renders_the_sample_history_newest_first_with_states_in_words(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/data_admin.py")
    assert at.title[0].value == labels.PAGES["data_admin"]
    table = _table(at, "上传编号")
    stored = upload_history(sample_db)
    assert len(table) == len(stored) > 0
    assert table["上传编号"].tolist() == sorted(stored["upload_id"], reverse=True)
    assert table["状态"].tolist() == [labels.UPLOAD_STATE[s] for s in stored["state"]]
    assert "已生效" in set(table["状态"])
    assert set(table["示例数据"]) == {"示例"}
    assert set(table["类型"]) <= set(labels.UPLOAD_KIND.values())
    assert at.button(key="sample_button").disabled  # until confirmed
    assert at.expander[0].label == labels.ADMIN["audit"]


def test_page_renders_on_an_empty_database(db, monkeypatch):
    at = open_app(db, monkeypatch, "pages/data_admin.py")
    assert labels.ADMIN["history_empty"] in [i.value for i in at.info]
    assert labels.ADMIN["rollback_none"] in [i.value for i in at.info]
    assert "sample_button" not in [b.key for b in at.button]
    targets = _table(at, "目标值")
    assert len(targets) > 0


def test_targets_show_which_are_pending_and_point_to_the_upload_page(db, monkeypatch):
    at = open_app(db, monkeypatch, "pages/data_admin.py")
    with store_db.connect(db) as con:
        pending = int(values.targets(con)["target_value"].isna().sum())
    assert pending > 0
    assert labels.ADMIN["targets_pending"].format(n=pending) in [i.value for i in at.info]
    table = _table(at, "目标值")
    assert (table["目标值"] == labels.STATUS["target_pending"]).sum() == pending
    assert table["目标值"].iloc[0] == labels.STATUS["target_pending"]  # pending first
    assert set(table["来源"]) == {labels.ADMIN["targets_source_catalog"]}
    assert at.get("page_link")[0].proto.page.endswith("upload")  # the link to 数据上传


def test_rollback_needs_the_confirmation(two_uploads, monkeypatch):
    at = open_app(two_uploads, monkeypatch, "pages/data_admin.py")
    assert at.selectbox(key="rollback_pick").value == 2  # newest first
    assert at.button(key="rollback_button").disabled  # a browser user cannot click it
    assert set(upload_history(two_uploads)["state"]) == {"committed"}


def test_rollback_via_the_page_marks_the_upload_and_restores_the_previous_value(two_uploads, monkeypatch):
    assert _value_now(two_uploads) == 36
    at = open_app(two_uploads, monkeypatch, "pages/data_admin.py")
    at.checkbox(key="rollback_confirm_2").check().run()
    assert not at.button(key="rollback_button").disabled
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert at.success[0].value == labels.ADMIN["rolled_back"].format(id=2)
    table = _table(at, "上传编号")
    assert table.set_index("上传编号")["状态"].to_dict() == {2: "已回滚", 1: "已生效"}
    assert table.set_index("上传编号")["回滚人"][2] == "test-admin"  # the logged-in account
    assert _value_now(two_uploads) == 34
    assert list(admin_tables.rollback_choices(upload_history(two_uploads))) == [1]
    assert at.selectbox(key="rollback_pick").options == [admin_tables.rollback_choices(upload_history(two_uploads))[1]]
    audit = _table(at, "操作")
    assert audit["操作"].tolist()[:1] == ["回滚"]


def test_rollback_is_recorded_under_the_logged_in_account(two_uploads, monkeypatch):
    at = open_app(two_uploads, monkeypatch, "pages/data_admin.py")
    at.selectbox(key="rollback_pick").set_value(1).run()
    at.checkbox(key="rollback_confirm_1").check().run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    history = upload_history(two_uploads).set_index("upload_id")
    assert history.loc[1, "state"] == "rolled_back" and history.loc[1, "rolled_back_by"] == "test-admin"
    assert history.loc[2, "state"] == "committed"


def test_removing_the_sample_data_via_the_page(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/data_admin.py")
    n = len(upload_history(sample_db))
    at.checkbox(key="sample_confirm").check().run()
    at.button(key="sample_button").click().run()
    assert not at.exception
    assert at.success[0].value == labels.ADMIN["sample_removed"].format(n=n)
    assert upload_history(sample_db).empty
    assert "sample_button" not in [b.key for b in at.button]
    assert not [w for w in at.warning if w.value == labels.SAMPLE_BANNER]


def test_history_table_headers_and_words():
    history = pd.DataFrame({
        "upload_id": [2, 1], "kind": ["targets", "actuals"], "file_name": ["t.csv", "a.xlsx"], "sha256": ["x", "y"],
        "user": ["李四", "张三"], "uploaded_at": pd.to_datetime(["2026-01-02 08:00", "2026-01-01 09:30"]),
        "rows_added": [1, 5], "rows_revised": [0, 2], "rows_unchanged": [0, 1],
        "state": ["committed", "rolled_back"], "rolled_back_at": pd.to_datetime([None, "2026-01-03 10:00"]),
        "rolled_back_by": [None, "王五"], "is_sample": [False, True],
    })
    table = admin_tables.history_table(history)
    assert list(table.columns) == ["上传编号", "类型", "文件名", "上传人", "上传时间", "新增", "修订", "未变", "状态",
                                   "示例数据", "回滚时间", "回滚人"]
    assert table.values.tolist() == [
        [2, "目标值", "t.csv", "李四", "2026-01-02 08:00", 1, 0, 0, "已生效", "", "", ""],
        [1, "指标数据", "a.xlsx", "张三", "2026-01-01 09:30", 5, 2, 1, "已回滚", "示例", "2026-01-03 10:00", "王五"],
    ]
    assert admin_tables.rollback_choices(history) == {2: "第 2 号 · 目标值 · 2026-01-02 08:00 · t.csv"}
