"""Properties of the status rules: direction symmetry, monotonicity, and roll-ups that add up."""

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.rollups import rollup
from metrics.settings import SEVERITY, STATUS_ORDER, worst
from metrics.status import indicator_status

QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1"]
finite = st.floats(min_value=-1000, max_value=1000, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def cases(draw):
    baseline = draw(finite)
    target = baseline + draw(st.floats(min_value=0.5, max_value=500).map(lambda v: round(v, 2)))
    chosen = draw(st.lists(st.sampled_from(QUARTERS), min_size=1, max_size=len(QUARTERS), unique=True))
    values = {q: draw(finite) for q in sorted(chosen)}
    as_of = draw(st.sampled_from(QUARTERS))
    return baseline, target, values, as_of


def run(series, as_of):
    """series: {code: (direction, baseline, target, values)} -> {code: 全市 status row}, in one call."""
    ind = pd.DataFrame([{"code": c, "unit": "", "direction": d, "baseline_value": b, "baseline_period": "2023Q4"}
                        for c, (d, b, _, _) in series.items()])
    tgt = pd.DataFrame([{"code": c, "target_year": 2025, "target_value": t} for c, (_, _, t, _) in series.items()])
    act = pd.DataFrame([{"code": c, "district": "全市", "period": q, "value": v}
                        for c, (_, _, _, values) in series.items() for q, v in values.items()])
    return {row["code"]: row for _, row in indicator_status(ind, tgt, act, as_of).iterrows()}


@settings(max_examples=80, deadline=None)
@given(cases())
def test_mirroring_values_and_direction_changes_nothing(case):
    baseline, target, values, as_of = case
    rows = run({"up": ("increase", baseline, target, values),
                "down": ("decrease", -baseline, -target, {q: -v for q, v in values.items()})}, as_of)
    up, down = rows["up"], rows["down"]
    assert up["status"] == down["status"]
    for col in ("progress_pct", "ratio_r", "gap", "expected_pct"):
        assert (math.isnan(up[col]) and math.isnan(down[col])) or math.isclose(up[col], down[col], abs_tol=1e-6)


@settings(max_examples=80, deadline=None)
@given(cases(), st.floats(min_value=0.01, max_value=500))
def test_a_better_latest_value_never_gives_a_worse_status(case, better_by):
    baseline, target, values, as_of = case
    seen = [q for q in values if q <= as_of]
    if not seen:
        return
    improved = {**values, max(seen): values[max(seen)] + better_by}
    series = {}
    for direction, sign in (("increase", 1), ("decrease", -1)):
        for name, vals in (("before", values), ("after", improved)):
            series[f"{direction}-{name}"] = (direction, sign * baseline, sign * target,
                                             {q: sign * v for q, v in vals.items()})
    rows = run(series, as_of)
    for direction in ("increase", "decrease"):
        before, after = rows[f"{direction}-before"]["status"], rows[f"{direction}-after"]["status"]
        assert SEVERITY[after] >= SEVERITY[before], (direction, before, after)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STATUS_ORDER), st.sampled_from(["a", "b", "c", None])), max_size=40))
def test_rollup_counts_add_up_to_the_number_of_indicators(rows):
    frame = pd.DataFrame({"code": [f"X{i}" for i in range(len(rows))],
                          "status": [s for s, _ in rows], "group": [g for _, g in rows]})
    out = rollup(frame, "group")
    assert int(out["total"].sum()) == len(rows)
    assert (out[list(STATUS_ORDER)].sum(axis=1) == out["total"]).all()
    assert sum(len(codes) for per_group in out["codes"] for codes in per_group.values()) == len(rows)
    for row in out.itertuples():
        assert row.worst == worst(row.codes)
