"""The one reading of a status row (presentation.readings) and the numbers of presentation.formats, on literal rows."""

import math

import pytest

from presentation import formats, readings

NAN = math.nan


def row(**over):
    base = {"code": "A", "district": "全市", "unit": "家", "status": "on_track", "final": False, "judged": True,
            "target_year": 2030, "target_value": 220.0, "latest_period": "2026Q3", "latest_value": 161.0,
            "judged_period": "2026Q3", "judged_value": 161.0, "gap": 59.0, "progress_pct": 57.25,
            "expected_pct": 45.16, "lag_pp": -12.09, "projected_value": 254.27, "projection_bound": None,
            "recent_rate": 5.4524, "required_rate": 3.4706, "baseline_value": 100.0, "baseline_period": "2023Q1"}
    return {**base, **over}


@pytest.mark.parametrize(("value", "unit", "text"), [
    (254.27, "家", "254 家"), (20.54, "个", "21 个"), (12.54, "%", "12.5%"), (0.6456, "", "0.646"),
    (NAN, "家", "—"), (-0.04, "%", "0%"),
])
def test_precision_by_unit(value, unit, text):
    assert formats.number(value, unit) == text


@pytest.mark.parametrize(("value", "unit", "text"), [
    (59.0, "家", "差 59 家"), (-6.0, "家", "超出 6 家"), (3.4, "%", "差 3.4 个百分点"),
    (-0.6, "%", "超出 0.6 个百分点"), (0.0, "%", "恰好达到目标"), (-0.2, "家", "恰好达到目标"),
])
def test_gaps_are_words_never_negative_numbers(value, unit, text):
    assert formats.gap(value, unit) == text


@pytest.mark.parametrize(("value", "unit", "text"), [
    (3.4706, "家", "+3.5 家/季度"), (-0.1824, "%", "-0.18 个百分点/季度"), (0.002, "", "+0.002/季度"),
])
def test_rates_per_quarter(value, unit, text):
    assert formats.rate(value, unit) == text


def test_lagging_is_red_and_points_down_ahead_is_green_and_points_up():
    behind = readings.lag(row(lag_pp=39.23, status="regressing"))
    assert (behind.text, behind.arrow, behind.colour) == ("落后 39.2 个百分点", "down", "red")
    ahead = readings.lag(row(lag_pp=-12.09))
    assert (ahead.text, ahead.arrow, ahead.colour) == ("领先 12.1 个百分点", "up", "green")


def test_the_schedule_delta_never_takes_a_colour_the_status_contradicts():
    ahead_but_at_risk = readings.lag(row(lag_pp=-7.78, status="at_risk"))
    assert (ahead_but_at_risk.arrow, ahead_but_at_risk.colour) == ("up", "gray")
    behind_but_on_track = readings.lag(row(lag_pp=5.0, status="on_track"))
    assert (behind_but_on_track.arrow, behind_but_on_track.colour) == ("down", "gray")
    assert readings.lag(row(status="not_judged")) is None
    assert readings.lag(row(final=True)) is None


def test_an_expired_target_reads_its_year_end_value_not_the_latest():
    final = row(final=True, status="achieved", target_year=2025, target_value=400.0, latest_value=455.0,
                judged_period="2025Q4", judged_value=402.0, gap=-2.0)
    assert readings.sentence(final) == "2025 年终值 402 家（2025Q4），目标 400 家，已达成（超出 2 家）。"
    assert readings.latest(final) == "455 家（2026Q3）" and readings.judged(final) == "402 家（2025Q4）"


def test_an_open_target_says_the_projection_and_its_bound():
    text = readings.sentence(row(unit="%", target_value=95.0, latest_value=84.0, gap=11.0, projected_value=100.0,
                                 projection_bound="max"))
    assert "按近期趋势预计 2030 年末达 100%（趋势将越过上限，按上限 100% 计），按计划推进。" in text


def test_a_district_without_its_own_target_gets_no_verdict_and_no_colour():
    district = row(district="南山区", status="not_judged", target_value=NAN, gap=NAN, progress_pct=NAN,
                   latest_value=21.0, recent_rate=0.5119)
    text = readings.sentence(district, share=13.04)
    assert text == "2026Q3 为 21 家，占全市 13%；近期趋势 +0.5 家/季度。该区未设分区目标，不与全市目标比较，不作判断。"
    assert readings.colour("not_judged") is None and readings.colour("off_track") == "#d93025"
    assert readings.judged(district | {"final": True}) == "—"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (0.04, "%", "差 0.04 个百分点"), (0.0004, "", "差 0.0004"), (0.3, "家", "差 0.3 家"), (1e-12, "%", "恰好达到目标"),
    (-0.04, "%", "恰好达到目标"),
])
def test_a_shortfall_below_the_units_precision_is_never_read_as_on_target(value, unit, text):
    assert formats.gap(value, unit) == text


@pytest.mark.parametrize(("value", "other", "unit", "text"), [
    (99.96, 100.0, "%", "99.96%"), (100.0, 100.0, "%", "100%"), (84.04, 95.0, "%", "84%"), (0.6396, 0.64, "", "0.6396"),
    (139.6, 140.0, "家", "139.6 家"), (99.96, NAN, "%", "100%"),
])
def test_a_value_beside_its_target_is_never_printed_like_it_when_it_differs(value, other, unit, text):
    assert formats.number_beside(value, other, unit) == text


def test_a_missed_target_never_reads_as_the_target_value():
    # 99.96 % against 100 % is 未达成: '2025 年终值 100%，目标 100%，恰好达到目标，未达成' contradicted itself.
    final = row(unit="%", final=True, status="missed", target_year=2025, target_value=100.0, latest_value=99.98,
                judged_period="2025Q4", judged_value=99.96, gap=0.04)
    assert readings.sentence(final) == "2025 年终值 99.96%（2025Q4），目标 100%，差 0.04 个百分点，未达成。"
    assert readings.judged(final) == "99.96%（2025Q4）" and readings.latest(final) == "99.98%（2026Q3）"
    open_row = row(unit="%", target_value=100.0, latest_value=99.96, gap=0.04, projected_value=NAN)
    assert readings.sentence(open_row).startswith("2026Q3 为 99.96%，2030 年目标 100%，差 0.04 个百分点；")
    # a row that is no verdict keeps the unit's precision
    assert readings.latest(row(unit="%", status="not_judged", target_value=100.0, latest_value=99.96)) == "100%（2026Q3）"


def test_a_pending_targets_sentence_dates_its_latest_value():
    # In the 2025 results table a bare 0.646 reads as the 2025 value; it is the newest one, of 2026Q3.
    pending = row(unit="", status="target_pending", final=True, target_year=2025, target_value=NAN,
                  latest_value=0.646, judged_value=0.64, judged_period="2025Q4")
    assert readings.sentence(pending) == "目标值待定（待上级下达）；最新值 0.646（2026Q3）。"
    assert readings.sentence(pending | {"latest_period": None, "latest_value": NAN}) == \
        "目标值待定（待上级下达）；最新值 暂无数据。"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (-5.0, "%", "优于目标 5 个百分点"), (3.1, "%", "高于目标 3.1 个百分点"), (0.04, "%", "高于目标 0.04 个百分点"),
    (0.0, "%", "恰好达到目标"), (-2.0, "家", "优于目标 2 家"),
])
def test_a_lower_is_better_gap_reads_in_its_direction(value, unit, text):
    # '超出 5 个百分点' of a lower-is-better indicator that beats its target is heard as '5 points over (worse)'
    assert formats.gap(value, unit, "decrease") == text
    assert formats.gap(-6.0, "家", "increase") == "超出 6 家" and formats.gap(59.0, "家") == "差 59 家"


def test_a_lower_is_better_indicators_sentence_and_table_say_better_than_target():
    import pandas as pd

    from presentation import tables

    beaten = row(unit="%", direction="decrease", final=True, status="achieved", target_year=2025, target_value=10.0,
                 judged_period="2025Q4", judged_value=5.0, latest_value=4.0, gap=-5.0, name="快递网点比例")
    assert readings.sentence(beaten) == "2025 年终值 5%（2025Q4），目标 10%，已达成（优于目标 5 个百分点）。"
    behind = row(unit="%", direction="decrease", target_value=0.0, latest_value=3.1, gap=3.1, projected_value=NAN,
                 name="快递网点比例")
    assert "，2030 年目标 0%，高于目标 3.1 个百分点；" in readings.sentence(behind)
    shown = tables.indicator_rows(pd.DataFrame([beaten, behind]))
    assert shown["距目标差距"].tolist() == ["优于目标 5 个百分点", "高于目标 3.1 个百分点"]


def test_a_final_target_without_a_value_by_its_deadline_says_so_and_dates_the_latest_value():
    # '暂无上报数据。' beside a 最新值 tile of 455 家 read as a contradiction; the 2026 value is no 2025 result
    none_by_deadline = row(final=True, status="no_data", target_year=2025, target_value=400.0, latest_value=455.0,
                           latest_period="2026Q2", judged_value=NAN, judged_period=None, gap=NAN, progress_pct=NAN)
    assert readings.sentence(none_by_deadline) == \
        "2025 年目标 400 家：到期（2025Q4）前无上报数值，无法判断是否达成；最新值 455 家（2026Q2）。"
    assert readings.judged(none_by_deadline) == "—"
    never = none_by_deadline | {"latest_value": NAN, "latest_period": None}
    assert readings.sentence(never) == "2025 年目标 400 家：到期（2025Q4）前无上报数值，无法判断是否达成。"
    assert readings.sentence(row(status="no_data", latest_value=NAN, latest_period=None)) == "暂无上报数据。"


def test_a_latest_value_older_than_the_as_of_period_says_its_quarter():
    old = readings.stale(row(latest_period="2026Q2"), "2026Q3")
    assert (old.text, old.arrow, old.colour) == ("2026Q2 数值，2026Q3 未报送", "off", "orange")
    assert readings.stale(row(), "2026Q3") is None
    assert readings.stale(row(latest_period=None), "2026Q3") is None
