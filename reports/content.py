"""What a briefing shows: the snapshot narrowed to a sector or agency, with the frames each slide needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from metrics import periods, rollups
from metrics import reporting as reporting_rules
from metrics import tasks as task_metrics
from metrics.ranking import rank_agencies
from metrics.settings import CITY
from presentation import labels, readings
from service import reporting
from service import snapshot as snap
from store import catalog, values
from store.errors import NotFound


@dataclass
class Briefing:
    """One snapshot and its scope (all, one sector or one agency), narrowed once for every slide."""

    data: snap.Snapshot
    sector: str | None
    agency: str | None
    headline: pd.DataFrame   # one row per indicator in scope (judged status)
    status: pd.DataFrame     # city-wide rows of those indicators, every target year, with name
    tasks: pd.DataFrame      # task states in scope
    series: pd.DataFrame     # city-wide values that count, up to the as-of period: code, period, value
    sectors: list[str]       # sectors that get a slide, in the plan's order
    broken: pd.DataFrame = field(default_factory=pd.DataFrame)  # 整改逾期 in scope (service.reporting)

    @property
    def period(self) -> str:
        """The as-of period (the latest closed quarter for an empty store)."""
        return self.data.as_of or periods.latest_closed()

    @property
    def codes(self) -> list[str]:
        return self.headline["code"].tolist()


def agency_names(data: snap.Snapshot) -> dict[str, str]:
    """Every name (canonical or alias) an agency can be given by -> its canonical name."""
    names = {n: n for n in data.agencies["name"]}
    names.update({n: n for n in data.responsibilities["agency"]})
    for name, aliases in zip(data.agencies["name"], data.agencies["aliases"].fillna(""), strict=True):
        names.update({a: name for a in aliases.split("|") if a})
    return names


def _check_scope(data: snap.Snapshot, sector: str | None, agency: str | None) -> str | None:
    """Refuse an unknown sector or agency with the valid names; returns the agency's canonical name."""
    if sector is not None and sector not in catalog.sectors():
        raise NotFound(labels.DECK["unknown_sector"].format(name=sector, names="、".join(catalog.sectors())))
    if agency is None:
        return None
    names = agency_names(data)
    if agency not in names:
        canonical = sorted(set(names.values()))
        raise NotFound(labels.DECK["unknown_agency"].format(name=agency, names="、".join(canonical)))
    return names[agency]


def collect(con, as_of: str | None = None, known_on: dt.datetime | None = None, sector: str | None = None,
            agency: str | None = None) -> Briefing:
    """Read the store once and narrow everything to the scope.

    Raises:
        NotFound: an unknown sector or agency (the message lists the valid names).
    """
    data = snap.build(con, as_of, known_on)
    agency = _check_scope(data, sector, agency)
    head, tasks = data.headline, data.tasks
    if sector is not None:
        head, tasks = head[head["sector"] == sector], tasks[tasks["sector"] == sector]
    if agency is not None:
        held = task_metrics.held(data.responsibilities, agency)["subject_no"]
        head, tasks = head[head["lead"] == agency], tasks[tasks["task_no"].isin(held)]
    head, tasks = head.reset_index(drop=True), tasks.reset_index(drop=True)
    status = data.status[(data.status["district"] == CITY) & data.status["code"].isin(head["code"])]
    status = status.merge(data.indicators[["code", "name"]], on="code").sort_values(["code", "target_year"])
    effective = data.as_of or periods.latest_closed()
    series = values.actuals(con, as_of=effective, known_on=known_on, codes=head["code"].tolist(), district=CITY)
    shown = [s for s in catalog.sectors() if s == sector or sector is None and
             ((head["sector"] == s).any() or (tasks["sector"] == s).any())]
    broken = reporting.broken_promises(con, effective, data.status, known_on)
    scope = {"task": set(tasks["task_no"].astype(str)), "indicator": set(head["code"]),
             "project": set(_projects(data, sector, agency)["project_no"].astype(str))}
    in_scope = [str(i) in scope.get(sub, set()) for sub, i in zip(broken["subject"], broken["item"], strict=True)]
    broken = broken[pd.Series(in_scope, index=broken.index, dtype=bool)].reset_index(drop=True)
    return Briefing(data=data, sector=sector, agency=agency, headline=head, status=status.reset_index(drop=True),
                    tasks=tasks, series=series[["code", "period", "value"]], sectors=shown, broken=broken)


def groups(b: Briefing) -> tuple[readings.Group, readings.Group]:
    """The headline's two groups for the indicators in scope: results of the expired targets, progress of the next."""
    return readings.headline_groups(b.status)


def final_results(b: Briefing) -> pd.DataFrame:
    """City-wide rows of the latest targets whose year has ended (achieved, missed or pending), with lead: the
    rows the results group counts."""
    rows = groups(b)[0].rows
    return rows.merge(b.headline[["code", "lead"]], on="code", how="left").reset_index(drop=True)


def changes(b: Briefing) -> pd.DataFrame:
    """Status moves since the previous quarter for the indicators in scope (up or down only)."""
    moved = b.data.changes[(b.data.changes["move"] != "same") & b.data.changes["code"].isin(b.codes)]
    return moved.sort_values("code").reset_index(drop=True)


def revisions(b: Briefing) -> pd.DataFrame:
    """Historical values of the indicators in scope revised old -> new, with name and unit."""
    revs = b.data.revisions[b.data.revisions["code"].isin(b.codes)]
    revs = revs.merge(b.data.indicators[["code", "name", "unit"]], on="code", how="left")
    return revs.sort_values(["uploaded_at", "code", "period", "district"], ascending=[False, True, True, True],
                            kind="stable").reset_index(drop=True)


def agency_table(b: Briefing) -> pd.DataFrame:
    """One row per agency in scope, in the ranking's order.

    Returns:
        agency, n_indicators, worst, n_lead, n_assist, n_joint, share_done (0–1 of lead/joint tasks), n_overdue.
    """
    indicator_roll = rollups.by_agency(b.headline, b.data.indicators)
    # the briefing's task states already know whether the quarter's deadline has passed
    progress = task_metrics.summarize_by_agency(b.tasks[["task_no", "status", "overdue"]], b.data.responsibilities)
    ranked = rank_agencies(indicator_roll, progress, b.data.project_by_agency,
                           reporting_rules.late_in(b.data.matrix, b.data.as_of))
    roles = task_metrics.per_role(progress)[["agency", "n_lead", "n_assist", "n_joint"]]
    out = ranked.merge(roles, on="agency", how="left")
    for col in ("n_lead", "n_assist", "n_joint"):
        out[col] = out[col].fillna(0).astype(int)
    if b.agency is not None:
        out = out[out["agency"] == b.agency]
    out = out[(out["n_indicators"] > 0) | (out[["n_lead", "n_assist", "n_joint"]].sum(axis=1) > 0)]
    return out[["agency", "n_indicators", "worst", "n_lead", "n_assist", "n_joint", "share_done",
                "n_overdue"]].reset_index(drop=True)


def attention_tasks(b: Briefing) -> pd.DataFrame:
    """Tasks in scope that are overdue (逾期未报) or lagging (滞后), by task number."""
    rows = b.tasks[task_metrics.needs_attention(b.tasks)]
    return rows.sort_values("task_no").reset_index(drop=True)


def projects_in_scope(b: Briefing, sector: str | None = None) -> pd.DataFrame:
    """Key projects with their latest state, narrowed to `sector` (or the briefing's sector) and to the projects
    the briefing's agency holds, by project number."""
    return _projects(b.data, sector or b.sector, b.agency)


def _projects(data: snap.Snapshot, sector: str | None, agency: str | None) -> pd.DataFrame:
    rows = data.projects
    if sector is not None:
        rows = rows[rows["sector"] == sector]
    if agency is not None:
        rows = rows[rows["project_no"].isin(task_metrics.held(data.responsibilities, agency, "project")["subject_no"])]
    return rows.sort_values("project_no").reset_index(drop=True)


def attention_projects(b: Briefing) -> pd.DataFrame:
    """Key projects in scope that are overdue (逾期未报) or lagging (滞后), by project number: the task rules, applied
    to metrics.projects' states (a sector scope keeps its sector's projects, an agency scope the ones it holds)."""
    rows = projects_in_scope(b)
    return rows[task_metrics.needs_attention(rows)].reset_index(drop=True)


def linked_tasks(b: Briefing, code: str) -> pd.DataFrame:
    """The catalog tasks behind one indicator with their latest state (not narrowed by scope)."""
    linked = b.data.indicator_tasks[b.data.indicator_tasks["code"] == code]["task_no"]
    return b.data.tasks[b.data.tasks["task_no"].isin(linked)].sort_values("task_no").reset_index(drop=True)


def project_units(b: Briefing, project_no) -> dict[str, str]:
    """Lead, assist and joint units of the indicator's project (empty strings when none)."""
    projects = b.data.projects.set_index("project_no")
    if pd.isna(project_no) or int(project_no) not in projects.index:
        return {"lead": "", "assist": "", "joint": ""}
    row = projects.loc[int(project_no)]
    return {k: row[k] or "" for k in ("lead", "assist", "joint")}
