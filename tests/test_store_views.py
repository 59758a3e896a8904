"""The narrow read for statuses gives exactly the statuses of a full read."""

import pandas as pd

from metrics import periods
from metrics import status as metrics_status
from metrics.settings import DEFAULT
from store import catalog, values, views
from store import db as store_db


def test_statuses_from_the_narrow_read_equal_those_from_every_row(sample_db):
    with store_db.connect(sample_db) as con:
        inds = catalog.indicators(con)
        tgts = values.targets(con)
        deadlines = sorted({periods.year_end(int(y)) for y in tgts["target_year"]})
        for as_of in ("2023Q1", "2024Q3", "2025Q4", "2026Q3"):
            full = values.actuals(con, as_of=as_of)
            narrow = views.actuals_for_status(con, as_of=as_of, deadlines=deadlines,
                                              window=DEFAULT.PROJECTION_WINDOW + 1)
            assert len(narrow) <= len(full)
            expected = metrics_status.indicator_status(inds, tgts, full, as_of)
            got = metrics_status.indicator_status(inds, tgts, narrow, as_of)
            pd.testing.assert_frame_equal(got, expected)
        assert len(narrow) < len(full)
