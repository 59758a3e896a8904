"""Chart images: the pages' Plotly figures rendered to PNG/SVG with one kaleido browser, a ZIP, an overview PDF."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import plotly.graph_objects as go

from charts import page_charts
from metrics.settings import CITY
from presentation import labels, readings, tables, theme
from presentation.theme import PNG_SCALE
from reports import content, renderer
from store.catalog import sectors as all_sectors

theme.register()

# Layout pixels of the deck's indicator chart: small enough that the template's 15 px text reads at ~10 pt.
SERIES_SIZE = (780, 515)
EXPORT_SIZE = (1200, 640)        # the ZIP's charts
PDF_PAGE = (1123, 794)           # A4 landscape at 96 dpi (layout pixels); rendered at PNG_SCALE


def render(figs: list[go.Figure], paths: list[Path], *, width: int | list[int], height: int | list[int],
           scale: float = PNG_SCALE) -> list[Path]:
    """Write every figure to its path (format from the suffix) with the process's shared kaleido browser."""
    if not figs:
        return []
    renderer.write(figs, [str(p) for p in paths], scale=scale, width=width, height=height)
    return paths


def indicator_figure(b: content.Briefing, code: str, *, for_slide: bool = False) -> go.Figure:
    """The detail page's series chart of one indicator in scope, city-wide (charts.page_charts.indicator)."""
    series = b.series[b.series["code"] == code][["period", "value"]]
    return page_charts.indicator(b.data, code, series, CITY, for_slide=for_slide)


def page_figures(b: content.Briefing, page: str) -> dict[str, go.Figure]:
    """The charts of one dashboard page, by its sitemap key (a page with charts=True: 'overview', 'sectors',
    'agencies', 'indicator'), keyed by file stem: the very figures the page draws."""
    period = b.period
    if page == "indicator":  # each indicator's series, and the district map of those reported by district
        figs = {}
        for code in b.codes:
            figs[page_charts.indicator_file(code, CITY, period)] = indicator_figure(b, code)
            district_map = page_charts.indicator_map(b.data, code)
            if district_map is not None:
                figs[page_charts.map_file(code, period)] = district_map
        return figs
    builders = {"overview": lambda: page_charts.overview(b.data),
                "sectors": lambda: page_charts.sectors(b.data, all_sectors()),
                "agencies": lambda: page_charts.agencies(b.data)}
    if page not in builders:
        raise ValueError(f"unknown page {page!r}")
    return {page_charts.file_name(chart, period): fig for chart, fig in builders[page]().items()}


def charts_zip(figs: dict[str, go.Figure], width: int = EXPORT_SIZE[0], height: int = EXPORT_SIZE[1]) -> bytes:
    """A ZIP with every chart as PNG (2x) and SVG, rendered in one kaleido session."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = list(figs)
        paths = [folder / f"{n}.{ext}" for n in names for ext in ("png", "svg")]
        render([figs[n] for n in names for _ in range(2)], paths, width=width, height=height)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, f"{path.suffix[1:]}/{path.name}")
        return buffer.getvalue()


def _table_figure(title: str, header: list[str], columns: list[list[str]], widths: list[float]) -> go.Figure:
    fig = go.Figure(go.Table(
        columnwidth=widths,
        header=dict(values=header, fill_color=theme.ACCENT, font=dict(color="white", size=15), align="left",
                    height=34),
        cells=dict(values=columns, align="left", font=dict(size=14), height=30,
                   fill_color=[["#ffffff", "#f3f6fa"] * (len(columns[0]) // 2 + 1)] if columns and columns[0] else
                   None)))
    fig.update_layout(title=title, margin=dict(l=24, r=24, t=80, b=24))
    return fig


def overview_pdf(b: content.Briefing) -> bytes:
    """A PDF of the overview (A4 landscape pages): progress, status counts, 2025 results, changes.

    Built from kaleido PNGs with Pillow (installed with python-pptx); no office suite needed.
    """
    from PIL import Image

    head = f"{labels.PAGES['overview']} · {labels.DATA_AS_OF.format(period=b.period)}"
    if b.data.known_on is not None:
        head += " · " + labels.KNOWN_ON.format(date=f"{b.data.known_on:%Y-%m-%d}")
    if b.data.has_sample:
        head += f" · {labels.DECK_SAMPLE_FOOTER}"
    C = labels.COLUMNS
    charts = page_charts.overview(b.data)  # the overview's charts as the page draws them, under the PDF's head
    figs = [charts["overview_progress"].update_layout(title_text=f"{head}<br><sup>{labels.CHARTS['progress']}</sup>"),
            charts["overview_status"].update_layout(title_text=f"{head}<br><sup>{labels.CHARTS['status_counts']}</sup>")]
    final = content.final_results(b)
    if not final.empty:
        figs.append(_table_figure(
            f"{head}<br><sup>{content.groups(b)[0].title}</sup>", [C["indicator"], C["result"], C["result_note"]],
            [final["name"].tolist(), [tables.status_word(s) for s in final["status"]],
             [readings.sentence(r) for r in final.to_dict("records")]], [3, 1.2, 7]))
    moved = content.changes(b)
    if not moved.empty:
        figs.append(_table_figure(
            f"{head}<br><sup>{labels.OVERVIEW['changes'].format(period=b.data.extra['previous_period'])}</sup>",
            [C["indicator"], C["previous_quarter"], C["this_quarter"], C["move"]],
            [moved["name"].tolist(), [tables.status_word(s) for s in moved["status_before"]],
             [tables.status_word(s) for s in moved["status_after"]],
             [("▲ " if m == "up" else "▼ ") + labels.MOVE[m] for m in moved["move"]]], [4, 2, 2, 1.5]))
    for fig in figs:
        fig.update_layout(margin_t=130, title_y=0.97, title_yanchor="top")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"page{i}.png" for i in range(len(figs))]
        render(figs, paths, width=PDF_PAGE[0], height=PDF_PAGE[1])
        pages = [Image.open(p).convert("RGB") for p in paths]
        buffer = io.BytesIO()
        pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=96 * PNG_SCALE)
        return buffer.getvalue()
