"""CSV export of the catalog, the values that count and the upload history (UTF-8, header row)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from store import catalog, uploads, values
from store.cells import neutralise


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _fmt_number(series: pd.Series) -> pd.Series:
    """Numbers without a trailing '.0' so the files read as people write them."""
    return series.map(lambda v: "" if pd.isna(v) else (f"{v:.0f}" if float(v).is_integer() else repr(float(v))))


def plain_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every float column written as people write numbers (140, not 140.0), for CSV output."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return frame.assign(**{c: _fmt_number(frame[c]) for c in floats})


def frames(con) -> dict[str, pd.DataFrame]:
    """Every export file as a DataFrame, keyed by file name (indicator_status.csv excepted)."""
    tasks = catalog.tasks(con)[["task_no", "part_no", "area_no", "group_no", "group_name", "text",
                                "lead", "assist", "joint"]]
    projects = catalog.projects(con)[["project_no", "category_no", "category_name", "name", "text",
                                      "lead", "assist", "joint"]]
    agencies = catalog.agencies(con).sort_values("name").copy()
    agencies["aliases"] = agencies["aliases"].str.replace("|", "、", regex=False)
    inds = catalog.indicators(con)
    for col in ("baseline_value", "min_value", "max_value"):
        inds[col] = _fmt_number(inds[col])
    inds = inds[["code", "name", "unit", "direction", "project_no", "sector", "lead", "baseline_value",
                 "baseline_period", "min_value", "max_value"]]
    tg = values.targets(con)[["code", "target_year", "district", "target_value"]].copy()
    tg["target_value"] = _fmt_number(tg["target_value"])
    act = values.actuals(con)[["code", "period", "district", "value", "upload_id"]].copy()
    act["value"] = _fmt_number(act["value"])
    ts = values.task_status(con)[["task_no", "period", "status", "note", "unit", "upload_id"]]
    ts = neutralise(ts, ["note", "unit"])
    ps = values.project_status(con)[["project_no", "period", "status", "note", "unit", "progress_pct", "investment",
                                     "upload_id"]]
    ps = neutralise(ps, ["note", "unit"]).assign(progress_pct=lambda f: _fmt_number(f["progress_pct"]),
                                                 investment=lambda f: _fmt_number(f["investment"]))
    up = uploads.history(con).sort_values("upload_id")
    up = neutralise(up, ["file_name", "user"])
    up["state"] = up["state"]
    up = up[["upload_id", "kind", "file_name", "sha256", "user", "uploaded_at", "rows_added", "rows_revised",
             "rows_unchanged", "state"]]
    return {
        "tasks.csv": tasks,
        "projects.csv": projects,
        "agencies.csv": agencies[["name", "kind", "aliases"]],
        "indicators.csv": inds,
        "targets.csv": tg,
        "indicator_tasks.csv": catalog.indicator_tasks(con),
        "actuals.csv": act,
        "task_status.csv": ts,
        "project_status.csv": ps,
        "uploads.csv": up,
    }


def write(con, out: Path, extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write every export file into `out` (created if missing); returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in {**frames(con), **(extra or {})}.items():
        _write(frame, out / name)
        written.append(out / name)
    return written
