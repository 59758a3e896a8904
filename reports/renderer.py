"""One kaleido Chromium per process, shared by every deck, ZIP and PDF, and never waited on once it has died.

Starting Chromium costs ~2.5 s, so the process keeps kaleido's global server. That server reports itself running
even after its browser thread died (Chromium missing, killed, out of memory) and then queues work that nothing
takes: a caller would wait forever. So every render runs beside a watchdog that checks the thread, and a dead server
is reset and the render done once more without it (a browser of its own, whose errors are raised). A browser that
is alive but never answers (a hung tab, seen under load) is abandoned after RENDER_SECONDS the same way: kaleido's
own close() would wait for it forever.
"""

from __future__ import annotations

import atexit
import threading
import time
import warnings
from pathlib import Path

import kaleido
import plotly.io as pio

TABS = 2  # kaleido tabs working in parallel: one per core here
POLL_SECONDS = 0.2
RENDER_SECONDS = 60.0  # allowance for one render call …
PER_FIGURE_SECONDS = 10.0  # … plus this per figure; a healthy browser takes well under a second per figure
_LOCK = threading.Lock()  # kaleido's shared server hands results back through one queue: one caller at a time
_server = kaleido._global_server  # noqa: SLF001 - kaleido offers no public "is it alive"
_exit_hook = False


def _alive() -> bool:
    return _server.is_running() and _server._thread.is_alive()  # noqa: SLF001


def _ensure() -> None:
    global _exit_hook
    if _server.is_running() and not _alive():
        kaleido.stop_sync_server(silence_warnings=True)  # a dead server: reset it before starting anew
    if not _server.is_running():
        kaleido.start_sync_server(n=TABS, silence_warnings=True)
        if not _exit_hook:
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _exit_hook = True


def _abandon() -> None:
    """Forget a shared server whose browser hangs, without joining its thread (close() would wait forever); the
    next render starts a new one. The hung daemon thread and its browser end with the process."""
    _server._initialized = False  # noqa: SLF001


def _write(figs, targets, scale, width, height) -> None:
    with warnings.catch_warnings():
        # plotly passes its defaults as kopts, which the running shared browser already has; it warns every call.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
        pio.write_images(figs, targets, scale=scale, width=width, height=height)


def _shared_write(figs, targets, scale, width, height) -> bool:
    """Render with the shared server; False when its browser died meanwhile (the work is then abandoned)."""
    outcome: dict[str, BaseException | None] = {}

    def work() -> None:
        try:
            _write(figs, targets, scale, width, height)
            outcome["error"] = None
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="kaleido-render", daemon=True)
    worker.start()
    deadline = time.monotonic() + RENDER_SECONDS + PER_FIGURE_SECONDS * len(figs)
    while worker.is_alive():
        worker.join(POLL_SECONDS)
        if worker.is_alive() and not _alive():
            return False
        if worker.is_alive() and time.monotonic() > deadline:
            _abandon()
            return False
    if outcome["error"] is not None:
        raise outcome["error"]
    return True


def write(figs, targets: list[str], *, scale: float, width, height) -> None:
    """Write every figure to its target path (format from the suffix)."""
    with _LOCK:
        for target in targets:  # written afresh: a file left from before must not pass for this render's
            Path(target).unlink(missing_ok=True)
        _ensure()
        try:
            # a browser killed mid-render can answer without writing: only files on disk count as done
            if _shared_write(figs, targets, scale, width, height) and all(
                    Path(t).is_file() and Path(t).stat().st_size > 0 for t in targets):
                return
        except Exception:  # noqa: BLE001 - a browser that failed is not trusted again: fall through to a fresh one
            pass
        kaleido.stop_sync_server(silence_warnings=True)
        _write(figs, targets, scale, width, height)


def warm_up() -> None:
    """Start the shared browser in the background (on opening the briefing page), so the first deck skips the start."""
    def start() -> None:
        with _LOCK:
            _ensure()

    if not _alive():
        threading.Thread(target=start, name="kaleido-warm-up", daemon=True).start()
