"""8. Concurrent viewers: the overview opened in 1, 10 and 30 browser sessions at the same moment against one server,
median and 95th-percentile time to its charts drawn, as ratios to one session alone.

One headless Chromium, one browser context (a separate cookie jar, so a separate Streamlit session) per viewer, each
context and its tab opened before the clock starts; then every tab navigates at once (asyncio). A viewer's time is
measured inside its page: `performance.now()` (ms since its navigation started) when the overview's 2 Plotly charts
are in the DOM (`.js-plotly-plot .main-svg`, seen by a MutationObserver), so the Python side's polling of 30 pages
does not add to it.

The same is done against a bare Streamlit page with one Plotly chart (benchmarks/browser.py's floor) on its own
server: on a 2-core machine Chromium draws all the tabs on the same cores as the server, and the bare page's ratios
are what the browser and Streamlit's own per-session work cost without the app. The servers' CPU seconds (utime +
stime from /proc) and the app server's peak RSS (VmHWM) during the 30-viewer batch, and Chromium's CPU seconds,
separate the server's share from the browser's.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import time
from pathlib import Path

from benchmarks.browser import BARE_APP, OVERVIEW_CHARTS
from benchmarks.common import ROOT, Line, Outcome, fmt_s, median
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

SIZES = (1, 10, 30)
GOAL = 2.0  # informational: the issue sets no goal; 2× = a viewer waits at most twice as long as one alone
TIMEOUT_MS = 120_000

# Installed before any page script: records, in ms since the navigation started, when `charts` charts are drawn.
WATCH = """(charts) => {
  const check = () => {
    if (window.__drawn === undefined &&
        [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length
          >= charts) {
      window.__drawn = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, attributes: true,
                                                 attributeFilter: ['class']});
  const timer = setInterval(() => { check(); if (window.__drawn !== undefined) clearInterval(timer); }, 50);
}"""

_TICK = os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (of 30 values: the 29th; of 10: the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # fields from 3 (state) on; comm may hold spaces


def _cpu(pid: int, children: bool = False) -> float:
    """Seconds of CPU (utime + stime, and the reaped children's when asked) of one process."""
    f = _stat(pid)
    if f is None:
        return 0.0
    ticks = int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if children else 0)
    return ticks / _TICK


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            f = _stat(int(entry))
            if f is not None:
                tree.setdefault(int(f[1]), []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, out, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _server_pid(url: str) -> int | None:
    """The `streamlit run` process this process started for `url` (tests.browser.serve does not expose it)."""
    port = url.rsplit(":", 1)[1]
    for pid in _children().get(os.getpid(), []):
        cmd = _cmdline(pid)
        if "streamlit" in cmd and f"--server.port {port}" in cmd:
            return pid
    return None


def _chromium_cpu() -> float:
    """CPU seconds of every Chromium process under this one (renderers that exited count in their parent's
    children's time)."""
    return sum(_cpu(pid, children=True) for pid in _descendants(os.getpid()) if "chromium" in _cmdline(pid))


def _kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def _batch(browser, url: str, charts: int, n: int, work: Path) -> list[float]:
    """`n` sessions, opened first, navigating at the same moment; each one's seconds to `charts` charts drawn.
    A session with nothing drawn within the timeout counts as the timeout (a lower bound) and leaves a screenshot
    in `work` (the first one); `_batch.stuck` counts them."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    contexts = [await browser.new_context(viewport={"width": 1920, "height": 1080}) for _ in range(n)]
    try:
        pages = []
        for context in contexts:
            await context.add_init_script(f"({WATCH})({charts})")
            pages.append(await context.new_page())

        async def one(i: int, page) -> float:
            await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
            try:
                await page.wait_for_function("window.__drawn !== undefined", timeout=TIMEOUT_MS, polling=100)
            except PlaywrightTimeout:
                _batch.stuck += 1
                if _batch.stuck == 1:  # one is enough to see what it showed
                    with contextlib.suppress(Exception):
                        await page.screenshot(path=str(work / f"viewers_stuck_{n}_{i}.png"), timeout=10_000)
                return TIMEOUT_MS / 1000
            return await page.evaluate("window.__drawn") / 1000

        return list(await asyncio.gather(*(one(i, p) for i, p in enumerate(pages))))
    finally:
        for context in contexts:
            await context.close()


_batch.stuck = 0


async def _measure(app_url: str, bare_url: str, single_runs: int, work: Path) -> dict:
    from playwright.async_api import async_playwright

    app_pid, bare_pid = _server_pid(app_url), _server_pid(bare_url)
    out: dict = {"app": {}, "bare": {}, "usage": {}}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            # Warm both servers (st.cache_data, the kept snapshot read once) and Chromium's caches.
            out["cold"] = (await _batch(browser, app_url, OVERVIEW_CHARTS, 1, work))[0]
            await _batch(browser, bare_url, 1, 1, work)
            for n in SIZES:
                for kind, url, charts, pid in (("bare", bare_url, 1, bare_pid),
                                               ("app", app_url, OVERVIEW_CHARTS, app_pid)):
                    times: list[float] = []
                    before = (_cpu(pid) if pid else 0.0, _chromium_cpu(), time.perf_counter(),
                              _kib(pid, "VmRSS") if pid else 0)
                    for _ in range(single_runs if n == 1 else 1):
                        times += await _batch(browser, url, charts, n, work)
                    out[kind][n] = times
                    print(f"  viewers: {kind} × {n}: median {fmt_s(median(times))}", flush=True)
                    if n == SIZES[-1]:
                        out["usage"][kind] = {
                            "server_cpu": (_cpu(pid) if pid else 0.0) - before[0],
                            "chromium_cpu": _chromium_cpu() - before[1],
                            "wall": time.perf_counter() - before[2],
                            "rss_before": before[3], "hwm": _kib(pid, "VmHWM") if pid else 0}
        finally:
            await browser.close()
    return out


def run(db: Path, rows: int, work: Path, single_runs: int) -> Outcome:
    accounts = work / "accounts.yaml"  # public viewing: no login (access.accounts, ui/auth.gate)
    accounts.write_text("public_viewer: true\n", encoding="utf-8")
    bare = work / "bare_app.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    app_env = {"CLEANPROD_DB": str(db), "CLEANPROD_ACCOUNTS": str(accounts)}
    with serve(ROOT / "server.py", ROOT, work / "viewers_dashboard.log", app_env) as app_url, \
            serve(bare, work, work / "viewers_bare.log") as bare_url:
        load = os.getloadavg()[0]
        got = asyncio.run(_measure(app_url, bare_url, single_runs, work))
        got["load"] = (load, os.getloadavg()[0])

    outcome = Outcome("viewers")
    app, bare_t = got["app"], got["bare"]
    one, bare_one = median(app[1]), median(bare_t[1])
    note = "informational goal, the issue sets none"
    for n in SIZES[1:]:
        outcome.lines.append(Line(f"viewers.{n}", median(app[n]), one, GOAL,
                                  f"overview, {n} sessions at once, median, {rows:,} rows", "one session alone",
                                  runs=f"{n} / {single_runs}", note=note))
        outcome.lines.append(Line(f"viewers.{n}.p95", p95(app[n]), one, GOAL,
                                  f"overview, {n} sessions at once, p95, {rows:,} rows", "one session alone",
                                  runs=f"{n} / {single_runs}", note=note))
    n = SIZES[-1]
    outcome.lines.append(Line(f"viewers.bare.{n}", median(bare_t[n]), bare_one, GOAL,
                              f"bare page (one Plotly chart), {n} sessions at once, median", "one session alone",
                              runs=f"{n} / {single_runs}", note="the browser's and Streamlit's own share"))
    outcome.lines.append(Line(f"viewers.bare.{n}.p95", p95(bare_t[n]), bare_one, GOAL,
                              f"bare page (one Plotly chart), {n} sessions at once, p95", "one session alone",
                              runs=f"{n} / {single_runs}", note="the browser's and Streamlit's own share"))
    for kind, times in (("overview", app), ("bare page", bare_t)):
        outcome.facts.append(f"{kind}: " + "; ".join(
            f"{k} at once: median {fmt_s(median(v))}, p95 {fmt_s(p95(v))}, max {fmt_s(max(v))}"
            for k, v in times.items()))
    outcome.facts.append(f"overview's first navigation after the server starts: {fmt_s(got['cold'])}; "
                         f"load average (1 min) before and after: {got['load'][0]:.1f}, {got['load'][1]:.1f} "
                         f"on {os.cpu_count()} cores")
    if _batch.stuck:
        outcome.facts.append(f"{_batch.stuck} sessions drew nothing within {TIMEOUT_MS // 1000} s and count as "
                             f"{TIMEOUT_MS // 1000} s (a screenshot viewers_stuck_*.png in the temp dir, --keep)")
    for kind, label in (("app", "overview"), ("bare", "bare page")):
        u = got["usage"].get(kind)
        if not u:
            continue
        cores = os.cpu_count() or 1
        outcome.facts.append(
            f"{label}, {n} sessions: batch wall {fmt_s(u['wall'])}; server CPU {u['server_cpu']:.1f} s "
            f"({u['server_cpu'] / n * 1000:.0f} ms a session, {u['server_cpu'] / u['wall']:.2f} of a core); "
            f"Chromium CPU {u['chromium_cpu']:.1f} s ({u['chromium_cpu'] / u['wall']:.2f} cores of {cores})"
            + (f"; server RSS {u['rss_before'] / 1024:.0f} MB before, peak {u['hwm'] / 1024:.0f} MB"
               if kind == "app" else ""))
    return outcome
