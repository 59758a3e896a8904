"""The series frame read in DuckDB (store.series) is the frame metrics builds from every row, and grades alike."""

import datetime as dt

import pandas as pd
import pytest

from metrics import status as metrics_status
from metrics import trajectory
from metrics.settings import DEFAULT
from store import catalog, series, uploads, values
from store import db as store_db

WINDOW = DEFAULT.PROJECTION_WINDOW + 1


def _known_on_moments(con) -> list[dt.datetime | None]:
    times = sorted(uploads.history(con)["uploaded_at"])
    return [None, times[len(times) // 3], times[2 * len(times) // 3]]


@pytest.mark.parametrize("as_of", ["2023Q1", "2024Q3", "2025Q4", "2026Q3"])
def test_the_frame_read_in_duckdb_equals_the_frame_built_from_every_row(sample_db, as_of):
    with store_db.connect(sample_db) as con:
        inds, tgts = catalog.indicators(con), values.targets(con)
        deadlines = metrics_status.deadlines(tgts)
        for known_on in _known_on_moments(con):
            read = series.read(con, as_of=as_of, deadlines=deadlines, window=WINDOW, known_on=known_on)
            every_row = values.actuals(con, as_of=as_of, known_on=known_on)
            built = trajectory.series_frame(every_row, as_of, deadlines, WINDOW)
            order = ["code", "district"]
            got = read.frame.sort_values(order).reset_index(drop=True)
            want = built.sort_values(order).reset_index(drop=True)
            pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)
            pd.testing.assert_frame_equal(metrics_status.judge(inds, tgts, read.frame, as_of),
                                          metrics_status.indicator_status(inds, tgts, every_row, as_of))
            revised = values.revisions(con, known_on=known_on)
            revised = revised[revised["period"] <= as_of].reset_index(drop=True)
            pd.testing.assert_frame_equal(read.revisions, revised, check_dtype=not revised.empty)


def test_a_revised_and_a_rolled_back_value_count_as_the_rows_say(sample_db):
    """The sample has a revision and a rolled-back upload: the frame takes the value that counts (exact path)."""
    with store_db.connect(sample_db) as con:
        assert not values.revisions(con).empty
        read = series.read(con, as_of="2026Q3", deadlines=[], window=WINDOW)
        every_row = values.actuals(con, as_of="2026Q3")
    built = trajectory.series_frame(every_row, "2026Q3", [], WINDOW)
    got = read.frame.set_index(["code", "district"]).sort_index()
    want = built.set_index(["code", "district"]).sort_index()
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)


def test_the_previous_quarter_cut_from_the_frame_grades_as_a_read_at_that_quarter(sample_db):
    with store_db.connect(sample_db) as con:
        inds, tgts = catalog.indicators(con), values.targets(con)
        deadlines = metrics_status.deadlines(tgts)
        now = series.read(con, as_of="2026Q1", deadlines=deadlines, window=WINDOW).frame
        before = values.actuals(con, as_of="2025Q4")
    pd.testing.assert_frame_equal(metrics_status.judge(inds, tgts, trajectory.cut(now, "2025Q4"), "2025Q4"),
                                  metrics_status.indicator_status(inds, tgts, before, "2025Q4"))
