"""Properties of the status rules: direction symmetry, monotonicity, and roll-ups that add up.

How many examples each test draws is the hypothesis profile's (tests/conftest.py: `ci` by default, `thorough` for a
deep local run). One `indicator_status` call costs about the same for one series as for ten, so the tests that can
judge several series in one call draw a batch of them.
"""

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from metrics.growth import grade
from metrics.rollups import rollup
from metrics.settings import SEVERITY, VERDICTS, worst
from metrics.status import indicator_status, projected_progress

QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1"]
finite = st.floats(min_value=-1000, max_value=1000, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def series(draw):
    """An increasing indicator: baseline, a target above it, and values in some of the quarters."""
    baseline = draw(finite)
    target = baseline + draw(st.floats(min_value=0.5, max_value=500).map(lambda v: round(v, 2)))
    chosen = draw(st.lists(st.sampled_from(QUARTERS), min_size=1, max_size=len(QUARTERS), unique=True))
    values = {q: draw(finite) for q in sorted(chosen)}
    return baseline, target, values


# Up to six series judged at one as-of quarter, in one call
batches = st.tuples(st.lists(series(), min_size=1, max_size=6), st.sampled_from(QUARTERS))


def run(series, as_of):
    """series: {code: (direction, baseline, target, values)} -> {code: 全市 status row}, in one call."""
    ind = pd.DataFrame([{"code": c, "unit": "", "direction": d, "baseline_value": b, "baseline_period": "2023Q4"}
                        for c, (d, b, _, _) in series.items()])
    tgt = pd.DataFrame([{"code": c, "target_year": 2025, "target_value": t} for c, (_, _, t, _) in series.items()])
    act = pd.DataFrame([{"code": c, "district": "全市", "period": q, "value": v}
                        for c, (_, _, _, values) in series.items() for q, v in values.items()])
    return {row["code"]: row for _, row in indicator_status(ind, tgt, act, as_of).iterrows()}


@given(batches)
def test_mirroring_values_and_direction_changes_nothing(batch):
    cases, as_of = batch
    mirrored = {}
    for i, (baseline, target, values) in enumerate(cases):
        mirrored[f"up{i}"] = ("increase", baseline, target, values)
        mirrored[f"down{i}"] = ("decrease", -baseline, -target, {q: -v for q, v in values.items()})
    rows = run(mirrored, as_of)
    for i in range(len(cases)):
        up, down = rows[f"up{i}"], rows[f"down{i}"]
        assert up["status"] == down["status"]
        for col in ("progress_pct", "ratio_r", "gap", "expected_pct"):
            assert (math.isnan(up[col]) and math.isnan(down[col])) or math.isclose(up[col], down[col], abs_tol=1e-6)


@given(batches, st.floats(min_value=0.01, max_value=500))
def test_a_better_latest_value_never_gives_a_worse_status(batch, better_by):
    cases, as_of = batch
    judged = {}
    for i, (baseline, target, values) in enumerate(cases):
        seen = [q for q in values if q <= as_of]
        if not seen:
            continue
        improved = {**values, max(seen): values[max(seen)] + better_by}
        for direction, sign in (("increase", 1), ("decrease", -1)):
            for name, vals in (("before", values), ("after", improved)):
                judged[f"{i}-{direction}-{name}"] = (direction, sign * baseline, sign * target,
                                                     {q: sign * v for q, v in vals.items()})
    if not judged:
        return
    rows = run(judged, as_of)
    for key in (k.removesuffix("-before") for k in judged if k.endswith("-before")):
        before, after = rows[f"{key}-before"]["status"], rows[f"{key}-after"]["status"]
        assert SEVERITY[after] >= SEVERITY[before], (key, before, after)


@given(st.lists(st.tuples(st.sampled_from(VERDICTS), st.sampled_from(["a", "b", "c", None])), max_size=40))
def test_rollup_counts_add_up_to_the_number_of_indicators(rows):
    frame = pd.DataFrame({"code": [f"X{i}" for i in range(len(rows))],
                          "status": [s for s, _ in rows], "group": [g for _, g in rows]})
    out = rollup(frame, "group")
    assert int(out["total"].sum()) == len(rows)
    assert (out[list(VERDICTS)].sum(axis=1) == out["total"]).all()
    assert sum(len(codes) for per_group in out["codes"] for codes in per_group.values()) == len(rows)
    for row in out.itertuples():
        assert row.worst == worst(row.codes)


@st.composite
def bounded_cases(draw):
    """A share (0–100), a coefficient (0–1) or a count (≥ 0, maybe cumulative) with values inside its bounds."""
    low, high, cumulative = draw(st.sampled_from([(0.0, 100.0, False), (0.0, 1.0, False), (0.0, None, False),
                                                  (0.0, None, True)]))
    top = high if high is not None else 1000.0
    inside = st.floats(min_value=low, max_value=top, allow_nan=False)
    chosen = sorted(draw(st.lists(st.sampled_from(QUARTERS), min_size=2, max_size=len(QUARTERS), unique=True)))
    values = [draw(inside) for _ in chosen]
    if cumulative:
        values = sorted(values)
    target = draw(inside)
    direction = draw(st.sampled_from(["increase", "decrease"]))
    year = draw(st.sampled_from([2026, 2030]))
    return low, high, cumulative, dict(zip(chosen, values, strict=True)), target, direction, year


@given(bounded_cases())
def test_projections_never_leave_the_bounds(case):
    low, high, cumulative, values, target, direction, year = case
    ind = pd.DataFrame([{"code": "A", "unit": "", "direction": direction, "baseline_value": None,
                         "baseline_period": None, "min_value": low, "max_value": high, "cumulative": cumulative}])
    tgt = pd.DataFrame([{"code": "A", "target_year": year, "target_value": target}])
    act = pd.DataFrame([{"code": "A", "district": "全市", "period": q, "value": v} for q, v in values.items()])
    row = indicator_status(ind, tgt, act, max(values)).iloc[0]
    projected = row["projected_value"]
    assert not math.isnan(projected)
    assert projected >= low - 1e-9
    if high is not None:
        assert projected <= high + 1e-9
    if cumulative:
        assert projected >= row["latest_value"] - 1e-9
    bound = row["projection_bound"]
    if bound is not None:  # a held projection sits exactly on the bound it names
        assert projected == {"min": low, "max": high, "cumulative": row["latest_value"]}[bound]


@given(batches)
def test_the_projected_progress_a_chart_draws_grades_to_the_status_shown(batch):
    """The overview's bar length (projected_progress) and its colour (status) can never disagree."""
    cases, as_of = batch
    rows = pd.DataFrame(list(run({f"up{i}": ("increase", *case) for i, case in enumerate(cases)}, as_of).values()))
    reach = projected_progress(rows)
    for status, length in zip(rows["status"], reach, strict=True):
        if math.isnan(length) or status == "achieved":
            continue
        assert grade([length / 100])[0] == status
