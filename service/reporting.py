"""Agencies report their own tasks, indicators and key projects online: save, submit, verify (核查), land through intake.

An online report is checked by building the file an agency would upload (task-status, actuals or project-status rows) and running
intake's checks on it: one code path, the same messages. An accepted report is committed as an upload of that file
(its name starts with 在线填报), so metrics, history, rollback and as-known-on treat it as any upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from intake.kinds import UPLOAD_KINDS
from metrics import deadlines
from metrics import periods as quarters
from metrics.settings import TASK_DONE, worst
from presentation import labels
from service import status as service_status
from store import catalog, values
from store import ingest as store_ingest
from store import reports as store_reports
from store.cells import neutralise
from store.db import connect
from store.errors import DuplicateUpload, StoreError
from store.reports import Change, Message
from store.uploads import now

ONLINE_PREFIX = "在线填报"  # the file name of an upload that landed an accepted online report starts with it
_KIND = {"task": "task-status", "indicator": "actuals", "project": "project-status"}
# The file of a status subject (a task, a key project): its headers; a project's adds 形象进度.
_STATUS_HEADERS = {"task": ("任务编号", "报告期", "状态", "进展说明", "填报单位"),
                   "project": ("工程编号", "报告期", "状态", "进展说明", "填报单位", "形象进度", "完成投资")}
PROGRESS = "progress_pct"  # a project entry's values key: 形象进度 (%), optional
INVESTMENT = "investment"  # a project entry's values key: 完成投资 (万元), optional (a unit's own file may carry it)
_ACTUAL_HEADERS = ("指标代码", "报告期", "区", "数值", "备注")


class ReportError(StoreError):
    """A refused report action (not this agency's item, wrong state, no right to verify); nothing was written."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the account name, the agency it is bound to (reporters) and whether it is an admin."""

    user: str
    agency: str | None = None
    is_admin: bool = False


@dataclass
class Entry:
    """What a unit reports for one item. values: district -> the value as typed (indicators); a key project's
    {PROGRESS: 形象进度 as typed} (optional)."""

    subject: str
    item: str
    status: str | None = None
    values: dict[str, str] | None = None
    note: str = ""
    reason: str = ""
    measure: str = ""
    promise: str | None = None


@dataclass
class Outcome:
    """The result of a save or submit: problems (item, subject, column, value, problem, fix) or the rows saved."""

    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))
    saved: int = 0

    @property
    def ok(self) -> bool:
        return self.problems.empty


PROBLEM_COLUMNS = ["subject", "item", "column", "value", "problem", "fix"]


def resolve_agency(con, name: str) -> str:
    """The canonical name of an agency, given its name or one of its aliases.

    Raises:
        ReportError: no agency of the catalog has that name.
    """
    table = catalog.agencies(con)
    wanted = str(name).strip()
    for canonical, aliases in zip(table["name"], table["aliases"].fillna(""), strict=True):
        if wanted == canonical or wanted in [a for a in str(aliases).replace("、", "|").split("|") if a]:
            return canonical
    raise ReportError(labels.REPORTING["unknown_agency"].format(name=name))


def duties(con, agency: str) -> pd.DataFrame:
    """The items an agency reports: subject, item, role, title (task text, indicator or project name), unit,
    by_district."""
    inds = catalog.indicators(con)
    frame = deadlines.duties(agency, catalog.responsibilities(con), inds)
    titles = _titles(con, inds)
    units = dict(zip(inds["code"], inds["unit"], strict=True))
    by_district = dict(zip(inds["code"], inds["by_district"], strict=True))
    frame["title"] = [titles.get((s, i), "") for s, i in zip(frame["subject"], frame["item"], strict=True)]
    frame["unit"] = [units.get(i, "") if s == "indicator" else "" for s, i in
                     zip(frame["subject"], frame["item"], strict=True)]
    frame["by_district"] = [bool(by_district.get(i, False)) if s == "indicator" else False
                            for s, i in zip(frame["subject"], frame["item"], strict=True)]
    return frame


def _titles(con, inds: pd.DataFrame | None = None) -> dict[tuple[str, str], str]:
    """(subject, item) -> the task's text, the indicator's or the key project's name."""
    inds = catalog.indicators(con) if inds is None else inds
    tasks, projects = catalog.tasks(con), catalog.projects(con)
    out = {("task", str(n)): t for n, t in zip(tasks["task_no"], tasks["text"], strict=True)}
    out.update({("project", str(n)): t for n, t in zip(projects["project_no"], projects["name"], strict=True)})
    out.update({("indicator", c): n for c, n in zip(inds["code"], inds["name"], strict=True)})
    return out


def titles(db) -> dict[tuple[str, str], str]:
    """(subject, item) -> the title of every item a unit may report."""
    with connect(db) as con:
        return _titles(con)


def current(con, *, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Every report's latest state (metrics.deadlines.latest) with its verifier."""
    latest = deadlines.latest(store_reports.reports(con, known_on=known_on))
    latest["verifier"] = deadlines.verifiers(latest, catalog.responsibilities(con)) if len(latest) else []
    return latest


def indicator_statuses(con, as_of: str, proposed: pd.DataFrame | None = None) -> pd.DataFrame:
    """code, status: each indicator's city-wide status as of `as_of`, the worst of its target years.

    Args:
        proposed: code, district, value of `as_of` as intake read them from a unit's report: the statuses are then
            those of these indicators as if the values had landed (what the submission would make them), so a value
            that turns an indicator red needs its promise before it is submitted.
    """
    rows = service_status.compute(con, as_of, proposed=proposed)
    rows = rows[rows["district"] == catalog.CITY]
    worst_of = rows.groupby("code")["status"].agg(lambda s: worst(s))
    return pd.DataFrame({"code": worst_of.index, "status": worst_of.to_numpy()})


def _csv(headers: tuple[str, ...], rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _files(agency: str, period: str, entries: list[Entry]) -> dict[str, tuple[bytes, list[tuple[str, str]]]]:
    """subject -> (the file an upload would hold, (item, district) of each data row in order)."""
    out: dict[str, tuple[bytes, list[tuple[str, str]]]] = {}
    for subject, headers in _STATUS_HEADERS.items():
        mine = [e for e in entries if e.subject == subject]
        if mine:
            rows = [(e.item, period, e.status or "", e.note, agency, (e.values or {}).get(PROGRESS, ""),
                     (e.values or {}).get(INVESTMENT, ""))[:len(headers)] for e in mine]
            out[subject] = (_csv(headers, rows), [(e.item, "") for e in mine])
    inds = [e for e in entries if e.subject == "indicator"]
    rows, where = [], []
    for e in inds:
        for district, value in (e.values or {}).items():
            rows.append((e.item, period, district, value, e.note))
            where.append((e.item, district))
    if rows:
        out["indicator"] = (_csv(_ACTUAL_HEADERS, rows), where)
    return out


def check(db, agency: str, period: str, entries: list[Entry], *, today: dt.date | None = None) -> pd.DataFrame:
    """Intake's checks of the entries as the file an upload would hold: problems (PROBLEM_COLUMNS), empty if none."""
    return _checked(db, agency, period, entries, today=today)[0]


def _checked(db, agency: str, period: str, entries: list[Entry], *,
             today: dt.date | None = None) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """check(), plus the rows intake read for each subject whose file passed (subject -> its preview rows)."""
    found, read = [], {}
    for subject, (data, where) in _files(agency, period, entries).items():
        result = store_ingest.check(db, data, f"{ONLINE_PREFIX}.csv", _KIND[subject], today=today)
        if result.ok:
            read[subject] = result.preview.rows
        for err in result.errors.itertuples():
            row = None if pd.isna(err.row) else int(err.row) - 2  # header on line 1
            item, district = where[row] if row is not None and 0 <= row < len(where) else ("", "")
            column = f"{err.column}（{district}）" if district else err.column
            found.append((subject, item, column, err.value, err.problem, err.fix))
    return pd.DataFrame(found, columns=PROBLEM_COLUMNS), read


def status_with(db, agency: str, period: str, entry: Entry, *, today: dt.date | None = None) -> str | None:
    """The city-wide status an indicator would have with this report's values (None while they do not pass intake's
    checks): what decides whether the report needs 原因, 整改措施 and 承诺完成季度."""
    _, read = _checked(db, agency, period, [entry], today=today)
    if "indicator" not in read:
        return None
    with connect(db, read_only=True) as con:
        found = indicator_statuses(con, period, read["indicator"])
    return next(iter(found.loc[found["code"] == entry.item, "status"]), None)


def _own(con, actor: Actor) -> str:
    if not actor.agency:
        raise ReportError(labels.REPORTING["no_agency"])
    return resolve_agency(con, actor.agency)


def _state_of(latest: pd.DataFrame, agency: str, subject: str, item: str, period: str) -> pd.Series | None:
    found = latest[(latest["agency"] == agency) & (latest["subject"] == subject)
                   & (latest["item"] == str(item)) & (latest["period"] == period)] if len(latest) else latest
    return found.iloc[-1] if len(found) else None


def save(db, actor: Actor, period: str, entries: list[Entry], *, submit: bool = False,
         at: dt.datetime | None = None, today: dt.date | None = None, is_sample: bool = False) -> Outcome:
    """Save the entries as drafts or submit them: every entry checked, all written or none.

    Refused (ReportError, nothing written): an account without an agency, an item the agency does not report, a
    report already submitted or accepted. Problems (Outcome.problems, nothing written): intake's checks of the
    values, and on submit a red item without 原因, 整改措施 or a later 承诺完成季度, an empty status or value.
    """
    if not quarters.is_period(period):
        raise ReportError(labels.REPORTING["bad_period"].format(period=period))
    with connect(db) as con:
        agency = _own(con, actor)
        mine = duties(con, agency)
        allowed = set(zip(mine["subject"], mine["item"], strict=True))
        latest = current(con)
    for entry in entries:
        if (entry.subject, str(entry.item)) not in allowed:
            raise ReportError(labels.REPORTING["not_yours"].format(agency=agency, item=_name(entry.subject,
                                                                                            entry.item)))
        found = _state_of(latest, agency, entry.subject, entry.item, period)
        if found is not None and found["state"] in (deadlines.SUBMITTED, deadlines.ACCEPTED):
            raise ReportError(labels.REPORTING["locked"].format(item=_name(entry.subject, entry.item),
                                                                state=labels.REPORT_STATE[found["state"]]))
    problems, read = _checked(db, agency, period, entries, today=today)
    if submit:
        # an indicator is judged with the values submitted: a value that turns it red needs its promise now
        statuses = pd.DataFrame(columns=["code", "status"])
        if any(e.subject == "indicator" for e in entries):
            with connect(db, read_only=True) as con:
                statuses = indicator_statuses(con, period, read.get("indicator"))
        status_of = dict(zip(statuses["code"], statuses["status"], strict=True))
        extra = []
        for e in entries:
            if e.subject in deadlines.STATUS_SUBJECTS and not e.status:
                extra.append((e.subject, e.item, "状态", "", *labels.REPORTING["need_status"]))
            if e.subject == "indicator" and not any(str(v).strip() for v in (e.values or {}).values()):
                extra.append(("indicator", e.item, "数值", "", *labels.REPORTING["need_value"]))
            status = e.status if e.subject in deadlines.STATUS_SUBJECTS else status_of.get(e.item)
            for name in deadlines.promise_problems(e.subject, status, period, e.reason, e.measure, e.promise):
                problem, fix = labels.REPORTING[name if name == "promise_past" else "promise_" + name]
                extra.append((e.subject, e.item, labels.REPORT_FIELDS[name.removesuffix("_past")],
                              str(e.promise or ""), problem, fix))
        if extra:
            problems = pd.concat([problems, pd.DataFrame(extra, columns=PROBLEM_COLUMNS)], ignore_index=True)
    if not problems.empty:
        return Outcome(problems=problems)
    state = deadlines.SUBMITTED if submit else deadlines.DRAFT
    changes = [Change(agency=agency, subject=e.subject, item=str(e.item), period=period, state=state,
                      actor=actor.user, status=e.status if e.subject in deadlines.STATUS_SUBJECTS else None,
                      values={k: str(v) for k, v in (e.values or {}).items() if str(v).strip()}
                      if e.subject != "task" else None,
                      note=e.note, reason=e.reason, measure=e.measure, promise=e.promise or None, at=at,
                      is_sample=is_sample) for e in entries]
    messages = []
    if submit:
        with connect(db) as con:
            probe = pd.DataFrame({"agency": [agency] * len(entries), "subject": [e.subject for e in entries],
                                  "item": [str(e.item) for e in entries]})
            who = deadlines.verifiers(probe, catalog.responsibilities(con))
        for e, verifier in zip(entries, who, strict=True):
            messages.append(Message(verifier, "state", labels.REPORTING["msg_submitted"].format(
                agency=agency, item=_name(e.subject, e.item), period=period)))
    with connect(db) as con:
        store_reports.record(con, changes, messages, audit_action="report-submit" if submit else "report-draft")
    return Outcome(saved=len(changes))


def _name(subject: str, item: str) -> str:
    return labels.REPORTING[f"{subject}_name"].format(item=item)


def _entry_of(row: pd.Series) -> Entry:
    vals = row.get("values")
    return Entry(subject=row["subject"], item=str(row["item"]),
                 status=None if pd.isna(row.get("status")) else row.get("status"),
                 values=vals if isinstance(vals, dict) else None, note=row.get("note") or "",
                 reason=row.get("reason") or "", measure=row.get("measure") or "",
                 promise=None if pd.isna(row.get("promise")) else row.get("promise"))


def verify(db, actor: Actor, agency: str, subject: str, item: str, period: str, *, accept: bool,
           reason: str = "", at: dt.datetime | None = None, is_sample: bool = False) -> int | None:
    """Accept (核查通过) or return (退回) a submitted report; returns the upload that landed an accepted one.

    An assisting unit's task or key-project report is verified by its lead unit, every other report by an admin. An
    accepted report is committed through intake as an upload named 在线填报_…; a returned one needs a reason.

    Raises:
        ReportError: not submitted, not this account's to verify, no reason for a return, or intake refused the
            values (nothing written).
    """
    with connect(db) as con:
        agency = resolve_agency(con, agency)
        found = _state_of(current(con), agency, subject, item, period)
    if found is None or found["state"] != deadlines.SUBMITTED:
        raise ReportError(labels.REPORTING["not_submitted"].format(item=_name(subject, item)))
    if not deadlines.may_verify(found["verifier"], actor.agency, actor.is_admin):
        raise ReportError(labels.REPORTING["not_verifier"].format(item=_name(subject, item),
                                                                  verifier=_verifier_text(found["verifier"])))
    if not accept and not reason.strip():
        raise ReportError(labels.REPORTING["need_return_reason"])
    entry = _entry_of(found)
    upload_id = None
    if accept:
        upload_id = _land(db, agency, period, entry, actor.user, at, is_sample)
    change = Change(agency=agency, subject=subject, item=str(item), period=period,
                    state=deadlines.ACCEPTED if accept else deadlines.RETURNED, actor=actor.user,
                    status=entry.status, values=entry.values, note=entry.note, reason=entry.reason,
                    measure=entry.measure, promise=entry.promise, return_reason="" if accept else reason.strip(),
                    upload_id=upload_id, at=at, is_sample=is_sample)
    key = "msg_accepted" if accept else "msg_returned"
    message = Message(agency, "state", labels.REPORTING[key].format(item=_name(subject, item), period=period,
                                                                    reason=reason.strip()))
    with connect(db) as con:
        store_reports.record(con, [change], [message], audit_action="report-accept" if accept else "report-return")
    return upload_id


def _land(db, agency: str, period: str, entry: Entry, user: str, at: dt.datetime | None, is_sample: bool) -> int:
    """Commit an accepted report as an upload of the file it stands for (intake's checks again)."""
    files = _files(agency, period, [entry])
    data, _ = files[entry.subject]
    name = f"{ONLINE_PREFIX}_{agency}_{entry.subject}{entry.item}_{period}.csv"
    try:
        result = store_ingest.ingest(db, data, name, _KIND[entry.subject], user=user, confirm_unusual=True,
                                     uploaded_at=at, today=at.date() if at else None, is_sample=is_sample)
    except DuplicateUpload as exc:  # the very same rows already count
        return exc.upload_id
    if not result.ok:
        first = result.errors.iloc[0]
        raise ReportError(labels.REPORTING["land_refused"].format(problem=first["problem"], fix=first["fix"]))
    return int(result.upload_id)


def _verifier_text(verifier: str) -> str:
    return labels.REPORTING["admin"] if verifier == deadlines.ADMIN else verifier


def done_before(con, period: str) -> set[tuple[str, str]]:
    """(subject, item) of the tasks and key projects reported 已完成 in a quarter before `period` (not due again)."""
    before = quarters.previous(period)
    out = set()
    for subject, frame, key in (("task", values.task_status(con, as_of=before), "task_no"),
                                ("project", values.project_status(con, as_of=before), "project_no")):
        out |= {(subject, str(n)) for n in frame.loc[frame["status"] == TASK_DONE, key]}
    return out


def reported_in(con, period: str) -> set[tuple[str, str]]:
    """(subject, item) whose report of `period` is in the store already, by whatever upload (the analyst's
    consolidated file too): nobody owes those any more."""
    out = set()
    for subject, frame, key in (("task", values.task_status(con, as_of=period), "task_no"),
                                ("project", values.project_status(con, as_of=period), "project_no"),
                                ("indicator", values.actuals(con, as_of=period), "code")):
        out |= {(subject, str(n)) for n in frame.loc[frame["period"] == period, key]}
    return out


def todo(db, agency: str, period: str | None = None, *, today: dt.date | None = None) -> pd.DataFrame:
    """An agency's 我的待办 for the quarter being reported (default: the latest closed quarter): metrics.deadlines.todo
    columns plus title."""
    today = today or now().date()
    period = period or quarters.latest_closed(today)
    with connect(db) as con:
        agency = resolve_agency(con, agency)
        mine = duties(con, agency)
        latest = current(con)
        calendar = store_reports.calendar(con)
        # finished earlier, or already reported for the quarter by any upload (the analyst's consolidated file too)
        finished = done_before(con, period) | reported_in(con, period)
    verifier = latest["verifier"] if len(latest) else pd.Series(dtype=object)
    out = deadlines.todo(agency, mine, latest, verifier, period, calendar, today, finished)
    titles = {(s, i): t for s, i, t in zip(mine["subject"], mine["item"], mine["title"], strict=True)}
    out["title"] = [titles.get((s, i), "") for s, i in zip(out["subject"], out["item"], strict=True)]
    # a returned report carries its verifier's reason to the list, not only to the item's editor
    why = {} if latest.empty else {
        (a, s, str(i), p): r for a, s, i, p, r, st in zip(latest["agency"], latest["subject"], latest["item"],
                                                           latest["period"], latest["return_reason"], latest["state"],
                                                           strict=True) if st == deadlines.RETURNED}
    out["return_reason"] = [why.get((a, s, i, p), "") if st == deadlines.RETURNED else ""
                            for a, s, i, p, st in zip(out["agency"], out["subject"], out["item"], out["period"],
                                                      out["state"], strict=True)]
    return out


def admin_queue(db) -> pd.DataFrame:
    """Submitted reports an admin verifies, oldest first."""
    with connect(db) as con:
        latest = current(con)
    if latest.empty:
        return latest
    return deadlines.admin_queue(latest, latest["verifier"])


def verify_queue(db, actor: Actor) -> pd.DataFrame:
    """The submitted reports this account may verify (an admin: every one), oldest first."""
    with connect(db) as con:
        latest = current(con)
    if latest.empty:
        return latest
    mine = [deadlines.may_verify(v, actor.agency, actor.is_admin) and a != actor.agency
            for v, a in zip(latest["verifier"], latest["agency"], strict=True)]
    waiting = latest[(latest["state"] == deadlines.SUBMITTED) & pd.Series(mine, index=latest.index)]
    return waiting.sort_values("seq").reset_index(drop=True)


def broken_promises(con, as_of: str, status: pd.DataFrame | None = None,
                    known_on: dt.datetime | None = None) -> pd.DataFrame:
    """整改逾期 as of `as_of`: metrics.deadlines.broken_promises over the accepted reports that carry a promise.

    Args:
        status: metrics.status rows (code, district, status) of `as_of` when the caller has them (a snapshot's);
            computed otherwise.
        known_on: as the store knew it then (reports and task statuses of that moment).
    """
    accepted = store_reports.reports(con, known_on=known_on)
    accepted = accepted[(accepted["state"] == deadlines.ACCEPTED) & accepted["promise"].notna()]
    if accepted.empty:
        return pd.DataFrame(columns=["agency", "subject", "item", "period", "promise", "current"])
    tasks = values.task_status(con, as_of=as_of, known_on=known_on)
    projects = values.project_status(con, as_of=as_of, known_on=known_on)
    if status is None:
        statuses = indicator_statuses(con, as_of)
    else:
        city = status[status["district"] == catalog.CITY]
        worst_of = city.groupby("code")["status"].agg(lambda s: worst(s))
        statuses = pd.DataFrame({"code": worst_of.index, "status": worst_of.to_numpy()})
    return deadlines.broken_promises(accepted[["agency", "subject", "item", "period", "promise"]], tasks,
                                     statuses, as_of, projects)


def overdue_agencies(db, period: str | None = None, *, today: dt.date | None = None) -> tuple[str, dt.date,
                                                                                              pd.DataFrame]:
    """(period, deadline, agencies with reports of `period` not submitted after the deadline: agency, n_overdue)."""
    today = today or now().date()
    period = period or quarters.latest_closed(today)
    with connect(db) as con:
        resp = catalog.responsibilities(con)
        inds = catalog.indicators(con)
        names = list(catalog.agencies(con)["name"])
        latest = deadlines.latest(store_reports.reports(con))
        calendar = store_reports.calendar(con)
        finished = done_before(con, period) | reported_in(con, period)
    frames = [deadlines.duties(name, resp, inds).assign(agency=name) for name in names]
    owed = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["agency", "subject", "item"])
    owed = owed[[(s, str(i)) not in finished for s, i in zip(owed["subject"], owed["item"], strict=True)]]
    return period, deadlines.deadline(period, calendar), deadlines.overdue_agencies(owed, latest, period, calendar,
                                                                                    today)


def set_deadline(db, period: str, day: dt.date, user: str) -> None:
    """Move a quarter's deadline (admins; the page and the command line).

    Raises:
        ReportError: not a quarter, or a day not after the quarter's end.
    """
    if not quarters.is_period(str(period)):
        raise ReportError(labels.REPORTING["calendar_bad_period"].format(period=period))
    if day <= quarters.last_day(period):
        raise ReportError(labels.REPORTING["calendar_too_early"].format(period=period, end=quarters.last_day(period)))
    with connect(db) as con:
        store_reports.set_deadline(con, period, day, user)


def calendar(db, periods: list[str]) -> pd.DataFrame:
    """period, deadline, custom for `periods` (metrics.deadlines.calendar_table), plus every quarter an admin set."""
    with connect(db, read_only=True) as con:
        custom = store_reports.calendar(con)
    shown = sorted(set(periods) | set(custom["period"]))
    return deadlines.calendar_table(shown, custom)


def digest(db, day: dt.date) -> pd.DataFrame:
    """A day's outbox as a gateway (or a person) reads it: labels.REPORTING['digest_headers'] columns, text cells
    that a spreadsheet would run as formulas made inert."""
    with connect(db, read_only=True) as con:
        box = store_reports.outbox(con, day)
    h = labels.REPORTING["digest_headers"]
    at = pd.to_datetime(box["at"]).dt.strftime("%Y-%m-%d %H:%M:%S")  # a person's time, not the store's microseconds
    return neutralise(pd.DataFrame({h["seq"]: box["seq"], h["at"]: at, h["recipient"]: box["recipient"],
                                    h["kind"]: box["kind"].map(labels.OUTBOX_KIND).fillna(box["kind"]),
                                    h["subject"]: box["subject"], h["body"]: box["body"]}))


def remind(db, period: str | None = None, *, today: dt.date | None = None) -> int:
    """Put a reminder in the outbox for every agency that still owes reports of `period`; returns how many."""
    today = today or now().date()
    period = period or quarters.latest_closed(today)
    with connect(db) as con:
        names = list(catalog.agencies(con)["name"])
        latest = current(con)
        calendar = store_reports.calendar(con)
        finished = done_before(con, period) | reported_in(con, period)
        owed = {}
        for agency in names:
            mine = duties(con, agency)
            verifier = latest["verifier"] if len(latest) else pd.Series(dtype=object)
            items = deadlines.todo(agency, mine, latest, verifier, period, calendar, today, finished)
            items = items[items["state"] != "verify"]
            if len(items):
                owed[agency] = len(items)
    last_day = deadlines.deadline(period, calendar)
    messages = [Message(agency, "reminder", labels.REPORTING["msg_reminder"].format(
        period=period, count=count, deadline=last_day)) for agency, count in owed.items()]
    with connect(db) as con:
        store_reports.notify(con, messages)
    return len(messages)


def sheet(db, agency: str, period: str) -> pd.DataFrame:
    """What the page shows an agency for a quarter: duties() plus each item's report (state, status, values, note,
    reason, measure, promise, return_reason; NaN/None where not reported), the indicator's status now, and covered:
    'reported' when another upload (the analyst's consolidated file) reported the item for the quarter, 'done' when
    it was reported 已完成 before, '' when the unit owes it (todo() leaves the covered ones out)."""
    with connect(db) as con:
        agency = resolve_agency(con, agency)
        frame = duties(con, agency)
        latest = current(con)
        statuses = indicator_statuses(con, period) if (frame["subject"] == "indicator").any() else None
        done, reported = done_before(con, period), reported_in(con, period)
    cols = ["state", "status", "values", "note", "reason", "measure", "promise", "return_reason"]
    if len(latest):
        mine = latest[(latest["agency"] == agency) & (latest["period"] == period)][["subject", "item", *cols]]
        frame = frame.merge(mine, on=["subject", "item"], how="left")
    else:
        frame = frame.assign(**{c: None for c in cols})
    status_of = {} if statuses is None else dict(zip(statuses["code"], statuses["status"], strict=True))
    frame["indicator_status"] = [status_of.get(i) if s == "indicator" else None
                                 for s, i in zip(frame["subject"], frame["item"], strict=True)]
    frame["covered"] = ["reported" if (s, str(i)) in reported else "done" if (s, str(i)) in done else ""
                        for s, i in zip(frame["subject"], frame["item"], strict=True)]
    return frame


IMPORT_KINDS = tuple(_KIND.values())  # what a unit may upload of its own: its tasks, indicators and key projects


def subject_of_kind(kind: str) -> str | None:
    """The subject ('task', 'indicator', 'project') whose reports an upload kind of IMPORT_KINDS carries."""
    return next((s for s, k in _KIND.items() if k == kind), None)


def import_file(db, actor: Actor, data: bytes, file_name: str, kind: str, *, today: dt.date | None = None,
                at: dt.datetime | None = None) -> tuple[pd.DataFrame, int]:
    """A unit's own file, read and checked exactly as an upload, its rows saved as drafts of their quarters.

    Every row must be one of the unit's items (duties()); a row of another agency's task, key project or indicator
    is refused by row, and then nothing is saved. The drafts are submitted from the page (a red item needs its
    promise first).

    Returns:
        (problems in intake's error-table shape: row, column, value, problem, fix — empty when saved, the number of
        reports saved as drafts).

    Raises:
        ReportError: an account without an agency, a kind other than IMPORT_KINDS, a report already submitted.
    """
    if kind not in IMPORT_KINDS:
        raise ReportError(labels.REPORTING["import_kind"])
    with connect(db) as con:
        agency = _own(con, actor)
        allowed = set(zip(*[duties(con, agency)[c] for c in ("subject", "item")], strict=True))
    result = store_ingest.check(db, data, file_name, kind, today=today)
    if not result.ok:
        return result.errors[["row", "column", "value", "problem", "fix"]].reset_index(drop=True), 0
    rows = result.preview.rows
    subject = next(s for s, k in _KIND.items() if k == kind)
    key = UPLOAD_KINDS[kind].keys[0]
    header = next(c.header for c in UPLOAD_KINDS[kind].columns if c.field == key)
    problems = [(int(r["row"]), header, str(r[key]), *labels.REPORTING["import_not_yours"])
                for _, r in rows.iterrows() if (subject, str(r[key])) not in allowed]
    if problems:
        frame = pd.DataFrame(problems, columns=["row", "column", "value", "problem", "fix"])
        frame["problem"] = [p.format(agency=agency) for p in frame["problem"]]
        return frame, 0
    saved = 0
    for period, group in rows.groupby("period", sort=True):
        entries: dict[str, Entry] = {}
        for _, r in group.iterrows():
            item = str(r[key])
            entry = entries.setdefault(item, Entry(subject, item, values={} if subject == "indicator" else None))
            note = r.get("note")
            note = "" if note is None or pd.isna(note) else str(note)
            if subject == "indicator":
                entry.values[r["district"]] = f"{float(r['value']):g}"
                entry.note = entry.note or note
                continue
            entry.status, entry.note = r["status"], note
            # a key project's 形象进度 and 完成投资, as checked numbers (the file's own spelling is gone by now)
            extra = {name: f"{float(r[name]):g}" for name in (PROGRESS, INVESTMENT)
                     if name in r.index and r[name] is not None and not pd.isna(r[name])}
            entry.values = extra or None
        outcome = save(db, actor, str(period), list(entries.values()), at=at, today=today)
        if not outcome.ok:  # checked above already: only a race with a catalog change gets here
            raise ReportError(outcome.problems["problem"].iloc[0])
        saved += outcome.saved
    return pd.DataFrame(columns=["row", "column", "value", "problem", "fix"]), saved
