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
PRESENT_TEMPLATE_NAME = "cleanprod_present"

# Presentation mode (a projector, read from the back of a room): no chart text below this many pixels, the
# figures taller by PRESENT_GROWTH so that their larger text keeps its room, grey text darker.
PRESENT_MIN_TEXT = 18
PRESENT_TEXT = 20
PRESENT_TITLE = 28
PRESENT_GROWTH = 1.3
PRESENT_MARKER = 1.5
PRESENT_MUTED = "#3e4a56"
# Legend rows under the title: the narrowest figure with a legend (half of a 1600-pixel screen; below that, charts
# stand one per row, ui.style), the pixels of one row and of a legend symbol with its gap.
PRESENT_LEGEND_WIDTH = 740
PRESENT_LEGEND_ROW = 30
PRESENT_LEGEND_SYMBOL = 56
# Text beside a bar keeps its part before this separator on a projector (the percentage; the rest is in the table
# and the hover), starts this share of the axis right of any marker on its row, and wears a white ground so that
# no threshold line runs through it.
PRESENT_TEXT_SEPARATOR = " · "
PRESENT_TEXT_NUDGE = 0.035
# Names under columns go on two lines when there are this many columns and one name has this many characters
PRESENT_CATEGORY_MANY = 6
PRESENT_CATEGORY_LONG = 4

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


def _present_template() -> go.layout.Template:
    """The app's template for a projector: the same look, every text at least PRESENT_MIN_TEXT pixels."""
    template = _template()
    template.layout.update(
        font=dict(size=PRESENT_TEXT),
        title=dict(font=dict(size=PRESENT_TITLE)),
        legend=dict(font=dict(size=PRESENT_MIN_TEXT)),
        hoverlabel=dict(font=dict(size=PRESENT_MIN_TEXT)),
        xaxis=dict(tickfont=dict(size=PRESENT_MIN_TEXT), title=dict(font=dict(size=PRESENT_MIN_TEXT))),
        yaxis=dict(tickfont=dict(size=PRESENT_MIN_TEXT), title=dict(font=dict(size=PRESENT_MIN_TEXT))),
        margin=dict(l=16, r=32, t=84, b=24),
    )
    return template


def register() -> None:
    """Make the app's template the default for every figure (and keep its projector variant at hand)."""
    pio.templates[TEMPLATE_NAME] = _template()
    pio.templates[PRESENT_TEMPLATE_NAME] = _present_template()
    pio.templates.default = TEMPLATE_NAME


def _at_least(size, floor: float = PRESENT_MIN_TEXT):
    """A font size (a number, a list of them or None) raised to `floor`; None stays None (the template decides)."""
    if size is None:
        return None
    if isinstance(size, (list, tuple)):
        return [max(s, floor) if s is not None else s for s in size]
    return max(size, floor)


def _bigger_font(font, floor: float = PRESENT_MIN_TEXT) -> None:
    """Raise an explicit font size to `floor`; grey text becomes darker (a projector washes light grey out)."""
    if font is None:
        return
    if font.size is not None:
        font.size = _at_least(font.size, floor)
    if isinstance(font.color, str) and font.color.lower() == MUTED:
        font.color = PRESENT_MUTED


def for_projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` for presentation mode: the projector template, no explicit text below PRESENT_MIN_TEXT
    pixels (titles, ticks, legends, annotations, per-bar text), markers larger, the figure taller.

    One function for every chart of the pages (ui.context.chart calls it when the mode is on); the PNG exports and
    the deck keep the normal template.
    """
    fig = go.Figure(fig)
    layout = fig.layout
    layout.template = pio.templates[PRESENT_TEMPLATE_NAME]
    if layout.font.size is not None:
        layout.font.size = max(layout.font.size, PRESENT_TEXT)
    _bigger_font(layout.title.font, PRESENT_TITLE)
    _bigger_font(layout.legend.font)
    _bigger_font(layout.hoverlabel.font)
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        _bigger_font(axis.tickfont)
        _bigger_font(axis.title.font)
    for note in layout.annotations:
        _bigger_font(note.font)
    if layout.uniformtext.minsize is not None:
        layout.uniformtext.minsize = max(layout.uniformtext.minsize, PRESENT_MIN_TEXT)
    for trace in fig.data:
        for name in ("textfont", "insidetextfont", "outsidetextfont"):
            if name in trace:
                _bigger_font(trace[name])
        if trace.type == "bar" and trace.text is not None and trace.textfont.size is None:
            trace.textfont.size = PRESENT_MIN_TEXT
        if trace.type == "scatter" and trace.marker.size is not None:
            size = trace.marker.size
            trace.marker.size = ([s * PRESENT_MARKER for s in size] if isinstance(size, (list, tuple))
                                 else size * PRESENT_MARKER)
        if "colorbar" in trace:
            _bigger_font(trace.colorbar.tickfont)
            _bigger_font(trace.colorbar.title.font)
    for axis in fig.select_coloraxes():  # a choropleth's colour bar lives on its colour axis, not on the trace
        _bigger_font(axis.colorbar.tickfont)
        _bigger_font(axis.colorbar.title.font)
    margin = layout.margin
    if margin.b is not None:
        margin.b = round(margin.b * PRESENT_GROWTH)
    layout.height = round((layout.height or 450) * PRESENT_GROWTH)
    _labels_beside_bars(fig)
    _wrapped_categories(fig)
    _notes_under_figure(fig)
    _title_then_legend(fig)
    return fig


def _wrap_text(text: str, size: int, width: int = PRESENT_LEGEND_WIDTH) -> str:
    """`text` over lines of at most `width` pixels at `size` (Plotly never wraps a title or a note; at projector
    sizes a long one runs off a half-screen figure): existing '<br>' kept, a line broken after '：', '；' or '，'
    where one falls in its second half, else at the width."""
    out = []
    for line in str(text).split("<br>"):
        while _text_width(line, size) > width:
            fits = 1
            while fits < len(line) and _text_width(line[:fits + 1], size) <= width:
                fits += 1
            marks = [i + 1 for i, ch in enumerate(line[:fits]) if ch in "：；，" and i + 1 > fits // 4]
            cut = marks[-1] if marks else fits
            out.append(line[:cut])
            line = line[cut:].lstrip()
        out.append(line)
    return "<br>".join(out)


def _notes_under_figure(fig: go.Figure) -> None:
    """A note at the foot of the plot (a map's sources, say) goes under it, wrapped, with room made for its lines:
    at projector sizes a long one ran off the figure's sides and, wrapped in place, would cover the plot."""
    for note in fig.layout.annotations:
        if note.xref != "paper" or note.yref != "paper" or note.y is None or note.y > 0.02 or not note.text:
            continue
        if note.yanchor not in (None, "bottom", "auto"):
            continue
        size = note.font.size or PRESENT_MIN_TEXT
        note.text = _wrap_text(note.text, size)
        lines = note.text.count("<br>") + 1
        room = round(lines * size * 1.35) + 8
        note.update(y=0, yanchor="top", yshift=-4)
        fig.layout.margin.b = (fig.layout.margin.b or 0) + room
        fig.layout.height += room


def _labels_beside_bars(fig: go.Figure) -> None:
    """Text traces right of horizontal bars become labels on a white ground, right of their row's markers."""
    texts = [t for t in fig.data if t.type == "scatter" and t.mode == "text" and t.textposition == "middle right"
             and t.x is not None and t.y is not None and t.text is not None]
    if not texts:
        return
    markers = [t for t in fig.data if t.type == "scatter" and t.mode and "markers" in t.mode
               and t.x is not None and t.y is not None]
    axis = fig.layout.xaxis
    xs = [x for t in fig.data if t.x is not None for x in t.x if isinstance(x, (int, float))]
    low, high = axis.range if axis.range else (min(xs, default=0), max(xs, default=1))
    nudge = (high - low) * PRESENT_TEXT_NUDGE
    for trace in texts:
        font = trace.textfont
        for x, y, text in zip(trace.x, trace.y, trace.text, strict=False):
            for marker in markers:
                for mx, my in zip(marker.x, marker.y, strict=False):
                    if my == y and mx is not None and mx + nudge > x:
                        x = mx + nudge
            fig.add_annotation(x=x, y=y, text=str(text).split(PRESENT_TEXT_SEPARATOR)[0].strip(), showarrow=False,
                               xanchor="left", yanchor="middle", bgcolor="rgba(255,255,255,0.9)", borderpad=1,
                               font=dict(size=_at_least(font.size) or PRESENT_MIN_TEXT, color=font.color or INK))
    fig.data = [t for t in fig.data if all(t is not text for text in texts)]


def _wrap(label: str) -> str:
    """A name of four or more characters on two lines ('按计划<br>推进')."""
    if len(label) < PRESENT_CATEGORY_LONG or "<br>" in label:
        return label
    half = -(-len(label) // 2)
    return label[:half] + "<br>" + label[half:]


def _wrapped_categories(fig: go.Figure) -> None:
    """Many columns side by side with long names: each name on two lines (at projector sizes they collide)."""
    for trace in fig.data:
        if trace.type != "bar" or trace.orientation == "h" or trace.x is None:
            continue
        x = list(trace.x)
        two_levels = bool(x) and isinstance(x[0], (list, tuple))  # (groups, names)
        names = [str(n) for n in (x[-1] if two_levels else x)]
        if len(names) < PRESENT_CATEGORY_MANY or max(len(n) for n in names) < PRESENT_CATEGORY_LONG:
            continue
        wrapped = [_wrap(n) for n in names]
        trace.x = [*[list(level) for level in x[:-1]], wrapped] if two_levels else wrapped


def _legend_names(fig: go.Figure) -> list[str]:
    if fig.layout.showlegend is False:
        return []
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    return names if len(names) >= 2 or fig.layout.showlegend else []


def _title_then_legend(fig: go.Figure) -> None:
    """Title at the top, the legend in rows under it, the plot below both: at projector sizes a
    legend beside the title runs into it, and one that wraps grows upwards over it."""
    layout = fig.layout
    if layout.title.text:
        layout.title.text = _wrap_text(layout.title.text, PRESENT_TITLE)
    lines = layout.title.text.count("<br>") + 1 if layout.title.text else 0
    title_height = round(PRESENT_TITLE * (0.3 + 1.3 * lines)) if lines else 8
    # Plotly anchors a title of several lines by its first line: the lines above the last push it down
    layout.title.update(y=1, yref="container", yanchor="top",
                        pad=dict(t=10 + round(PRESENT_TITLE * 1.3) * max(0, lines - 1)))
    names = _legend_names(fig)
    if not names:
        layout.margin.t = max(layout.margin.t or 0, title_height + 24)
        return
    rows, room = 1, PRESENT_LEGEND_WIDTH
    for name in names:  # Plotly fills a horizontal legend's rows left to right and wraps at the figure's width
        width = _text_width(name) + PRESENT_LEGEND_SYMBOL
        if width > room and room < PRESENT_LEGEND_WIDTH:
            rows, room = rows + 1, PRESENT_LEGEND_WIDTH
        room -= width
    top = title_height + rows * PRESENT_LEGEND_ROW + 16
    layout.height += max(0, top - (layout.margin.t or 0))
    layout.margin.t = top
    layout.legend.update(orientation="h", xref="container", x=0, xanchor="left", yref="container",
                         y=1 - title_height / layout.height, yanchor="top", font=dict(size=PRESENT_MIN_TEXT))


def _text_width(text: str, size: int = PRESENT_MIN_TEXT) -> int:
    """Pixels of `text` at `size`: a CJK character is as wide as the size, a digit or a Latin letter about half."""
    return round(sum(size if ord(c) > 0x2E80 else size * 0.6 for c in text))


def chart_config(file_name: str) -> dict:
    """Plotly config for st.plotly_chart: camera button saves `file_name`.png at 2x scale."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": PNG_SCALE},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


register()
