"""3. Pages: every page of dashboard.py under AppTest with the large store against the same page with 1,000 rows,
and a cached rerun (same AppTest, `.run()` again, no data change) against its first run.

A first run empties st.cache_data, so it computes the page's snapshot: the first view after an upload or a server
restart (nothing is kept in the database)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.common import ROOT, Line, Outcome, median

APP = ROOT / "dashboard.py"
TIMEOUT = 600


def pages() -> list[str]:
    """The pages dashboard.py navigates to, in its order (the page registry)."""
    import sitemap

    return [page.file for page in sitemap.PAGES]


def _first_and_rerun(db: Path, page: str) -> tuple[float, float, str]:
    """A fresh AppTest on `page` with every st.cache_data emptied (a first view after an upload), then rerun."""
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # "No runtime found" warnings, once per AppTest
    os.environ["CLEANPROD_DB"] = str(db)
    st.cache_data.clear()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["user"], at.session_state["role"] = "benchmark", "admin"  # past the login (ui/auth.gate)
    if page != pages()[0]:
        at.switch_page(page)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    start = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - start
    error = ""
    if at.exception:
        error = str(at.exception[0].message)[:120]
    return first, rerun, error


def _wait_for_renderer(timeout: float = 60) -> None:
    import kaleido

    deadline = time.monotonic() + timeout
    while not kaleido._global_server.is_running() and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.1)
    time.sleep(1)  # the browser's own start-up after the server thread is up


def run(big: Path, small: Path, big_rows: int, small_rows: int, runs_big: int, runs_small: int,
        series: Path, series_rows: int) -> Outcome:
    saved = os.environ.get("CLEANPROD_DB")
    outcome = Outcome("pages")
    against_series: dict[str, float] = {}
    try:
        # One-time costs, not counted: imports, first compiles, and the briefing page's chart renderer (a Chromium
        # started in the background, which would otherwise compete with whichever runs come next).
        for page in pages():
            _first_and_rerun(small, page)
        _wait_for_renderer()
        for page in pages():
            name = Path(page).stem
            big_first, big_rerun, small_first, series_first, errors = [], [], [], [], set()
            for i in range(max(runs_big, runs_small)):
                if i < runs_small:
                    first, _, error = _first_and_rerun(small, page)
                    small_first.append(first)
                    errors.add(error)
                    series_first.append(_first_and_rerun(series, page)[0])
                if i < runs_big:
                    first, rerun, error = _first_and_rerun(big, page)
                    big_first.append(first)
                    big_rerun.append(rerun)
                    errors.add(error)
            errors.discard("")
            note = ("exception: " + "; ".join(sorted(errors))) if errors else ""
            outcome.lines.append(Line(
                f"pages.{name}", median(big_first), median(small_first), 1.3,
                f"first run, {big_rows:,} rows", f"first run, {small_rows:,} rows",
                runs=f"{runs_big} / {runs_small}", note=note))
            outcome.lines.append(Line(
                f"pages.{name}.rerun", median(big_rerun), median(big_first), 0.3,
                f"cached rerun, {big_rows:,} rows", f"first run, {big_rows:,} rows",
                runs=f"{runs_big} / {runs_big}", note=note))
            against_series[name] = median(big_first) / median(series_first)
    finally:
        if saved is None:
            os.environ.pop("CLEANPROD_DB", None)
        else:
            os.environ["CLEANPROD_DB"] = saved
    outcome.facts.append("first run = a new AppTest with st.cache_data emptied, computing the snapshot (what the "
                         "first viewer after an upload or a restart waits for); rerun = the same AppTest's .run() "
                         "again, data unchanged")
    outcome.facts.append(
        f"first run at {big_rows:,} rows against a store with the same series (indicator × district) and only the "
        f"newest quarter ({series_rows:,} rows): " + ", ".join(f"{k} {v:.2f}×" for k, v in against_series.items())
        + " (the history's own share of the gap to the 1,000-row store; the rest is breadth: more series on screen)")
    return outcome
