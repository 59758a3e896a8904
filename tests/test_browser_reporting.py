"""The reporting cycle in headless chromium: a unit reports its own task, a 滞后 task needs a promise, the lead unit
verifies it and it counts, a returned report comes back with its reason, a broken promise shows 整改逾期, another
agency's page is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from metrics import periods
from service import reporting
from service.reporting import Actor, Entry
from tests.browser import (
    ARTIFACTS,
    DRAWN,
    MAIN,
    NAV,
    NEEDS_CHROMIUM,
    SLOW,
    app_in_chromium,
    expect,
    full_page_screenshot,
    logged_in,
    open_from_sidebar,
    wait_until_drawn,
)

pytestmark = NEEDS_CHROMIUM
PERIOD = periods.latest_closed()
# (user, password, role, agency): 市建筑工务署 assists tasks 68 and 69, which 市住房建设局 leads; 各区政府 assists
# task 62, which 市住房建设局 leads too and the sample's consolidated file leaves out of its latest quarter
USERS = (("gws", "gws-pass-123", "reporter", "市建筑工务署"), ("zjj", "zjj-pass-123", "reporter", "市住房建设局"),
         ("qzf", "qzf-pass-123", "reporter", "各区政府"), ("root", "admin-pass-1", "admin", None))
AT = dt.datetime(2026, 4, 8, 10, 0)


def _seed_broken_promise(db: Path) -> None:
    """各区政府 promised to finish task 56 by 2026Q2; the sample's 2026Q3 report still says 推进中."""
    entry = Entry("task", "56", status="滞后", note="进度偏慢", reason="资金未到位", measure="协调资金",
                  promise="2026Q2")
    assert reporting.save(db, Actor("dist", "各区政府"), "2026Q1", [entry], submit=True, at=AT).ok
    reporting.verify(db, Actor("zjj", "市住房建设局"), "各区政府", "task", "56", "2026Q1", accept=True,
                     at=AT + dt.timedelta(days=1))


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    with app_in_chromium(tmp_path_factory.mktemp("reporting"), _sample_file, USERS,
                         prepare=_seed_broken_promise) as (url, browser, _):
        yield url, browser


@pytest.fixture
def visit(app):
    url, browser = app
    contexts = []

    def open_page(user: str, password: str, path: str = ""):
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{url}/{path}")
        logged_in(page, user, password, heading="本单位填报" if path.startswith("my_reports") else "总览")
        return page

    yield open_page
    for context in contexts:
        context.close()


# the editor of the task picked (the key projects have an editor of their own below it)
TASK_EDITOR = ".st-key-rep_editor"


def _pick(page, item: str) -> None:
    page.get_by_role("combobox", name="填报事项").click()
    page.keyboard.type(item)  # a long list draws only the options in view: filter it as a user does
    page.get_by_role("option", name=item).first.click()
    # the editor's heading names the item alone (the picker and the to-do list say more)
    expect(page.locator(MAIN).get_by_text(item.split(" ·")[0], exact=True)).to_be_visible(timeout=DRAWN)
    wait_until_drawn(page)  # the previous item's fields are gone


def test_a_unit_reports_a_lagging_task_with_a_promise_and_the_lead_unit_verifies_it(visit):
    """A reporter sees only its own tasks and submits a 滞后 one only with a reason; the lead unit verifies it; the
    overview counts a verified report (an overdue task leaves its lists once its lead unit accepts a report of it)."""
    page = visit("gws", "gws-pass-123")
    open_from_sidebar(page, "本单位填报")
    main = page.locator(MAIN)
    expect(main).to_contain_text("填报单位：市建筑工务署", timeout=SLOW)
    page.get_by_role("combobox", name="填报事项").click()
    options = page.get_by_role("option")
    expect(options).to_have_count(4, timeout=DRAWN)  # its own four tasks, nobody else's
    expect(options.filter(has_text="任务 68 ·")).to_have_count(1)
    page.keyboard.press("Escape")
    _pick(page, "任务 68 ·")
    page.locator(TASK_EDITOR).get_by_role("combobox", name="状态").click()
    page.get_by_role("option", name="滞后").click()
    expect(main).to_contain_text("提交前须填写原因", timeout=DRAWN)
    page.locator(TASK_EDITOR).get_by_role("button", name="提交核查").click()
    expect(main).to_contain_text("有 3 处问题，未保存", timeout=SLOW)
    page.locator(TASK_EDITOR).get_by_label("进展说明").fill("主体结构施工中")
    page.locator(TASK_EDITOR).get_by_label("原因").fill("施工许可延后")
    page.locator(TASK_EDITOR).get_by_label("整改措施").fill("倒排工期，增加班组")
    page.locator(TASK_EDITOR).get_by_label("整改措施").press("Tab")
    page.locator(TASK_EDITOR).get_by_role("combobox", name="承诺完成季度").click()
    page.get_by_role("option", name=periods.shift(PERIOD, 1)).click()
    page.locator(TASK_EDITOR).get_by_role("button", name="提交核查").click()
    expect(main).to_contain_text("已提交 1 项，等待核查", timeout=SLOW)
    full_page_screenshot(page, ARTIFACTS / "my_reports_submitted.png")

    lead = visit("zjj", "zjj-pass-123")
    open_from_sidebar(lead, "本单位填报")
    lead_main = lead.locator(MAIN)
    expect(lead_main).to_contain_text("市建筑工务署 · 任务 68", timeout=SLOW)
    expect(lead_main).to_contain_text("施工许可延后")
    full_page_screenshot(lead, ARTIFACTS / "my_reports_verify.png")
    lead.get_by_role("button", name="核查通过").first.click()
    expect(lead_main).to_contain_text("已核查通过任务 68", timeout=SLOW)

    open_from_sidebar(lead, "重点任务")  # it counts: the task's status is the accepted report's
    lead.get_by_label("搜索").fill("68")
    lead.get_by_label("搜索").press("Enter")
    expect(lead_main.get_by_test_id("stDataFrame").first).to_contain_text("滞后2026Q3主体结构施工中", timeout=SLOW)

    # the overview counts a verified report: task 62 is overdue and its lead unit 市住房建设局 with it, until the
    # assisting unit's report of it is accepted (submitted alone, it does not count)
    district = visit("qzf", "qzf-pass-123", "my_reports")
    _pick(district, "任务 62 ·")
    district.locator(TASK_EDITOR).get_by_role("combobox", name="状态").click()
    district.get_by_role("option", name="推进中").click()
    district.locator(TASK_EDITOR).get_by_label("进展说明").fill("各区已完成项目摸底")
    district.locator(TASK_EDITOR).get_by_role("button", name="提交核查").click()
    expect(district.locator(MAIN)).to_contain_text("已提交 1 项，等待核查", timeout=SLOW)

    overdue_units = lead_main.locator("p").filter(has_text="逾期未报单位")
    overdue_tasks = lead_main.locator("li").filter(has_text="第62项")
    open_from_sidebar(lead, "总览")
    expect(overdue_units).to_contain_text("市住房建设局（1）", timeout=SLOW)
    expect(overdue_tasks).to_have_count(1)
    open_from_sidebar(lead, "本单位填报")
    expect(lead_main).to_contain_text("各区政府 · 任务 62", timeout=SLOW)
    accept = lead_main.get_by_role("button", name="核查通过")
    expect(accept).to_have_count(1)  # task 68's report is verified already
    accept.click()
    expect(lead_main).to_contain_text("已核查通过任务 62", timeout=SLOW)
    open_from_sidebar(lead, "总览")
    expect(overdue_units).to_contain_text("逾期未报单位", timeout=SLOW)
    expect(overdue_units).not_to_contain_text("市住房建设局")
    expect(overdue_tasks).to_have_count(0)


def test_a_returned_report_comes_back_with_its_reason(visit):
    page = visit("gws", "gws-pass-123", "my_reports")
    _pick(page, "任务 69 ·")
    page.locator(TASK_EDITOR).get_by_role("combobox", name="状态").click()
    page.get_by_role("option", name="推进中").click()
    page.locator(TASK_EDITOR).get_by_role("button", name="提交核查").click()
    expect(page.locator(MAIN)).to_contain_text("已提交 1 项", timeout=SLOW)

    lead = visit("zjj", "zjj-pass-123", "my_reports")
    lead.get_by_label("退回原因").first.fill("请补充本季度完成的工程量")
    lead.get_by_label("退回原因").first.press("Tab")
    lead.get_by_role("button", name="退回").first.click()
    expect(lead.locator(MAIN)).to_contain_text("已退回任务 69", timeout=SLOW)

    page.reload()
    expect(page.locator("h1").first).to_have_text("本单位填报", timeout=SLOW)
    expect(page.locator(MAIN)).to_contain_text("退回修改", timeout=SLOW)
    _pick(page, "任务 69 ·")
    expect(page.locator(MAIN)).to_contain_text("本项报告被退回：请补充本季度完成的工程量", timeout=DRAWN)


def test_the_overview_shows_a_broken_promise_and_the_overdue_agencies(visit):
    page = visit("root", "admin-pass-1")
    main = page.locator(MAIN)
    expect(main).to_contain_text("整改逾期", timeout=SLOW)
    expect(main).to_contain_text("逾期未报单位")
    table = main.get_by_test_id("stDataFrame").filter(has_text="承诺完成季度")
    expect(table).to_contain_text("各区政府", timeout=DRAWN)


def test_a_reporter_typing_another_agencys_page_or_an_analysts_page_is_refused(visit):
    page = visit("gws", "gws-pass-123", "my_reports?agency=市住房建设局")
    # says why: the account's own agency only (not "ask an admin for another role")
    expect(page.locator(MAIN)).to_contain_text("只能查看和填报本单位（市建筑工务署）的事项", timeout=SLOW)
    expect(page.get_by_role("button", name="提交核查")).to_have_count(0)
    expect(page.locator(NAV)).not_to_contain_text("数据上传")
    page.goto(page.url.split("/my_reports")[0] + "/upload")
    expect(page.locator(MAIN)).to_contain_text("无权限访问此页面", timeout=SLOW)


def test_a_units_own_file_with_another_agencys_task_is_refused_by_row(visit):
    page = visit("gws", "gws-pass-123", "my_reports")
    main = page.locator(MAIN)
    data = f"任务编号,报告期,状态,进展说明\n70,{PERIOD},推进中,按计划推进\n1,{PERIOD},推进中,代报\n".encode()
    main.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": "工务署.csv", "mimeType": "text/csv", "buffer": data})
    expect(main).to_contain_text("工务署.csv", timeout=SLOW)  # the uploader took the file
    page.get_by_role("button", name="导入为草稿").click(timeout=SLOW)
    expect(main).to_contain_text("文件有 1 处问题，未导入", timeout=SLOW)
    expect(main.get_by_test_id("stDataFrame").filter(has_text="该行不是市建筑工务署负责填报的事项")).to_have_count(
        1, timeout=DRAWN)


def test_the_picker_stays_on_a_saved_item_and_the_message_shows_beside_it(visit):
    """A save changes the item's word in the picker (→ 草稿); the browser must show the new label, and the next rerun
    (here: another widget) must not send the picker back to the first item. The message is in the item's editor,
    beside the button pressed, not at the page's head off screen."""
    page = visit("gws", "gws-pass-123", "my_reports")
    picker = page.get_by_role("combobox", name="填报事项")
    _pick(page, "任务 57 ·")
    editor = page.locator(TASK_EDITOR)
    editor.get_by_role("combobox", name="状态").click()
    page.get_by_role("option", name="推进中").click()
    editor.get_by_label("进展说明").fill("方案已报审")
    editor.get_by_role("button", name="保存草稿").click()
    expect(editor).to_contain_text("已保存 1 项草稿", timeout=SLOW)
    expect(picker).to_match_aria_snapshot('- combobox "填报事项": /任务 57 · .* — 草稿/', timeout=DRAWN)
    page.locator(MAIN).get_by_text("重点工程进展", exact=True).click()  # a rerun by another widget
    expect(page.get_by_role("radio", name="重点工程进展")).to_be_checked(timeout=DRAWN)
    wait_until_drawn(page)
    expect(picker).to_match_aria_snapshot('- combobox "填报事项": /任务 57 · .* — 草稿/', timeout=DRAWN)
    expect(editor.get_by_label("进展说明")).to_have_value("方案已报审")


def test_the_units_uploader_speaks_chinese_and_empties_after_an_import(visit):
    page = visit("gws", "gws-pass-123", "my_reports")
    main = page.locator(MAIN)
    uploader = main.get_by_test_id("stFileUploader")
    # the Chinese words are CSS content (ui/style.py): in the accessible text, not in the DOM's text
    expect(uploader).to_match_aria_snapshot('- text: /将文件拖到此处/', timeout=SLOW)
    shown = uploader.evaluate("e => e.innerText")  # what a reader sees: display:none text left out
    assert not any(english in shown for english in ("Drag and drop", "Browse files", "200MB", "Upload")), shown
    expect(main).to_contain_text("单个文件不超过")
    data = f"任务编号,报告期,状态,进展说明\n70,{PERIOD},推进中,按计划推进\n".encode()
    uploader.locator("input[type='file']").set_input_files({"name": "工务署70.csv", "mimeType": "text/csv",
                                                          "buffer": data})
    expect(main).to_contain_text("工务署70.csv", timeout=SLOW)
    page.get_by_role("button", name="导入为草稿").click(timeout=SLOW)
    expect(main).to_contain_text("已导入 1 项草稿", timeout=SLOW)
    expect(main).not_to_contain_text("工务署70.csv", timeout=DRAWN)  # a second press cannot import it again
    expect(page.get_by_role("button", name="导入为草稿")).to_have_count(0)
