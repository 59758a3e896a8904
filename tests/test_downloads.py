"""Every table the software hands out neutralises formula text: the pages' tables (their CSV download and copy),
the deck's tables, the charts' ZIP and the export. Numbers and ordinary Chinese text come out unchanged."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from presentation import labels
from reports import deck as report_deck
from reports import images
from store.ingest import ingest
from tests.helpers import ROOT, open_app, run

C = labels.COLUMNS
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+1+cmd|' /C calc'!A0"
PLAIN = "按计划推进，已完成 80%"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# Task 1 lags with a HYPERLINK note, task 2 reports a DDE payload, task 3 an ordinary note by an @-named unit.
STATUSES = ("任务编号,报告期,状态,进展说明,填报单位\n"
            f"1,2025Q4,滞后,{_quote(HYPERLINK)},市发展改革委\n"
            f"2,2025Q4,滞后,{_quote(DDE)},市工业和信息化局\n"
            f"3,2025Q4,推进中,{PLAIN},@SUM(1)\n")


@pytest.fixture
def notes_db(db):
    result = ingest(db, STATUSES.encode(), "=cmd.csv", "task-status", user="-analyst")
    assert result.upload_id == 1, result
    return db


def _row(frame: pd.DataFrame, column: str, value) -> pd.Series:
    return frame[frame[column] == value].iloc[0]


def test_the_tasks_table_shows_and_downloads_formula_notes_as_text(notes_db, monkeypatch):
    at = open_app(notes_db, monkeypatch, "pages/tasks.py")
    table = at.dataframe[0].value
    assert pd.api.types.is_integer_dtype(table[C["no"]])           # numbers stay numbers
    assert _row(table, C["no"], 1)[C["note"]] == "'" + HYPERLINK
    assert _row(table, C["no"], 2)[C["note"]] == "'" + DDE
    assert _row(table, C["no"], 3)[C["note"]] == PLAIN             # Chinese text unchanged
    others = table.drop(columns=C["note"]).to_numpy().ravel()
    assert not [v for v in others if isinstance(v, str) and v.startswith("'")]


def test_the_upload_history_shows_file_and_user_as_text_and_counts_as_numbers(notes_db, monkeypatch):
    at = open_app(notes_db, monkeypatch, "pages/data_admin.py")
    history = at.dataframe[0].value
    row = _row(history, C["upload_id"], 1)
    assert (row[C["file_name"]], row[C["user"]]) == ("'=cmd.csv", "'-analyst")
    assert pd.api.types.is_integer_dtype(history[C["rows_added"]]) and row[C["rows_added"]] == 3


def test_no_page_calls_st_dataframe_but_through_the_neutralising_door():
    """A new page's table would download raw formulas; every table goes through ui.grid.show."""
    offenders = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"]):
        if path.name == "grid.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("dataframe", "data_editor", "table") \
                    and isinstance(node.value, ast.Name) and node.value.id == "st":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], f"call ui.grid.show(frame, …) instead of st.dataframe at {offenders}"


def _tiny_charts(b, folder: Path) -> dict[str, Path]:
    """The deck's pictures without Chromium: one blank PNG for every indicator."""
    path = folder / "blank.png"
    Image.new("RGB", (8, 6), "white").save(path)
    return {code: path for code in b.codes}


def test_the_decks_task_appendix_holds_formula_notes_as_text(notes_db, tmp_path, monkeypatch):
    monkeypatch.setattr(report_deck, "_render_charts", _tiny_charts)
    out = report_deck.build_deck(notes_db, tmp_path / "deck.pptx", as_of="2025Q4")
    rows = [[cell.text for cell in row.cells]
            for slide in Presentation(str(out)).slides for shape in slide.shapes if shape.has_table
            for row in shape.table.rows]
    appendix = {r[0]: r for r in rows if r[0] in (labels.TASK_NO.format(n=1), labels.TASK_NO.format(n=2))}
    notes = {no: r[5] for no, r in appendix.items()}
    assert notes == {labels.TASK_NO.format(n=1): "'" + HYPERLINK, labels.TASK_NO.format(n=2): "'" + DDE}
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c.lstrip(" ").startswith(("=", "+", "@", "\t", "\r"))]
    assert "市发展改革委" in cells and "2025Q4" in cells                 # ordinary text unchanged


def test_the_charts_zip_holds_only_pictures_no_table_a_spreadsheet_opens(monkeypatch):
    """The ZIP carries PNG and SVG files only: no CSV or workbook of chart data that could carry a formula."""
    import plotly.graph_objects as go

    def fake_render(figs, paths, **_):
        for p in paths:
            p.write_bytes(b"img")
        return paths

    monkeypatch.setattr(images, "render", fake_render)
    fig = go.Figure(go.Bar(x=[HYPERLINK, "市发展改革委"], y=[-1.5, 2]))
    names = zipfile.ZipFile(io.BytesIO(images.charts_zip({"图1": fig}))).namelist()
    assert sorted(names) == ["png/图1.png", "svg/图1.svg"]


def test_the_export_neutralises_notes_units_files_and_users_and_keeps_numbers(notes_db, tmp_path):
    ingest(notes_db, "指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q4,全市,88.5\n".encode(), "a.csv", "actuals",
           user="t")
    assert run(notes_db, "export", "--out", str(tmp_path)).exit_code == 0

    def rows(name):
        with open(tmp_path / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    assert [(r["task_no"], r["note"], r["unit"]) for r in rows("task_status.csv")] == [
        ("1", "'" + HYPERLINK, "市发展改革委"), ("2", "'" + DDE, "市工业和信息化局"), ("3", PLAIN, "'@SUM(1)")]
    assert [(r["file_name"], r["user"]) for r in rows("uploads.csv")] == [("'=cmd.csv", "'-analyst"), ("a.csv", "t")]
    assert [r["value"] for r in rows("actuals.csv")] == ["88.5"]
