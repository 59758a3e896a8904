"""One Plotly template for the app, the PNG exports and the deck: CJK fonts, status colours, projector sizes."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e6e9ee"
ACCENT = "#1565c0"
TARGET = "#d93025"
TRAJECTORY = "#6b7785"
PROJECTION = "#f0a500"
TEMPLATE_NAME = "cleanprod"

# Camera button: PNG at 2x scale; the file name is set per chart.
PNG_SCALE = 2


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT_FAMILY, size=15, color=INK),
            title=dict(font=dict(size=20, color=INK), x=0.0, xanchor="left"),
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=[ACCENT, "#2e7d32", "#f0a500", "#8e24aa", "#00838f", "#6d4c41", "#c2185b", "#546e7a"],
            xaxis=dict(gridcolor=GRID, linecolor="#c4cad3", ticks="outside", tickcolor="#c4cad3",
                       zeroline=False, automargin=True),
            yaxis=dict(gridcolor=GRID, linecolor="#c4cad3", zeroline=False, automargin=True),
            legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, font=dict(size=14)),
            margin=dict(l=16, r=24, t=64, b=16),
            hoverlabel=dict(font=dict(family=FONT_FAMILY, size=14)),
        )
    )


def register() -> None:
    """Make the app's template the default for every figure."""
    pio.templates[TEMPLATE_NAME] = _template()
    pio.templates.default = TEMPLATE_NAME


def chart_config(file_name: str) -> dict:
    """Plotly config for st.plotly_chart: camera button saves `file_name`.png at 2x scale."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": PNG_SCALE},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


register()
