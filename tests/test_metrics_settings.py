"""Settings, status severity and the quarter date helpers added for metrics."""

import dataclasses
import datetime as dt

import pytest

from metrics import periods
from metrics.settings import DEFAULT, STATUS_ORDER, Settings, worst


def test_defaults():
    assert (DEFAULT.ON_TRACK, DEFAULT.AT_RISK, DEFAULT.REGRESS, DEFAULT.PROJECTION_WINDOW) == (0.95, 0.6, 0.0, 8)
    assert DEFAULT.REPORT_GRACE_DAYS == 20


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.ON_TRACK = 0.9  # type: ignore[misc]
    assert Settings(ON_TRACK=0.9).ON_TRACK == 0.9


def test_status_order_is_worst_first():
    assert STATUS_ORDER[0] == "missed" and STATUS_ORDER[-2:] == ("achieved", "not_judged")


@pytest.mark.parametrize(("statuses", "expected"), [
    (["achieved", "at_risk", "on_track"], "at_risk"),
    (["no_data", "target_pending"], "no_data"),
    (["achieved", "missed", None], "missed"),
    ([], None),
    ([None, "unknown"], None),
])
def test_worst(statuses, expected):
    assert worst(statuses) == expected


@pytest.mark.parametrize(("period", "first", "last"), [
    ("2025Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    ("2024Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("2025Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
])
def test_quarter_days(period, first, last):
    assert periods.first_day(period) == first and periods.last_day(period) == last


def test_every_status_of_the_registry_has_a_label_and_a_colour():
    from presentation import labels
    assert set(labels.STATUS) == set(STATUS_ORDER) == set(labels.STATUS_COLOR)
