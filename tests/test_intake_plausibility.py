"""Values that parse but look wrong against their history: 0.88 for 88 %, 10× jumps, cumulative counts falling."""

from __future__ import annotations

import pandas as pd

from intake.plausibility import unusual

INDICATORS = pd.DataFrame({"code": ["PCT", "CUM", "CNT"], "name": ["某比例", "累计创建数", "项目数"],
                           "unit": ["%", "家", "个"]})
NONE = pd.DataFrame(columns=["code", "district", "period", "prev_period", "prev_value"])


def _rows(*rows):
    return pd.DataFrame(rows, columns=["code", "period", "district", "value"])


def _history(**medians):
    return pd.DataFrame({"code": list(medians), "median": list(medians.values())})


def _previous(*rows):
    return pd.DataFrame(rows, columns=["code", "district", "period", "prev_period", "prev_value"])


def test_a_percent_indicator_typed_as_fractions_is_flagged_on_every_row():
    rows = _rows(("PCT", "2026Q3", "全市", 0.88), ("PCT", "2026Q3", "福田区", 0.9))
    reasons = unusual(rows, NONE, _history(PCT=85.0), INDICATORS)
    assert reasons.notna().all()
    assert "0.88" in reasons[0] and "85" in reasons[0]


def test_fractions_are_fine_when_the_history_is_small_too_or_one_value_is_large():
    assert unusual(_rows(("PCT", "2026Q3", "全市", 0.8)), NONE, _history(PCT=0.9), INDICATORS).isna().all()
    mixed = _rows(("PCT", "2026Q3", "全市", 0.8), ("PCT", "2026Q3", "福田区", 80.0))
    assert unusual(mixed, NONE, _history(PCT=85.0), INDICATORS).isna().all()


def test_a_value_ten_times_off_the_previous_quarter_is_flagged_either_way():
    rows = _rows(("CNT", "2026Q3", "全市", 300.0), ("CNT", "2026Q3", "福田区", 2.0), ("CNT", "2026Q3", "南山区", 25.0))
    previous = _previous(("CNT", "全市", "2026Q3", "2026Q2", 30.0), ("CNT", "福田区", "2026Q3", "2026Q2", 20.0),
                         ("CNT", "南山区", "2026Q3", "2026Q2", 20.0))
    reasons = unusual(rows, previous, _history(CNT=20.0), INDICATORS)
    assert "10 倍" in reasons[0] and "2026Q2：30" in reasons[0]
    assert "0.1 倍" in reasons[1]
    assert pd.isna(reasons[2])


def test_a_cumulative_count_that_falls_is_flagged_also_against_the_files_own_earlier_quarter():
    rows = _rows(("CUM", "2026Q2", "全市", 150.0), ("CUM", "2026Q3", "全市", 149.0))
    previous = _previous(("CUM", "全市", "2026Q2", "2026Q1", 140.0), ("CUM", "全市", "2026Q3", "2026Q1", 140.0))
    reasons = unusual(rows, previous, _history(CUM=140.0), INDICATORS)
    assert pd.isna(reasons[0])
    assert "累计数比上一期（2026Q2：150）还少" in reasons[1]


def test_a_count_without_累计_may_fall_and_a_new_series_has_nothing_to_compare():
    rows = _rows(("CNT", "2026Q3", "全市", 18.0), ("CUM", "2026Q3", "罗湖区", 5.0))
    previous = _previous(("CNT", "全市", "2026Q3", "2026Q2", 20.0))
    assert unusual(rows, previous, _history(CNT=20.0), INDICATORS).isna().all()
