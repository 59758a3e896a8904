"""Agencies' own reports (issue 18): deadlines, timeliness, who verifies, promises and who owes what (pure)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics import periods as quarters
from metrics.settings import TASK_DONE, TASK_LAGGING

DEADLINE_DAYS = 10  # a quarter's reports are due this many days after it ends, unless the calendar says otherwise
STATES: tuple[str, ...] = ("draft", "submitted", "accepted", "returned")
DRAFT, SUBMITTED, ACCEPTED, RETURNED = STATES
SUBJECTS: tuple[str, ...] = ("task", "indicator", "project")
# Reported like a task (状态 + 进展说明; a 滞后 one needs a promise), verified by its lead unit when assisted.
STATUS_SUBJECTS: tuple[str, ...] = ("task", "project")
# What needs 原因, 整改措施 and 承诺完成季度 before it can be submitted.
PROMISE_TASK_STATUSES: tuple[str, ...] = (TASK_LAGGING,)
PROMISE_INDICATOR_STATUSES: tuple[str, ...] = ("off_track", "regressing", "missed")
ADMIN = "admin"  # the verifier of a lead unit's report: the supervising office (an admin account)
# To-do states, in the order a list shows them.
TODO_STATES: tuple[str, ...] = ("overdue", "returned", "due", "verify")
TIMELINESS: tuple[str, ...] = ("missing", "late", "on_time", "not_due")
KEY = ["agency", "subject", "item", "period"]


def deadline(period: str, calendar: pd.DataFrame | None = None) -> dt.date:
    """The last day on which a report for `period` is on time.

    Args:
        period: a quarter, '2026Q3'.
        calendar: period, deadline (dates) set by an admin; a quarter not in it gets the default.

    Returns:
        The calendar's date, else the quarter's last day + DEADLINE_DAYS (2026Q3 -> 2026-10-10).
    """
    if calendar is not None and len(calendar):
        found = calendar.loc[calendar["period"] == period, "deadline"]
        if len(found):
            return pd.Timestamp(found.iloc[-1]).date()
    return quarters.last_day(period) + dt.timedelta(days=DEADLINE_DAYS)


def is_due(period: str, calendar: pd.DataFrame | None, today: dt.date) -> bool:
    """True once `period`'s reports are owed: `today` is after its deadline day (a missing one is then overdue)."""
    return today > deadline(period, calendar)


def calendar_table(periods: list[str], calendar: pd.DataFrame | None = None) -> pd.DataFrame:
    """period, deadline, custom (True when an admin set it) for each of `periods` (a new frame)."""
    custom = set(calendar["period"]) if calendar is not None and len(calendar) else set()
    return pd.DataFrame({"period": list(periods), "deadline": [deadline(p, calendar) for p in periods],
                         "custom": [p in custom for p in periods]})


def latest(reports: pd.DataFrame) -> pd.DataFrame:
    """The current state of each report: its newest row by seq, one per (agency, subject, item, period).

    Args:
        reports: the reports table (every state change a row): agency, subject, item, period, state, at, seq, …

    Returns:
        A new frame: the newest row of each report, plus first_submitted_at (the first time it was submitted,
        NaT when never) and submitted_by (who first submitted it).
    """
    if reports.empty:
        return reports.assign(first_submitted_at=pd.Series(dtype="datetime64[ns]"),
                              submitted_by=pd.Series(dtype=object))
    ordered = reports.sort_values("seq", kind="stable")
    submitted = ordered[ordered["state"] == SUBMITTED].groupby(KEY, as_index=False).agg(
        first_submitted_at=("at", "min"), submitted_by=("actor", "first"))
    newest = ordered.groupby(KEY, as_index=False).tail(1)
    out = newest.merge(submitted, on=KEY, how="left")
    out["first_submitted_at"] = pd.to_datetime(out["first_submitted_at"])
    return out.reset_index(drop=True)


def timeliness(current: pd.DataFrame, calendar: pd.DataFrame | None, today: dt.date) -> pd.Series:
    """On time or not, per report: 'on_time' (first submitted on or before its deadline day), 'late' (after it),
    'missing' (never submitted and the deadline has passed), 'not_due' (never submitted, deadline still ahead).

    Args:
        current: latest() rows (period, first_submitted_at).
        calendar: period, deadline.
        today: the day 'missing' is judged on.
    """
    due = current["period"].map(lambda p: deadline(p, calendar))
    submitted = pd.to_datetime(current["first_submitted_at"])
    out = []
    for when, last_day in zip(submitted, due, strict=True):
        if pd.isna(when):
            out.append("missing" if today > last_day else "not_due")
        else:
            out.append("on_time" if when.date() <= last_day else "late")
    return pd.Series(out, index=current.index, dtype=object)


def needs_promise(subject: str, status: str | None) -> bool:
    """True when a report must carry 原因, 整改措施 and 承诺完成季度: a task or key project reported 滞后, or an
    indicator whose status (metrics.settings.STATUS_ORDER name) is 严重滞后, 逆向变化 or 未达成."""
    if subject in STATUS_SUBJECTS:
        return status in PROMISE_TASK_STATUSES
    return status in PROMISE_INDICATOR_STATUSES


def promise_problems(subject: str, status: str | None, period: str, reason: str, measure: str,
                     promise: str | None) -> list[str]:
    """What a report lacks before it can be submitted: a list of 'reason', 'measure', 'promise' (missing) and
    'promise_past' (the promised quarter is not after the reported one). Empty when nothing is needed or lacking."""
    if not needs_promise(subject, status):
        return []
    problems = [name for name, text in (("reason", reason), ("measure", measure)) if not str(text or "").strip()]
    if not promise or not quarters.is_period(str(promise)):
        problems.append("promise")
    elif quarters.index(promise) <= quarters.index(period):
        problems.append("promise_past")
    return problems


def verifiers(current: pd.DataFrame, responsibilities: pd.DataFrame) -> pd.Series:
    """Who verifies each report: the task's or key project's lead unit(s) ('、'-joined) for an assisting unit's
    report of it; ADMIN for everything else (a lead or jointly responsible unit's report, an indicator's).

    Args:
        current: agency, subject, item (task_no or project_no as text for tasks and projects).
        responsibilities: subject, subject_no, agency, role.
    """
    owned = responsibilities[responsibilities["subject"].isin(STATUS_SUBJECTS)]
    owned = owned.assign(subject_no=owned["subject_no"].astype(str))
    leads = owned[owned["role"] == "lead"].groupby(["subject", "subject_no"])["agency"].agg("、".join)
    assisting = owned[owned["role"] == "assist"]
    assists = set(zip(assisting["subject"], assisting["subject_no"], assisting["agency"], strict=True))
    lead_of = dict(leads.items())
    out = []
    for subject, item, agency in zip(current["subject"], current["item"].astype(str), current["agency"], strict=True):
        lead = lead_of.get((subject, item))
        out.append(lead if (subject, item, agency) in assists and lead else ADMIN)
    return pd.Series(out, index=current.index, dtype=object)


def may_verify(verifier: str, agency: str | None, is_admin: bool) -> bool:
    """True when an account (bound to `agency`, or an admin) may accept or return a report of `verifier`."""
    if is_admin:
        return True
    return bool(agency) and verifier != ADMIN and agency in verifier.split("、")


def broken_promises(promises: pd.DataFrame, task_status: pd.DataFrame, indicator_status: pd.DataFrame,
                    as_of: str, project_status: pd.DataFrame | None = None) -> pd.DataFrame:
    """整改逾期: promises whose quarter has come (≤ as_of) without the task or key project done or the indicator
    back on track.

    Args:
        promises: agency, subject, item, period, promise — accepted reports that carry a promise; only the newest
            report's promise of each (agency, subject, item) counts.
        task_status: task_no, period, status — the reports that count (older quarters included).
        indicator_status: code, status — each indicator's status as of `as_of` (one row per code; city-wide).
        as_of: the quarter the picture is of.
        project_status: project_no, period, status — as task_status, for key projects (none when not given).

    Returns:
        A new frame: agency, subject, item, period, promise, current (the task status or indicator status now),
        one row per broken promise, sorted by agency, subject, item.
    """
    columns = ["agency", "subject", "item", "period", "promise", "current"]
    if promises.empty:
        return pd.DataFrame(columns=columns)
    kept = promises[promises["promise"].notna() & (promises["promise"].astype(str) != "")]
    kept = kept.assign(_q=kept["period"].map(quarters.index)).sort_values("_q", kind="stable")
    kept = kept.groupby(["agency", "subject", "item"], as_index=False).tail(1)
    kept = kept[kept["promise"].map(quarters.index) <= quarters.index(as_of)]
    now = {"task": _status_now(task_status, "task_no", as_of),
           "project": _status_now(project_status, "project_no", as_of),
           "indicator": dict(zip(indicator_status["code"], indicator_status["status"], strict=True))}
    current = [now[subject].get(str(item)) for subject, item in zip(kept["subject"], kept["item"], strict=True)]
    kept = kept.assign(current=current)
    fixed = [(c == TASK_DONE) if s in STATUS_SUBJECTS else (c is not None and c not in PROMISE_INDICATOR_STATUSES)
             for s, c in zip(kept["subject"], kept["current"], strict=True)]
    out = kept[~pd.Series(fixed, index=kept.index, dtype=bool)][columns]
    return out.sort_values(["agency", "subject", "item"]).reset_index(drop=True)


def _status_now(status: pd.DataFrame | None, key: str, as_of: str) -> dict[str, str]:
    """item (as text) -> its latest status reported up to `as_of`."""
    if status is None or status.empty:
        return {}
    kept = status[status["period"].map(quarters.index) <= quarters.index(as_of)]
    kept = kept.assign(_q=kept["period"].map(quarters.index)).sort_values("_q", kind="stable")
    return {str(k): v for k, v in kept.groupby(key)["status"].last().items()}


def duties(agency: str, responsibilities: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """What an agency reports each quarter: subject, item, role — the tasks it leads, assists or shares, the
    indicators it leads (role 'lead'), then the key projects it leads, assists or shares; tasks and projects in
    number order."""
    mine = responsibilities[responsibilities["agency"] == agency]
    owned = {s: mine[mine["subject"] == s].sort_values("subject_no").drop_duplicates("subject_no")
             for s in STATUS_SUBJECTS}
    inds = indicators[indicators["lead"] == agency].sort_values("code")
    tasks, projects = owned["task"], owned["project"]
    return pd.DataFrame({
        "subject": ["task"] * len(tasks) + ["indicator"] * len(inds) + ["project"] * len(projects),
        "item": ([str(int(n)) for n in tasks["subject_no"]] + list(inds["code"])
                 + [str(int(n)) for n in projects["subject_no"]]),
        "role": list(tasks["role"]) + ["lead"] * len(inds) + list(projects["role"]),
    })


def todo(agency: str, duties_frame: pd.DataFrame, current: pd.DataFrame, verifier: pd.Series, period: str,
         calendar: pd.DataFrame | None, today: dt.date, done_before: set[str] | frozenset = frozenset()
         ) -> pd.DataFrame:
    """An agency's to-do list for the quarter being reported (我的待办).

    Args:
        agency: the canonical name.
        duties_frame: duties() of the agency.
        current: latest() rows of every agency's reports (any period).
        verifier: verifiers(current, …), aligned with `current`.
        period: the quarter being reported.
        calendar: period, deadline.
        today: 'overdue' is judged on this day (after the deadline day).
        done_before: (subject, item) owed by nobody: tasks and key projects reported 已完成 in an earlier quarter,
            or items reported for `period` by any upload (a bare text is a task number); a returned report of one
            is still listed.

    Returns:
        A new frame: subject, item, period, state ('overdue' | 'returned' | 'due' | 'verify'), deadline, agency
        (whose report it is). Its own reports not yet submitted or accepted come first (overdue before due),
        then the reports awaiting its verification, of any quarter.
    """
    last_day = deadline(period, calendar)
    mine = current[(current["agency"] == agency) & (current["period"] == period)]
    state_of = {(s, str(i)): st for s, i, st in zip(mine["subject"], mine["item"], mine["state"], strict=True)}
    rows = []
    for subject, item in zip(duties_frame["subject"], duties_frame["item"], strict=True):
        state = state_of.get((subject, str(item)))
        # a returned report is owed whatever else reported the item: its verifier asked this unit to correct it
        if state != RETURNED and ((subject, str(item)) in done_before
                                  or (subject == "task" and str(item) in done_before)):
            continue
        if state in (SUBMITTED, ACCEPTED):
            continue
        todo_state = RETURNED if state == RETURNED else ("overdue" if today > last_day else "due")
        rows.append((subject, str(item), period, todo_state, last_day, agency))
    waiting = current[(current["state"] == SUBMITTED) & (current["agency"] != agency)]
    waiting_verifier = verifier.loc[waiting.index]
    for (_, row), who in zip(waiting.iterrows(), waiting_verifier, strict=True):
        if may_verify(who, agency, is_admin=False):
            rows.append((row["subject"], str(row["item"]), row["period"], "verify",
                         deadline(row["period"], calendar), row["agency"]))
    out = pd.DataFrame(rows, columns=["subject", "item", "period", "state", "deadline", "agency"])
    order = {s: i for i, s in enumerate(TODO_STATES)}
    out = out.assign(_o=out["state"].map(order)).sort_values(["_o", "period"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def admin_queue(current: pd.DataFrame, verifier: pd.Series) -> pd.DataFrame:
    """The submitted reports an admin verifies (lead units' and indicators' reports), oldest first."""
    waiting = current[(current["state"] == SUBMITTED) & (verifier == ADMIN)]
    return waiting.sort_values("seq").reset_index(drop=True)


def overdue_agencies(duties_all: pd.DataFrame, current: pd.DataFrame, period: str, calendar: pd.DataFrame | None,
                     today: dt.date) -> pd.DataFrame:
    """Agencies with reports for `period` not submitted after its deadline: agency, n_overdue (most first).

    Args:
        duties_all: agency, subject, item — every agency's duties (duties() concatenated).
        current: latest() rows.
    """
    if today <= deadline(period, calendar) or duties_all.empty:
        return pd.DataFrame(columns=["agency", "n_overdue"])
    sent = current[(current["period"] == period) & current["state"].isin([SUBMITTED, ACCEPTED])]
    done = set(zip(sent["agency"], sent["subject"], sent["item"].astype(str), strict=True))
    owing = [a for a, s, i in zip(duties_all["agency"], duties_all["subject"], duties_all["item"].astype(str),
                                  strict=True) if (a, s, i) not in done]
    counts = pd.Series(owing, dtype=object).value_counts()
    return pd.DataFrame({"agency": counts.index, "n_overdue": counts.to_numpy()}).reset_index(drop=True)
