"""4. Browser: navigation → the overview's charts drawn in headless Chromium, against a bare Streamlit page with one
Plotly chart (written into the temp dir)."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import ROOT, Line, Outcome, fmt_s, median
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

BARE_APP = '''import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[3, 1, 4, 1])), key="one")
'''

# The overview draws this many charts (figures.progress_bullets and figures.status_counts).
OVERVIEW_CHARTS = 2


def _navigate(browser, url: str, charts: int) -> float:
    """A new tab (fresh session): seconds from goto to `charts` Plotly charts drawn."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(
            f"[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length >= {charts}", timeout=180_000,
            polling=50)
        return time.perf_counter() - start
    finally:
        context.close()


def run(db: Path, rows: int, work: Path, runs: int) -> Outcome:
    from playwright.sync_api import sync_playwright

    # A viewer needs no login when the accounts file allows public viewing (access.accounts, ui/auth.gate).
    accounts = work / "accounts.yaml"
    accounts.write_text("public_viewer: true\n", encoding="utf-8")
    bare = work / "bare_app.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    outcome = Outcome("browser")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            app_env = {"CLEANPROD_DB": str(db), "CLEANPROD_ACCOUNTS": str(accounts)}
            with serve(ROOT / "server.py", ROOT, work / "dashboard.log", app_env) as app_url, \
                    serve(bare, work, work / "bare_app.log") as bare_url:
                cold = _navigate(browser, app_url, OVERVIEW_CHARTS)  # a new server: reads the kept snapshot
                _navigate(browser, bare_url, 1)
                got, base = [], []
                for _ in range(runs):
                    base.append(_navigate(browser, bare_url, 1))
                    got.append(_navigate(browser, app_url, OVERVIEW_CHARTS))
        finally:
            browser.close()
    outcome.lines.append(Line("browser", median(got), median(base), 2.0,
                              f"overview, {rows:,} rows, warm server cache", "bare page, one Plotly chart",
                              runs=f"{runs} / {runs}"))
    outcome.facts.append(f"overview's first navigation after the server starts (empty st.cache_data, kept "
                         f"snapshot): {fmt_s(cold)}; "
                         f"warm runs: {', '.join(fmt_s(s) for s in got)}; floor runs: "
                         f"{', '.join(fmt_s(s) for s in base)}")
    return outcome
