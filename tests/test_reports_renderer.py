"""The shared chart renderer: a missing or killed Chromium gives an error or a fresh browser, never a hang.

Each case runs in a process of its own: the renderer is process-wide state, and a hang must end as a failed test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")

RENDER_ONCE = """
import sys, time
from pathlib import Path
import plotly.graph_objects as go
from reports import images
fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
start = time.monotonic()
try:
    images.render([fig], [Path(sys.argv[1])], width=400, height=300)
    print("ok", round(time.monotonic() - start, 1))
except Exception as exc:
    print("error", type(exc).__name__, round(time.monotonic() - start, 1))
"""

KILL_THEN_RENDER = """
import os, signal, subprocess, sys
from pathlib import Path
import plotly.graph_objects as go
from reports import images
fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
images.render([fig], [Path(sys.argv[1]) / "first.png"], width=400, height=300)

def descendants(pid):
    kids = [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    return kids + [d for k in kids for d in descendants(k)]

for pid in descendants(os.getpid()):
    try:
        if "chrom" in Path(f"/proc/{pid}/comm").read_text().lower():
            os.kill(pid, signal.SIGKILL)
    except (FileNotFoundError, ProcessLookupError):
        pass
images.render([fig], [Path(sys.argv[1]) / "second.png"], width=400, height=300)
print("ok")
"""


def _run(code: str, *args: str, env: dict | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_a_missing_chromium_is_an_error_at_once_not_a_hang(tmp_path):
    out = _run(RENDER_ONCE, str(tmp_path / "x.png"), env={"BROWSER_PATH": "/nonexistent/chromium"})
    kind, name, seconds = out.split()
    assert kind == "error" and name == "RuntimeError" and float(seconds) < 30


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (make setup)")
def test_a_killed_chromium_is_replaced_and_the_chart_still_written(tmp_path):
    assert _run(KILL_THEN_RENDER, str(tmp_path)) == "ok"
    second = tmp_path / "second.png"
    assert second.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_render_that_never_answers_is_abandoned_and_done_again_with_a_fresh_browser(monkeypatch, tmp_path):
    """A browser alive but hung (seen under load) must not hold a deck forever: after the allowance the shared
    server is abandoned (not joined) and the figures rendered by a browser of their own."""
    import threading

    from reports import renderer

    calls: list[int] = []

    def write(figs, targets, scale, width, height):
        calls.append(len(calls))
        if len(calls) == 1:
            threading.Event().wait()  # the shared browser never answers
        Path(targets[0]).write_bytes(b"\x89PNG\r\n\x1a\n")

    abandoned: list[bool] = []
    monkeypatch.setattr(renderer, "_write", write)
    monkeypatch.setattr(renderer, "_ensure", lambda: None)
    monkeypatch.setattr(renderer, "_alive", lambda: True)
    monkeypatch.setattr(renderer, "_abandon", lambda: abandoned.append(True))
    monkeypatch.setattr(renderer.kaleido, "stop_sync_server", lambda **kwargs: None)
    monkeypatch.setattr(renderer, "RENDER_SECONDS", 0.3)
    monkeypatch.setattr(renderer, "PER_FIGURE_SECONDS", 0.0)
    renderer.write(["figure"], [str(tmp_path / "a.png")], scale=1, width=10, height=10)
    assert calls == [0, 1] and abandoned == [True]
    assert (tmp_path / "a.png").read_bytes().startswith(b"\x89PNG")
