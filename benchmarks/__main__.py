"""`python -m benchmarks [--quick] [--only ingest,metrics,pages,browser,deck,viewers,readers] [--results FILE] [--keep]`

Builds its own synthetic store in a temp dir, runs each measure against its floor (medians, interleaved runs) and
prints one line per ratio, `name: ratio (goal <= X)`, then a table of absolute times.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks import fixture
from benchmarks.common import Line, Outcome, fmt_s
from metrics import periods
from store.ingest import ingest

MEASURES = ("ingest", "metrics", "pages", "browser", "deck", "viewers", "readers")
SMALL_ROWS = 1_000


def _setup(work: Path, rows: int) -> dict:
    """The template store (catalog + synthetic indicators), the big CSV, and the 1,000-row store."""
    n_ind = fixture.indicators_for(rows)
    template = fixture.make_catalog_db(work / "template.duckdb", n_ind)
    csv = fixture.write_csv(fixture.actuals_frame(rows, n_ind), work / "actuals.csv")
    # 1,000 rows of the same catalog: the newest quarter, city-wide, of the first 1,000 indicators.
    newest = fixture.actuals_frame(n_ind * len(fixture.DISTRICTS), n_ind)
    small = _store(template, newest[newest["区"] == "全市"].head(SMALL_ROWS), work / "small")
    # Every series of the large store (indicator × district), with only the newest quarter: what a page shows
    # without the history behind it.
    series = _store(template, newest, work / "series")
    return {"indicators": n_ind, "template": template, "csv": csv, "small": small, "series": series,
            "series_rows": len(newest), "quarters": fixture.quarters_for(rows, n_ind)}


def _store(template: Path, frame, stem: Path) -> Path:
    """A copy of `template` with `frame` committed, as after an upload."""
    csv = fixture.write_csv(frame, stem.with_suffix(".csv"))
    db = fixture.copy_db(template, stem.with_suffix(".duckdb"))
    result = ingest(db, csv.read_bytes(), csv.name, "actuals", user="benchmark", confirm_unusual=True)
    assert result.ok and result.upload_id, result.errors.head().to_string()
    return db


def _print(outcomes: list[Outcome]) -> None:
    print()
    for o in outcomes:
        if o.skipped:
            print(f"{o.measure}: skipped: {o.skipped}")
        for line in o.lines:
            print(f"{line.name}: {line.ratio:.2f} (goal <= {line.goal:g})")
    print()
    print(table(outcomes))
    for o in outcomes:
        for fact in o.facts:
            print(f"- {o.measure}: {fact}")


def table(outcomes: list[Outcome]) -> str:
    rows = ["| measure | measured | time | floor | time | ratio | goal | met | runs |",
            "| --- | --- | ---: | --- | ---: | ---: | ---: | --- | --- |"]
    for o in outcomes:
        if o.skipped:
            rows.append(f"| {o.measure} | skipped: {o.skipped} | | | | | | | |")
        for x in o.lines:
            met = "yes" if x.met else "**no**"
            note = f" ({x.note})" if x.note else ""
            rows.append(f"| {x.name} | {x.measured_label}{note} | {fmt_s(x.measured)} | {x.floor_label} | "
                        f"{fmt_s(x.floor)} | {x.ratio:.2f} | ≤ {x.goal:g} | {met} | {x.runs} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows and fewer runs (under 2 minutes)")
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated measures to run")
    parser.add_argument("--rows", type=int, help="override the number of actual rows")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (its path is printed)")
    parser.add_argument("--results", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args(argv)
    only = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = set(only) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    runs = {"ingest": 3, "metrics": 3 if args.quick else 5, "pages_big": 2 if args.quick else 5,
            "pages_small": 2 if args.quick else 5, "browser": 1 if args.quick else 3, "deck": 1 if args.quick else 3,
            "viewers": 3}
    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's "no runtime" warnings, once per run

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="cleanprod-bench-"))
    outcomes: list[Outcome] = []
    try:
        t = time.perf_counter()
        env = _setup(work, rows)
        print(f"setup: {env['indicators']:,} indicators × {len(fixture.DISTRICTS)} districts × {env['quarters']} "
              f"quarters → {rows:,} rows (up to {periods.latest_closed()}), in {fmt_s(time.perf_counter() - t)}",
              flush=True)
        big = work / "big.duckdb"
        from benchmarks import ingest as m_ingest
        t = time.perf_counter()
        outcomes.append(m_ingest.run(env["template"], env["csv"], rows, work, runs["ingest"] if "ingest" in only
                                     else 1, big))
        if "ingest" not in only:
            outcomes.pop()
        print(f"ingest done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "metrics" in only:
            from benchmarks import metrics as m_metrics
            t = time.perf_counter()
            outcomes.append(_guard("metrics", lambda: m_metrics.run(big, rows, runs["metrics"])))
            print(f"metrics done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "pages" in only:
            from benchmarks import pages as m_pages
            t = time.perf_counter()
            outcomes.append(_guard("pages", lambda: m_pages.run(big, env["small"], rows, SMALL_ROWS, runs["pages_big"],
                                                                runs["pages_small"], env["series"],
                                                                env["series_rows"])))
            print(f"pages done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "browser" in only:
            from benchmarks import browser as m_browser
            t = time.perf_counter()
            outcomes.append(_guard("browser", lambda: m_browser.run(big, rows, work, runs["browser"])))
            print(f"browser done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "deck" in only:
            from benchmarks import deck as m_deck
            t = time.perf_counter()
            outcomes.append(_guard("deck", lambda: m_deck.run(work, runs["deck"])))
            print(f"deck done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "viewers" in only:
            from benchmarks import viewers as m_viewers
            t = time.perf_counter()
            outcomes.append(_guard("viewers", lambda: m_viewers.run(big, rows, work, runs["viewers"])))
            print(f"viewers done in {fmt_s(time.perf_counter() - t)}", flush=True)
        if "readers" in only:  # its own 200,000-row store: the size the issue measured
            from benchmarks import readers as m_readers
            t = time.perf_counter()
            outcomes.append(_guard("readers", lambda: m_readers.run(work)))
            print(f"readers done in {fmt_s(time.perf_counter() - t)}", flush=True)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    _print(outcomes)
    total = time.perf_counter() - started
    print(f"\ntotal {fmt_s(total)} on {platform.node()}")
    if args.results:
        args.results.write_text(table(outcomes) + "\n", encoding="utf-8")
    return 0


def _guard(name: str, fn) -> Outcome:
    """A measure that cannot run here (no Chromium, a module mid-rewrite) reports why instead of stopping the rest."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001
        return Outcome(name, skipped=f"failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


__all__ = ["Line", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
