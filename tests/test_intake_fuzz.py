"""Whatever the bytes, parse_upload answers with rows or Chinese refusals: never an exception, never an abort.

How many tables and workbooks it tries is the hypothesis profile's (tests/conftest.py).
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from intake import Context, parse_upload
from tests.corpus.cases import CASES
from tests.helpers import INDICATORS, ROOT

CTX = Context(INDICATORS, latest_period="2026Q3")
WORKBOOKS = sorted(p for p in (ROOT / "tests" / "files" / "workbooks").glob("*.xlsx")
                   if p.stat().st_size < 200_000 and not any(c.hostile and c.file == p.name for c in CASES))
CELLS = st.sampled_from(["P17_CW_RECYCLING", "P02_GREEN_MFG", "2025Q4", "2025年第四季度", "福田区", "全市", "市本级",
                         "95.1%", "𝟗𝟓.𝟏", "1,234", "=1+1", "#DIV/0!", "\"", "", " ", "\u200b", "滞　后", "指标代码",
                         "报告期", "区", "数值", "序号", "1e400", "-0", "٩٥", "\ufeff"]) | st.text(max_size=8)


def _assert_answered(result) -> None:
    assert result.ok or result.error_count >= 1
    if not result.ok:
        first = result.errors.iloc[0]
        assert first["problem"] and any("\u4e00" <= ch <= "\u9fff" for ch in first["problem"])


@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", "\t", ";"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030",
                                                                            "utf-16"]))
def test_any_text_table_is_answered(rows, delimiter, encoding):
    text = "\r\n".join(delimiter.join(row) for row in rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _assert_answered(parse_upload(data, "fuzz.csv", "actuals", CTX))


@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 12))
def test_a_damaged_workbook_is_answered(seed, flips):
    rng = random.Random(seed)
    data = bytearray(rng.choice(WORKBOOKS).read_bytes())
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    _assert_answered(parse_upload(bytes(data), "fuzz.xlsx", rng.choice(["actuals", "task-status"]), CTX))
