"""The command line: init and export (the catalog contract), clean refusals, help, status, uploads, rollback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import manage
from store import db as store_db
from store.schema import SCHEMA_VERSION
from tests.helpers import ROOT, run, snapshot

CATALOG = Path(__file__).parents[1] / "data" / "catalog"



def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)



# --- init and export: the catalog contract (issue 3) ---------------------------------------------------------

EXPORT_COLUMNS = {
    "tasks.csv": ["task_no", "part_no", "area_no", "group_no", "group_name", "text", "lead", "assist", "joint"],
    "projects.csv": ["project_no", "category_no", "category_name", "name", "text", "lead", "assist", "joint"],
    "agencies.csv": ["name", "kind", "aliases"],
    "indicators.csv": ["code", "name", "unit", "direction", "project_no", "sector", "lead", "baseline_value",
                       "baseline_period", "min_value", "max_value"],
    "targets.csv": ["code", "target_year", "district", "target_value"],
    "indicator_tasks.csv": ["code", "task_no"],
    "actuals.csv": ["code", "period", "district", "value", "upload_id"],
    "task_status.csv": ["task_no", "period", "status", "note", "unit", "upload_id"],
    "project_status.csv": ["project_no", "period", "status", "note", "unit", "progress_pct", "investment",
                           "upload_id"],
    "uploads.csv": ["upload_id", "kind", "file_name", "sha256", "user", "uploaded_at", "rows_added",
                    "rows_revised", "rows_unchanged", "state"],
    "indicator_status.csv": ["code", "district", "target_year", "target_value", "latest_period", "latest_value",
                             "judged_period", "judged_value", "progress_pct", "expected_pct", "lag_pp", "gap",
                             "projected_value", "projection_bound", "status", "required_rate", "recent_rate",
                             "attainment_period", "status_cagr", "contested"],
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """init then export on a new file, once for the module (the tests only read the files)."""
    tmp_path = tmp_path_factory.mktemp("exported")
    db, out = tmp_path / "x.duckdb", tmp_path / "out"
    result = run(db, "init")
    assert result.exit_code == 0, result.output
    assert result.output == f"数据库已就绪：{db}（结构版本 {SCHEMA_VERSION}，目录 loaded）\n"
    result = run(db, "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"已导出 11 个文件到 {out}\n"
    return out


def test_export_writes_every_file_with_exactly_its_columns(exported):
    assert sorted(p.name for p in exported.iterdir()) == sorted(EXPORT_COLUMNS)
    for name, columns in EXPORT_COLUMNS.items():
        header, _ = read_csv(exported / name)
        assert header == columns, name


def test_export_has_140_tasks_in_order_with_numbers_for_part_area_group(exported):
    _, tasks = read_csv(exported / "tasks.csv")
    assert [int(t["task_no"]) for t in tasks] == list(range(1, 141))
    first, last = tasks[0], tasks[-1]
    assert (first["part_no"], first["area_no"], first["group_no"]) == ("1", "1", "1")
    assert first["group_name"] == "加快构建绿色制造体系"
    assert first["joint"] == "市发展改革委、市生态环境局、市工业和信息化局、各区政府"
    assert (last["part_no"], last["group_no"]) == ("4", "32")
    assert all(t["text"] for t in tasks)


def test_export_has_25_projects(exported):
    _, projects = read_csv(exported / "projects.csv")
    assert [int(p["project_no"]) for p in projects] == list(range(1, 26))
    assert {p["category_no"] for p in projects} == {str(n) for n in range(1, 8)}
    assert projects[1]["name"] == "绿色制造体系建设工程"
    assert projects[1]["lead"] == "市工业和信息化局"


def test_export_lists_every_agency_once_and_every_named_unit_is_one_of_them(exported):
    _, agencies = read_csv(exported / "agencies.csv")
    names = [a["name"] for a in agencies]
    assert len(names) == len(set(names))
    _, catalog_agencies = read_csv(CATALOG / "agencies.csv")
    assert set(names) == {a["name"] for a in catalog_agencies}
    named = set()
    for file in ("tasks.csv", "projects.csv"):
        for row in read_csv(exported / file)[1]:
            for role in ("lead", "assist", "joint"):
                named |= {n for n in row[role].split("、") if n}
    assert named <= set(names)
    by_name = {a["name"]: a for a in agencies}
    assert by_name["各区政府"]["aliases"] == "各区人民政府"


def test_export_indicators_and_targets_with_pending_targets_left_empty(exported):
    _, indicators = read_csv(exported / "indicators.csv")
    assert len(indicators) == 13
    assert {i["direction"] for i in indicators} == {"increase", "decrease"}
    plastic = next(i for i in indicators if i["code"] == "P11_EXPRESS_PLASTIC")
    assert (plastic["unit"], plastic["direction"], plastic["project_no"], plastic["sector"]) == (
        "%", "decrease", "11", "服务业")
    bounds = {i["code"]: (i["min_value"], i["max_value"]) for i in indicators}
    assert bounds["P11_EXPRESS_PLASTIC"] == ("0", "100")  # a share
    assert bounds["P06_IRRIGATION"] == ("0", "1")         # a coefficient
    assert bounds["P02_GREEN_MFG"] == ("0", "")           # a count: no upper bound
    _, targets = read_csv(exported / "targets.csv")
    got = {(t["code"], t["target_year"]): t["target_value"] for t in targets}
    assert got[("P17_CW_RECYCLING", "2025")] == "90"
    assert got[("P02_GREEN_MFG", "2025")] == "140"
    assert got[("P06_IRRIGATION", "2025")] == ""  # 达到省要求: pending
    assert got[("P04_CP_AUDIT", "2025")] == ""  # 完成省下达任务目标: pending
    assert len(targets) == 13


def test_export_of_a_new_database_has_links_and_no_values(exported):
    _, links = read_csv(exported / "indicator_tasks.csv")
    assert {link["code"] for link in links} == {i["code"] for i in read_csv(exported / "indicators.csv")[1]}
    for name in ("actuals.csv", "task_status.csv", "uploads.csv"):
        assert read_csv(exported / name)[1] == [], name


def test_init_twice_changes_nothing(tmp_path):
    db = tmp_path / "x.duckdb"
    assert run(db, "init").exit_code == 0
    before = snapshot(db, tmp_path / "before")
    result = run(db, "init")
    assert result.exit_code == 0
    assert result.output == f"数据库已就绪：{db}（结构版本 {SCHEMA_VERSION}，目录 unchanged）\n"
    assert snapshot(db, tmp_path / "after") == before


def test_init_on_sample_data_keeps_every_upload(sample_db, tmp_path):
    before = snapshot(sample_db, tmp_path / "before")
    assert run(sample_db, "init").exit_code == 0
    assert snapshot(sample_db, tmp_path / "after") == before


NOT_DUCKDB = "不是 DuckDB 数据库文件。请指定正确的数据库文件（--db），或换一个新路径后运行 init 创建。"


@pytest.mark.parametrize("command", [["init"], ["export", "--out", "OUT"], ["uploads"], ["status"]])
def test_a_corrupt_file_is_refused_cleanly(tmp_path, command):
    db = tmp_path / "junk.duckdb"
    db.write_bytes(os.urandom(20_000))
    before = db.read_bytes()
    result = run(db, *[str(tmp_path / "out") if a == "OUT" else a for a in command])
    assert result.exit_code == 1
    assert result.output == f"Error: 文件 {db} {NOT_DUCKDB}\n"
    assert db.read_bytes() == before
    assert not (tmp_path / "out").exists()


DAMAGED = "已损坏或不完整"


@pytest.mark.parametrize("keep_bytes", [4096, 300_000])
@pytest.mark.parametrize("command", [["export", "--out", "OUT"], ["status", "--json"], ["init"]])
def test_a_truncated_database_is_refused_cleanly(db, tmp_path, keep_bytes, command):
    db.write_bytes(db.read_bytes()[:keep_bytes])  # e.g. a copy cut short
    result = run(db, *[str(tmp_path / "out") if a == "OUT" else a for a in command])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 数据库文件 {db} {DAMAGED}（")
    assert result.output.endswith("）。请从备份恢复，或换一个新路径后运行 init 创建。\n")
    assert not (tmp_path / "out").exists()


def test_a_database_with_a_damaged_block_is_refused_cleanly(sample_db, tmp_path):
    data = bytearray(sample_db.read_bytes())
    data[300_000:900_000] = bytes(range(256)) * (600_000 // 256) + bytes(600_000 % 256)
    sample_db.write_bytes(bytes(data))
    result = run(sample_db, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 数据库文件 {sample_db} {DAMAGED}（Corrupt database file")


def test_an_older_database_is_refused_until_init_upgrades_it(db, tmp_path):
    with store_db.connect(db) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    result = run(db, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"Error: 数据库 {db} 版本较旧，请先运行：python manage.py --db {db} init 以升级。\n"
    result = run(db, "init")
    assert result.output == f"数据库已就绪：{db}（结构版本 {SCHEMA_VERSION}，目录 unchanged）\n"
    assert run(db, "export", "--out", str(tmp_path / "out")).exit_code == 0


def test_init_upgrades_a_version_2_file_and_keeps_its_data(sample_db, tmp_path):
    """A file from before kept snapshots (v2, with the actuals_key index) upgrades in place, values intact."""
    before = snapshot(sample_db, tmp_path / "before")
    with store_db.connect(sample_db) as con:
        con.execute("CREATE INDEX actuals_key ON actuals (code, district, period)")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    result = run(sample_db, "init")
    assert result.output == f"数据库已就绪：{sample_db}（结构版本 {SCHEMA_VERSION}，目录 unchanged）\n"
    with store_db.connect(sample_db) as con:
        assert con.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'actuals'").fetchall() == []
        assert "snapshot_cache" not in {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert snapshot(sample_db, tmp_path / "after") == before


@pytest.fixture
def foreign_db(tmp_path) -> Path:
    db = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE orders (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO orders VALUES (1, 9.5)")
    con.close()
    return db


def test_init_refuses_to_build_inside_a_foreign_duckdb_file(foreign_db):
    result = run(foreign_db, "init")
    assert result.exit_code == 1
    assert result.output == f"Error: {foreign_db} 已包含其他数据（不是本系统的数据库），拒绝在其中建表。请换一个 --db 路径。\n"
    con = duckdb.connect(str(foreign_db), read_only=True)
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("orders",)]
    con.close()


def test_export_refuses_a_foreign_duckdb_file(foreign_db, tmp_path):
    result = run(foreign_db, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == (f"Error: {foreign_db} 不是本系统的数据库（缺少 meta 表）。"
                             "请运行 init 创建新库，或指定正确的 --db。\n")
    assert not (tmp_path / "out").exists()


def test_export_of_a_missing_database_says_to_run_init(tmp_path):
    db = tmp_path / "missing.duckdb"
    result = run(db, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"Error: 数据库 {db} 不存在。请先运行：python manage.py --db {db} init\n"
    assert not db.exists()


def test_every_command_has_help_text_with_an_example():
    runner = CliRunner()
    result = runner.invoke(manage.cli, ["--help"])
    assert result.exit_code == 0
    for name, command in manage.cli.commands.items():
        assert name in result.output
        assert command.help and "Example: python manage.py" in command.help, name
        sub = runner.invoke(manage.cli, [name, "--help"])
        assert sub.exit_code == 0, name
        assert "Example: python manage.py" in sub.output, name


def test_connections_never_print_a_progress_bar_into_command_output(db):
    # DuckDB prints a progress bar to stdout on slow queries; it would corrupt `status --json` and tables.
    with store_db.connect(db) as con:
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchall() == [(False,)]


def test_db_defaults_to_the_environment_variable(tmp_path, monkeypatch):
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("CLEANPROD_DB", str(db))
    result = CliRunner().invoke(manage.cli, ["init"])
    assert result.exit_code == 0
    assert result.output == f"数据库已就绪：{db}（结构版本 {SCHEMA_VERSION}，目录 loaded）\n"


# --- status (the contract that automation relies on) ----------------------------------------------------------

STATUS_KEYS = EXPORT_COLUMNS["indicator_status.csv"]


def status_json(db: Path, *args: str) -> list[dict]:
    result = run(db, "status", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_status_json_on_sample_data_judges_every_indicator(sample_db):
    records = status_json(sample_db)
    assert all(list(r) == STATUS_KEYS for r in records)
    _, indicators = read_csv(CATALOG / "indicators.csv")
    assert {r["code"] for r in records} == {i["code"] for i in indicators}
    assert all(r["status"] for r in records)
    due = {r["code"]: r["status"] for r in records if r["target_year"] == 2025}
    assert due.pop("P06_IRRIGATION") == "target_pending"
    assert set(due.values()) <= {"achieved", "missed"}
    assert due == {
        "P02_GREEN_MFG": "achieved", "P04_CP_AUDIT": "achieved", "P11_EXPRESS_PLASTIC": "missed",
        "P14_PV_STORAGE": "missed", "P15_PREFAB": "achieved", "P17_CW_RECYCLING": "missed",
        "P18_SEA_RAIL": "missed", "P18_WATER_TRANSSHIP": "achieved", "P19_HW_FAST_CHARGE": "achieved",
        "P19_SHORE_POWER": "achieved",
    }
    latest = {r["latest_period"] for r in records}
    assert latest == {"2026Q3"}  # 最新值 is always the newest value, also on an expired target's row
    judged = {r["judged_period"] for r in records if r["target_year"] == 2025}
    assert judged == {"2025Q4"}  # an expired target is judged on its year's last value
    audit = next(r for r in records if r["code"] == "P04_CP_AUDIT")
    assert (audit["latest_value"], audit["judged_value"], audit["gap"]) == (455, 402, -2)
    assert {r["district"] for r in records} == {"全市"}


def test_status_by_district_gives_district_rows_without_a_verdict(sample_db):
    """The sample has no district targets: every district row is not_judged, with its values and no progress."""
    records = status_json(sample_db, "--district", "all")
    assert all(list(r) == STATUS_KEYS for r in records)
    districts = [r for r in records if r["district"] != "全市"]
    assert {r["district"] for r in districts} >= {"南山区", "福田区"}
    assert {r["status"] for r in districts} == {"not_judged"}
    assert all(r["progress_pct"] is None and r["gap"] is None for r in districts)
    nanshan = next(r for r in districts if r["code"] == "P02_GREEN_MFG" and r["district"] == "南山区")
    assert nanshan["latest_period"] == "2026Q3" and nanshan["target_value"] is None
    city = status_json(sample_db)
    assert [r for r in records if r["district"] == "全市"] == city
    assert status_json(sample_db, "--district", "南山区") == [r for r in records if r["district"] == "南山区"]


def test_status_refuses_an_unknown_district_cleanly(sample_db):
    result = CliRunner().invoke(manage.cli, ["--db", str(sample_db), "status", "--district", "火星区"])
    assert result.exit_code == 1 and "没有名为“火星区”的区" in result.output


def test_status_as_of_an_earlier_quarter_uses_only_values_up_to_it(sample_db):
    records = status_json(sample_db, "--as-of", "2024Q4")
    assert {r["latest_period"] for r in records if r["latest_period"]} == {"2024Q4"}
    assert "missed" not in {r["status"] for r in records}  # no 2025 target is due in 2024
    green = next(r for r in records if r["code"] == "P02_GREEN_MFG" and r["target_year"] == 2025)
    assert green["latest_value"] == 123.0


def exported_targets(db: Path) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as out:
        snapshot(db, Path(out))
        return read_csv(Path(out) / "targets.csv")[1]


def test_status_table_is_csv_with_the_same_columns(sample_db):
    result = run(sample_db, "status")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == STATUS_KEYS
    assert len(rows) - 1 == len(status_json(sample_db))
    # Numbers as the targets file writes them: 140, not 140.0.
    table = {(r[0], r[1]): dict(zip(STATUS_KEYS, r, strict=True)) for r in rows[1:]}
    targets = {(r["code"], r["target_year"]): r["target_value"] for r in exported_targets(sample_db)}
    for key, target in targets.items():
        if key in table:
            assert table[key]["target_value"] == target
    assert not any(v.endswith(".0") for r in rows[1:] for v in r)


@pytest.mark.parametrize("period", ["2024Q9", "2024-13", "abc", "2024Q0", "24Q1"])
def test_status_refuses_a_bad_period_cleanly(sample_db, period):
    result = run(sample_db, "status", "--as-of", period)
    assert result.exit_code == 1
    assert result.output == f"Error: 报告期 {period} 格式不对，请写成 2026Q3 这样的季度（年份 + Q + 1–4）。\n"


def test_status_of_a_new_database_is_no_data_or_pending(db):
    statuses = {r["status"] for r in status_json(db)}
    assert statuses <= {"no_data", "target_pending"}


# --- uploads, rollback and sample data from the command line --------------------------------------------------

def test_uploads_on_a_new_database_says_there_are_none(db):
    result = run(db, "uploads")
    assert result.exit_code == 0
    assert result.output == "还没有任何上传。\n"


def test_uploads_lists_the_sample_uploads_newest_first(sample_db):
    result = run(sample_db, "uploads")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["upload_id", "kind", "file_name"]
    assert lines[1].split()[:3] == ["47", "actuals", "actuals_2026Q3.xlsx"]
    assert lines[2].split()[:3] == ["46", "project-status", "project_status_2026Q3.csv"]
    assert lines[3].split()[:3] == ["45", "task-status", "task_status_2026Q3.csv"]
    assert len(lines) == 48
    assert "rolled_back" in next(line for line in lines if "actuals_2026Q2_wrong.csv" in line)


def test_rollback_of_an_unknown_upload_is_refused(sample_db):
    result = run(sample_db, "rollback", "999")
    assert result.exit_code == 1
    assert result.output == "Error: 没有编号为 999 的上传。请用 uploads 命令查看上传记录。\n"


def test_rollback_twice_is_refused_and_changes_nothing(sample_db, tmp_path):
    result = run(sample_db, "rollback", "31")
    assert result.exit_code == 0
    assert result.output == "已回滚第 31 号上传。\n"
    before = snapshot(sample_db, tmp_path / "before")
    result = run(sample_db, "rollback", "31")
    assert result.exit_code == 1
    assert result.output.startswith("Error: 第 31 号上传已于 ")
    assert result.output.endswith(" 回滚，无需重复操作。\n")
    assert snapshot(sample_db, tmp_path / "after") == before


def test_rolled_back_sample_upload_is_refused_again(sample_db):
    result = run(sample_db, "rollback", "42")  # actuals_2026Q2_wrong.csv, rolled back in the sample
    assert result.exit_code == 1
    assert result.output == "Error: 第 42 号上传已于 2026-07-14 16:45 回滚，无需重复操作。\n"


def test_remove_sample_deletes_every_sample_upload_and_value(sample_db, tmp_path):
    result = run(sample_db, "remove-sample")
    assert result.exit_code == 0
    assert result.output == "已删除 47 个示例上传。\n"
    out = tmp_path / "out"
    snapshot(sample_db, out)
    for name in ("actuals.csv", "task_status.csv", "uploads.csv"):
        assert read_csv(out / name)[1] == [], name
    _, targets = read_csv(out / "targets.csv")
    assert {(t["code"], t["target_year"]) for t in targets} == {
        (t["code"], t["target_year"]) for t in read_csv(CATALOG / "targets.csv")[1]}
    assert run(sample_db, "remove-sample").output == "已删除 0 个示例上传。\n"


def test_load_sample_if_empty_skips_a_database_with_uploads(sample_db, tmp_path):
    before = snapshot(sample_db, tmp_path / "before")
    result = run(sample_db, "load-sample", "--if-empty")
    assert result.exit_code == 0
    assert result.output == "数据库已有上传，未载入示例数据。\n"
    assert snapshot(sample_db, tmp_path / "after") == before


# --- a newer database, and the command line in Chinese (issue 15) ---------------------------------------------

NEWER = "由更新的版本创建，请升级本软件"


@pytest.mark.parametrize("command", [["init"], ["status"], ["export", "--out", "OUT"]])
def test_a_database_of_a_newer_schema_is_refused_and_keeps_its_version(db, tmp_path, command):
    with store_db.connect(db) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    result = run(db, *[str(tmp_path / "out") if a == "OUT" else a for a in command])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 数据库 {db} {NEWER}（该库结构版本 {SCHEMA_VERSION + 1}")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION + 1)
    con.close()
    assert not (tmp_path / "out").exists()


def test_a_schema_version_that_is_not_a_number_is_refused_cleanly(db):
    with store_db.connect(db) as con:
        con.execute("UPDATE meta SET value = 'v9' WHERE key = 'schema_version'")
    result = run(db, "init")
    assert result.exit_code == 1 and result.output.startswith("Error: 数据库记录的结构版本“v9”无法识别")


REVISION = "指标代码,报告期,区,数值\nP17_CW_RECYCLING,2026Q3,福田区,91\nP17_CW_RECYCLING,2025Q4,全市,93\n"


def test_dry_run_shows_the_revised_rows_under_chinese_headers(sample_db, tmp_path):
    file = tmp_path / "revise.csv"
    file.write_text(REVISION, encoding="utf-8")
    result = run(sample_db, "ingest", str(file), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "预览（未写入）：新增 0 行，修订 2 行，未变 0 行"
    assert lines[1].split() == ["行号", "指标代码", "指标名称", "报告期", "区", "单位", "原数值", "新数值", "变化",
                                "备注"]
    assert lines[2].split() == ["2", "P17_CW_RECYCLING", "建筑垃圾综合利用率", "2026Q3", "福田区", "%", "89.7",
                                "91.0", "1.3"]
    assert "<NA>" not in result.output and "NaN" not in result.output


def test_a_whole_file_refusal_prints_a_blank_row_number_not_na(db, tmp_path):
    file = tmp_path / "not_excel.xlsx"
    file.write_bytes(b"garbage")
    result = run(db, "ingest", str(file), "--dry-run")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1].split() == ["行号", "列", "值", "问题", "修改建议"]
    assert lines[2].startswith(" ") and "<NA>" not in result.output


def test_no_command_prints_streamlit_bare_mode_warnings(tmp_path):
    """Streamlit, imported on the accounts commands' path, warns on each call outside a running app."""
    env = {**os.environ, "CLEANPROD_ACCOUNTS": str(tmp_path / "accounts.yaml")}
    calls = ("import manage, streamlit as st\n"
             "from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx\n"
             "get_script_run_ctx(); st.session_state.get('x'); st.cache_data(lambda: 1)(); st.write('x')\n")
    done = subprocess.run([sys.executable, "-c", calls], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    done = subprocess.run([sys.executable, "manage.py", "public-mode", "off"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0 and "ScriptRunContext" not in done.stderr, done.stderr
