"""The target year the headline reports results for, derived from the targets."""

import pandas as pd
import pytest

from metrics.results import result_year


def _rows(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["district", "target_year", "final"])


@pytest.mark.parametrize(("rows", "expected"), [
    # 2025 has ended (final), 2030 is open: the results are 2025's
    (_rows(("全市", 2025.0, True), ("全市", 2030.0, False)), 2025),
    # later, both have ended: the latest one
    (_rows(("全市", 2025.0, True), ("全市", 2030.0, True)), 2030),
    # before any deadline: the first one due
    (_rows(("全市", 2030.0, False), ("全市", 2025.0, False), ("全市", None, False)), 2025),
    # a district's own target does not move the city's headline
    (_rows(("南山区", 2024.0, True), ("全市", 2025.0, False)), 2025),
    (_rows(("全市", None, False)), None),
    (_rows(), None),
])
def test_result_year(rows, expected):
    assert result_year(rows) == expected
