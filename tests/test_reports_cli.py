"""Command line of agencies' reports: reporter accounts, calendar, todo --json, remind and digest."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

import manage
from service import reporting, sample_reports
from service.reporting import Actor, Entry


@pytest.fixture
def accounts_file(tmp_path, monkeypatch):
    path = tmp_path / "accounts.yaml"
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(path))
    return path


def _run(db, *args):
    return CliRunner().invoke(manage.cli, ["--db", str(db), *args])


def test_a_reporter_account_is_bound_to_the_canonical_agency(db, accounts_file):
    result = _run(db, "account", "zjj", "--role", "reporter", "--agency", "各区人民政府", "--password", "secret-123")
    assert result.exit_code == 0, result.output
    assert result.output == "已创建账户 zjj（reporter，各区政府）。\n"
    saved = yaml.safe_load(accounts_file.read_text(encoding="utf-8"))["credentials"]["usernames"]["zjj"]
    assert saved["agency"] == "各区政府" and saved["roles"] == ["reporter"]


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "reporter"], "填报单位账户须绑定一个单位"),
    (["--role", "reporter", "--agency", "市不存在局"], "没有名为“市不存在局”的单位"),
    (["--role", "viewer", "--agency", "市住房建设局"], "只有填报单位账户"),
])
def test_reporter_accounts_are_refused_without_a_known_agency(db, accounts_file, args, message):
    result = _run(db, "account", "x", *args, "--password", "secret-123")
    assert result.exit_code == 1
    assert message in result.output
    assert not accounts_file.exists()


def test_calendar_lists_default_deadlines_and_sets_one(db):
    result = _run(db, "calendar", "--set", "2026Q4=2027-01-20", "--user", "admin")
    assert result.exit_code == 0, result.output
    assert "2026Q3\t2026-10-10\t默认" in result.output
    assert "2026Q4\t2027-01-20\t已调整" in result.output
    assert _run(db, "calendar", "--set", "2026Q4=2026-12-01").exit_code == 1
    assert "格式不对" in _run(db, "calendar", "--set", "2026Q4:2027-01-01").output


def test_todo_json_on_the_sample_data(sample_db):
    sample_reports.load(sample_db)
    result = _run(sample_db, "todo", "--agency", "市住房建设局", "--as-of", "2026Q3", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert items, "the housing bureau owes its 2026Q3 reports"
    for item in items:
        assert sum(k in item for k in ("task_no", "project_no", "code")) == 1
        assert item["period"] == "2026Q3"
        assert item["state"] in {"due", "overdue", "returned", "verify"}
        assert item["deadline"] == "2026-10-10"
    # the analyst's 2026Q3 files reported its indicators, its key projects and all its tasks but one
    assert [(i.get("task_no"), i["state"]) for i in items if i["state"] != "verify"] == [(62, "overdue")]
    assert {"task_no": 56, "period": "2026Q3", "state": "verify", "agency": "各区政府"}.items() <= next(
        i for i in items if i["state"] == "verify").items()


def test_todo_json_names_tasks_indicators_and_projects_by_their_numbers(db):
    result = _run(db, "todo", "--agency", "市住房建设局", "--as-of", "2026Q3", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert any(i.get("code") == "P15_PREFAB" for i in items)  # an indicator it leads
    assert any(isinstance(i.get("task_no"), int) for i in items)
    assert any(isinstance(i.get("project_no"), int) for i in items)  # the key projects it is responsible for
    for item in items:
        assert sum(k in item for k in ("task_no", "project_no", "code")) == 1


def test_todo_refuses_an_unknown_agency(db):
    result = _run(db, "todo", "--agency", "市不存在局")
    assert result.exit_code == 1
    assert "没有名为“市不存在局”的单位" in result.output


def test_remind_and_digest_export_the_outbox(db, tmp_path):
    reporting.save(db, Actor("dist", "各区政府"), "2026Q3", [Entry("task", "56", status="推进中")], submit=True)
    assert "个单位生成催报提醒" in _run(db, "remind", "--as-of", "2026Q3").output
    printed = json.loads(_run(db, "digest", "--json").output)
    assert {"市住房建设局"} <= {m["recipient"] for m in printed}
    assert any("提交了任务 56" in m["subject"] for m in printed)
    out = tmp_path / "digest.csv"
    result = _run(db, "digest", "--out", str(out))
    assert result.exit_code == 0 and out.read_text(encoding="utf-8-sig").startswith("通知编号,时间,收件单位")
