"""Everything the pages and the deck show for one as-of period, read once and computed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from metrics import deadlines, periods, reporting, rollups, trajectory
from metrics import projects as project_metrics
from metrics import status as metrics_status
from metrics import tasks as task_metrics
from metrics.settings import CITY
from metrics.settings import DEFAULT as METRIC_SETTINGS
from store import catalog, series, uploads, values
from store import reports as store_reports

MATRIX_QUARTERS = 8  # quarters shown in the reporting matrix


@dataclass
class Snapshot:
    """Frames of one as-of period (and, for reproducing a briefing, one known-on moment)."""

    as_of: str | None
    known_on: dt.datetime | None
    periods: list[str]
    has_sample: bool
    indicators: pd.DataFrame
    status: pd.DataFrame          # every code × district × target year (metrics.status columns)
    headline: pd.DataFrame        # one row per code, with name, unit, sector, lead, project
    changes: pd.DataFrame         # status moves since the previous quarter
    tasks: pd.DataFrame           # catalog tasks with their latest state as of
    task_history: pd.DataFrame    # every (task, period) report that counts
    responsibilities: pd.DataFrame
    projects: pd.DataFrame        # catalog projects with their latest state as of (metrics.projects)
    project_history: pd.DataFrame  # every (project, period) report that counts
    project_by_agency: pd.DataFrame  # project counts per agency and role, overdue projects listed
    project_by_sector: pd.DataFrame  # project counts per sector (metrics.projects.project_progress)
    indicator_tasks: pd.DataFrame
    agencies: pd.DataFrame
    sector_rollup: pd.DataFrame
    agency_rollup: pd.DataFrame
    task_by_sector: pd.DataFrame
    task_by_agency: pd.DataFrame
    matrix: pd.DataFrame
    revisions: pd.DataFrame
    source_uploads: pd.DataFrame
    extra: dict = field(default_factory=dict)
    # the newest up-to-8 quarters of each city-wide series: code, district, period, value (overview sparklines)
    recent: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["code", "district", "period", "value"]))

    @property
    def empty(self) -> bool:
        return self.as_of is None

    @property
    def period(self) -> str | None:
        """The quarter tasks and projects are counted for: the as-of period, or, in a store without any quarter's
        data, the latest closed quarter (every task is judged for it, so a page never says '—' beside its counts)."""
        return self.as_of or self.extra.get("period")


def _headline(status: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    head = metrics_status.headline(status)
    cols = ["code", "name", "sector", "lead", "project_no", "project_name"]
    return head.merge(indicators[cols], on="code", how="left").sort_values(["project_no", "code"]).reset_index(
        drop=True)


def _keyed(submitted: pd.DataFrame | None, subject: str, key: str) -> pd.DataFrame | None:
    """The submissions of one subject, their item (text) as the integer `key` the matrix counts by."""
    if submitted is None:
        return None
    rows = submitted[submitted["subject"] == subject]
    number = pd.to_numeric(rows["item"], errors="coerce")
    rows = rows[number.notna()]
    return pd.DataFrame({"agency": rows["agency"].to_numpy(), key: number[number.notna()].astype("int64").to_numpy(),
                         "period": rows["period"].to_numpy(), "submitted_at": rows["submitted_at"].to_numpy()})


def build(con, as_of: str | None = None, known_on: dt.datetime | None = None,
          today: dt.date | None = None) -> Snapshot:
    """Read the store and compute every metric for `as_of` (default: the newest quarter with data).

    Lateness is judged on `today` (default: the known-on day, else the present day): before the as-of quarter's
    reporting deadline a task without its report is not overdue yet, and the reporting matrix counts none missing.
    """
    found = values.periods(con, known_on=known_on)
    if as_of is None:
        as_of = found[-1] if found else None
    effective = as_of or periods.latest_closed()
    indicators = catalog.indicators(con)
    targets = values.targets(con, known_on=known_on)
    # One quarter more than the trend window, so last quarter's status (for "what changed") is exact too.
    read = series.read(con, as_of=effective, deadlines=metrics_status.deadlines(targets),
                       window=METRIC_SETTINGS.PROJECTION_WINDOW + 1, known_on=known_on)
    status = metrics_status.judge(indicators, targets, read.frame, effective)
    headline = _headline(status, indicators)
    prev = periods.previous(effective)
    # "What changed" compares headlines (全市) only, and a row's status reads only its own series: 全市 suffices.
    before = trajectory.cut(read.frame, prev)
    prev_status = metrics_status.judge(indicators, targets, before[before["district"] == CITY], prev)
    changes = metrics_status.status_changes(metrics_status.headline(prev_status), headline)
    changes = changes.merge(indicators[["code", "name"]], on="code", how="left")
    task_catalog = catalog.tasks(con)
    project_history = values.project_status(con, as_of=effective, known_on=known_on)
    project_catalog = catalog.projects(con)
    history = values.task_status(con, as_of=effective, known_on=known_on)
    resp = catalog.responsibilities(con)
    calendar = store_reports.calendar(con)
    today = today or (known_on.date() if known_on is not None else uploads.now().date())
    due = deadlines.is_due(effective, calendar, today)
    # each subject's states once; the counts by sector and by agency are read from them
    states = task_metrics.task_states(task_catalog, history, effective, due=due)
    project_states = project_metrics.project_states(project_catalog, project_history, effective, due=due)
    matrix_periods = [p for p in found if p <= effective][-MATRIX_QUARTERS:]
    # each unit's reports of the tasks and the key projects it answers for, counted together; timeliness is the
    # first report (an online one: its submission) against the calendar's deadline, and each unit's own online
    # submission counts for it before the lead unit or the admin has verified it
    submitted = store_reports.submissions(con, known_on=known_on) if matrix_periods else None
    matrix = reporting.combined(
        reporting.reporting_matrix(task_catalog[["task_no"]], resp, history, matrix_periods,
                                   calendar=calendar, today=today, submissions=_keyed(submitted, "task", "task_no")),
        reporting.reporting_matrix(project_catalog[["project_no"]], resp, project_history, matrix_periods,
                                   subject="project", key="project_no", calendar=calendar, today=today,
                                   submissions=_keyed(submitted, "project", "project_no")),
    ) if matrix_periods else pd.DataFrame(columns=reporting.MATRIX_COLUMNS)
    prev_end = dt.datetime.combine(periods.last_day(prev), dt.time.max)
    revs = read.revisions
    live = uploads.history(con)
    if known_on is not None:
        live = live[(live["uploaded_at"] <= known_on)
                    & (live["rolled_back_at"].isna() | (live["rolled_back_at"] > known_on))]
    else:
        live = live[live["rolled_back_at"].isna()]
    return Snapshot(
        as_of=as_of, known_on=known_on, periods=found, has_sample=bool(live["is_sample"].any()),
        indicators=indicators, status=status, headline=headline, changes=changes, tasks=states,
        task_history=history, responsibilities=resp,
        projects=project_states, project_history=project_history,
        project_by_agency=project_metrics.summarize_by_agency(project_states, resp),
        project_by_sector=project_metrics.summarize_by(project_states, "sector"),
        indicator_tasks=catalog.indicator_tasks(con), agencies=catalog.agencies(con),
        # the headline carries each indicator's sector and lead already: no second join with the catalog
        sector_rollup=rollups.rollup(headline, "sector"),
        agency_rollup=rollups.rollup(headline.rename(columns={"lead": "agency"}), "agency"),
        task_by_sector=task_metrics.summarize_by(states, "sector"),
        task_by_agency=task_metrics.summarize_by_agency(states, resp),
        matrix=matrix, revisions=revs, source_uploads=live,
        extra={"period": effective, "previous_period": prev, "previous_end": prev_end, "today": today, "due": due,
               "deadline": deadlines.deadline(effective, calendar)},
        recent=trajectory.recent(read.frame[read.frame["district"] == CITY], METRIC_SETTINGS.PROJECTION_WINDOW),
    )


def indicator_detail(con, code: str, known_on: dt.datetime | None = None) -> dict[str, pd.DataFrame]:
    """One indicator's values in every district and its full revision history."""
    return {
        "actuals": values.actuals(con, codes=[code], known_on=known_on),
        "history": values.actual_history(con, code),
    }
