"""Readers and a writer sharing the file: a 200,000-row ingest alone, and with 20 `status` calls arriving during it.

Every call is a process of its own, as on a server where analysts upload with the CLI while others ask for statuses.
The processes are started and their imports done before the clock starts (twenty interpreters importing pandas on a
2-core machine would measure the imports, not the sharing of the file); each then waits for its go file. The ingest
gets its go at t = 0, status call i at t = i × (the ingest's time alone) / 20, so all twenty arrive while it runs;
alone, the twenty wait beside it and are ended unrun (see `once`).
Time: the ingest's `store.ingest.ingest` (read, check, preview, commit), as in benchmarks/ingest.py; a status call's
`manage.py --db DB status` (the command group itself, standalone_mode off, stdout discarded).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import fixture
from benchmarks.common import ROOT, Line, Outcome, fmt_s, median

ROWS = 200_000
READERS = 20
GOAL = 1.5

# argv: db, csv, go file, result file
INGESTER = """
import json, os, sys, time
from pathlib import Path
from store.errors import StoreError
from store.ingest import ingest
go, out = Path(sys.argv[3]), Path(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
start = time.perf_counter()
file = Path(sys.argv[2])
try:
    result = ingest(sys.argv[1], file.read_bytes(), file.name, "actuals", user="benchmark", confirm_unusual=True)
except StoreError as exc:  # the busy wait ran out
    out.write_text(json.dumps({"seconds": time.perf_counter() - start, "refused": exc.message, "revised": 0}))
    sys.exit(0)
seconds = time.perf_counter() - start
assert result.ok and result.upload_id is not None, result.errors.head(5).to_string()
out.write_text(json.dumps({"seconds": seconds, "refused": None, "revised": result.preview.counts["revise"]}))
"""

# argv: db, go file, result file
STATUS = """
import contextlib, io, json, sys, time
from pathlib import Path
import click
import manage
go, out = Path(sys.argv[2]), Path(sys.argv[3])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
start = time.perf_counter()
refused = None
try:
    with contextlib.redirect_stdout(io.StringIO()):
        manage.cli(["--db", sys.argv[1], "status"], standalone_mode=False)
except click.ClickException as exc:
    refused = exc.message
out.write_text(json.dumps({"seconds": time.perf_counter() - start, "refused": refused}))
"""


def _start(code: str, *args: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ})
    line = process.stdout.readline()
    if line != "ready\n":
        raise RuntimeError(f"a benchmark process did not start: {process.communicate()[1][-2000:]}")
    return process


def _finish(process: subprocess.Popen, out: Path) -> dict:
    _, err = process.communicate(timeout=600)
    if process.returncode != 0 or not out.exists():
        raise RuntimeError(f"a benchmark process failed ({process.returncode}):\n{err[-3000:]}")
    return json.loads(out.read_text())


def once(base: Path, csv: Path, work: Path, tag: str, readers: int, spread: float | None) -> dict:
    """One ingest into a copy of `base`, with `readers` status calls arriving over `spread` seconds; with `spread`
    None, the status processes wait beside the ingest and are ended unrun: the ingest alone. (Twenty idle processes
    polling their go files made the same ingest 1.5-2.5x faster on this VM, its vCPUs kept awake, so "alone" has them
    too.)"""
    db = fixture.copy_db(base, work / f"readers_{tag}.duckdb")
    go = work / f"go_{tag}"
    ingest = _start(INGESTER, str(db), str(csv), str(go), str(work / f"ingest_{tag}.json"))
    statuses = [_start(STATUS, str(db), str(work / f"go_{tag}_{i}"), str(work / f"status_{tag}_{i}.json"))
                for i in range(readers)]
    start = time.perf_counter()
    go.touch()
    for i in range(readers if spread is not None else 0):
        time.sleep(max(0.0, start + i * spread / readers - time.perf_counter()))
        (work / f"go_{tag}_{i}").touch()
    result = _finish(ingest, work / f"ingest_{tag}.json")
    assert result["refused"] or result["revised"] > 0, result
    if spread is None:
        for p in statuses:
            p.kill()
            p.communicate()
        statuses = []
    calls = [_finish(p, work / f"status_{tag}_{i}.json") for i, p in enumerate(statuses)]
    for path in work.glob(f"*_{tag}*"):
        path.unlink()
    db.unlink(missing_ok=True)
    db.with_name(db.name + ".wal").unlink(missing_ok=True)
    return {"ingest": result["seconds"], "ingest_refused": result["refused"], "calls": calls}


def setup(work: Path, rows: int = ROWS) -> tuple[Path, Path]:
    """A store holding one upload of `rows` values, and a CSV revising every one of them."""
    n_ind = fixture.indicators_for(rows)
    template = fixture.make_catalog_db(work / "readers_template.duckdb", n_ind)
    frame = fixture.actuals_frame(rows, n_ind)
    first = fixture.write_csv(frame, work / "readers_first.csv")
    value = frame["数值"]
    whole = value % 1 == 0  # counts stay whole, shares inside 0..100
    revised = value.where(whole, value - 0.01).where(~whole | (value < 1), value - 1).where(~whole | (value >= 1), 1)
    second = fixture.write_csv(frame.assign(数值=revised.round(2)), work / "readers_second.csv")
    from store.ingest import ingest

    result = ingest(template, first.read_bytes(), first.name, "actuals", user="benchmark", confirm_unusual=True)
    assert result.ok and result.upload_id, result.errors.head().to_string()
    return template, second


def run(work: Path, runs: int = 2, rows: int = ROWS, readers: int = READERS) -> Outcome:
    base, csv = setup(work, rows)
    alone, shared, calls, ingests_refused = [], [], [], 0
    for i in range(runs):  # interleaved, so the machine's noise falls on both alike
        alone.append(once(base, csv, work, f"a{i}", readers, None)["ingest"])
        got = once(base, csv, work, f"r{i}", readers, median(alone))
        shared.append(float("inf") if got["ingest_refused"] else got["ingest"])  # refused: the goal is missed
        ingests_refused += bool(got["ingest_refused"])
        calls += got["calls"]
    refused = [c for c in calls if c["refused"]]
    waits = sorted(c["seconds"] for c in calls)
    line = Line("readers", median(shared), median(alone), GOAL,
                f"ingest of {rows:,} rows with {readers} status calls", "the same ingest alone",
                runs=f"{runs} / {runs}")
    facts = [f"ingest alone: {', '.join(fmt_s(s) for s in alone)}; with {readers} status calls: "
             f"{', '.join('refused' if s == float('inf') else fmt_s(s) for s in shared)}",
             f"ingests refused as busy: {ingests_refused} of {runs}; "
             f"status calls refused as busy: {len(refused)} of {len(calls)}"
             + (f" ({refused[0]['refused']})" if refused else ""),
             f"status call time: median {fmt_s(median(waits))}, slowest {fmt_s(waits[-1])}"]
    return Outcome("readers", [line], facts)


if __name__ == "__main__":  # python -m benchmarks.readers [runs]
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="cleanprod-readers-"))
    try:
        outcome = run(folder, int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for x in outcome.lines:
        print(f"{x.name}: {x.ratio:.2f} (goal <= {x.goal:g})")
    for fact in outcome.facts:
        print(f"- {fact}")
