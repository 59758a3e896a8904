"""数据上传: pick a kind, drop a file, see the error table or the preview, commit, see the result."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from presentation import labels
from service import upload_flow
from store.errors import StoreError
from ui import context, grid
from ui.auth import allowed, current_user, require_page

require_page(__file__)

U = labels.UPLOAD
def _templates(db: str) -> None:
    """A CSV and an Excel template per kind (two rows of buttons), built only when clicked."""
    st.markdown(f"**{U['templates']}**", help=U["templates_help"])
    period = upload_flow.template_period()
    per_row = len(upload_flow.KINDS)
    cols = [c for _ in range(2) for c in st.columns(per_row)]
    i = 0
    for kind in upload_flow.KINDS:
        for fmt, label, mime in (
            ("csv", U["template_csv"], "text/csv"),
            ("xlsx", U["template_xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ):
            cols[i].download_button(
                label.format(kind=labels.UPLOAD_KIND[kind]), functools.partial(upload_flow.template_bytes, db, kind, fmt),
                file_name=upload_flow.template_name(kind, fmt, period), mime=mime, on_click="ignore",
                icon=":material/download:", key=f"template_{kind}_{fmt}", width="stretch")
            i += 1


def _progress_bar():
    bar = st.progress(0.0)
    return lambda value, text: bar.progress(min(max(value, 0.0), 1.0), text=text)


def _check(db: str, data: bytes, digest: str, name: str, kind: str, sheet: str | None):
    """Check once per (file, kind, sheet, data version); later reruns reuse the result."""
    key = (digest, name, kind, sheet, context.data_version())
    result = upload_flow.cached_check(st.session_state, key)
    if result is not None:
        return result
    with st.status(U["checking"], expanded=True) as status:
        result = upload_flow.handle_upload(db, data, name, kind, sheet=sheet, progress=_progress_bar())
        status.update(label=U["checked"] if result.ok else U["check_failed"],
                      state="complete" if result.ok else "error", expanded=False)
    upload_flow.keep_check(st.session_state, key, result)
    return result


def _show_notices(result) -> None:
    """The sheet read and what the reader decided (rows skipped, names read as codes, sums that differ)."""
    lines = ([U["sheet_used"].format(sheet=result.sheet)] if result.sheet else []) + list(result.notices)
    if lines:
        st.info("\n".join(f"- {_plain(line)}" for line in lines), icon=":material/info:")


def _plain(text: str) -> str:
    """Text from a file (sheet names) shown in markdown without being markdown."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|~$" else c for c in text)


def _show_errors(result) -> None:
    _show_notices(result)
    first = result.errors.iloc[0] if len(result.errors) else None
    if result.error_count == 1 and first is not None and pd.isna(first["row"]):  # the whole file: say it in full
        st.error(U["refused"].format(problem=_plain(first["problem"]), fix=_plain(first["fix"])),
                 icon=":material/block:")
        return
    st.error(U["errors"].format(count=result.error_count))
    table = upload_flow.error_table(result)
    if result.error_count > len(table):
        st.caption(U["errors_truncated"].format(shown=len(table), count=result.error_count))
    grid.show(table, hide_index=True, width="stretch")


def _show_preview(result, indicators) -> None:
    preview = result.preview
    counts = preview.counts
    st.subheader(U["preview"])
    _show_notices(result)
    cols = st.columns(3)
    for col, change in zip(cols, ("add", "revise", "same"), strict=True):
        col.metric(labels.CHANGE[change], f"{counts[change]:,}")
    if preview.duplicate_of is not None:
        st.warning(U["duplicate"].format(id=int(preview.duplicate_of)))
    elif counts["add"] == 0 and counts["revise"] == 0:
        st.info(U["nothing_new"])
    if counts["revise"]:
        st.markdown(f"**{U['revised']}**")
        grid.show(upload_flow.revised_table(preview, indicators), hide_index=True, width="stretch")
    if counts["add"]:
        shown = min(counts["add"], upload_flow.ADDED_SAMPLE_ROWS)
        st.markdown(f"**{U['added'].format(n=shown, total=counts['add'])}**")
        grid.show(upload_flow.added_table(preview, indicators), hide_index=True, width="stretch")
    if result.unusual_count:
        st.warning(U["unusual"].format(count=result.unusual_count), icon=":material/warning:")
        st.caption(U["unusual_help"])
        grid.show(upload_flow.unusual_table(preview, indicators), hide_index=True, width="stretch")


def _commit(db: str, data: bytes, name: str, kind: str, sheet: str | None, user: str, confirmed: bool) -> None:
    with st.status(U["committing"], expanded=True) as status:
        outcome = upload_flow.commit_upload(db, data, name, kind, user=user, sheet=sheet, progress=_progress_bar(),
                                     confirm_unusual=confirmed)
        if outcome.ok:
            context.after_write()
        status.update(state="complete" if outcome.ok else "error", expanded=False)
    if outcome.ok:
        upload_flow.forget(st.session_state)
        st.session_state["upload_flash"] = ("success", outcome.message)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1  # a fresh, empty uploader
        st.rerun()
    getattr(st, outcome.level)(outcome.message)
    if outcome.result is not None and not outcome.result.ok:
        grid.show(upload_flow.error_table(outcome.result), hide_index=True, width="stretch")


def main(data) -> None:
    db = context.db_path()
    st.caption(U["intro"])
    left, middle = st.columns(2)
    kinds = [k for k in upload_flow.KINDS if allowed(upload_flow.upload_action(k))]  # targets: admins only
    kind = left.selectbox(U["kind"], kinds, format_func=labels.UPLOAD_KIND.get, key="upload_kind")
    user = current_user()  # the logged-in account is what history and the audit record
    middle.text_input(U["user"], value=user, key="upload_user", disabled=True)
    if kind == "targets":
        st.caption(U["targets_note"])
    _templates(db)

    # No `type=`: Streamlit would refuse another type itself, in English ("application/pdf files are not allowed.");
    # intake refuses it in Chinese, naming the type and what to upload instead
    file = st.file_uploader(U["file"], key=f"upload_file_{st.session_state.get('upload_round', 0)}",
                            max_upload_size=upload_flow.max_upload_mb())
    st.caption(labels.UPLOADER["caption"].format(mb=upload_flow.max_upload_mb()))
    flash = st.session_state.pop("upload_flash", None)
    if flash:
        getattr(st, flash[0])(flash[1])
    if file is None:
        if not flash:
            st.info(U["waiting"])
        return
    st.text(U["file_line"].format(name=file.name, size=upload_flow.size_text(file.size)))  # st.text: never markdown
    refused = upload_flow.refusal(file.size)
    if refused:
        st.error(refused)
        return
    content = file.getvalue()
    digest = upload_flow.remember(st.session_state, content)
    sheets = upload_flow.sheet_choices(content, file.name)
    sheet = None
    if sheets:  # several visible sheets: the analyst may pick one; the default finds the data sheet by its header
        sheet = st.selectbox(U["sheet"], [None, *sheets], format_func=lambda s: U["sheet_auto"] if s is None else s,
                             key=f"upload_sheet_{digest[:12]}", help=U["sheet_help"])
    try:
        result = _check(db, content, digest, file.name, kind, sheet)
    except StoreError as exc:
        st.error(exc.message)
        return
    if not result.ok:
        _show_errors(result)
        return
    _show_preview(result, data.indicators)
    duplicate = result.preview.duplicate_of is not None
    confirmed = False
    if result.unusual_count:
        confirmed = st.checkbox(U["unusual_confirm"].format(count=result.unusual_count),
                                key=f"upload_confirm_{digest[:12]}")
    blocked = duplicate or (result.unusual_count > 0 and not confirmed)
    if st.button(U["commit"], type="primary", icon=":material/check:", disabled=blocked, key="upload_commit"):
        if not allowed(upload_flow.upload_action(kind)):  # checked again on the server
            st.error(U["not_allowed"])
            return
        kept = upload_flow.recall(st.session_state, digest)
        _commit(db, kept if kept is not None else content, file.name, kind, sheet, user, confirmed)


snapshot = context.header(labels.PAGES["upload"], empty_note=False)
if snapshot is not None:
    main(snapshot)
