"""Page CSS: CJK fonts, projector-friendly sizes, phone layouts (≤ 640 px), presentation mode and print styles."""

from __future__ import annotations

import streamlit as st

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
}}
@media print {{
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] {{ display: none !important; }}
  .js-plotly-plot, [data-testid="stPlotlyChart"] {{ break-inside: avoid; page-break-inside: avoid; }}
  .block-container {{ padding: 0 !important; max-width: 100% !important; }}
}}
</style>
"""

_PRESENT = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container { padding-top: 1rem; }
h1 { font-size: 2.6rem !important; }
</style>
"""


def inject_css(presentation: bool) -> None:
    """Base styles always; presentation mode hides the sidebar and Streamlit's chrome."""
    st.html(_BASE + (_PRESENT if presentation else ""))
