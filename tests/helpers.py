"""Helpers shared by the tests: the CLI in-process, the export as bytes, a small catalog, the dashboard under AppTest
(browser tests have theirs in tests/browser.py, fixtures are in tests/conftest.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

import manage

ROOT = Path(__file__).resolve().parents[1]

# Four indicators of the plan, one per unit rule: %, 家 (whole numbers), no unit, % again.
INDICATORS = pd.DataFrame(
    {
        "code": ["P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL"],
        "name": [
            "建筑垃圾综合利用率",
            "累计创建绿色制造示范单位数",
            "农田灌溉水有效利用系数",
            "海铁联运占比",
        ],
        "unit": ["%", "家", "", "%"],
    }
)


def run(db: Path, *args: str):
    """`python manage.py --db DB ARGS…` in-process; exceptions propagate (a crash is not a refusal)."""
    return CliRunner().invoke(manage.cli, ["--db", str(db), *args], catch_exceptions=False)


def snapshot(db: Path, out: Path) -> dict[str, bytes]:
    """Every file `export` writes, by name: equal snapshots mean nothing in the store changed."""
    result = run(db, "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def upload_history(db: Path) -> pd.DataFrame:
    """store.uploads.history of `db`, newest first."""
    from store import db as store_db
    from store import uploads

    with store_db.connect(db) as con:
        return uploads.history(con)


def exported_rows(db: Path, out: Path, name: str) -> list[dict[str, str]]:
    """The rows of one exported CSV file."""
    snapshot(db, out)
    with open(out / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dashboard(db: Path, monkeypatch, timeout: float = 90) -> AppTest:
    """The dashboard under AppTest on `db`, not yet run (logged in by conftest unless the test is marked anonymous)."""
    monkeypatch.setenv("CLEANPROD_DB", str(db))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)


def open_app(db: Path, monkeypatch, page: str | None = None, timeout: float = 90) -> AppTest:
    """The dashboard under AppTest on `db`, run, and switched to `page` ('pages/x.py') when given; a traceback on the
    way fails the test."""
    at = dashboard(db, monkeypatch, timeout).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def placeholder_charts(briefing, folder: Path) -> dict[str, Path]:
    """Stands in for reports.deck._render_charts: a blank picture per indicator, for deck tests about text and
    tables (kaleido renders every chart and map otherwise, ~1 s each on a loaded machine)."""
    from PIL import Image

    from charts import page_charts

    path = folder / "blank.png"
    Image.new("RGB", (16, 10), "white").save(path)
    maps = {"map:" + code: path for code in briefing.codes
            if page_charts.indicator_map(briefing.data, code) is not None}  # the map slides stay
    return {code: path for code in briefing.codes} | maps
