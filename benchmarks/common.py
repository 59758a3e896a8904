"""Timing helpers, the result record every measure returns, and small process helpers."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Line:
    """One `name: ratio (goal <= X)` line, with the absolute medians behind it."""

    name: str
    measured: float          # seconds (median)
    floor: float             # seconds (median)
    goal: float
    measured_label: str
    floor_label: str
    runs: str = ""           # e.g. "3 / 5"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.floor if self.floor > 0 else float("inf")

    @property
    def met(self) -> bool:
        return self.ratio <= self.goal


@dataclass
class Outcome:
    """What one measure reports: its lines, extra facts (e.g. peak memory), or why it was skipped."""

    measure: str
    lines: list[Line] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    skipped: str | None = None


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(measure: Callable[[], float], floor: Callable[[], float], runs: int,
              floor_runs: int | None = None) -> tuple[list[float], list[float]]:
    """Interleave the measure and its floor so that the machine's noise falls on both alike."""
    floor_runs = runs if floor_runs is None else floor_runs
    got, base = [], []
    for i in range(max(runs, floor_runs)):
        if i < floor_runs:
            base.append(floor())
        if i < runs:
            got.append(measure())
    return got, base


def run_json(code: str, *args: str, env: dict | None = None, timeout: float = 600) -> dict:
    """Run `code` in a fresh interpreter (repo as cwd); its last stdout line is JSON."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"subprocess failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
