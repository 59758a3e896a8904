"""Page CSS: CJK fonts, projector-friendly sizes, phone layouts (≤ 640 px), presentation mode and print styles."""

from __future__ import annotations

import streamlit as st

from presentation import labels
from presentation.theme import FONT_FAMILY

# A row of st.columns holding KPI tiles: one of its columns holds an st.metric or an HTML tile (the overview's)
_TILE = '[data-testid="stColumn"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]'
_TILE_ROW = (f'[data-testid="stHorizontalBlock"]:has(> {_TILE} > [data-testid="stMetric"], '
             f'> {_TILE} > [data-testid="stHtml"])')

_BASE = f"""
<style>
html, body, [class*="css"], .stMarkdown, .stDataFrame {{ font-family: {FONT_FAMILY}; }}
[data-testid="stMetricValue"] {{ font-size: 2.1rem; }}
[data-testid="stMetricLabel"] p {{ font-size: 1rem; }}
.block-container {{ padding-top: 2.2rem; max-width: 1800px; }}
/* Streamlit's English "Press Enter to submit form" under inputs: Enter still submits, the UI speaks Chinese */
[data-testid="InputInstructions"] {{ display: none; }}
/* Streamlit's file uploader speaks English ("Upload", "200MB per file • CSV, XLSX, XLS, TXT"): its own words
   hidden, Chinese in their place; the page's caption says which files and what size the reader accepts */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "{labels.UPLOADER['browse']}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "{labels.UPLOADER['drop']}"; font-size: 0.9rem; color: #4a5561; }}
/* a laptop's 1366-px screen: narrower margins and sidebar, so that the pages' tables (about 1 060 px) fit beside it
   without scrolling sideways */
@media (min-width: 641px) and (max-width: 1400px) {{
  .block-container {{ padding-left: 1.5rem; padding-right: 1.5rem; }}
  [data-testid="stSidebar"][data-collapsed="false"] {{ width: 256px !important; min-width: 256px !important; }}
  /* charts side by side would be about 520 px each: a map's notes and long titles ran off them; one per row */
  [data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) {{ flex-wrap: wrap; }}
  [data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) > [data-testid="stColumn"] {{
    flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important; }}
}}
/* the login form: a card of readable width, not a field across the whole screen */
.st-key-login_box {{ max-width: 480px; margin: 8vh auto 0 auto; }}
.st-key-login_box h1 {{ font-size: 2rem; white-space: nowrap; }}
@media (max-width: 640px) {{
  /* a phone: Streamlit already stacks columns one per row; rows of KPI tiles (st.metric or an HTML tile) keep two */
  {_TILE_ROW} {{ gap: 0.5rem; }}
  {_TILE_ROW} > [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.25rem) !important; min-width: calc(50% - 0.25rem) !important;
    max-width: calc(50% - 0.25rem) !important; }}
  {_TILE_ROW} > [data-testid="stColumn"]:not(:has([data-testid="stElementContainer"])) {{ display: none; }}
  [data-testid="stMetricValue"] {{ font-size: 1.6rem; }}
  [data-testid="stMetricValue"] > div {{ white-space: normal; overflow-wrap: anywhere; }}
  [data-testid="stMetricLabel"] p {{ font-size: 0.9rem; }}
  .block-container {{ padding-left: 0.75rem; padding-right: 0.75rem; padding-top: 3rem; }}
  h1 {{ font-size: 2rem !important; }}
  h2 {{ font-size: 1.4rem !important; }}
  h3 {{ font-size: 1.2rem !important; }}
  .modebar-container {{ display: none !important; }}  /* the chart toolbar sits on the title; PNGs are for desktops */
  .stMarkdown p, .stMarkdown li {{ font-size: max(1rem, 14px); }}
  [data-testid="stPlotlyChart"], .js-plotly-plot {{ max-width: 100%; }}
  /* touch targets of at least 40 px: buttons (the sidebar's toggle included), selects and
     inputs, tabs, page links, expander headers, toggles and radio options; the help icons keep their place
     (negative margins) and grow their target; headings' hover-only anchor links go */
  [data-testid="stMain"] button, [data-testid="stSidebar"] button, [data-testid="stHeader"] button,
  [data-testid="stExpandSidebarButton"] {{ min-height: 40px; }}
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button {{
    min-width: 40px; min-height: 40px; }}
  /* a table's toolbar (columns, CSV, search, full screen), always shown on a touch screen, would sit on the line
     above the table; a phone's table shows its other columns under the "more columns" expander */
  [data-testid="stElementToolbar"] {{ display: none !important; }}
  [data-baseweb="select"] > div, [data-baseweb="input"], [data-baseweb="base-input"] {{ min-height: 40px; }}
  [role="tab"], [data-testid="stSidebarNavLink"], [data-testid="stPageLink"] a, [data-testid="stExpander"] summary {{
    min-height: 40px; box-sizing: border-box; display: flex; align-items: center; }}
  [data-testid="stCheckbox"] label, [data-testid="stRadio"] label {{ min-height: 40px; align-items: center; }}
  [data-testid="stTooltipHoverTarget"] {{ min-width: 40px; min-height: 40px; margin: -12px -12px -12px -8px;
    display: inline-flex; align-items: center; justify-content: center; }}
  [data-testid="stHeaderActionElements"] {{ display: none; }}
}}
@media print {{
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] {{ display: none !important; }}
  .js-plotly-plot, [data-testid="stPlotlyChart"] {{ break-inside: avoid; page-break-inside: avoid; }}
  .block-container {{ padding: 0 !important; max-width: 100% !important; }}
}}
</style>
"""

# Presentation mode, for a projector read from the back of a room: the sidebar and Streamlit's chrome hidden; the
# root font size raised (every rem-sized text and spacing follows it: headings, paragraphs, tables' canvas text,
# the overview's tiles), headline numbers larger still; the top bar (ui.present) compact, on one line.
_PRESENT = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
html { font-size: clamp(18px, 1.05vw, 22px); }
.block-container { padding-top: 0.6rem; padding-left: 2rem; padding-right: 2rem; max-width: 100%; }
h1 { font-size: 2rem !important; padding-top: 0.2rem !important; padding-bottom: 0.2rem !important; }
h2 { font-size: 1.6rem !important; }
h3 { font-size: 1.35rem !important; }
.stMarkdown p, .stMarkdown li, [data-testid="stCaptionContainer"] { font-size: 1rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #3e4a56 !important; }
[data-testid="stMetricValue"] { font-size: 2.5rem; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem; }
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p { white-space: normal !important; }
/* the overview's status tiles: their counts are the headline numbers */
[data-testid="stHtml"] div[style*="font-size:2rem"] { font-size: 2.8rem !important; line-height: 1.15; }
[data-testid="stHtml"] div[style*="font-size:0.95rem"] { font-size: 1.05rem !important; }
/* the top bar: one line down to a 1366-px screen (ten page links and the exit), every target at least 40 px tall */
.st-key-present_bar { gap: 0.25rem 0.2rem; padding-bottom: 0.4rem; border-bottom: 1px solid #e6e9ee; }
.st-key-present_bar [data-testid="stPageLink"] a { padding: 0.15rem 0.45rem; min-height: 40px;
  box-sizing: border-box; display: flex; align-items: center; white-space: nowrap; }
.st-key-present_bar [data-testid="stPageLink"] a span, .st-key-present_bar [data-testid="stPageLink"] p {
  font-size: 1rem; white-space: nowrap; }
.st-key-present_bar button { min-height: 40px; white-space: nowrap; padding-left: 0.6rem; padding-right: 0.6rem; }
.st-key-present_bar [data-testid="stPageLink"] a:focus-visible, .st-key-present_bar button:focus-visible {
  outline: 3px solid #1565c0; outline-offset: 2px; }
.st-key-leave_presentation { margin-left: auto; flex-shrink: 0; }
/* on a laptop's screen the links' icons go (their words stay): the row holds ten links and the exit */
@media (max-width: 1400px) {
  .st-key-present_bar [data-testid="stPageLink"] a > span:has([data-testid="stIconMaterial"]) { display: none; }
  .st-key-present_bar [data-testid="stPageLink"] a { padding: 0.15rem 0.4rem; }
}
/* tables on a projector (ui.presenting.table_html): the root font (18 px and up), wrapping inside the page */
.present-table-box { width: 100%; overflow-x: auto; margin-bottom: 0.75rem; }
.present-table { width: 100%; border-collapse: collapse; font-size: 1rem; line-height: 1.4; color: #1f2933;
  table-layout: auto; }
.present-table th, .present-table td { border: 1px solid #dde2e8; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; font-size: 1rem; }
.present-table thead th { background: #f3f5f8; font-weight: 600; vertical-align: bottom; }
.present-table .short, .present-table td.num, .present-table td.progress { white-space: nowrap; }
.present-table td.num, .present-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
.present-table tbody tr:nth-child(even) { background: #fafbfc; }
.present-bar { display: inline-block; width: 4rem; height: 0.55rem; margin-right: 0.4rem; background: #e6e9ee;
  border-radius: 0.3rem; vertical-align: middle; overflow: hidden; }
.present-bar > span { display: block; height: 100%; background: #1565c0; }
.present-dot { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin-right: 0.35rem;
  vertical-align: 0.05rem; }
/* below 1600 px, charts side by side would be too narrow for projector-sized text: one chart per row */
@media (max-width: 1600px) {
  [data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) { flex-wrap: wrap; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) > [data-testid="stColumn"] {
    flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important; }
}
</style>
"""


def inject_css(presentation: bool) -> None:
    """Base styles always; presentation mode hides the sidebar and Streamlit's chrome and enlarges the text."""
    st.html(_BASE + (_PRESENT if presentation else ""))
