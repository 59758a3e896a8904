"""1. Ingest: a large actuals CSV checked and committed by store.ingest, against DuckDB's read_csv into a table."""

from __future__ import annotations

from pathlib import Path

from benchmarks import fixture
from benchmarks.common import Line, Outcome, alternate, fmt_s, median, run_json

# Each run is a process of its own, so that its peak RSS (VmHWM; ru_maxrss would carry the parent's peak over the
# fork) is that run's alone; time covers reading the file's bytes and the whole ingest (read, check, preview,
# commit, close), not the interpreter's start or imports.
_HWM = """
import json, sys, time
def hwm():  # peak RSS so far, MB
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
_START = """
base = hwm()
start = time.perf_counter()
"""  # after the imports: they count in neither the time nor the peak's baseline

INGESTER = _HWM + """
from pathlib import Path
from store.ingest import ingest
""" + _START + """
file = Path(sys.argv[2])
result = ingest(sys.argv[1], file.read_bytes(), file.name, "actuals", user="benchmark", confirm_unusual=True)
seconds = time.perf_counter() - start
assert result.ok and result.upload_id is not None, result.errors.head(5).to_string()
print(json.dumps({"seconds": seconds, "peak_mb": hwm(), "import_mb": base, "added": result.preview.counts["add"]}))
"""

# The same ingest of an .xlsx, with and without reading what Excel shows beyond the values (percent formats,
# formulas, error values, the sheet's extent: intake.workbook). Without is the reader before it existed.
XLSX = _HWM + """
from pathlib import Path
from intake import workbook
if sys.argv[3] == "values-only":
    workbook.extent = lambda xml: (0, 0)
    workbook.marks = lambda xml, book: workbook.Marks()
from store.ingest import ingest
""" + _START + """
file = Path(sys.argv[2])
result = ingest(sys.argv[1], file.read_bytes(), file.name, "actuals", user="benchmark", confirm_unusual=True)
seconds = time.perf_counter() - start
assert result.ok and result.upload_id is not None, result.errors.head(5).to_string()
print(json.dumps({"seconds": seconds, "peak_mb": hwm(), "import_mb": base, "added": result.preview.counts["add"]}))
"""

FLOOR = _HWM + """
import duckdb
""" + _START + """
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, header = true)", [sys.argv[2]])
rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.close()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": hwm(), "import_mb": base, "rows": rows}))
"""


def run(template: Path, csv: Path, rows: int, work: Path, runs: int, keep: Path) -> Outcome:
    """Ingest `csv` into copies of `template`; the last ingested copy is kept at `keep` for the other measures."""
    reports: list[dict] = []
    floors: list[dict] = []
    counter = iter(range(1000))

    def measure() -> float:
        i = next(counter)
        db = fixture.copy_db(template, work / f"ingest_{i}.duckdb")
        report = run_json(INGESTER, str(db), str(csv))
        assert report["added"] == rows, report
        reports.append(report)
        if keep.exists():
            keep.unlink()
        db.rename(keep)
        return report["seconds"]

    def floor() -> float:
        db = work / "floor.duckdb"
        if db.exists():
            db.unlink()
        report = run_json(FLOOR, str(db), str(csv))
        assert report["rows"] == rows, report
        floors.append(report)
        db.unlink()
        return report["seconds"]

    got, base = alternate(measure, floor, runs)
    xlsx_line, xlsx_facts = _xlsx(template, csv, work, runs)
    peak = max(r["peak_mb"] for r in reports)
    floor_peak = max(r["peak_mb"] for r in floors)
    line = Line("ingest", median(got), median(base), 2.0,
                f"store.ingest.ingest, {rows:,} rows", "duckdb read_csv → table", runs=f"{runs} / {runs}")
    facts = [f"ingest peak RSS {peak:.0f} MB (interpreter + imports {reports[0]['import_mb']:.0f} MB); "
             f"read_csv floor peak RSS {floor_peak:.0f} MB; file {csv.stat().st_size / 1e6:.1f} MB",
             f"ingest runs: {', '.join(fmt_s(s) for s in got)}; floor runs: {', '.join(fmt_s(s) for s in base)}"]
    return Outcome("ingest", [line, xlsx_line], facts + xlsx_facts)


def _xlsx(template: Path, csv: Path, work: Path, runs: int) -> tuple[Line, list[str]]:
    """A plain .xlsx of the same rows (capped at one sheet's 1,048,575), read as Excel shows it vs values only."""
    import pandas as pd

    frame = pd.read_csv(csv, dtype={"数值": float}, keep_default_na=False).head(1_048_575)
    book = fixture.write_xlsx(frame, work / "actuals.xlsx")
    counter = iter(range(1000))

    def one(mode: str) -> float:
        db = fixture.copy_db(template, work / f"xlsx_{next(counter)}.duckdb")
        report = run_json(XLSX, str(db), str(book), mode)
        assert report["added"] == len(frame), report
        db.unlink()
        return report["seconds"]

    got, base = alternate(lambda: one("as-shown"), lambda: one("values-only"), runs)
    line = Line("ingest_xlsx", median(got), median(base), 1.5,
                f"ingest of a plain .xlsx, {len(frame):,} rows", "the same without Excel's formats and extent",
                runs=f"{runs} / {runs}")
    facts = [f"xlsx {book.stat().st_size / 1e6:.1f} MB; as shown: {', '.join(fmt_s(s) for s in got)}; "
             f"values only: {', '.join(fmt_s(s) for s in base)}"]
    return line, facts
