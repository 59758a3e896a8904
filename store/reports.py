"""Agencies' own reports (append-only state changes), the reporting calendar and the outbox of notifications."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from store.db import writing
from store.uploads import now

REPORT_COLUMNS = ("seq", "agency", "subject", "item", "period", "status", "values_json", "note", "reason",
                  "measure", "promise", "state", "actor", "acted_at", "return_reason", "upload_id", "is_sample")


@dataclass
class Change:
    """One state change of a report: the row appended to `reports`.

    values: district -> value for an indicator (全市 when it is not reported by district); a key project's
    {'progress_pct': 形象进度} when given; None for a task.
    """

    agency: str
    subject: str  # 'task' | 'indicator' | 'project'
    item: str  # task or project number as text, or the indicator's code
    period: str
    state: str  # 'draft' | 'submitted' | 'accepted' | 'returned'
    actor: str
    status: str | None = None
    values: dict[str, float] | None = None
    note: str = ""
    reason: str = ""
    measure: str = ""
    promise: str | None = None
    return_reason: str = ""
    upload_id: int | None = None
    at: dt.datetime | None = None
    is_sample: bool = False


@dataclass
class Message:
    """One notification for the outbox: to an agency's accounts (its name) or to 'admin'."""

    recipient: str
    kind: str  # 'reminder' | 'state'
    subject: str
    body: str = ""
    extra: dict = field(default_factory=dict)


def _insert_change(con, change: Change, at: dt.datetime) -> int:
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM reports").fetchone()[0]
    values = None if change.values is None else json.dumps(change.values, ensure_ascii=False, sort_keys=True)
    con.execute(
        f"INSERT INTO reports ({', '.join(REPORT_COLUMNS)}) VALUES ({', '.join('?' * len(REPORT_COLUMNS))})",
        [seq, change.agency, change.subject, str(change.item), change.period, change.status, values, change.note,
         change.reason, change.measure, change.promise or None, change.state, change.actor, at,
         change.return_reason, change.upload_id, change.is_sample])
    return int(seq)


def _insert_message(con, message: Message, at: dt.datetime, is_sample: bool) -> None:
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0]
    con.execute("INSERT INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?)",
                [seq, at, message.recipient, message.kind, message.subject, message.body, is_sample])


def record(con, changes: list[Change], messages: list[Message] = (), *, audit_action: str = "report") -> list[int]:
    """Append state changes, their outbox messages and one audit entry in one transaction; returns the seqs.

    A submission moves the data version on (the reporting matrix counts a unit's submission before it is verified);
    drafts, acceptances and returns leave it (an accepted report's values land as an upload, which moves it).
    """
    with writing(con, changes_data=any(change.state == "submitted" for change in changes)):
        seqs = [_insert_change(con, change, change.at or now()) for change in changes]
        when = (changes[0].at or now()) if changes else now()
        sample = bool(changes and changes[0].is_sample)
        for message in messages:
            _insert_message(con, message, when, sample)
        if changes:
            first = changes[0]
            items = ",".join(c.item for c in changes)
            con.execute("INSERT INTO audit VALUES (?, ?, ?, ?)",
                        [when, first.actor, audit_action,
                         f"{first.agency} {first.subject} {items} {first.period} → {first.state}"])
    return seqs


def reports(con, *, known_on: dt.datetime | None = None, agency: str | None = None,
            period: str | None = None) -> pd.DataFrame:
    """Every state change (as known on `known_on` when given), oldest first; values parsed to a dict."""
    where, params = ["TRUE"], []
    if known_on is not None:
        where.append("acted_at <= ?")
        params.append(known_on)
    if agency is not None:
        where.append("agency = ?")
        params.append(agency)
    if period is not None:
        where.append("period = ?")
        params.append(period)
    columns = ", ".join(REPORT_COLUMNS).replace("acted_at", "acted_at AS at")
    frame = con.execute(f"SELECT {columns} FROM reports WHERE {' AND '.join(where)} ORDER BY seq", params).df()
    frame["values"] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else json.loads(v)
                       for v in frame["values_json"]]
    return frame


def submissions(con, *, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """agency, subject, item, period, submitted_at: each report's first submission (as known on `known_on` when
    given); whatever happened to it since (accepted, returned, submitted again) keeps it; drafts never submitted are
    absent."""
    where, params = "state = 'submitted'", []
    if known_on is not None:
        where += " AND acted_at <= ?"
        params.append(known_on)
    return con.execute(f"""SELECT agency, subject, item, period, min(acted_at) AS submitted_at FROM reports
                            WHERE {where} GROUP BY ALL ORDER BY ALL""", params).df()


def calendar(con) -> pd.DataFrame:
    """The deadlines an admin set: period, deadline (date), set_by, set_at."""
    frame = con.execute("SELECT period, deadline, set_by, set_at FROM report_calendar ORDER BY period").df()
    frame["deadline"] = pd.to_datetime(frame["deadline"]).dt.date
    return frame


def set_deadline(con, period: str, deadline: dt.date, user: str) -> None:
    """Set (or move) a quarter's deadline; audited, and announced in the outbox to every unit ('all')."""
    at = now()
    with writing(con):  # a deadline decides what is late or overdue: pages must not keep the old picture
        con.execute("INSERT OR REPLACE INTO report_calendar VALUES (?, ?, ?, ?)", [period, deadline, user, at])
        con.execute("INSERT INTO audit VALUES (?, ?, 'calendar', ?)", [at, user, f"{period}={deadline}"])
        _insert_message(con, Message("all", "calendar", f"{period} 填报截止日期调整为 {deadline}"), at, False)


def notify(con, messages: list[Message]) -> None:
    """Append messages to the outbox (reminders) in one transaction."""
    if not messages:
        return
    at = now()
    with writing(con, changes_data=False):
        for message in messages:
            _insert_message(con, message, at, False)


def outbox(con, day: dt.date | None = None) -> pd.DataFrame:
    """The outbox (of one day when given): seq, at, recipient, kind, subject, body, oldest first."""
    where, params = "TRUE", []
    if day is not None:
        where, params = "CAST(sent_at AS DATE) = ?", [day]
    return con.execute(f"SELECT seq, sent_at AS at, recipient, kind, subject, body FROM outbox WHERE {where} ORDER BY seq",
                       params).df()


def sample_count(con) -> int:
    """How many reports (agency, subject, item, quarter) the sample made."""
    return int(con.execute("SELECT count(DISTINCT (agency, subject, item, period)) FROM reports WHERE is_sample")
               .fetchone()[0])


def remove_sample(con) -> int:
    """Delete the sample reports and their messages (inside the caller's transaction); returns the reports removed."""
    count = con.execute("SELECT count(*) FROM reports WHERE is_sample").fetchone()[0]
    con.execute("DELETE FROM reports WHERE is_sample")
    con.execute("DELETE FROM outbox WHERE is_sample")
    return int(count)
