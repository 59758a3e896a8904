"""The one formula-neutralising rule: literal cells in, literal cells out; numbers and ordinary text untouched."""

from __future__ import annotations

import pandas as pd
import pytest

from store.cells import neutralise, neutralise_text

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+1+cmd|' /C calc'!A0"


@pytest.mark.parametrize(("cell", "expected"), [
    (HYPERLINK, "'" + HYPERLINK),
    (DDE, "'" + DDE),
    ("@SUM(1)", "'@SUM(1)"),
    ("-2+3", "'-2+3"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("   =1+1", "'   =1+1"),          # leading spaces do not hide a formula
    ("按计划推进，完成 80%", "按计划推进，完成 80%"),
    ("完成验收 =1", "完成验收 =1"),      # a formula sign inside the text is harmless
    ("", ""),
    ("'=already", "'=already"),
])
def test_text_a_spreadsheet_would_run_gets_one_apostrophe(cell, expected):
    assert neutralise_text(cell) == expected


@pytest.mark.parametrize("value", [-3.5, -1, 0, 2.25, None, float("nan")])
def test_numbers_and_missing_values_are_returned_as_they_are(value):
    out = neutralise_text(value)
    assert out is value


def test_a_frame_keeps_its_numbers_and_dtypes_and_is_not_modified():
    frame = pd.DataFrame({
        "任务编号": [1, 2, 3],
        "数值": [-3.5, 12.0, -0.25],
        "进展说明": [HYPERLINK, "按计划推进", None],
        "填报单位": ["@市工信局", "市发展改革委", DDE],
        "混合": [-7, "-x", 1.5],
    })
    before = frame.copy()
    out = neutralise(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out.dtypes.equals(frame.dtypes)
    assert out["任务编号"].tolist() == [1, 2, 3]
    assert out["数值"].tolist() == [-3.5, 12.0, -0.25]
    assert out["进展说明"].tolist()[:2] == ["'" + HYPERLINK, "按计划推进"] and pd.isna(out["进展说明"][2])
    assert out["填报单位"].tolist() == ["'@市工信局", "市发展改革委", "'" + DDE]
    assert out["混合"].tolist() == [-7, "'-x", 1.5]


def test_only_the_named_columns_are_treated_when_columns_are_given():
    frame = pd.DataFrame({"note": ["=1"], "code": ["=2"]})
    assert neutralise(frame, ["note"]).iloc[0].tolist() == ["'=1", "=2"]


def test_categorical_and_string_columns_and_a_repeated_index_are_treated():
    frame = pd.DataFrame({"c": pd.Categorical(["@S", "b"]), "s": pd.array(["-x", "y"], dtype="string")},
                         index=[0, 0])
    out = neutralise(frame)
    assert out["c"].tolist() == ["'@S", "b"]
    assert out["s"].tolist() == ["'-x", "y"] and out["s"].dtype == "string"
