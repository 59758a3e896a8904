"""重点工程 under AppTest: the 25 projects, their latest state, overdue units, filters and one project's history."""

from __future__ import annotations

from presentation import labels
from tests.helpers import open_app

PAGE = "pages/projects.py"
C = labels.COLUMNS


def _table(at, index: int = 0):
    return at.dataframe[index].value


def test_the_page_lists_all_25_projects_with_latest_state_progress_units_and_indicators(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, PAGE)
    assert at.title[0].value == labels.PAGES["projects"]
    assert "数据截至 2026Q3" in at.caption[0].value
    table = _table(at)
    assert len(table) == 25 and table[C["no"]].tolist() == list(range(1, 26))
    row = table.set_index(C["no"])
    assert row.at[3, C["task_status"]] == "滞后" and row.at[3, C["image_progress"]] == 45.0
    assert row.at[2, C["task_status"]] == "已完成" and row.at[2, C["image_progress"]] == 100.0
    assert row.at[20, C["task_status"]] == "逾期未报 · 推进中" and row.at[20, C["period"]] == "2026Q2"
    assert row.at[21, C["task_status"]] == "未启动"
    # the lead (or jointly responsible) units, shortened; every unit by role and the linked indicators are in the
    # detail, so that the table fits beside the sidebar of a 1366-px screen
    assert row.at[12, C["lead_or_joint"]] == "市住房建设局"
    assert row.at[20, C["lead_or_joint"]] == "市发展改革委等 4 家"
    assert [m.label for m in at.metric] == ["已完成", "推进中", "滞后", "未启动", "逾期未报", "从未报送"]
    assert [m.value for m in at.metric] == ["8 项", "12 项", "4 项", "1 项", "2 项", "0 项"]


def test_overdue_projects_are_listed_per_responsible_unit(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, PAGE)
    overdue = _table(at, 1).set_index(C["agency"])
    assert overdue.at["市交通运输局", C["overdue_projects"]] == "工程（20）"
    assert overdue.at["市发展改革委", C["overdue_projects"]] == "工程（20）、工程（25）"
    assert set(overdue[C["role"]]) <= {"牵头", "按职责分工负责"}


def test_filters_by_sector_agency_and_status(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, PAGE)
    at.multiselect[0].set_value(["建筑业"]).run()
    assert _table(at)[C["no"]].tolist() == [12, 13, 14, 15, 16, 17]
    at.multiselect[1].set_value(["lagging"]).run()
    assert _table(at)[C["no"]].tolist() == [13]
    at.multiselect[0].set_value([]).run()
    at.multiselect[1].set_value(["overdue"]).run()
    assert _table(at)[C["no"]].tolist() == [20, 25]
    at.multiselect[1].set_value([]).run()
    at.selectbox[-2].set_value("市水务局").run()
    assert _table(at)[C["no"]].tolist() == [6]


def test_a_project_shows_its_indicator_and_its_quarterly_history_newest_first(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, PAGE)
    at.selectbox[-1].set_value(17).run()
    assert not at.exception
    assert at.subheader[-1].value == labels.PROJECT_TITLE.format(no=17, name="建筑垃圾资源化利用工程")
    linked = at.dataframe[2].value
    assert linked[C["code"]].tolist() == ["P17_CW_RECYCLING"]
    history = at.dataframe[3].value
    assert len(history) == 15 and history[C["period"]].iloc[0] == "2026Q3" and history[C["period"]].iloc[-1] == "2023Q1"
    assert history[C["image_progress"]].is_monotonic_decreasing


def test_a_project_without_an_indicator_says_so(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, PAGE)
    at.selectbox[-1].set_value(21).run()
    assert labels.PROJECTS["no_linked"] in [c.value for c in at.caption]


def test_the_page_renders_on_an_empty_database(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)
    assert not at.exception and not at.warning


def test_the_overview_lists_lagging_and_overdue_projects_beside_the_overdue_tasks(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    line = next(m.value for m in at.markdown if labels.OVERVIEW["attention_projects"].format(n=6) in m.value)
    assert "重点工程（3）实施重点行业清洁生产改造工程（滞后）" in line
    assert "重点工程（20）交通领域清洁生产标杆创建工程（逾期未报 · 推进中）" in line


def test_the_agencies_page_counts_projects_in_its_ranking_and_scorecard(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/agencies.py")
    ranking = at.dataframe[0].value.set_index(C["agency"])
    assert ranking.at["市交通运输局", C["n_held_projects"]] == 3  # leads 18 and 19, jointly responsible for 20
    at.selectbox[-1].set_value("市交通运输局").run()
    held = at.dataframe[-1].value
    assert held[C["no"]].tolist() == [17, 18, 19, 20]  # assists 17
    assert held[C["task_status"]].tolist() == ["推进中", "滞后", "已完成", "逾期未报 · 推进中"]


def test_the_sectors_page_counts_projects_and_shows_their_latest_state(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/sectors.py")
    summary = at.dataframe[0].value.set_index(C["sector"])
    assert summary[C["n_projects"]].sum() == 25
    assert summary.at["建筑业", C["n_projects"]] == 6 and summary.at["建筑业", C["n_lagging_projects"]] == 1
    assert summary.at["交通运输", C["n_overdue_projects"]] == 1
    projects = next(d.value for d in at.dataframe if C["image_progress"] in d.value.columns)
    assert projects[C["no"]].tolist() == [1, 2, 3, 4]  # the first sector, 工业
    assert projects[C["task_status"]].tolist() == ["推进中", "已完成", "滞后", "已完成"]
