"""本单位填报: an agency reports its own tasks, indicators and key projects (their own section), verifies its assisting units' reports, sees its to-do."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import accounts
from metrics import deadlines
from metrics import periods as quarters
from metrics.settings import TASK_STATUSES
from presentation import labels
from service import reporting, upload_flow
from service.reporting import Actor, Entry
from store import catalog
from store import reports as store_reports
from store.db import connect
from store.errors import StoreError
from store.uploads import now
from ui import context, grid
from ui.auth import current_user, require_page

require_page(__file__)

R = labels.REPORTING
_FLASH = "my_reports_flash"


def _flash(level: str, message: str, where: str) -> None:
    """A message that survives the rerun after a write, shown in the section `where` the user acted (a message at the
    page's head is off screen for someone who pressed a button in 核查 or the calendar at the bottom)."""
    st.session_state[_FLASH] = (level, message, where)


def _show_flash(where: str) -> None:
    kept = st.session_state.get(_FLASH)
    if kept and kept[2] == where:
        del st.session_state[_FLASH]
        getattr(st, kept[0])(kept[1])


def _picker(label: str, items: pd.DataFrame, words: pd.Series, default: int, key: str) -> int:
    """A selectbox of the items (its labels end with each item's state word); returns the row picked.

    The item picked is remembered by identity and put back into the widget on every run: the widget's value is its
    label, and a label changes when the item's state does (待填报 → 草稿 after a save); left alone, the browser keeps
    the old label, which matches no option at the next rerun, and the picker jumps back to the first item."""
    ids = [f"{s}:{i}" for s, i in zip(items["subject"], items["item"], strict=True)]
    remembered = st.session_state.get(f"{key}_item")
    st.session_state[key] = ids.index(remembered) if remembered in ids else default
    st.session_state[f"{key}_item"] = ids[st.session_state[key]]

    def remember() -> None:
        st.session_state[f"{key}_item"] = ids[st.session_state[key]]

    return st.selectbox(
        label, list(range(len(items))), key=key, on_change=remember,
        format_func=lambda i: f"{_name(items['subject'].iloc[i], items['item'].iloc[i], items['title'].iloc[i])}"
                              f" — {words.iloc[i]}")


def _name(subject: str, item: str, title: str) -> str:
    short = title if len(title) <= 40 else title[:40] + "…"
    return f"{labels.REPORT_SUBJECT[subject]} {item} · {short}"


def _todo(db: str, agency: str, period: str) -> None:
    st.subheader(R["todo"])
    items = reporting.todo(db, agency, period)
    if items.empty:
        st.caption(R["todo_none"])
        return
    h = R["todo_headers"]
    table = pd.DataFrame({
        h["state"]: items["state"].map(labels.TODO_STATE), h["subject"]: items["subject"].map(labels.REPORT_SUBJECT),
        h["item"]: items["item"], h["title"]: items["title"].str.slice(0, 60), h["period"]: items["period"],
        h["deadline"]: items["deadline"].astype(str), h["agency"]: items["agency"],
    })
    if (items["state"] == deadlines.RETURNED).any():  # the verifier's reason, where the unit first looks
        table.insert(1, h["return_reason"], items["return_reason"])
    grid.show(table, hide_index=True, width="stretch", height=min(38 + 35 * len(items), 300))


def _promise_fields(key: str, row: pd.Series, period: str, disabled: bool) -> tuple[str, str, str | None]:
    if not disabled:  # a submitted report carries its promise already: nothing left to fill in
        st.warning(R["red_hint"])
    reason = st.text_input(R["reason"], value=_text(row.get("reason")), key=f"{key}_reason", disabled=disabled)
    measure = st.text_area(R["measure"], value=_text(row.get("measure")), key=f"{key}_measure", disabled=disabled,
                           height=80)
    options = [quarters.shift(period, n) for n in range(1, 9)]
    kept = _text(row.get("promise"))
    promise = st.selectbox(R["promise"], options, index=options.index(kept) if kept in options else None,
                           key=f"{key}_promise", disabled=disabled, placeholder=R["promise"])
    return reason, measure, promise


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _editor(db: str, actor: Actor, period: str, row: pd.Series, districts: list[str]) -> None:
    """One item's report: fields, then 保存草稿 and 提交核查 (locked once submitted or accepted)."""
    state = _text(row.get("state"))
    key = f"rep_{period}_{row['subject']}_{row['item']}"
    _show_flash(key)
    locked = state in (deadlines.SUBMITTED, deadlines.ACCEPTED)
    if locked:
        st.info(R["locked_note"].format(state=labels.REPORT_STATE[state]))
    elif state == deadlines.RETURNED:
        st.error(R["returned_note"].format(reason=_text(row.get("return_reason"))))
    st.markdown(f"**{labels.REPORT_SUBJECT[row['subject']]} {row['item']}**")
    st.caption(row["title"])
    entry = Entry(row["subject"], row["item"])
    red = False
    if row["subject"] in deadlines.STATUS_SUBJECTS:
        current = _text(row.get("status"))
        entry.status = st.selectbox(R["status"], TASK_STATUSES,
                                    index=TASK_STATUSES.index(current) if current in TASK_STATUSES else None,
                                    key=f"{key}_status", disabled=locked, placeholder=R["status"])
        red = deadlines.needs_promise(row["subject"], entry.status)
        if row["subject"] == "project":
            kept = row.get("values") if isinstance(row.get("values"), dict) else {}
            entry.values = {reporting.PROGRESS: st.text_input(R["progress"], value=kept.get(reporting.PROGRESS, ""),
                                                              key=f"{key}_progress", disabled=locked)}
    else:
        status = row.get("indicator_status")
        if status:
            st.caption(R["indicator_status"].format(status=labels.STATUS.get(status, status)))
        red = deadlines.needs_promise("indicator", status)
        kept = row.get("values") if isinstance(row.get("values"), dict) else {}
        where = districts if row["by_district"] else [catalog.CITY]
        cols = st.columns(min(len(where), 4))
        entry.values = {}
        for i, district in enumerate(where):
            label = R["value_district" if row["by_district"] else "value"].format(district=district, unit=row["unit"])
            entry.values[district] = cols[i % len(cols)].text_input(label, value=kept.get(district, ""),
                                                                    key=f"{key}_v_{district}", disabled=locked)
        if not locked and any(str(v).strip() for v in entry.values.values()):
            # judged with the values typed: a value that turns the indicator red asks for its promise at once
            typed = reporting.status_with(db, actor.agency, period, entry)
            if typed:
                st.caption(R["indicator_status_with"].format(status=labels.STATUS.get(typed, typed)))
                red = deadlines.needs_promise("indicator", typed)
    entry.note = st.text_area(R["note"], value=_text(row.get("note")), key=f"{key}_note", disabled=locked, height=80)
    if red:
        entry.reason, entry.measure, entry.promise = _promise_fields(key, row, period, locked)
    if locked:
        return
    left, right, _ = st.columns([1, 1, 4])
    save = left.button(R["save"], key=f"{key}_save", icon=":material/save:")
    submit = right.button(R["submit"], key=f"{key}_submit", type="primary", icon=":material/send:")
    if not (save or submit):
        return
    try:
        outcome = reporting.save(db, actor, period, [entry], submit=submit)
    except StoreError as exc:
        st.error(exc.message)
        return
    if not outcome.ok:
        st.error(R["problems"].format(n=len(outcome.problems)))
        grid.show(outcome.problems[["column", "value", "problem", "fix"]].rename(columns=labels.ERROR_HEADERS),
                  hide_index=True, width="stretch")
        return
    _flash("success", R["submitted" if submit else "saved"].format(n=outcome.saved), key)
    st.rerun()


def _report_form(db: str, actor: Actor, period: str, items: pd.DataFrame, projects: bool = False) -> None:
    """The picker and editor of the agency's tasks and indicators, or (projects) of its key projects (items: the
    agency's reporting.sheet)."""
    if items.empty and not projects:
        st.info(R["nothing"])
        return
    items = items[(items["subject"] == "project") == projects].reset_index(drop=True)
    if items.empty:
        return
    if projects:
        st.subheader(R["projects"])
    with connect(db) as con:
        districts = catalog.districts(con)
        overdue = deadlines.is_due(period, store_reports.calendar(con), now().date())
    owed_word = labels.TODO_STATE["overdue" if overdue else "due"]
    # an item without a report of the quarter: owed, or covered by the analyst's file or done before (not owed)
    state_words = pd.Series([labels.REPORT_STATE[s] if isinstance(s, str) and s in labels.REPORT_STATE
                             else R["covered"].get(c, owed_word) for s, c in zip(items["state"], items["covered"],
                                                                                 strict=True)], index=items.index)
    # first what the unit owes: a returned report, then one not reported (我的待办's order), then a draft
    owed = [i for i in range(len(items)) if items["state"].iloc[i] == deadlines.RETURNED] + [
        i for i in range(len(items)) if not isinstance(items["state"].iloc[i], str) and not items["covered"].iloc[i]
    ] + [i for i in range(len(items)) if items["state"].iloc[i] == deadlines.DRAFT]
    picked = _picker(R["projects_pick" if projects else "pick"], items, state_words, owed[0] if owed else 0,
                     f"rep_pick_{period}_project" if projects else f"rep_pick_{period}")
    with st.container(border=True, key="rep_editor_project" if projects else "rep_editor"):
        _editor(db, actor, period, items.iloc[picked], districts)


def _import(db: str, actor: Actor, subjects: set[str]) -> None:
    """A unit's own file through the upload's checks; rows of other agencies' items are refused by row. Only the
    kinds of file the unit has items for are offered (各区政府 leads no indicator: no 指标数据)."""
    st.subheader(R["import"])
    st.caption(R["import_help"])
    _show_flash("import")
    kinds = [k for k in R["import_kinds"] if reporting.subject_of_kind(k) in subjects]
    kind = st.radio(R["import"], kinds, format_func=R["import_kinds"].get, horizontal=True,
                    key="rep_import_kind", label_visibility="collapsed")
    # no `type=`: Streamlit's own refusal of another type is English; the upload's checks refuse it in Chinese.
    # A new key after an import: an empty uploader, not the file just imported (a second press would import it again)
    round_ = st.session_state.get("rep_import_round", 0)
    upload = st.file_uploader(R["import_file"], key=f"rep_import_file_{round_}")
    st.caption(labels.UPLOADER["caption"].format(mb=upload_flow.max_upload_mb()))
    if upload is None or not st.button(R["import_button"], key="rep_import_go", icon=":material/upload:"):
        return
    try:
        problems, saved = reporting.import_file(db, actor, upload.getvalue(), upload.name, kind)
    except StoreError as exc:
        st.error(exc.message)
        return
    if len(problems):
        st.error(R["import_problems"].format(n=len(problems)))
        # a problem of the whole file (its type, its headers) has no row: a blank cell, not "None"
        rows = pd.to_numeric(problems["row"], errors="coerce").astype("Int64")
        problems = problems.assign(row=rows.astype(str).replace("<NA>", ""))
        grid.show(problems.rename(columns=labels.ERROR_HEADERS), hide_index=True, width="stretch")
        return
    st.session_state["rep_import_round"] = round_ + 1
    _flash("success", R["import_saved"].format(n=saved), "import")
    st.rerun()


def _verify(db: str, actor: Actor) -> None:
    st.subheader(R["verify"])
    _show_flash("verify")
    queue = reporting.verify_queue(db, actor)
    if queue.empty:
        st.caption(R["verify_none"])
        return
    titles = reporting.titles(db)
    for row in queue.itertuples():
        title = titles.get((row.subject, str(row.item)), "")
        key = f"ver_{row.agency}_{row.subject}_{row.item}_{row.period}"
        with st.container(border=True):
            st.markdown(R["verify_item"].format(agency=row.agency, item=_name(row.subject, row.item, "")[:-3],
                                                period=row.period,
                                                title=title if len(title) <= 50 else title[:50] + "…"))
            if actor.is_admin and row.verifier != deadlines.ADMIN:  # an assisting unit's report: its lead unit's
                st.caption(R["verifier_note"].format(verifier=row.verifier))
            vals = row.values if isinstance(row.values, dict) else {}
            progress = vals.get(reporting.PROGRESS, "") if row.subject == "project" else ""
            fields = {labels.REPORT_FIELDS["status"]: _text(row.status),
                      labels.REPORT_FIELDS["progress"]: f"{progress}%" if progress else "",
                      labels.REPORT_FIELDS["value"]: "" if row.subject == "project"
                      else "、".join(f"{d} {v}" for d, v in vals.items()),
                      labels.REPORT_FIELDS["note"]: _text(row.note), labels.REPORT_FIELDS["reason"]: _text(row.reason),
                      labels.REPORT_FIELDS["measure"]: _text(row.measure),
                      labels.REPORT_FIELDS["promise"]: _text(row.promise)}
            st.markdown("\n".join(f"- {k}：{v}" for k, v in fields.items() if v))
            reason = st.text_input(R["return_reason"], key=f"{key}_why")
            left, right, _ = st.columns([1, 1, 4])
            accept = left.button(R["accept"], key=f"{key}_ok", type="primary", icon=":material/check:")
            back = right.button(R["return"], key=f"{key}_back", icon=":material/undo:")
            if accept or back:
                try:
                    upload = reporting.verify(db, actor, row.agency, row.subject, str(row.item), row.period,
                                              accept=accept, reason=reason)
                except StoreError as exc:
                    st.error(exc.message)
                    continue
                name = _name(row.subject, row.item, "")[:-3]
                if accept:
                    context.after_write()
                    _flash("success", R["accepted"].format(item=name, upload=upload), "verify")
                else:
                    _flash("success", R["returned"].format(item=name), "verify")
                st.rerun()


def _admin(db: str, actor: Actor, period: str, options: list[str]) -> None:
    """The supervising office's tools: the reporting calendar, reminders to units that owe reports, today's digest."""
    st.subheader(R["admin_heading"])
    st.caption(R["admin_caption"])
    table = reporting.calendar(db, options[::-1] + [quarters.shift(options[0], 1)])
    h = R["calendar_headers"]
    grid.show(pd.DataFrame({h["period"]: table["period"], h["deadline"]: table["deadline"].astype(str),
                            h["custom"]: table["custom"].map(R["calendar_custom"])}), hide_index=True)
    _show_flash("admin")
    # not a form: the day shown must follow the quarter chosen (in a form it kept the previous quarter's deadline,
    # and saving it moved the newly chosen quarter to that day); one date field per quarter, starting at its deadline
    left, right, go = st.columns([1, 1, 1], vertical_alignment="bottom")
    chosen = left.selectbox(R["calendar_period"], list(table["period"]), key="rep_cal_period",
                            index=list(table["period"]).index(period))
    current = table.set_index("period")["deadline"]
    day = right.date_input(R["calendar_day"], value=current[chosen], key=f"rep_cal_day_{chosen}",
                           format="YYYY-MM-DD")
    if go.button(R["calendar_save"], key="rep_cal_save", icon=":material/event:"):
        try:
            reporting.set_deadline(db, chosen, day, actor.user)
        except StoreError as exc:
            st.error(exc.message)
        else:
            context.after_write()
            _flash("success", R["calendar_saved"].format(period=chosen, day=day), "admin")
            st.rerun()
    left, right = st.columns(2)
    if left.button(R["remind"].format(period=period), key="rep_remind", icon=":material/notifications:"):
        n = reporting.remind(db, period)
        _flash("success", R["reminded"].format(n=n) if n else R["reminded_none"].format(period=period), "admin")
        st.rerun()
    today = now().date()
    box = reporting.digest(db, today)
    right.download_button(R["digest"].format(n=len(box)), box.to_csv(index=False).encode("utf-8-sig"),
                          file_name=R["digest_file"].format(day=today), mime="text/csv", key="rep_digest",
                          icon=":material/download:", disabled=box.empty)


def main() -> None:
    if context.header(labels.PAGES["my_reports"]) is None:  # title, 数据截至, the sample banner
        return
    db = context.db_path()
    user = current_user()
    role = st.session_state.get("role")
    try:
        agency = accounts.agency_of(user) if role == "reporter" else None
    except accounts.AccountError as exc:
        st.error(exc.message)
        return
    actor = Actor(user, agency, is_admin=role == "admin")
    wanted = st.query_params.get("agency")
    if wanted and wanted != agency and not actor.is_admin:  # a typed link to another agency's page
        st.error(R["other_agency"].format(agency=agency) if agency else labels.AUTH["denied"])
        return
    today = now().date()
    latest = quarters.latest_closed(today)
    options = [quarters.shift(latest, -n) for n in range(4)]
    with connect(db) as con:
        calendar = store_reports.calendar(con)
    period = st.selectbox(R["period"], options, key="rep_period")
    try:
        if agency:
            st.caption(R["agency_caption"].format(agency=agency, period=period,
                                                  deadline=deadlines.deadline(period, calendar)))
            _todo(db, agency, period)
            st.subheader(R["title"])
            items = reporting.sheet(db, agency, period)
            _report_form(db, actor, period, items)
            _report_form(db, actor, period, items, projects=True)
            _import(db, actor, set(items["subject"]))
        elif not actor.is_admin:
            st.info(R["no_agency"])
        if agency or actor.is_admin:
            _verify(db, actor)
        if actor.is_admin:
            _admin(db, actor, period, options)
    except StoreError as exc:
        st.error(exc.message)


main()
