"""Tables as leaders read them: Chinese headers, numbers with units, statuses in words."""

from __future__ import annotations

import pandas as pd

from presentation import formats, labels, readings

C = labels.COLUMNS
T = labels.TABLES

# A table on a phone (issue 19) shows at most PHONE_LIMIT columns: its name, its latest value and its status, the
# first header of each list below that the table has; when a role is missing, PHONE_FILL's first headers stand in.
# The rest of the table is one tap away (ui.grid.show: an expander under it). A table may name its own columns
# (grid.show(..., phone=[...])); one that matches fewer than two headers here is shown whole.
PHONE_LIMIT = 3
PHONE_COLUMNS = {
    "name": (C["indicator"], C["name"], C["agency"], C["project"], C["group_name"], C["category"], C["task"],
             C["sector"], C["text"], C["content"], C["period"]),
    "value": (C["latest_value"], C["value"], C["image_progress"], C["old_new"], C["n_red"], C["n_red_indicators"],
              C["n_overdue"], C["progress_pct"]),
    "status": (C["status"], C["result"], C["task_status"], C["this_quarter"], C["worst_status"],
               C["worst_indicator"], C["counts"], labels.REPORTING["broken_headers"]["current"]),
}
PHONE_FILL = (C["no"], C["rank"], C["text"], C["content"], C["move"], C["period"], C["overdue_projects"],
              C["note"])


def phone_columns(columns, chosen=None) -> list[str]:
    """The columns a phone shows of a table with these `columns`, in the table's order (all of them when it has
    PHONE_LIMIT or fewer, or when fewer than two are recognised); `chosen` names them instead, when given."""
    columns = [str(c) for c in columns]
    if chosen is not None:
        keep = set(map(str, chosen))
    else:
        keep = {next(h for h in headers if h in columns)
                for headers in PHONE_COLUMNS.values() if any(h in columns for h in headers)}
        for header in PHONE_FILL:
            if len(keep) >= PHONE_LIMIT:
                break
            if header in columns:
                keep.add(header)
        if len(keep) < 2:
            return columns
    return columns if len(columns) <= PHONE_LIMIT else [c for c in columns if c in keep]


def status_word(status) -> str:
    return readings.word(status)


def task_words(statuses, overdue) -> list[str]:
    """Latest task states in words: '逾期未报 · 推进中' when overdue, '未报送' when a task never reported."""
    prefix = f"{labels.TASK_STATE['overdue']} · "
    return [(prefix if o else "") + (s or labels.TASK_STATE["not_reported"])
            for s, o in zip(statuses, overdue, strict=True)]


def indicator_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Status rows (with name) -> display table: 指标, 目标, 最新值, 年终值, 进度, 序时, 差距, 预计, 状态.

    最新值 is always the newest value; 年终值 is the value an expired target is judged on (blank otherwise).
    """
    records = rows.to_dict("records")
    out = pd.DataFrame({
        C["indicator"]: rows["name"],
        C["target"]: [_target(r) for r in records],
        C["latest_value"]: [readings.latest(r) for r in records],
        C["judged_value"]: [readings.judged(r) for r in records],
        C["progress_pct"]: [formats.percent(v) for v in rows["progress_pct"]],
        C["expected_pct"]: [formats.percent(v) for v in rows["expected_pct"]],
        C["gap"]: [readings.gap(r) for r in records],
        C["projected_value"]: [readings.projection(r) for r in records],
        C["status"]: [status_word(s) for s in rows["status"]],
    })
    if "lead" in rows:
        out.insert(1, C["lead"], rows["lead"].fillna(""))
    return out.reset_index(drop=True)


def _target(row) -> str:
    year, value = row["target_year"], row["target_value"]
    if row["status"] == "not_judged":
        return T["no_district_target"]
    if pd.isna(year):
        return T["pending"]
    if pd.isna(value):
        return T["target_pending"].format(year=int(year))
    return T["target"].format(year=int(year), value=formats.number(value, row["unit"]))


# Streamlit's table: header and row heights in pixels (its default row fits one line of text)
HEADER_PX = 38
ROW_PX = 35
LINE_PX = 21           # one wrapped line of text in a cell
TEXT_PX = 520          # a task text column's width in pixels
WRAP_CHARS = 34        # characters of Chinese text TEXT_PX holds on one line (14 px characters, cell padding)
CHAR_PX = 14           # a Chinese character in a table cell
WRAP_LINES = 6         # a cell grows to at most this many lines; the full text is in the row's detail below


def table_height(n_rows: int, row_px: int = ROW_PX, limit: int | None = None) -> int:
    """Pixels of a table as tall as its rows (no empty filler rows), at most `limit` rows before it scrolls."""
    shown = max(1, n_rows if limit is None else min(n_rows, limit))
    return HEADER_PX + row_px * shown + 2


def wrap_chars(width: int = TEXT_PX) -> int:
    """Characters of Chinese text a column `width` pixels wide holds on one line (TEXT_PX holds WRAP_CHARS)."""
    return max(1, (width - (TEXT_PX - WRAP_CHARS * CHAR_PX)) // CHAR_PX)


def wrapped_row_px(texts, width: int = TEXT_PX) -> int | None:
    """A row height that lets the longest of `texts`, in a column `width` pixels wide, wrap instead of being cut
    (Streamlit wraps text in rows taller than 4 rem); None when every text fits one line."""
    longest = max((len(t) for t in texts if isinstance(t, str)), default=0)
    lines = min(WRAP_LINES, -(-longest // wrap_chars(width)))
    return None if lines <= 1 else max(66, 12 + LINE_PX * lines)


# Text in a cell, in pixels: a CJK character, another one, a cell's padding (a file name or a date is narrower than
# as many Chinese characters)
CJK_CELL_PX, OTHER_CELL_PX, CELL_PAD_PX = 14, 8, 20
# The indicator table (indicator_rows) with its 牵头单位 beside the sidebar on a 1366-px screen: names and units wrap
INDICATOR_PX = {C["indicator"]: 160, C["lead"]: 120}


def _lines(text, width: int) -> int:
    text = text if isinstance(text, str) else ""
    px = sum(CJK_CELL_PX if ord(ch) >= 0x2E80 else OTHER_CELL_PX for ch in text)
    return -(-px // max(1, width - CELL_PAD_PX)) if px else 1


def fitted(frame: pd.DataFrame, widths: dict[str, int], wrapped=None) -> dict:
    """st.dataframe's arguments giving `widths`' columns (those the frame has) their pixel widths, and rows tall
    enough for the longest text of the `wrapped` columns (all of `widths` by default) to wrap, at most WRAP_LINES
    lines, instead of being cut: {'row_height': px, 'column_config': {column: {'width': px}}}."""
    present = {c: px for c, px in widths.items() if c in frame.columns}
    lines = max([_lines(t, present[c]) for c in (wrapped or present) if c in present for t in frame[c]], default=1)
    lines = min(WRAP_LINES, lines)
    return {"row_height": ROW_PX if lines <= 1 else max(66, 12 + LINE_PX * lines),
            "column_config": {c: {"width": px} for c, px in present.items()}}


def responsibility(lead: str | None, assist: str | None, joint: str | None, limit: int = 2) -> str:
    """The units of a task or project in one cell, role by role: '牵头：市发展改革委；协办：市商务局、各区政府等 3 家'
    (the full lists are in the row's detail)."""
    held = {"lead": lead, "assist": assist, "joint": joint}
    return "；".join(f"{labels.ROLE[role]}：{units_short(units, limit)}" for role, units in held.items()
                    if isinstance(units, str) and units)


def units_short(units: str, limit: int = 3) -> str:
    """'市教育局、市工业和信息化局、市人力资源保障局、市生态环境局' -> '市教育局、市工业和信息化局、市人力资源保障局等 4 家'."""
    names = [u for u in (units or "").split("、") if u]
    if len(names) <= limit:
        return "、".join(names)
    return labels.UNITS_MORE.format(names="、".join(names[:limit]), n=len(names))


def task_line(no: int, title: str, lead: str, joint: str) -> str:
    """An overdue or lagging task as a leader reads it: '第43项 强化重点领域节能节水（市水务局）'."""
    return labels.TASK_LINE.format(n=int(no), title=title, units=units_short(lead or joint))


def scroll_note(n_rows: int, limit: int) -> str | None:
    """What a table of `n_rows` that shows `limit` before it scrolls says under it (None when nothing is hidden)."""
    return labels.TABLES["scroll_note"].format(n=n_rows, shown=limit, rest=n_rows - limit) if n_rows > limit else None
