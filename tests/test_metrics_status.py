"""Status rules of metrics.status on tiny literal series with the expected numbers written out."""

import math

import pandas as pd
import pytest

from metrics.rollups import by_district
from metrics.settings import DEFAULT, Settings
from metrics.status import (
    STATUS_COLUMNS,
    city_shares,
    headline,
    headline_groups,
    indicator_status,
    status_changes,
    worst_first,
)

NO_ACTUALS = pd.DataFrame({"code": [], "period": [], "district": [], "value": []})


def indicator(code="A", direction="increase", baseline_value=50.0, baseline_period="2023Q4", **extra):
    return {"code": code, "name": "指标" + code, "unit": "%", "direction": direction,
            "baseline_value": baseline_value, "baseline_period": baseline_period,
            "sector": "工业", "lead": "市工业和信息化局", **extra}


def actuals(values, code="A", district="全市"):
    """values: {'2024Q4': 54.0, ...}"""
    return pd.DataFrame({"code": code, "period": list(values), "district": district,
                         "value": [float(v) for v in values.values()]})


def targets(*rows):
    return pd.DataFrame(rows, columns=["code", "target_year", "target_value"])


def status_of(values, as_of, target=60.0, year=2025, settings=DEFAULT, **ind):
    """The single 全市 row of indicator A with one target."""
    result = indicator_status(pd.DataFrame([indicator(**ind)]), targets(("A", year, target)),
                              actuals(values) if values else NO_ACTUALS, as_of, settings)
    rows = result[(result["district"] == "全市") & (result["target_year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_columns_are_the_documented_ones():
    result = indicator_status(pd.DataFrame([indicator()]), targets(("A", 2025, 60.0)), actuals({"2024Q4": 54}),
                              "2024Q4")
    assert list(result.columns) == STATUS_COLUMNS


def test_one_data_point_compares_progress_with_elapsed_time():
    # Baseline 50 at end of 2023, target 60 at end of 2025; as of end 2024 half the time is gone.
    row = status_of({"2024Q4": 54}, "2024Q4")
    assert row["gap"] == pytest.approx(6.0)
    assert row["progress_pct"] == pytest.approx(40.0)
    assert row["expected_pct"] == pytest.approx(50.0)
    assert row["lag_pp"] == pytest.approx(10.0)
    assert math.isnan(row["projected_value"]) and math.isnan(row["ratio_r"]) and math.isnan(row["recent_rate"])
    assert row["required_rate"] == pytest.approx(1.5)  # 6 to go in 4 quarters
    assert row["attainment_period"] is None
    assert row["status"] == "at_risk"  # R = 40 / 50 = 0.8
    assert not row["final"] and row["judged"] and not row["baseline_assumed"]


@pytest.mark.parametrize(("latest", "expected"), [
    (57.5, "on_track"),    # R = 75 / 50 = 1.5
    (54.75, "on_track"),   # R = 47.5 / 50 = 0.95 exactly
    (53.0, "at_risk"),     # R = 30 / 50 = 0.6 exactly
    (50.0, "off_track"),   # R = 0 exactly
    (49.0, "regressing"),  # R = -0.2
])
def test_one_data_point_thresholds(latest, expected):
    assert status_of({"2024Q4": latest}, "2024Q4")["status"] == expected


def test_one_data_point_before_any_time_elapsed_is_on_track():
    row = status_of({"2023Q4": 50}, "2023Q4")
    assert row["expected_pct"] == 0.0
    assert row["status"] == "on_track"


@pytest.mark.parametrize(("q3", "q4", "projected", "expected"), [
    (45, 55, 95.0, "on_track"),     # R = 0.95 exactly
    (35, 40, 60.0, "at_risk"),      # R = 0.6 exactly
    (25, 20, 0.0, "off_track"),     # R = 0 exactly
    (30, 20, -20.0, "regressing"),  # R = -0.2
    (60, 70, 110.0, "on_track"),    # R = 1.1
])
def test_trend_thresholds(q3, q4, projected, expected):
    # Baseline 0 at end 2023, target 100 by 2025Q4: four quarters after 2024Q4.
    row = status_of({"2024Q3": q3, "2024Q4": q4}, "2024Q4", target=100.0, baseline_value=0.0)
    assert row["projected_value"] == pytest.approx(projected)
    assert row["ratio_r"] == pytest.approx(projected / 100.0)
    assert row["recent_rate"] == pytest.approx(q4 - q3)
    assert row["status"] == expected


def test_gaps_in_quarters_use_real_quarter_positions():
    # 2024Q1 -> 2024Q4 is three quarters apart: slope 10 per quarter, not 30.
    row = status_of({"2024Q1": 10, "2024Q4": 40}, "2024Q4", target=100.0, baseline_value=0.0)
    assert row["recent_rate"] == pytest.approx(10.0)
    assert row["projected_value"] == pytest.approx(80.0)
    assert row["status"] == "at_risk"
    assert row["attainment_period"] == "2026Q2"  # 40 + 10k >= 100 at k = 6


def test_flat_series_has_zero_slope_and_no_attainment():
    row = status_of({"2024Q2": 52, "2024Q3": 52, "2024Q4": 52}, "2024Q4")
    assert row["recent_rate"] == 0.0
    assert row["projected_value"] == pytest.approx(52.0)
    assert row["ratio_r"] == pytest.approx(0.2)
    assert row["status"] == "off_track"
    assert row["attainment_period"] is None


def test_flat_series_from_assumed_baseline_is_off_track_not_regressing():
    row = status_of({"2024Q2": 0.1, "2024Q3": 0.1, "2024Q4": 0.1}, "2024Q4", target=0.3, baseline_value=None,
                    baseline_period=None)
    assert row["ratio_r"] == pytest.approx(0.0)
    assert row["status"] == "off_track"


def test_projection_window_keeps_only_the_last_quarters():
    values = {"2024Q1": 90, "2024Q2": 90, "2024Q3": 10, "2024Q4": 20}
    wide = status_of(values, "2024Q4", target=100.0, baseline_value=0.0)
    narrow = status_of(values, "2024Q4", target=100.0, baseline_value=0.0, settings=Settings(PROJECTION_WINDOW=2))
    assert wide["recent_rate"] < 0 and wide["status"] == "regressing"
    assert narrow["recent_rate"] == pytest.approx(10.0)
    assert narrow["projected_value"] == pytest.approx(60.0)
    assert narrow["status"] == "at_risk"


@pytest.mark.parametrize(("latest", "expected"), [(51.0, "achieved"), (50.0, "achieved"), (49.0, "regressing")])
def test_target_equal_to_baseline(latest, expected):
    row = status_of({"2024Q3": 50, "2024Q4": latest}, "2024Q4", target=50.0)
    assert math.isnan(row["progress_pct"]) and math.isnan(row["ratio_r"])
    assert row["status"] == expected


def test_values_beyond_the_target_are_achieved_with_progress_over_100():
    row = status_of({"2024Q3": 65, "2024Q4": 70}, "2024Q4")
    assert row["status"] == "achieved"
    assert row["progress_pct"] == pytest.approx(200.0)
    assert row["gap"] == pytest.approx(-10.0)
    assert row["attainment_period"] == "2024Q4"
    assert row["status_cagr"] == "achieved" and not row["contested"]


def test_decrease_direction():
    # Baseline 100, target 80 by 2025: falling by 4 a quarter projects 76 at the deadline.
    row = status_of({"2024Q3": 96, "2024Q4": 92}, "2024Q4", target=80.0, baseline_value=100.0,
                    direction="decrease")
    assert row["gap"] == pytest.approx(12.0)
    assert row["progress_pct"] == pytest.approx(40.0)
    assert row["projected_value"] == pytest.approx(76.0)
    assert row["ratio_r"] == pytest.approx(1.2)
    assert row["required_rate"] == pytest.approx(-3.0)
    assert row["recent_rate"] == pytest.approx(-4.0)
    assert row["attainment_period"] == "2025Q3"
    assert row["status"] == "on_track"
    # Growth method: CR_a = 0.92 - 1 = -0.08 over one year; CR_r = sqrt(0.8) - 1 = -0.1056; ratio 0.758.
    assert row["status_cagr"] == "at_risk"
    assert row["contested"]


def test_decrease_direction_meets_at_or_below_target():
    assert status_of({"2024Q4": 80}, "2024Q4", target=80.0, baseline_value=100.0,
                     direction="decrease")["status"] == "achieved"
    assert status_of({"2025Q4": 81}, "2026Q1", target=80.0, baseline_value=100.0,
                     direction="decrease")["status"] == "missed"


def test_negative_and_zero_values():
    # A net balance rising from -10 towards 0: progress works, the growth method is undefined.
    row = status_of({"2024Q3": -6, "2024Q4": -4}, "2024Q4", target=0.0, baseline_value=-10.0)
    assert row["progress_pct"] == pytest.approx(60.0)
    assert row["projected_value"] == pytest.approx(4.0)
    assert row["status"] == "on_track"
    assert row["status_cagr"] is None and not row["contested"]
    zero = status_of({"2024Q4": 0}, "2024Q4", target=10.0, baseline_value=0.0)
    assert zero["status"] == "off_track" and zero["status_cagr"] is None


def test_growth_method_agrees_on_a_steady_path():
    # Baseline 100 at end 2023 growing 10% a year, target 121 by end 2025: CR_a = CR_r = 0.1.
    # The trend (2.5 a quarter) projects 120: R = 20 / 21 = 0.952.
    row = status_of({"2024Q3": 107.5, "2024Q4": 110}, "2024Q4", target=121.0, baseline_value=100.0)
    assert row["status_cagr"] == "on_track"
    assert row["status"] == "on_track" and not row["contested"]


def test_as_of_before_any_data_is_no_data():
    row = status_of({"2025Q1": 55}, "2024Q4")
    assert row["status"] == "no_data"
    assert row["latest_period"] is None and math.isnan(row["latest_value"])
    assert row["status_cagr"] is None and not row["contested"]


def test_values_after_as_of_are_ignored():
    row = status_of({"2024Q4": 54, "2025Q1": 70}, "2024Q4")
    assert row["latest_period"] == "2024Q4" and row["latest_value"] == 54.0


def test_baseline_assumed_from_first_value():
    row = status_of({"2024Q1": 10, "2024Q2": 12}, "2024Q2", target=20.0, baseline_value=None, baseline_period=None)
    assert row["baseline_assumed"]
    assert row["baseline_value"] == 10.0 and row["baseline_period"] == "2024Q1"
    assert row["progress_pct"] == pytest.approx(20.0)


def test_baseline_value_without_period_takes_first_values_period():
    row = status_of({"2024Q1": 10, "2024Q2": 12}, "2024Q2", target=20.0, baseline_value=8.0, baseline_period=None)
    assert not row["baseline_assumed"]
    assert row["baseline_value"] == 8.0 and row["baseline_period"] == "2024Q1"


TWO = targets(("A", 2025, 60.0), ("A", 2030, 80.0))


def two_targets(values, as_of):
    result = indicator_status(pd.DataFrame([indicator()]), TWO, actuals(values), as_of)
    return result.set_index("target_year")


def test_two_targets_final_missed_and_next_judged():
    rows = two_targets({"2025Q3": 58, "2025Q4": 59, "2026Q1": 61, "2026Q2": 62}, "2026Q2")
    first, second = rows.loc[2025], rows.loc[2030]
    assert first["final"] and first["status"] == "missed" and not first["judged"]
    # 最新值 is the newest value; the expired target is judged on its year's last value, its own figure.
    assert first["latest_period"] == "2026Q2" and first["latest_value"] == 62.0
    assert first["judged_period"] == "2025Q4" and first["judged_value"] == 59.0
    assert first["gap"] == pytest.approx(1.0) and first["progress_pct"] == pytest.approx(90.0)
    assert first["expected_pct"] == 100.0 and math.isnan(first["required_rate"])
    assert math.isnan(first["projected_value"]) and first["status_cagr"] == "missed"
    assert not second["final"] and second["judged"]
    assert second["latest_period"] == "2026Q2" and second["judged_period"] == "2026Q2"
    assert second["judged_value"] == 62.0
    assert second["expected_pct"] == pytest.approx(2.5 / 7 * 100)


def test_two_targets_final_achieved_even_if_later_values_fall():
    rows = two_targets({"2025Q4": 60, "2026Q1": 55}, "2026Q1")
    assert rows.loc[2025, "status"] == "achieved"
    assert rows.loc[2030, "latest_value"] == 55.0


def test_final_target_without_value_by_deadline_is_no_data():
    rows = two_targets({"2026Q1": 61}, "2026Q1")
    assert rows.loc[2025, "status"] == "no_data"


def test_judged_is_the_earliest_target_not_yet_due():
    before = two_targets({"2025Q2": 58}, "2025Q3")
    assert before.loc[2025, "judged"] and not before.loc[2025, "final"]
    assert not before.loc[2030, "judged"]
    after = two_targets({"2025Q2": 58}, "2031Q1")
    assert after.loc[2030, "judged"] and after.loc[2030, "final"] and not after.loc[2025, "judged"]


def test_pending_target_can_be_the_judged_one():
    result = indicator_status(pd.DataFrame([indicator()]), targets(("A", 2025, 60.0), ("A", 2030, float("nan"))),
                              actuals({"2025Q4": 61}), "2026Q1")
    top = headline(result).iloc[0]
    assert top["target_year"] == 2030 and top["status"] == "target_pending"
    assert top["status_cagr"] is None


def test_indicator_without_targets_gets_one_pending_row():
    result = indicator_status(pd.DataFrame([indicator()]), targets(), NO_ACTUALS, "2026Q1")
    assert len(result) == 1
    row = result.iloc[0]
    assert pd.isna(row["target_year"]) and row["status"] == "target_pending" and row["judged"]


def test_every_district_with_data_and_always_the_city():
    data = actuals({"2024Q4": 55}, district="南山区")
    result = indicator_status(pd.DataFrame([indicator()]), targets(("A", 2025, 60.0)), data, "2024Q4")
    by_district = result.set_index("district")["status"]
    assert by_district.to_dict() == {"全市": "no_data", "南山区": "not_judged"}


def test_district_without_its_own_target_is_not_judged_against_the_city():
    """南山区 has 21 of the city's 220: no progress, no gap, no verdict; its values and trend stay."""
    data = pd.concat([actuals({"2025Q4": 146, "2026Q1": 150}),
                      actuals({"2025Q4": 20, "2026Q1": 21}, district="南山区")])
    result = indicator_status(pd.DataFrame([indicator(unit="家", baseline_value=None, baseline_period=None)]),
                              targets(("A", 2030, 220.0)), data, "2026Q1")
    row = result.set_index("district").loc["南山区"]
    assert row["status"] == "not_judged" and math.isnan(row["target_value"])
    for col in ("gap", "progress_pct", "expected_pct", "lag_pp", "ratio_r", "required_rate"):
        assert math.isnan(row[col]), col
    assert row["attainment_period"] is None and row["status_cagr"] is None and not row["contested"]
    assert row["latest_value"] == 21.0 and row["recent_rate"] == pytest.approx(1.0)
    assert row["projected_value"] == pytest.approx(40.0)  # 21 + 19 quarters × 1 to 2030Q4
    assert result.set_index("district").loc["全市", "status"] != "not_judged"


def test_district_with_its_own_target_is_judged_against_it():
    data = pd.concat([actuals({"2024Q4": 54}), actuals({"2024Q4": 55}, district="南山区"),
                      actuals({"2024Q4": 55}, district="福田区")])
    tgt = pd.DataFrame({"code": ["A", "A"], "target_year": [2025, 2025], "target_value": [60.0, 56.0],
                        "district": [None, "南山区"]})
    result = indicator_status(pd.DataFrame([indicator()]), tgt, data, "2024Q4").set_index("district")
    assert result.loc["南山区", "target_value"] == 56.0
    assert result.loc["南山区", "progress_pct"] == pytest.approx(5 / 6 * 100)  # baseline 50 → 55 of 56
    assert result.loc["南山区", "status"] == "on_track"
    assert result.loc["全市", "target_value"] == 60.0 and result.loc["全市", "status"] == "at_risk"
    assert result.loc["福田区", "status"] == "not_judged"


def test_district_without_baseline_assumes_its_own_first_value():
    data = pd.concat([actuals({"2024Q1": 10}), actuals({"2024Q2": 30}, district="福田区")])
    result = indicator_status(pd.DataFrame([indicator(baseline_value=None, baseline_period=None)]),
                              targets(("A", 2025, 60.0)), data, "2024Q2")
    assert result.set_index("district")["baseline_value"].to_dict() == {"全市": 10.0, "福田区": 30.0}


def test_actuals_for_unknown_codes_are_dropped():
    result = indicator_status(pd.DataFrame([indicator()]), targets(("A", 2025, 60.0)),
                              actuals({"2024Q4": 1}, code="ZZ"), "2024Q4")
    assert result["code"].tolist() == ["A"]


def test_inputs_are_not_mutated():
    ind = pd.DataFrame([indicator(baseline_value=None, baseline_period=None)])
    tgt, act = TWO.copy(), actuals({"2024Q4": 54, "2026Q1": 61})
    copies = [f.copy() for f in (ind, tgt, act)]
    indicator_status(ind, tgt, act, "2026Q1")
    for original, copy in zip((ind, tgt, act), copies, strict=True):
        pd.testing.assert_frame_equal(original, copy)


def test_headline_one_row_per_code_for_the_city():
    ind = pd.DataFrame([indicator("A"), indicator("B")])
    data = pd.concat([actuals({"2025Q4": 59}), actuals({"2026Q1": 1}, district="南山区")])
    result = indicator_status(ind, pd.concat([TWO, targets(("B", 2025, 5.0))]), data, "2026Q1")
    top = headline(result)
    # A: progress 9/30 = 30% against 2.25/7 = 32.1% of the time to 2030: R = 0.93.
    assert top[["code", "target_year", "status"]].values.tolist() == [["A", 2030, "at_risk"],
                                                                       ["B", 2025, "no_data"]]


def test_status_changes_ranks_moves_by_severity():
    before = pd.DataFrame({"code": ["A", "B", "C", "D"], "status": ["at_risk", "on_track", "missed", "no_data"]})
    after = pd.DataFrame({"code": ["A", "B", "C", "E"], "status": ["on_track", "off_track", "missed", "at_risk"]})
    moves = status_changes(before, after)
    assert moves.values.tolist() == [
        ["A", "at_risk", "on_track", "up"],
        ["B", "on_track", "off_track", "down"],
        ["C", "missed", "missed", "same"],
        ["D", "no_data", None, "same"],
        ["E", None, "at_risk", "down"],
    ]


def test_growth_method_is_silent_without_a_verdict():
    result = indicator_status(pd.DataFrame([indicator()]), targets(("A", 2025, float("nan"))),
                              actuals({"2025Q4": 61}), "2026Q1")
    assert result.iloc[0]["status"] == "target_pending" and result.iloc[0]["status_cagr"] is None


def test_worst_first_orders_by_severity_then_by_lag():
    rows = pd.DataFrame({"code": ["a", "b", "c", "d"], "status": ["on_track", "off_track", "missed", "off_track"],
                         "lag_pp": [1.0, 5.0, 0.0, 20.0]})
    assert worst_first(rows)["code"].tolist() == ["c", "d", "b", "a"]


def test_projection_above_the_upper_bound_stops_at_it_and_says_so():
    # 岸电覆盖率: 76 → 84 in two quarters would reach 114.6 % by 2030Q4; a share cannot pass 100 %.
    row = status_of({"2026Q2": 80, "2026Q3": 84}, "2026Q3", target=95.0, year=2030, baseline_value=60.0,
                    min_value=0.0, max_value=100.0)
    assert row["projected_value"] == 100.0 and row["projection_bound"] == "max"
    assert row["ratio_r"] == pytest.approx(40 / 35)


def test_projection_below_the_lower_bound_stops_at_it_and_says_so():
    # 快递网点比例 falling 2 points a quarter toward a target of 0 would pass −43 %.
    row = status_of({"2026Q2": 5, "2026Q3": 3}, "2026Q3", target=0.0, year=2030, baseline_value=23.0,
                    direction="decrease", min_value=0.0, max_value=100.0)
    assert row["projected_value"] == 0.0 and row["projection_bound"] == "min"
    assert row["status"] == "on_track"


def test_projection_inside_the_bounds_is_left_alone():
    row = status_of({"2024Q3": 52, "2024Q4": 54}, "2024Q4", min_value=0.0, max_value=100.0)
    assert row["projected_value"] == pytest.approx(62.0) and row["projection_bound"] is None  # 54 + 4 × 2


def test_cumulative_count_never_projected_to_fall():
    # A running total that dipped (a correction) still cannot end below its latest value.
    row = status_of({"2026Q1": 10, "2026Q2": 9, "2026Q3": 9}, "2026Q3", target=30.0, year=2030,
                    baseline_value=5.0, unit="个", min_value=0.0, cumulative=True)
    assert row["projected_value"] == 9.0 and row["projection_bound"] == "cumulative"
    assert row["attainment_period"] is None


def test_latest_is_the_newest_value_even_after_the_target_year():
    row = status_of({"2025Q4": 402, "2026Q3": 455}, "2026Q3", target=400.0, baseline_value=300.0, unit="家")
    assert row["final"] and row["status"] == "achieved"
    assert (row["latest_period"], row["latest_value"]) == ("2026Q3", 455.0)
    assert (row["judged_period"], row["judged_value"]) == ("2025Q4", 402.0)
    assert row["gap"] == pytest.approx(-2.0)  # beyond the target by 2, on the judged value


def test_headline_groups_split_expired_results_from_next_progress():
    ind = pd.DataFrame([indicator("A"), indicator("B")])
    tgt = pd.concat([TWO, targets(("B", 2025, 5.0))])
    data = pd.concat([actuals({"2025Q4": 59, "2026Q1": 61}), actuals({"2025Q4": 6, "2026Q1": 7}, code="B")])
    results, progress = headline_groups(indicator_status(ind, tgt, data, "2026Q1"))
    assert results[["code", "target_year", "status"]].values.tolist() == [["A", 2025, "missed"],
                                                                           ["B", 2025, "achieved"]]
    assert progress[["code", "target_year"]].values.tolist() == [["A", 2030]]  # B has no open target


def test_city_shares_of_a_count():
    data = pd.concat([actuals({"2026Q1": 200}), actuals({"2026Q1": 50}, district="南山区"),
                      actuals({"2025Q4": 10}, district="福田区")])
    rows = indicator_status(pd.DataFrame([indicator(unit="家")]), targets(("A", 2030, 300.0)), data, "2026Q1")
    assert city_shares(rows) == {"全市": 100.0, "南山区": 25.0}  # 福田区's latest quarter has no city value


@pytest.mark.parametrize("direction", ["increase", "decrease"])
def test_a_value_on_the_target_up_to_float_noise_meets_it(direction):
    # 0.6399999999999999 is how a workbook's formula often stores 0.64: it is on the target, not 0.0000000001 short.
    final = status_of({"2025Q3": 0.62, "2025Q4": 0.6399999999999999 if direction == "increase" else 0.6400000000000001},
                      "2026Q1", target=0.64, baseline_value=0.6 if direction == "increase" else 0.7,
                      direction=direction, unit="")
    assert final["status"] == "achieved" and final["gap"] == 0.0
    short = status_of({"2025Q4": 0.639}, "2026Q1", target=0.64, baseline_value=0.6, unit="")
    assert short["status"] == "missed" and short["gap"] == pytest.approx(0.001)  # a real shortfall stays one


def _district_targets(*rows):
    return pd.DataFrame(rows, columns=["code", "target_year", "district", "target_value"])


def test_a_districts_own_target_in_a_year_the_city_has_none_adds_no_city_row():
    # 南山区 sets its own 2030 target; the city has only 2025: the city reads its 2025 result, not "2030 目标待定".
    data = pd.concat([actuals({"2025Q4": 58, "2026Q3": 61}), actuals({"2025Q4": 56, "2026Q3": 57}, district="南山区")])
    tgt = _district_targets(("A", 2025, "全市", 60.0), ("A", 2030, "南山区", 65.0))
    result = indicator_status(pd.DataFrame([indicator()]), tgt, data, "2026Q3")
    rows = result[["district", "target_year", "status", "judged"]].values.tolist()
    assert rows == [["全市", 2025, "missed", True], ["南山区", 2025, "not_judged", False],
                    ["南山区", 2030, "at_risk", True]]
    head = headline(result)
    assert head[["target_year", "status"]].values.tolist() == [[2025, "missed"]]
    results, progress = headline_groups(result)
    assert len(results) == 1 and progress.empty


def test_a_district_is_judged_on_its_own_target_not_on_the_citys_next_year():
    # The city is judged on 2030; 南山区 has only its own 2025 target: its verdict is that result (已达成), never
    # "未设分区目标" on the city's 2030 row, and the district roll-up counts it.
    data = pd.concat([actuals({"2025Q4": 58, "2026Q3": 61}), actuals({"2025Q4": 56, "2026Q3": 57}, district="南山区"),
                      actuals({"2026Q3": 50}, district="福田区")])
    tgt = _district_targets(("A", 2025, "全市", 60.0), ("A", 2030, "全市", 70.0), ("A", 2025, "南山区", 55.0))
    result = indicator_status(pd.DataFrame([indicator()]), tgt, data, "2026Q3")
    judged = result[result["judged"]].set_index("district")
    assert judged.loc["全市", "target_year"] == 2030 and judged.loc["全市", "status"] == "on_track"
    assert judged.loc["南山区", "target_year"] == 2025 and judged.loc["南山区", "status"] == "achieved"
    assert judged.loc["福田区", "target_year"] == 2030 and judged.loc["福田区", "status"] == "not_judged"
    assert result.groupby("district")["judged"].sum().to_dict() == {"全市": 1, "南山区": 1, "福田区": 1}
    districts = by_district(result)
    assert districts[["district", "achieved", "total"]].values.tolist() == [["南山区", 1, 1]]
