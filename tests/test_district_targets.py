"""A district's own target (issue 14): uploaded through the targets kind, it turns that district from 未设分区目标
into a judged row; the city's target and the other districts are untouched; a rollback takes it back."""

from __future__ import annotations

import json

from tests.helpers import run, upload_history


def _rows(db, district: str) -> list[dict]:
    result = run(db, "status", "--district", district, "--json")
    assert result.exit_code == 0, result.output
    return [r for r in json.loads(result.output) if r["code"] == "P02_GREEN_MFG" and r["target_year"] == 2030]


def test_a_districts_own_target_is_judged_and_a_rollback_takes_it_back(sample_db, tmp_path):
    assert _rows(sample_db, "南山区")[0]["status"] == "not_judged"
    city = _rows(sample_db, "全市")[0]
    file = tmp_path / "南山区目标.csv"
    file.write_text("指标代码,目标年份,区,目标值\nP02_GREEN_MFG,2030,南山区,40\n", encoding="utf-8")
    result = run(sample_db, "ingest", str(file), "--kind", "targets", "--user", "管理员")
    assert result.exit_code == 0, result.output
    nanshan = _rows(sample_db, "南山区")[0]
    assert nanshan["status"] != "not_judged" and nanshan["target_value"] == 40
    assert _rows(sample_db, "全市")[0]["target_value"] == city["target_value"]
    assert _rows(sample_db, "福田区")[0]["status"] == "not_judged"
    run(sample_db, "rollback", str(int(upload_history(sample_db)["upload_id"].iloc[0])))
    assert _rows(sample_db, "南山区")[0]["status"] == "not_judged"
