"""The agency corpus through the command line into a real DuckDB file: a refused file leaves `export` byte-identical,
a landed one adds exactly its intended values and nothing else."""

from __future__ import annotations

import pytest

from tests.corpus.cases import CASES, Land, Refuse
from tests.helpers import ROOT, exported_rows, run, snapshot

DIR = ROOT / "tests" / "files" / "workbooks"
ACTUALS = [c for c in CASES if not c.hostile and c.kind == "actuals" and isinstance(c.expect, Land | Refuse)]


def _ingest(db, case):
    args = ["ingest", str(DIR / case.file), "--kind", case.kind, "--user", "张敏", "--confirm-unusual"]
    return run(db, *args, *(["--sheet", case.sheet] if case.sheet else []))


@pytest.mark.parametrize("case", [c for c in ACTUALS if isinstance(c.expect, Refuse)], ids=lambda c: c.file)
def test_a_refused_workbook_leaves_the_store_byte_identical(db, tmp_path, case):
    before = snapshot(db, tmp_path / "before")
    result = _ingest(db, case)
    assert result.exit_code == 1, result.output
    assert "未写入任何数据" in result.output and "Traceback" not in result.output
    assert snapshot(db, tmp_path / "after") == before


@pytest.mark.parametrize("case", [c for c in ACTUALS if isinstance(c.expect, Land)], ids=lambda c: c.file)
def test_a_landed_workbook_adds_exactly_its_values(db, tmp_path, case):
    result = _ingest(db, case)
    assert result.exit_code == 0, result.output
    landed = sorted((r["code"], r["period"], r["district"], float(r["value"]))
                    for r in exported_rows(db, tmp_path / "out", "actuals.csv"))
    wanted = sorted((code, period, district, float(value)) for _, code, period, district, value, _ in case.expect.rows)
    assert len(landed) == len(wanted)
    for got, want in zip(landed, wanted, strict=True):
        assert got[:3] == want[:3]
        assert got[3] == pytest.approx(want[3], abs=1e-9)
