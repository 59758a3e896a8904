"""Real agency files (issue 13): every file of tests/files/workbooks either lands exactly its intended rows or is
refused with a Chinese message naming the row, the column and the fix; nothing raises, nothing aborts.

The files are made by `python -m tests.corpus.build`; their expected outcomes are in tests/corpus/cases.py.
Hostile files (a reader may abort or exhaust memory on them) are parsed only in a child process.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path

import pandas as pd
import pytest

from intake import UPLOAD_KINDS, Context, parse_upload
from tests.corpus import build
from tests.corpus.cases import BY_FILE, CASES, Case, Land, Refuse
from tests.helpers import INDICATORS, ROOT

DIR = ROOT / "tests" / "files" / "workbooks"
CTX = Context(INDICATORS, latest_period="2026Q3")
PYTHON = ROOT / ".venv" / "bin" / "python"
CJK = re.compile(r"[\u4e00-\u9fff]")

SAFE = [c for c in CASES if not c.hostile]
HOSTILE = [c for c in CASES if c.hostile]


def _parse(case: Case):
    """parse_upload on the file; an exception escaping it fails the test (a crash is not a refusal)."""
    data = (DIR / case.file).read_bytes()
    try:
        return parse_upload(data, case.file, case.kind, CTX, sheet=case.sheet)
    except Exception:
        pytest.fail(f"parse_upload raised on {case.file}:\n{traceback.format_exc()}")


def _landed(rows: pd.DataFrame, kind: str) -> list[tuple]:
    """The rows as (row, *fields) with plain Python values: ints, floats, str, None for NA."""
    out = []
    for record in rows[["row", *UPLOAD_KINDS[kind].fields]].itertuples(index=False):
        values = []
        for v in record:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                values.append(None)
            elif isinstance(v, str):
                values.append(v)
            elif float(v).is_integer() and not isinstance(v, float):
                values.append(int(v))
            else:
                values.append(float(v))
        out.append(tuple(values))
    return out


def _same_row(got: tuple, want: tuple) -> bool:
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        if isinstance(w, float) and not isinstance(g, str) and g is not None:
            if not math.isclose(float(g), w, rel_tol=0, abs_tol=1e-9):
                return False
        elif g != w:
            return False
    return True


def _errors(result) -> list[dict]:
    records = result.errors.to_dict("records")
    for r in records:
        r["row"] = None if pd.isna(r["row"]) else int(r["row"])
    return records


def _check_land(want: Land, ok: bool, rows: list[tuple], errors: list[dict]) -> str | None:
    """None when the outcome is `want`, else why not."""
    if not ok:
        return f"refused, but these rows should land:\n  {list(want.rows)}\nerrors:\n  {errors[:5]}"
    got, expected = list(rows), list(want.rows)
    if want.any_order:
        got, expected = sorted(got, key=repr), sorted(expected, key=repr)
    if len(got) != len(expected) or not all(_same_row(g, w) for g, w in zip(got, expected, strict=True)):
        return f"landed the wrong rows:\n  got      {got}\n  expected {expected}"
    return None


def _as_tuple(x) -> tuple:
    return x if isinstance(x, tuple) else (x,)


def _check_refuse(want: Refuse, ok: bool, rows: list[tuple], errors: list[dict]) -> str | None:
    if ok:
        return f"landed, but should be refused ({want.keywords} at row {want.row}):\n  {rows}"
    rows_ok, columns_ok = _as_tuple(want.row), _as_tuple(want.column)
    for e in errors:
        text = f"{e['problem']} {e['fix']}"
        if e["row"] not in rows_ok or e["column"] not in columns_ok:
            continue
        missing = [k for k in want.keywords if not any(w in text for w in _as_tuple(k))]
        present = [a for a in want.absent if a in text]
        if not missing and not present:
            return None
    return (
        f"refused, but no error at row {want.row!r} / column {want.column!r} containing {want.keywords}"
        f"{' and none of ' + str(want.absent) if want.absent else ''}:\n  "
        + "\n  ".join(
            f"row {e['row']} column {e['column']!r}: {e['problem']} | {e['fix']}" for e in errors[:5]
        )
    )


def _check(want, ok: bool, rows: list[tuple], errors: list[dict]) -> str | None:
    if isinstance(want, Land):
        return _check_land(want, ok, rows, errors)
    if isinstance(want, Refuse):
        return _check_refuse(want, ok, rows, errors)
    reasons = [_check(option, ok, rows, errors) for option in want.options]
    if any(r is None for r in reasons):
        return None
    return "none of the acceptable outcomes:\n" + "\n".join(f"- {r}" for r in reasons)


def _assert_messages_are_chinese(errors: list[dict]) -> None:
    for e in errors:
        assert e["problem"].strip() and CJK.search(e["problem"]), f"problem not in Chinese: {e}"
        assert e["fix"].strip() and CJK.search(e["fix"]), f"fix not in Chinese: {e}"


# --- the corpus is complete and up to date -----------------------------------------------------------------


def test_every_file_has_an_expectation_and_there_are_enough():
    assert {p.name for p in DIR.iterdir()} == set(BY_FILE)
    assert len(BY_FILE) >= 45
    assert {c.kind for c in CASES} == {"actuals", "task-status"}
    assert any(isinstance(c.expect, Land) for c in CASES) and any(isinstance(c.expect, Refuse) for c in CASES)


def test_committed_files_are_what_the_generator_makes():
    built = build.build_all()
    assert set(built) == set(BY_FILE)
    stale = [name for name, data in built.items() if (DIR / name).read_bytes() != data]
    assert not stale, f"run `python -m tests.corpus.build`: {stale}"


# --- every file lands exactly or is refused for the right reason ------------------------------------------


@pytest.mark.parametrize("case", SAFE, ids=[c.file for c in SAFE])
def test_agency_file_lands_exactly_or_is_refused_with_its_reason(case: Case):
    result = _parse(case)
    errors = _errors(result)
    if not result.ok:
        assert errors, "refused without an error row"
        _assert_messages_are_chinese(errors)
    rows = _landed(result.rows, case.kind) if result.ok else []
    problem = _check(case.expect, result.ok, rows, errors)
    assert problem is None, f"{case.file} ({case.imitates}): {problem}"


@pytest.mark.parametrize(
    "case", [c for c in SAFE if c.sheet_used], ids=[c.file for c in SAFE if c.sheet_used]
)
def test_landed_workbook_names_the_sheet_it_read(case: Case):
    result = _parse(case)
    assert result.ok, _errors(result)[:3]
    assert getattr(result, "sheet", None) == case.sheet_used


@pytest.mark.parametrize("case", [c for c in SAFE if c.notices], ids=[c.file for c in SAFE if c.notices])
def test_preview_notices_say_what_was_skipped(case: Case):
    result = _parse(case)
    assert result.ok, _errors(result)[:3]
    notices = " ".join(getattr(result, "notices", None) or ())
    missing = [word for word in case.notices if word not in notices]
    assert not missing, f"notices {notices!r} lack {missing}"


# --- hostile files: a child process, so an abort or an out-of-memory kill cannot take pytest down ---------

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    limit = 3 << 30  # address space: a reader that asks for absurd memory fails here instead of swapping
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pandas as pd
    from intake import Context, parse_upload
    from tests.helpers import INDICATORS

    path, name, kind = sys.argv[1:4]
    with open(path, "rb") as f:
        data = f.read()
    result = parse_upload(data, name, kind, Context(INDICATORS, latest_period="2026Q3"))
    errors = result.errors.to_dict("records")
    for e in errors:
        e["row"] = None if pd.isna(e["row"]) else int(e["row"])
    # VmHWM: this process's own peak (ru_maxrss would carry pytest's size over the fork); plus any helper child
    with open("/proc/self/status") as f:
        own = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    outcome = {"ok": bool(result.ok), "rows": len(result.rows), "errors": errors, "peak_mb": peak // 1024}
    print(json.dumps(outcome, ensure_ascii=False))
    """
)

# Refusing a hostile file may not cost more memory than this (peak RSS of the child, imports included: ~220 MB).
# Reading the padded zip bomb whole costs about 1 GB.
PEAK_MB = 512


@pytest.mark.parametrize("case", HOSTILE, ids=[c.file for c in HOSTILE])
def test_hostile_file_is_refused_in_a_child_process_that_exits_normally(case: Case):
    python = PYTHON if PYTHON.exists() else Path(sys.executable)
    try:
        child = subprocess.run(
            [str(python), "-c", CHILD, str(DIR / case.file), case.file, case.kind],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case.file}: parse_upload did not finish within 60 s")
    assert child.returncode == 0, (
        f"{case.file}: the child {'was killed by signal ' + str(-child.returncode) if child.returncode < 0 else 'exited with ' + str(child.returncode)}"
        f"\n{child.stderr[-2000:]}"
    )
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    assert not outcome["ok"], f"{case.file} landed {outcome['rows']} rows"
    _assert_messages_are_chinese(outcome["errors"])
    problem = _check(case.expect, outcome["ok"], [], outcome["errors"])
    assert problem is None, f"{case.file} ({case.imitates}): {problem}"
    assert outcome["peak_mb"] < PEAK_MB, (
        f"refusing {case.file} cost {outcome['peak_mb']} MB (limit {PEAK_MB} MB)"
    )
