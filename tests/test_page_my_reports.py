"""本单位填报 under AppTest: every state of a report (due, problems, draft, submitted, returned, accepted), the
lead unit's and the admin's verification, an account without an agency, a link to another agency's page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from access import accounts
from access.roles import may_open
from metrics import periods
from presentation import labels
from service import reporting
from service.reporting import Actor, Entry
from store import values
from store.db import connect
from store.uploads import now
from tests.helpers import open_app

PAGE = "pages/my_reports.py"
R = labels.REPORTING
PERIOD = periods.latest_closed()
DISTRICTS = Actor("dist", "各区政府")
PROMISED = Entry("task", "56", status="滞后", note="进度偏慢", reason="资金未到位", measure="协调资金",
                 promise=periods.shift(PERIOD, 1))


def _bind(tmp_path, monkeypatch, agency: str, user: str = "test-reporter") -> None:
    path = tmp_path / "accounts.yaml"
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(path))
    accounts.set_account(user, "secret-123", "reporter", agency=agency, path=path)


def _pick(at: AppTest, item: str) -> AppTest:
    box = at.selectbox(key=f"rep_pick_{PERIOD}")
    index = next(i for i in box.options if f" {item} · " in i)
    return box.select(index).run()


def _texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in at.get(kind)]


@pytest.mark.role("reporter")
def test_a_reporter_sees_its_todo_and_only_its_own_items(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "市住房建设局")
    at = open_app(db, monkeypatch, PAGE)
    assert at.title[0].value == labels.PAGES["my_reports"]
    assert any("填报单位：市住房建设局" in c.value for c in at.caption)
    todo = at.dataframe[0].value
    assert set(todo["单位"]) == {"市住房建设局"} and "P15_PREFAB" in set(todo["编号"])
    options = at.selectbox(key=f"rep_pick_{PERIOD}").options
    assert any(" 56 · " in o for o in options) and not any(" 1 · " in o for o in options)  # task 1 is not theirs


@pytest.mark.role("reporter")
def test_a_lagging_task_is_refused_without_a_promise_then_submitted_with_one(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    key = f"rep_{PERIOD}_task_56"
    at = at.selectbox(key=f"{key}_status").select("滞后").run()
    assert R["red_hint"] in _texts(at, "warning")
    at = at.button(key=f"{key}_submit").click().run()
    assert R["problems"].format(n=3) in _texts(at, "error")
    assert "红色事项未填写原因。" in at.dataframe[-1].value["问题"].tolist()
    at.text_input(key=f"{key}_reason").input("资金未到位")
    at.text_area(key=f"{key}_measure").input("协调资金")
    at.selectbox(key=f"{key}_promise").select(periods.shift(PERIOD, 1))
    at = at.button(key=f"{key}_submit").click().run()
    assert not at.exception
    assert R["submitted"].format(n=1) in _texts(at, "success")
    at = _pick(at, "56")
    assert R["locked_note"].format(state=labels.REPORT_STATE["submitted"]) in _texts(at, "info")


@pytest.mark.role("reporter")
def test_a_draft_is_kept_and_a_returned_report_shows_its_reason(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    key = f"rep_{PERIOD}_task_56"
    at.selectbox(key=f"{key}_status").select("推进中")
    at.text_area(key=f"{key}_note").input("已完成七成")
    at = at.button(key=f"{key}_save").click().run()
    assert R["saved"].format(n=1) in _texts(at, "success")
    at = _pick(at, "56")
    assert at.text_area(key=f"{key}_note").value == "已完成七成"
    assert any(o.endswith(labels.REPORT_STATE["draft"]) for o in at.selectbox(key=f"rep_pick_{PERIOD}").options)
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    reporting.verify(db, Actor("housing", "市住房建设局"), "各区政府", "task", "56", PERIOD, accept=False,
                     reason="请补充资金来源")
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    assert R["returned_note"].format(reason="请补充资金来源") in _texts(at, "error")
    assert "退回修改" in set(at.dataframe[0].value["待办"])


@pytest.mark.role("reporter")
def test_the_lead_unit_accepts_an_assisting_units_report_and_it_counts(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "市住房建设局")
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    at = open_app(db, monkeypatch, PAGE)
    assert "待我核查" in set(at.dataframe[0].value["待办"])
    key = f"ver_各区政府_task_56_{PERIOD}"
    at = at.button(key=f"{key}_ok").click().run()
    assert not at.exception
    assert any(s.startswith("已核查通过任务 56") for s in _texts(at, "success"))
    with connect(db) as con:
        counted = values.task_status(con)
    assert counted[["task_no", "status", "unit"]].values.tolist() == [[56, "滞后", "各区政府"]]
    assert R["verify_none"] in [c.value for c in at.caption]


@pytest.mark.role("reporter")
def test_a_return_needs_a_reason(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "市住房建设局")
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    at = open_app(db, monkeypatch, PAGE)
    key = f"ver_各区政府_task_56_{PERIOD}"
    at = at.button(key=f"{key}_back").click().run()
    assert R["need_return_reason"] in _texts(at, "error")
    at.text_input(key=f"{key}_why").input("请补充资金来源")
    at = at.button(key=f"{key}_back").click().run()
    assert R["returned"].format(item="任务 56") in _texts(at, "success")


def test_an_admin_verifies_a_lead_units_indicator_report(db, monkeypatch):
    entry = Entry("indicator", "P15_PREFAB", values={"全市": "41.5"})
    assert reporting.save(db, Actor("housing", "市住房建设局"), PERIOD, [entry], submit=True).ok
    at = open_app(db, monkeypatch, PAGE)
    assert R["no_agency"] not in _texts(at, "info")
    at = at.button(key=f"ver_市住房建设局_indicator_P15_PREFAB_{PERIOD}_ok").click().run()
    assert any("已核查通过指标 P15_PREFAB" in s for s in _texts(at, "success"))


@pytest.mark.role("reporter")
def test_an_accepted_report_is_locked(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    reporting.verify(db, Actor("housing", "市住房建设局"), "各区政府", "task", "56", PERIOD, accept=True)
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    assert R["locked_note"].format(state=labels.REPORT_STATE["accepted"]) in _texts(at, "info")
    assert at.selectbox(key=f"rep_{PERIOD}_task_56_status").disabled


@pytest.mark.role("analyst")
def test_an_account_without_an_agency_is_told_so(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)
    assert R["no_agency"] in _texts(at, "info")


@pytest.mark.role("reporter")
def test_a_link_to_another_agencys_page_is_refused(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    monkeypatch.setenv("CLEANPROD_DB", str(db))
    at = open_app(db, monkeypatch)
    at.query_params["agency"] = "市生态环境局"
    at = at.switch_page(PAGE).run()
    assert R["other_agency"].format(agency="各区政府") in _texts(at, "error")  # says why, not "ask for a role"
    assert not at.get("button") or all("rep_" not in (b.key or "") for b in at.button)


def test_reporters_analysts_and_admins_may_open_the_page_viewers_not():
    assert [may_open(role, PAGE) for role in ("public", "viewer", "reporter", "analyst", "admin")] == [
        False, False, True, True, True]


@pytest.mark.role("reporter")
def test_the_agencys_key_projects_have_their_own_section(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "市住房建设局")
    at = open_app(db, monkeypatch, PAGE)
    assert not at.exception
    assert R["projects"] in _texts(at, "subheader")
    assert "重点工程" in set(at.dataframe[0].value["类别"])  # the to-do lists them too
    projects = at.selectbox(key=f"rep_pick_{PERIOD}_project").options
    assert any(o.startswith("重点工程 12 · ") for o in projects)
    assert not any(o.startswith("重点工程") for o in at.selectbox(key=f"rep_pick_{PERIOD}").options)
    key = f"rep_{PERIOD}_project_12"
    at.selectbox(key=f"{key}_status").select("推进中")
    at.text_input(key=f"{key}_progress").input("60")
    at = at.button(key=f"{key}_submit").click().run()
    assert not at.exception
    assert R["submitted"].format(n=1) in _texts(at, "success")


def test_an_admin_moves_a_deadline_reminds_the_units_and_exports_the_digest(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)  # an admin
    assert R["admin_heading"] in [s.value for s in at.subheader]
    calendar = at.dataframe[-1].value
    default = calendar.set_index("季度").loc[PERIOD]
    assert default["来源"] == "默认"
    day = periods.last_day(PERIOD)
    at.date_input(key=f"rep_cal_day_{PERIOD}").set_value(day)  # not after the quarter's end: refused
    at = next(b for b in at.button if b.label == R["calendar_save"]).click().run()
    assert any("须在该季度结束" in e.value for e in at.error)
    later = periods.last_day(PERIOD) + dt.timedelta(days=25)
    at.date_input(key=f"rep_cal_day_{PERIOD}").set_value(later)
    at = next(b for b in at.button if b.label == R["calendar_save"]).click().run()
    assert R["calendar_saved"].format(period=PERIOD, day=later) in _texts(at, "success")
    moved = at.dataframe[-1].value.set_index("季度").loc[PERIOD]
    assert (moved["截止日期"], moved["来源"]) == (str(later), "已调整")
    at = at.button(key="rep_remind").click().run()
    assert any(s.startswith("已为 ") and "催报提醒" in s for s in _texts(at, "success"))
    digest = reporting.digest(db, now().date())
    assert {"日历调整", "催报提醒"} <= set(digest["类别"])


@pytest.mark.role("reporter")
def test_the_picker_keeps_the_item_after_its_state_word_changes(db, tmp_path, monkeypatch):
    """After a save the item's label changes (待填报 → 草稿); the picker stays on it and says 草稿, and the next
    rerun (another widget) does not send it back to the first item."""
    _bind(tmp_path, monkeypatch, "各区政府")
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    key = f"rep_{PERIOD}_task_56"
    at.selectbox(key=f"{key}_status").select("推进中")
    at = at.button(key=f"{key}_save").click().run()
    box = at.selectbox(key=f"rep_pick_{PERIOD}")
    assert " 56 · " in box.options[box.index]
    assert box.options[box.index].endswith(labels.REPORT_STATE["draft"])
    at = at.selectbox(key="rep_period").select(PERIOD).run()  # another rerun
    box = at.selectbox(key=f"rep_pick_{PERIOD}")
    assert " 56 · " in box.options[box.index]
    assert R["saved"].format(n=1) not in _texts(at, "success")  # the message was for the save, once


@pytest.mark.role("reporter")
def test_the_picker_says_which_items_are_owed_and_opens_on_the_first_one(sample_db, tmp_path, monkeypatch):
    """An item the analyst's file reported for the quarter is not 待填报 (我的待办 leaves it out); the picker opens on
    the first item the unit owes, not on item 1."""
    _bind(tmp_path, monkeypatch, "各区政府")
    at = open_app(sample_db, monkeypatch, PAGE)
    todo = at.dataframe[0].value
    box = at.selectbox(key=f"rep_pick_{PERIOD}")
    owed = {o.split(" · ")[0] for o in box.options if o.endswith((labels.TODO_STATE["overdue"],
                                                                   labels.TODO_STATE["due"]))}
    listed = {f"任务 {n}" for n, kind in zip(todo["编号"], todo["类别"], strict=True) if kind == "任务"}
    assert owed == listed
    assert any(o.endswith(R["covered"]["reported"]) for o in box.options)
    first = todo[todo["类别"] == "任务"]["编号"].iloc[0]
    assert box.options[box.index].startswith(f"任务 {first} · ")


@pytest.mark.role("reporter")
def test_a_returned_reports_reason_is_in_the_todo_list(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    reporting.verify(db, Actor("housing", "市住房建设局"), "各区政府", "task", "56", PERIOD, accept=False,
                     reason="请补充资金来源")
    at = open_app(db, monkeypatch, PAGE)
    todo = at.dataframe[0].value
    row = todo[todo["编号"] == "56"].iloc[0]
    assert (row["待办"], row["退回原因"]) == ("退回修改", "请补充资金来源")
    box = at.selectbox(key=f"rep_pick_{PERIOD}")
    assert box.options[box.index].startswith("任务 56 · ")  # the returned one opens first


@pytest.mark.role("reporter")
def test_a_submitted_red_report_asks_for_nothing_more(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")
    reporting.save(db, DISTRICTS, PERIOD, [PROMISED], submit=True)
    at = _pick(open_app(db, monkeypatch, PAGE), "56")
    assert R["locked_note"].format(state=labels.REPORT_STATE["submitted"]) in _texts(at, "info")
    assert R["red_hint"] not in _texts(at, "warning")
    assert at.text_input(key=f"rep_{PERIOD}_task_56_reason").value == "资金未到位"


@pytest.mark.role("reporter")
def test_the_import_offers_only_the_units_kinds_and_shows_no_none_row(db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "各区政府")  # leads no indicator
    at = open_app(db, monkeypatch, PAGE)
    assert at.radio(key="rep_import_kind").options == ["任务进展", "重点工程进展"]
    assert any("MB" in c.value for c in at.caption)  # the uploader's limits, in Chinese


def test_the_calendars_day_follows_the_quarter_chosen(db, monkeypatch):
    """Choosing another quarter shows that quarter's deadline (a form kept the previous one and saved it there)."""
    at = open_app(db, monkeypatch, PAGE)  # an admin
    before = periods.shift(PERIOD, -1)
    at = at.selectbox(key="rep_cal_period").select(before).run()
    assert at.date_input(key=f"rep_cal_day_{before}").value == periods.last_day(before) + dt.timedelta(days=10)


def test_the_digest_reads_times_to_the_second(db):
    reporting.remind(db, PERIOD)
    digest = reporting.digest(db, now().date())
    assert len(digest) and all(len(t) == 19 for t in digest["时间"])


@pytest.mark.role("reporter")
def test_a_typed_value_that_turns_an_indicator_red_opens_the_promise_fields(sample_db, tmp_path, monkeypatch):
    _bind(tmp_path, monkeypatch, "市住房建设局")
    at = open_app(sample_db, monkeypatch, PAGE)
    at = at.selectbox(key="rep_period").select("2026Q3").run()
    box = at.selectbox(key="rep_pick_2026Q3")
    at = box.select(next(i for i in box.options if " P12_RES_SAVING · " in i)).run()
    key = "rep_2026Q3_indicator_P12_RES_SAVING"
    assert not any(t.key == f"{key}_reason" for t in at.text_input)  # 按计划推进: no promise asked
    at = at.text_input(key=f"{key}_v_全市").input("5").run()
    assert R["indicator_status_with"].format(status=labels.STATUS["regressing"]) in _texts(at, "caption")
    assert any(t.key == f"{key}_reason" for t in at.text_input)
