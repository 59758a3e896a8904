"""Roll-ups count statuses per group and report the worst, never an average."""

import pandas as pd

from metrics.rollups import by_agency, by_district, by_sector, rollup
from metrics.settings import VERDICTS

HEADLINE = pd.DataFrame({
    "code": ["A", "B", "C", "D"],
    "district": "全市",
    "status": ["on_track", "missed", "achieved", "on_track"],
})
INDICATORS = pd.DataFrame({
    "code": ["A", "B", "C", "D"],
    "sector": ["工业", "工业", "农业", None],
    "lead": ["市工业和信息化局", "市生态环境局", "市工业和信息化局", "市生态环境局"],
})


def test_rollup_counts_every_status_and_reports_the_worst():
    out = by_sector(HEADLINE, INDICATORS)
    assert out["sector"].tolist() == ["工业", "未分类", "农业"]  # worst group first: missed, on_track, achieved
    first = out.iloc[0]
    assert first["missed"] == 1 and first["on_track"] == 1 and first["achieved"] == 0
    assert first["total"] == 2 and first["worst"] == "missed"
    assert first["codes"] == {"missed": ["B"], "on_track": ["A"]}
    assert list(out.columns) == ["sector", *VERDICTS, "total", "worst", "codes"]


def test_one_red_is_never_averaged_away():
    many_green = pd.DataFrame({"code": [f"X{i}" for i in range(20)] + ["R"],
                               "status": ["achieved"] * 20 + ["regressing"], "group": "g"})
    assert rollup(many_green, "group").iloc[0]["worst"] == "regressing"


def test_by_agency_uses_the_indicator_lead():
    out = by_agency(HEADLINE, INDICATORS).set_index("agency")
    assert out.loc["市生态环境局", "codes"] == {"missed": ["B"], "on_track": ["D"]}
    assert out.loc["市工业和信息化局", "worst"] == "on_track"


def test_by_district_counts_the_judged_rows_of_districts_only():
    status = pd.DataFrame({
        "code": ["A", "A", "A", "B", "B"],
        "district": ["全市", "南山区", "南山区", "南山区", "福田区"],
        "target_year": [2030, 2025, 2030, 2025, 2025],
        "judged": [True, False, True, True, True],
        "status": ["on_track", "missed", "at_risk", "no_data", "achieved"],
    })
    out = by_district(status).set_index("district")
    assert out.loc["南山区", "total"] == 2 and out.loc["南山区", "worst"] == "at_risk"
    assert out.loc["福田区", "achieved"] == 1
    assert "全市" not in out.index


def test_rollup_of_nothing_is_an_empty_frame_with_the_columns():
    out = rollup(HEADLINE.iloc[0:0].assign(sector=[]), "sector")
    assert out.empty and "worst" in out.columns


def test_rollup_does_not_mutate_its_input():
    rows = HEADLINE.assign(group=["a", "b", None, "a"])
    copy = rows.copy()
    rollup(rows, "group")
    pd.testing.assert_frame_equal(rows, copy)


def test_by_district_leaves_out_districts_without_their_own_target():
    status = pd.DataFrame({
        "code": ["A", "B", "A"],
        "district": ["南山区", "南山区", "福田区"],
        "target_year": [2030, 2030, 2030],
        "judged": [True, True, True],
        "status": ["not_judged", "off_track", "not_judged"],
    })
    out = by_district(status).set_index("district")
    assert out.loc["南山区", "total"] == 1 and out.loc["南山区", "worst"] == "off_track"
    assert "福田区" not in out.index  # nothing judged there: no row that reads as a verdict
