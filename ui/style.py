"""Page CSS: CJK fonts, projector-friendly sizes, presentation mode and print styles."""

from __future__ import annotations

import streamlit as st

from ui.theme import FONT_FAMILY

_BASE = f"""
<style>
html, body, [class*="css"], .stMarkdown, .stDataFrame {{ font-family: {FONT_FAMILY}; }}
[data-testid="stMetricValue"] {{ font-size: 2.1rem; }}
[data-testid="stMetricLabel"] p {{ font-size: 1rem; }}
.block-container {{ padding-top: 2.2rem; max-width: 1800px; }}
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
