"""Synthetic data for the benchmarks: a catalog of ~1,000 indicators and an actuals CSV of up to 1,000,000 rows.

The store has no API for adding indicators (the catalog comes from data/catalog/ and `init`), so this fixture code
inserts the synthetic indicators and their targets straight into the `indicators` and `targets` tables of a
throwaway database with a DuckDB connection. Nothing here touches the real database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from metrics import periods as P
from store import catalog
from store import db as store_db

INDICATORS = 1000
EARLIEST = "2015Q1"  # intake refuses older periods (intake.Context.earliest_period)
DISTRICTS = catalog.DISTRICTS  # 全市 and the 11 districts
SECTORS = catalog.sectors()
SEED = 20251231


def indicators_for(n_rows: int, last: str | None = None) -> int:
    """~1,000 indicators; more when the allowed history (2015Q1 .. last) cannot hold n_rows with 1,000."""
    quarters = len(P.span(EARLIEST, last or P.latest_closed()))
    return max(INDICATORS, -(-n_rows // (quarters * len(DISTRICTS))))


def codes(n: int = INDICATORS) -> list[str]:
    return [f"BM{i:04d}" for i in range(n)]


def catalog_frames(n: int = INDICATORS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators (units '%' and '家', both directions, every sector) and their 2025 / 2030 targets."""
    rng = np.random.default_rng(SEED)
    code = codes(n)
    unit = np.where(np.arange(n) % 5 < 3, "%", "家")
    direction = np.where((np.arange(n) % 7 == 3) & (unit == "%"), "decrease", "increase")
    projects = np.arange(n) % 25 + 1
    sector = [SECTORS[i % len(SECTORS)] for i in range(n)]
    leads = ["市发展改革委", "市生态环境局", "市工业和信息化局", "市住房建设局", "市交通运输局", "市水务局"]
    inds = pd.DataFrame({
        "code": code, "name": [f"合成指标{i:04d}" for i in range(n)], "unit": unit, "direction": direction,
        "project_no": projects, "sector": sector, "lead": [leads[i % len(leads)] for i in range(n)],
        "baseline_value": np.nan, "baseline_period": None, "by_district": True})
    start = _start_level(unit, direction, rng)
    growth = _growth(unit, direction, rng)
    t2025 = np.where(unit == "%", np.clip(start + growth * 30 * rng.uniform(0.7, 1.4, n), 0, 100),
                     np.round(start + growth * 30 * rng.uniform(0.7, 1.4, n)))
    t2030 = np.where(unit == "%", np.clip(start + growth * 50 * rng.uniform(0.7, 1.4, n), 0, 100),
                     np.round(start + growth * 50 * rng.uniform(0.7, 1.4, n)))
    pending = np.arange(n) % 40 == 7  # a few targets "达到省要求": pending
    targets = pd.concat([
        pd.DataFrame({"code": code, "target_year": 2025, "target_value": np.where(pending, np.nan, t2025)}),
        pd.DataFrame({"code": code, "target_year": 2030, "target_value": t2030})[np.arange(n) % 2 == 0],
    ], ignore_index=True)
    targets["note"] = ""
    return inds, targets


def _start_level(unit, direction, rng) -> np.ndarray:
    n = len(unit)
    pct = np.where(direction == "decrease", rng.uniform(40, 80, n), rng.uniform(10, 50, n))
    return np.where(unit == "%", pct, rng.integers(20, 400, n).astype(float))


def _growth(unit, direction, rng) -> np.ndarray:
    n = len(unit)
    pct = rng.uniform(-0.1, 1.0, n) * np.where(direction == "decrease", -1, 1)
    return np.where(unit == "%", pct, rng.uniform(-0.5, 4.0, n))


def actuals_frame(n_rows: int, n_ind: int = INDICATORS, last: str | None = None) -> pd.DataFrame:
    """n_rows unique (code, period, district) rows, the newest quarters of every series, ending at `last`.

    Series per (code, district) are a trend plus noise, within the unit's range ('%' in 0..100, '家' whole, ≥ 0).
    """
    rng = np.random.default_rng(SEED + 1)
    last = last or P.latest_closed()
    series = n_ind * len(DISTRICTS)
    quarters = max(1, -(-n_rows // series))
    periods = P.span(P.shift(last, -(quarters - 1)), last)
    inds, _ = catalog_frames(n_ind)
    unit = inds["unit"].to_numpy()
    start = np.repeat(_start_level(unit, inds["direction"].to_numpy(), rng), len(DISTRICTS))
    step = np.repeat(_growth(unit, inds["direction"].to_numpy(), rng), len(DISTRICTS))
    step = step * rng.uniform(0.5, 1.5, series)
    # Grid ordered by period, then code, then district: trimming the head drops part of the oldest quarter only.
    q = np.repeat(np.arange(quarters), series)
    s = np.tile(np.arange(series), quarters)
    # Quarters count back from the newest so the series' recent levels don't depend on its length.
    back = (quarters - 1 - q).astype(float)
    value = start[s] + step[s] * (40 - back) + rng.normal(0, 0.6, len(q)) * np.abs(step[s] + 0.2)
    is_pct = np.repeat(unit == "%", len(DISTRICTS))[s]
    value = np.where(is_pct, np.clip(np.round(value, 2), 0, 100), np.maximum(np.round(value), 0))
    frame = pd.DataFrame({
        "指标代码": np.asarray(codes(n_ind))[s // len(DISTRICTS)],
        "报告期": np.asarray(periods)[q],
        "区": np.asarray(DISTRICTS)[s % len(DISTRICTS)],
        "数值": value,
    })
    return frame.iloc[len(frame) - n_rows:].reset_index(drop=True) if len(frame) > n_rows else frame


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, encoding="utf-8", float_format="%.15g")
    return path


def make_catalog_db(path: Path, n_ind: int = INDICATORS) -> Path:
    """An initialised database with the synthetic indicators and targets added (fixture SQL, see module doc)."""
    store_db.init(path)
    inds, targets = catalog_frames(n_ind)
    con = duckdb.connect(str(path))
    try:
        con.register("_inds", inds)
        con.register("_targets", targets)
        con.execute("BEGIN")
        con.execute("INSERT INTO indicators (code, name, unit, direction, project_no, sector, lead, baseline_value, "
                    "baseline_period, by_district) SELECT code, name, unit, direction, project_no, sector, lead, "
                    "baseline_value, baseline_period, by_district FROM _inds")
        con.execute("INSERT INTO targets (code, target_year, target_value, note, upload_id) "
                    "SELECT code, target_year, target_value, note, NULL FROM _targets")
        con.execute("COMMIT")
    finally:
        con.close()
    return path


def copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))
    return dst


def quarters_for(n_rows: int, n_ind: int) -> int:
    return max(1, -(-n_rows // (n_ind * len(DISTRICTS))))
