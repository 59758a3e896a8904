"""数据上传 under AppTest, and the upload flow's functions on bytes: errors write nothing, preview, commit."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import intake
from presentation import labels
from service import upload_flow
from store import db as store_db
from store.errors import DatabaseBusy
from tests.helpers import ROOT, open_app, upload_history

FILES = ROOT / "tests" / "files"
GOOD = ("指标代码,报告期,区,数值,备注\r\n"
        "P17_CW_RECYCLING,2025Q4,全市,34%,\r\n"
        "P17_CW_RECYCLING,2025Q4,福田区,34.5,\r\n").encode()
BAD = ("指标代码,报告期,数值\r\n"
       "P17_CW_RECYCLING,2025Q4,34\r\n"
       "P99_NOPE,2025Q4,12\r\n"
       "P17_CW_RECYCLING,2025Q9,abc\r\n").encode()
HOSTILE_NAME = "<b>x</b>.csv"
HOSTILE = ("指标代码,报告期,区,数值,备注\r\n"
           "P17_CW_RECYCLING,2025Q4,全市,34,<script>alert(1)</script>\r\n"
           "P17_CW_RECYCLING,2025Q4,福田区,35,<b>x</b>\r\n").encode()
PLAIN_TEXT_TYPES = {"dataframe", "text", "selectbox", "text_input", "file_uploader"}  # never render markdown



def _drop(at: AppTest, name: str, data: bytes, kind: str = "actuals") -> AppTest:
    at.selectbox(key="upload_kind").set_value(kind)
    at.file_uploader[0].set_value((name, data, "text/csv"))
    at.run()
    assert not at.exception
    return at



def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def _rendered_as_markup(at: AppTest) -> str:
    """The protos of every element that may render markdown or HTML (everything but plain-text widgets)."""
    return "\n".join(str(n.proto) for n in _nodes(at._tree)
                     if getattr(n, "type", "") not in PLAIN_TEXT_TYPES and getattr(n, "proto", None) is not None)


# --- the page renders ---

@pytest.mark.parametrize("fixture", ["sample_db", "db"])
def test_upload_page_renders_with_templates_and_an_uploader(request, monkeypatch, fixture):
    at = open_app(request.getfixturevalue(fixture), monkeypatch, "pages/upload.py")
    assert at.title[0].value == labels.PAGES["upload"]
    shown = [b.label for b in at.download_button]
    assert shown == [labels.UPLOAD[f"template_{fmt}"].format(kind=labels.UPLOAD_KIND[k])
                      for k in upload_flow.KINDS for fmt in ("csv", "xlsx")]
    assert len(at.file_uploader) == 1
    # every type: Streamlit would refuse another one itself, in English; the page refuses it in Chinese
    assert not at.file_uploader[0].allowed_type
    assert at.info[0].value == labels.UPLOAD["waiting"]
    assert [o for o in at.selectbox(key="upload_kind").options] == [labels.UPLOAD_KIND[k] for k in upload_flow.KINDS]


def test_a_file_of_another_type_is_refused_in_chinese_by_the_page(sample_db, monkeypatch):
    at = _drop(open_app(sample_db, monkeypatch, "pages/upload.py"), "汇报材料.pdf", b"%PDF-1.4 not a table")
    shown = " ".join(e.value for e in at.error).replace("\\", "")  # markdown-escaped dots
    assert "不支持的文件类型“.pdf”" in shown and ".xlsx" in shown
    assert not [b for b in at.button if b.key == "upload_commit"]  # nothing to commit


def test_template_names_carry_the_kind_and_the_period():
    assert upload_flow.template_name("actuals", "xlsx", "2026Q3") == "指标数据模板_2026Q3.xlsx"
    assert upload_flow.template_name("task-status", "csv", "2026Q3") == "任务进展模板_2026Q3.csv"


@pytest.mark.parametrize("kind", upload_flow.KINDS)
def test_templates_are_an_xlsx_workbook_and_a_csv_with_a_bom(db, kind):
    data = upload_flow.template_bytes(db, kind, "xlsx")
    assert data[:2] == b"PK"
    csv = upload_flow.template_bytes(db, kind, "csv")
    assert csv.startswith("\ufeff".encode())


# --- the flow on bytes ---

def test_a_bad_file_gives_the_error_table_and_writes_nothing(db):
    before = upload_history(db)
    result = upload_flow.handle_upload(db, BAD, "bad.csv", "actuals")
    assert not result.ok and result.error_count == 3  # unknown code; bad period and value on row 4
    table = upload_flow.error_table(result)
    assert list(table.columns) == ["行号", "列", "值", "问题", "修改建议"]
    assert set(table["行号"]) == {"3", "4"}
    assert "P99_NOPE" in set(table["值"])
    outcome = upload_flow.commit_upload(db, BAD, "bad.csv", "actuals", user="测试")
    assert outcome.level == "error" and "文件未写入任何数据" in outcome.message
    assert upload_history(db).equals(before)


def test_a_whole_file_refusal_has_a_blank_row_number(db):
    data = (FILES / "bad" / "old_format.xls").read_bytes()
    table = upload_flow.error_table(upload_flow.handle_upload(db, data, "old_format.xls", "actuals"))
    assert table["行号"].tolist() == [""]
    assert ".xls" in table["问题"][0]


def test_a_good_file_previews_then_commits_the_same_bytes(db):
    seen: list[float] = []
    result = upload_flow.handle_upload(db, GOOD, "good.csv", "actuals", progress=lambda v, t: seen.append(v))
    assert result.ok and result.preview.counts == {"add": 2, "revise": 0, "same": 0}
    assert seen and seen == sorted(seen)
    assert upload_history(db).empty  # a preview writes nothing
    names = pd.DataFrame({"code": ["P17_CW_RECYCLING"], "name": ["建筑垃圾综合利用率"], "unit": ["%"]})
    added = upload_flow.added_table(result.preview, names)
    assert list(added.columns) == ["行号", "指标代码", "指标名称", "报告期", "区", "单位", "数值", "备注"]
    assert added["单位"].tolist() == ["%", "%"]
    assert added["数值"].tolist() == [34.0, 34.5]
    assert added["指标名称"].tolist() == ["建筑垃圾综合利用率"] * 2

    outcome = upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张三")
    assert outcome.ok and outcome.upload_id == 1
    assert "第 1 号上传" in outcome.message and "新增 2 条" in outcome.message
    history = upload_history(db)
    assert history[["upload_id", "user", "file_name", "state"]].values.tolist() == [[1, "张三", "good.csv", "committed"]]
    assert history["sha256"][0] == upload_flow.sha256(GOOD)


def test_a_revision_shows_old_and_new_values(db):
    assert upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张三").ok
    changed = GOOD.replace(b"34.5", b"36")
    preview = upload_flow.handle_upload(db, changed, "good2.csv", "actuals").preview
    assert preview.counts == {"add": 0, "revise": 1, "same": 1}
    revised = upload_flow.revised_table(preview)
    assert list(revised.columns) == ["行号", "指标代码", "指标名称", "报告期", "区", "单位", "原数值", "新数值", "变化",
                                     "备注"]
    assert revised[["区", "原数值", "新数值", "变化"]].values.tolist() == [["福田区", 34.5, 36.0, 1.5]]


def test_the_same_file_twice_is_a_warning_with_the_upload_number(db):
    assert upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张三").ok
    assert upload_flow.handle_upload(db, GOOD, "again.csv", "actuals").preview.duplicate_of == 1
    outcome = upload_flow.commit_upload(db, GOOD, "again.csv", "actuals", user="李四")
    assert outcome.level == "warning" and "第 1 号上传" in outcome.message
    assert len(upload_history(db)) == 1


def test_a_busy_database_is_a_clean_error(db, monkeypatch):
    def busy(*args, **kwargs):
        raise DatabaseBusy("数据库正被另一个程序使用，请稍后重试。")

    monkeypatch.setattr(upload_flow.store_ingest, "ingest", busy)
    outcome = upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张三")
    assert outcome.level == "error" and "请稍后重试" in outcome.message


def test_files_above_the_limit_or_empty_are_refused_before_reading():
    limits = intake.Limits(max_bytes=1024)
    assert upload_flow.refusal(1024, limits) is None
    assert "超过上限" in upload_flow.refusal(1025, limits)
    assert "空" in upload_flow.refusal(0, limits)
    assert upload_flow.max_upload_mb() == 200


def test_session_state_keeps_only_the_latest_file_by_hash():
    state: dict = {}
    first = upload_flow.remember(state, b"a")
    assert upload_flow.recall(state, first) == b"a"
    second = upload_flow.remember(state, b"b")
    assert upload_flow.recall(state, first) is None and upload_flow.recall(state, second) == b"b"
    upload_flow.forget(state)
    assert upload_flow.recall(state, second) is None


# --- the page with a file dropped on it ---

def test_page_shows_the_error_table_for_a_bad_file_and_writes_nothing(db, monkeypatch):
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "bad.csv", BAD)
    assert "3 处问题" in at.error[0].value and "文件未写入任何数据" in at.error[0].value
    table = at.dataframe[0].value
    assert list(table.columns) == ["行号", "列", "值", "问题", "修改建议"] and len(table) == 3
    assert "upload_commit" not in [b.key for b in at.button]
    assert upload_history(db).empty


def test_page_previews_then_commits_and_shows_the_upload_number(db, monkeypatch):
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "good.csv", GOOD)
    assert {m.label: m.value for m in at.metric} == {"新增": "2", "修订": "0", "未变": "0"}
    assert upload_history(db).empty
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert "第 1 号上传" in at.success[0].value
    assert at.file_uploader[0].value is None  # a fresh uploader for the next file
    assert upload_history(db)["upload_id"].tolist() == [1]


def test_page_warns_about_a_file_already_committed(db, monkeypatch):
    assert upload_flow.commit_upload(db, GOOD, "good.csv", "actuals", user="张三").ok
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "good.csv", GOOD)
    assert labels.UPLOAD["duplicate"].format(id=1) in [w.value for w in at.warning]
    assert at.button(key="upload_commit").disabled


def test_page_commits_targets(db, monkeypatch):
    data = (FILES / "good" / "targets.csv").read_bytes()
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "targets.csv", data, kind="targets")
    assert {m.label: m.value for m in at.metric}["修订"] == "1"
    at.button(key="upload_commit").click().run()
    assert not at.exception and at.success
    assert upload_history(db)["kind"].tolist() == ["targets"]


def test_page_refuses_a_file_above_the_limit(db, monkeypatch):
    monkeypatch.setattr(intake, "DEFAULT_LIMITS", intake.Limits(max_bytes=16))
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "good.csv", GOOD)
    assert "超过上限" in at.error[0].value
    assert not at.dataframe and not at.metric
    assert upload_history(db).empty


def test_uploaded_html_in_notes_and_file_names_is_shown_as_text(db, monkeypatch):
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), HOSTILE_NAME, HOSTILE)
    assert any(HOSTILE_NAME in t.value for t in at.text)
    notes = at.dataframe[0].value["备注"].tolist()
    assert notes == ["<script>alert(1)</script>", "<b>x</b>"]
    markup = _rendered_as_markup(at)
    assert labels.PAGES["upload"] in markup and labels.UPLOAD["preview"] in markup  # the walk sees the page's markdown
    assert "<script>" not in markup and "<b>x</b>" not in markup

    at.button(key="upload_commit").click().run()
    assert not at.exception and at.success
    at.switch_page("pages/data_admin.py").run()
    assert not at.exception
    assert at.dataframe[0].value["文件名"].tolist() == [HOSTILE_NAME]
    markup = _rendered_as_markup(at)
    assert labels.ADMIN["history"] in markup
    assert "<script>" not in markup and "<b>x</b>" not in markup


# --- workbooks as agencies make them ---

def _workbook(sheets: dict[str, list[list]], percent: tuple[str, str] | None = None) -> bytes:
    """An .xlsx written by openpyxl; `percent` = (sheet, cell) formatted '0.0%' as Excel shows 95.1%."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if percent:
        book[percent[0]][percent[1]].number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEAD = ["指标代码", "报告期", "区", "数值"]
PERCENT_BOOK = _workbook({"2025Q4": [HEAD, ["P17_CW_RECYCLING", "2025Q4", "福田区", 0.951],
                                     ["P17_CW_RECYCLING", "2025Q4", "南山区", 94.5]]}, ("2025Q4", "D2"))
TWO_SHEETS = _workbook({d: [HEAD, ["P17_CW_RECYCLING", "2025Q4", d, 90 + i]]
                        for i, d in enumerate(("福田区", "南山区"))})


def test_page_previews_a_percent_formatted_cell_as_excel_shows_it(db, monkeypatch):
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "福田南山.xlsx", PERCENT_BOOK)
    added = at.dataframe[0].value
    assert sorted(added["数值"].tolist()) == [94.5, 95.1]
    info = "\n".join(i.value for i in at.info)
    assert "读取的工作表：2025Q4" in info and "百分比格式" in info
    at.button(key="upload_commit").click().run()
    with store_db.connect(db) as con:
        landed = con.execute("SELECT district, value FROM actuals ORDER BY district").fetchall()
    assert landed == [("南山区", 94.5), ("福田区", 95.1)]


def test_page_refuses_two_data_sheets_by_name_then_reads_the_one_picked(db, monkeypatch):
    at = _drop(open_app(db, monkeypatch, "pages/upload.py"), "两个区.xlsx", TWO_SHEETS)
    refused = at.error[0].value
    assert "“福田区”、“南山区”" in refused and "不会只读其中一个" in refused and "请选择要上传的工作表" in refused
    assert "upload_commit" not in [b.key for b in at.button]
    picker = next(s for s in at.selectbox if s.label == labels.UPLOAD["sheet"])
    assert picker.options == [labels.UPLOAD["sheet_auto"], "福田区", "南山区"]
    picker.set_value("南山区").run()
    assert not at.exception
    assert "读取的工作表：南山区" in "\n".join(i.value for i in at.info)
    assert at.dataframe[0].value["区"].tolist() == ["南山区"]


def test_page_needs_a_confirmation_for_values_that_look_wrong(sample_db, monkeypatch):
    data = "指标代码,报告期,区,数值\r\nP17_CW_RECYCLING,2026Q3,全市,0.88\r\n".encode()
    at = _drop(open_app(sample_db, monkeypatch, "pages/upload.py"), "fraction.csv", data)
    assert any("请核实" in w.value for w in at.warning)
    assert "0.88" in at.dataframe[-1].value["数值"].astype(str).tolist()[0]
    assert at.button(key="upload_commit").disabled
    before = len(upload_history(sample_db))
    at.checkbox[0].check().run()
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert not at.exception and at.success
    assert len(upload_history(sample_db)) == before + 1


def test_commit_without_confirmation_writes_nothing(sample_db):
    data = "指标代码,报告期,区,数值\r\nP17_CW_RECYCLING,2026Q3,全市,0.88\r\n".encode()
    before = len(upload_history(sample_db))
    outcome = upload_flow.commit_upload(sample_db, data, "fraction.csv", "actuals", user="张三")
    assert outcome.level == "warning" and outcome.message == labels.UPLOAD["unusual_needed"]
    assert len(upload_history(sample_db)) == before
