"""数据管理: upload history with rollback, removal of the sample data, current targets, the audit log."""

from __future__ import annotations

import streamlit as st

from presentation import admin_tables, labels, tables
from store import audit, catalog, values
from store import uploads as store_uploads
from store.db import connect
from store.errors import StoreError
from ui import context, grid
from ui.auth import allowed, current_user, require_page

require_page(__file__)

A = labels.ADMIN
HISTORY_ROWS = 8  # upload rows shown before the history scrolls


def _load(db: str) -> dict | None:
    try:
        with connect(db, read_only=True) as con:
            return {
                "history": store_uploads.history(con),
                "audit": audit.entries(con),
                "targets": values.targets(con),
                "indicators": catalog.indicators(con),
            }
    except StoreError as exc:
        st.error(exc.message)
        return None


def _write(action, done: str) -> None:
    """Run a store write; on success remember the message for the next run and rerun so every table is fresh."""
    try:
        with connect(context.db_path()) as con:
            result = action(con)
    except StoreError as exc:
        st.error(exc.message)
        return
    context.after_write()
    st.session_state["admin_flash"] = done.format(n=result) if "{n}" in done else done
    st.rerun()


def _history(history) -> None:
    st.subheader(A["history"])
    if history.empty:
        st.info(A["history_empty"])
        return
    table = admin_tables.history_table(history)
    # beside the sidebar on a 1366-px screen: file names and uploaders wrap in two-line rows, no sideways scroll
    fit = tables.fitted(table, admin_tables.HISTORY_PX)
    grid.show(table, admin_tables.HISTORY_PHONE, hide_index=True, width="stretch",
              height=tables.table_height(len(table), fit["row_height"], limit=HISTORY_ROWS), **fit)
    if note := grid.scroll_note(len(table), HISTORY_ROWS):
        st.caption(note)


def _rollback(history, user: str) -> None:
    st.subheader(A["rollback"])
    st.caption(A["rollback_help"])
    choices = admin_tables.rollback_choices(history)
    if not choices:
        st.info(A["rollback_none"])
        return
    chosen = st.selectbox(A["rollback_pick"], list(choices), format_func=choices.get, key="rollback_pick")
    confirmed = st.checkbox(A["rollback_confirm"].format(id=chosen), key=f"rollback_confirm_{chosen}")
    if st.button(A["rollback_button"], type="primary", disabled=not confirmed, icon=":material/undo:",
                 key="rollback_button") and confirmed and allowed("rollback"):
        _write(lambda con: store_uploads.rollback(con, int(chosen), user), A["rolled_back"].format(id=chosen))


def _sample(history, user: str) -> None:
    n = int(history["is_sample"].sum()) if not history.empty else 0
    if not n:
        return
    st.subheader(A["sample"])
    st.warning(A["sample_present"].format(n=n))
    confirmed = st.checkbox(A["sample_confirm"].format(n=n), key="sample_confirm")
    if st.button(A["sample_button"], disabled=not confirmed, icon=":material/delete:", key="sample_button") \
            and confirmed:
        if allowed("remove_sample"):
            _write(lambda con: store_uploads.remove_sample(con, user), A["sample_removed"])


def _targets(targets, indicators) -> None:
    st.subheader(A["targets"])
    pending = admin_tables.pending_count(targets)
    if pending:
        st.info(A["targets_pending"].format(n=pending))
    else:
        st.caption(A["targets_all_set"])
    st.page_link("pages/upload.py", label=A["to_upload"], icon=":material/upload_file:")
    grid.show(admin_tables.targets_table(targets, indicators), admin_tables.TARGETS_PHONE, hide_index=True,
              width="stretch")


def _audit(audit) -> None:
    with st.expander(A["audit"]):
        if audit.empty:
            st.caption(A["audit_empty"])
        else:
            grid.show(admin_tables.audit_table(audit), hide_index=True, width="stretch")


def main() -> None:
    flash = st.session_state.pop("admin_flash", None)
    if flash:
        st.success(flash)
    loaded = _load(context.db_path())
    if loaded is None:
        return
    history = loaded["history"]
    _history(history)
    user = current_user()
    if allowed("rollback"):
        left, right = st.columns(2, gap="large")
        with left:
            _rollback(history, user)
        with right:
            _sample(history, user)
    else:
        st.info(A["admin_only"])
    _targets(loaded["targets"], loaded["indicators"])
    if allowed("view_audit"):
        _audit(loaded["audit"])


if context.header(labels.PAGES["data_admin"]) is not None:
    main()
