"""Settings, status severity and the quarter date helpers added for metrics."""

import dataclasses
import datetime as dt

import pytest

from metrics import periods
from metrics.settings import (
    DEFAULT,
    PROGRESS_STATUSES,
    RED,
    RESULT_STATUSES,
    STATUS_ORDER,
    STATUSES,
    VERDICTS,
    Settings,
    worst,
)


def test_defaults():
    assert (DEFAULT.ON_TRACK, DEFAULT.AT_RISK, DEFAULT.REGRESS, DEFAULT.PROJECTION_WINDOW) == (0.95, 0.6, 0.0, 8)


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


@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.name)
def test_every_status_of_the_registry_has_a_label_a_colour_an_order_and_a_group(status):
    from presentation import labels
    assert labels.STATUS.get(status.name), f"presentation/labels.py STATUS lacks {status.name!r}"
    assert str(labels.STATUS_COLOR.get(status.name, "")).startswith("#"), f"STATUS_COLOR lacks {status.name!r}"
    assert status.group in ("result", "progress", None)
    assert status.verdict or not (status.red or status.good or status.group), "a row that is no verdict is never counted"


def test_the_registry_orders_every_status_once_and_labels_name_no_other():
    from presentation import labels
    names = [s.name for s in STATUSES]
    assert len(set(names)) == len(names)
    assert sorted(s.severity for s in STATUSES) == list(range(len(STATUSES))), "severities are 0…n-1, each once"
    assert set(labels.STATUS) == set(names) == set(labels.STATUS_COLOR)


def test_the_lists_the_rules_read_are_derived_from_the_registry():
    assert RED == ("missed", "regressing", "off_track")
    assert VERDICTS == tuple(s for s in STATUS_ORDER if s != "not_judged")
    assert RESULT_STATUSES == ("achieved", "missed", "target_pending")
    assert PROGRESS_STATUSES == ("on_track", "at_risk", "off_track", "regressing", "no_data")
