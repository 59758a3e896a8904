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

from metrics import periods
from store import catalog
from store import db as store_db

INDICATORS = 1000
EARLIEST = "2015Q1"  # intake refuses older periods (intake.Context.earliest_period)
DISTRICTS = catalog.DISTRICTS  # 全市 and the 11 districts
SECTORS = catalog.sectors()
SEED = 20251231


def indicators_for(n_rows: int, last: str | None = None) -> int:
    """~1,000 indicators; more when the allowed history (2015Q1 .. last) cannot hold n_rows with 1,000."""
    quarters = len(periods.span(EARLIEST, last or periods.latest_closed()))
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
    last = last or periods.latest_closed()
    series = n_ind * len(DISTRICTS)
    quarters = max(1, -(-n_rows // series))
    span = periods.span(periods.shift(last, -(quarters - 1)), last)
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
        "报告期": np.asarray(span)[q],
        "区": np.asarray(DISTRICTS)[s % len(DISTRICTS)],
        "数值": value,
    })
    return frame.iloc[len(frame) - n_rows:].reset_index(drop=True) if len(frame) > n_rows else frame


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, encoding="utf-8", float_format="%.15g")
    return path


def write_xlsx(frame: pd.DataFrame, path: Path) -> Path:
    """The frame as a plain .xlsx the way Excel writes one: shared strings, numbers as <v>, no formats, A1:… rows.

    Written as raw XML (openpyxl takes minutes for a million rows); one sheet, so at most 1,048,575 data rows.
    """
    import zipfile
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}

    def cell(ref: str, value) -> str:
        if isinstance(value, float | int | np.floating | np.integer) and not pd.isna(value):
            return f'<c r="{ref}"><v>{float(value):.15g}</v></c>'
        text = "" if pd.isna(value) else str(value)
        if text == "":
            return ""
        index = strings.setdefault(text, len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    letters = [chr(65 + i) for i in range(len(frame.columns))]
    rows = ["<row r=\"1\">" + "".join(cell(f"{c}1", h) for c, h in zip(letters, frame.columns, strict=True))
            + "</row>"]
    for n, record in enumerate(frame.itertuples(index=False), start=2):
        rows.append(f'<row r="{n}">' + "".join(cell(f"{c}{n}", v) for c, v in zip(letters, record, strict=True))
                    + "</row>")
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheet = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {main}><sheetData>' + "".join(rows) \
        + "</sheetData></worksheet>"
    sst = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {main} count="{len(strings)}" ' \
        f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/'
        f'worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{ct}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
        "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {main} xmlns:r="{rel}"><sheets>'
        '<sheet name="实际值" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" '
        f'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {main}><fonts count="1"><font><sz '
        'val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
        '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
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
