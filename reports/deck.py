"""The PowerPoint briefing deck: title, overview, changes, sectors, one slide per indicator, agencies, appendix."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from charts import page_charts
from metrics import tasks as task_metrics
from metrics.settings import TASK_LAGGING
from presentation import formats, labels, readings, tables
from reports import content, images, slides
from reports.slides import Para
from store import db as store_db

D = labels.DECK
C = labels.COLUMNS
STATUS_HEX = {k: v.lstrip("#") for k, v in labels.STATUS_COLOR.items()}
TASK_HEX = {k: v.lstrip("#") for k, v in labels.TASK_STATUS_COLOR.items()}
CHART_WIDTH = Inches(7.45)        # indicator chart on the slide; height follows images.SERIES_SIZE
MAP_SIZE = (1150, 540)            # layout pixels of a district map slide's picture (12.2 in wide on the slide)
TASK_TEXT_CHARS = 80              # task text in the appendix is cut here (full text on the 重点任务 page)


def build_deck(db, out: Path, *, as_of: str | None = None, sector: str | None = None, agency: str | None = None,
               known_on: dt.datetime | None = None) -> Path:
    """Build the briefing deck of `as_of` (default: newest quarter) into `out`; returns `out`.

    Args:
        db: the database file.
        sector / agency: narrow the deck to one sector, or to the indicators an agency leads and the tasks it holds.
        known_on: rebuild from what the store held at that moment (reproduces a past briefing).

    Raises:
        store.errors.NotFound: unknown sector or agency (the message lists the valid names).
    """
    with store_db.connect(db, read_only=True) as con:
        brief = content.collect(con, as_of, known_on, sector, agency)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pictures = _render_charts(brief, Path(tmp))
        prs = compose(brief, pictures)
        prs.save(str(out))
    return out


def _render_charts(b: content.Briefing, folder: Path) -> dict[str, Path]:
    """Every chart of the deck in one kaleido call: each indicator's series (key: code) and, for an indicator
    reported by district, its district map (key: 'map:' + code)."""
    figs = {code: horizontal_unit(images.indicator_figure(b, code, for_slide=True)) for code in b.codes}
    sizes = [images.SERIES_SIZE] * len(figs)
    for code in b.codes:
        district_map = page_charts.indicator_map(b.data, code, height=MAP_SIZE[1])
        if district_map is not None:
            figs["map:" + code] = district_map
            sizes.append(MAP_SIZE)
    paths = {key: folder / f"{i:02d}.png" for i, key in enumerate(figs)}
    images.render(list(figs.values()), list(paths.values()), width=[w for w, _ in sizes], height=[h for _, h in sizes])
    return paths


def horizontal_unit(fig: go.Figure) -> go.Figure:
    """The y axis's title (on a slide, the unit: 个, 家) set upright above the tick labels instead of turned on its
    side, where a single character reads as an arrow; a % axis already says % on every tick."""
    unit = fig.layout.yaxis.title.text
    fig.update_layout(yaxis_title_text="")
    if unit and unit != "%" and fig.layout.yaxis.ticksuffix != unit:
        fig.add_annotation(text=unit, xref="paper", yref="paper", x=0, y=1, xanchor="right", yanchor="bottom",
                           xshift=-6, yshift=6, textangle=0, showarrow=False, font_size=15)
    return fig


class _Deck:
    """The presentation plus what every slide repeats (footer, sample notice)."""

    def __init__(self, b: content.Briefing):
        self.b = b
        self.prs = slides.new_presentation()
        footer = f"{labels.APP_TITLE} · {labels.DATA_AS_OF.format(period=b.period)}"
        if b.data.known_on is not None:
            footer += " · " + labels.KNOWN_ON.format(date=f"{b.data.known_on:%Y-%m-%d}")
        if b.sector or b.agency:
            footer += " · " + D["scope_footer"].format(scope=b.sector or b.agency)
        self.footer = footer

    def slide(self, title: str, *, bar: bool = True):
        return slides.add_slide(self.prs, title, self.footer, self.b.data.has_sample, bar=bar)

    def table_slides(self, title: str, header: list[str], widths_in: list[float], rows: list[list[str]],
                     colours=None, *, size: float = 12, top=slides.TOP, intro: str | None = None) -> int:
        """Native table over as many slides as it needs ('（续）' on the later ones); returns the slide count."""
        widths = [Inches(w) for w in widths_in]
        start = top + (Inches(0.45) if intro else 0)
        room = slides.BOTTOM - start
        # the largest size, down to 1 pt smaller, that needs no more slides than the smallest; rows spread evenly
        fewest = len(slides.paginate(rows, widths, size - 1, room, header))
        size = next(s for s in (size, size - 0.5, size - 1)
                    if len(slides.paginate(rows, widths, s, room, header)) == fewest)
        pages = slides.paginate(rows, widths, size, room, header, balance=True)
        offset = 0
        for n, page in enumerate(pages):
            slide = self.slide(title if n == 0 else title + D["continued"])
            if intro:
                slides.text_box(slide, slides.MARGIN, top, slides.CONTENT_WIDTH, Inches(0.4), [Para(intro, 14, colour=slides.MUTED)])
            cells = {(i - offset, j): c for (i, j), c in (colours or {}).items() if offset <= i < offset + len(page)}
            if page:
                slides.table(slide, slides.MARGIN, start, widths, header, page, size=size, colours=cells)
            offset += len(page)
        return len(pages)


def _scope(b: content.Briefing) -> str:
    if b.sector:
        return labels.DECK_SCOPE["sector"].format(name=b.sector)
    return labels.DECK_SCOPE["agency"].format(name=b.agency) if b.agency else ""


def compose(b: content.Briefing, pictures: dict[str, Path]):
    """All slides, in order, into a python-pptx Presentation."""
    deck = _Deck(b)
    _title(deck)
    _overview(deck)
    _changes(deck)
    for sector in b.sectors:
        _sector(deck, sector)
        _sector_projects(deck, sector)
    for code in b.codes:
        _indicator(deck, code, pictures[code])
        if "map:" + code in pictures:
            _district_map(deck, code, pictures["map:" + code])
    _agencies(deck)
    _appendix(deck)
    _project_appendix(deck)
    _broken_promises(deck)
    props = deck.prs.core_properties
    props.title, props.author = labels.DECK_TITLE, labels.APP_TITLE
    return deck.prs


def _title(deck: _Deck) -> None:
    b = deck.b
    slide = deck.slide("", bar=False)
    band = slide.shapes.add_shape(1, 0, 0, slides.WIDTH, Inches(3.3))
    band.fill.solid()
    band.fill.fore_color.rgb = slides.rgb(slides.ACCENT)
    band.line.fill.background()
    band.shadow.inherit = False
    slides.text_box(slide, Inches(0.9), Inches(0.9), Inches(11.5), Inches(2.2), [
        Para(labels.DECK_TITLE, 38, True, "ffffff", 14), Para(labels.APP_SUBTITLE, 16, colour="e3ecf8")])
    lines = [Para(labels.DATA_AS_OF.format(period=b.period), 26, True, slides.ACCENT, 10)]
    if b.data.known_on is not None:
        lines.append(Para(labels.KNOWN_ON.format(date=f"{b.data.known_on:%Y-%m-%d}"), 18, True, slides.INK))
    if b.sector or b.agency:
        lines.append(Para(_scope(b), 18, True, slides.INK))
    lines += [Para(t, 15, colour=slides.INK, space_after=3) for t in _sources(b)]
    lines.append(Para(labels.DECK_GENERATED.format(date=dt.date.today().isoformat()), 13, colour=slides.MUTED))
    slides.text_box(slide, Inches(0.9), Inches(3.65), Inches(11.5), Inches(3.2), lines)


def _sources(b: content.Briefing) -> list[str]:
    live = b.data.source_uploads
    if live.empty:
        return [D["no_sources"]]
    kinds = live["kind"].value_counts()
    parts = "、".join(D["source_kind"].format(kind=labels.UPLOAD_KIND[k], n=int(kinds[k]))
                     for k in labels.UPLOAD_KIND if k in kinds)
    newest = live.sort_values(["uploaded_at", "upload_id"]).groupby("kind").tail(1).sort_values("uploaded_at")
    files = [D["source_file"].format(kind=labels.UPLOAD_KIND[r["kind"]], name=r["file_name"],
                                     at=f"{r['uploaded_at']:%Y-%m-%d %H:%M}") for _, r in newest.iterrows()]
    latest = live["uploaded_at"].max()
    summary = D["sources"].format(n=len(live), parts=parts, latest=f"{latest:%Y-%m-%d %H:%M}")
    return [summary, D["latest_files"]] + files


def _overview(deck: _Deck) -> None:
    b = deck.b
    slide = deck.slide(labels.DECK_SLIDES["overview"])
    results, progress = content.groups(b)
    gap = Inches(0.12)
    label_w = Pt(max(slides.text_width(g.title, 13, True) for g in (results, progress)) + 14)  # one line each
    badge_w = int((slides.CONTENT_WIDTH - label_w - gap * 6) / 6)
    for row, group in enumerate((results, progress)):  # two labelled groups: no two counts can contradict
        top = slides.TOP - Inches(0.1) + row * Inches(0.66)
        slides.text_box(slide, slides.MARGIN, top, label_w, Inches(0.58), [Para(group.title, 13, True, slides.INK, 0)],
                   anchor=MSO_ANCHOR.MIDDLE)
        for i, (status, n) in enumerate(group.counts[:6]):
            slides.badge(slide, slides.MARGIN + label_w + i * (badge_w + gap), top, badge_w, Inches(0.58),
                    labels.COUNT.format(n=n) + "\n" + labels.STATUS[status], STATUS_HEX[status], size=18)
    t = task_metrics.count_states(b.tasks)
    slides.text_box(slide, slides.MARGIN, Inches(2.45), slides.CONTENT_WIDTH, Inches(0.4), [Para(
        D["overview"].format(n=len(b.headline), tasks=t["total"], done=t["done"], lagging=t["lagging"],
                             overdue=t["overdue"]), 14, colour=slides.INK)])
    final = content.final_results(b)
    top = Inches(2.8)
    if final.empty or b.data.empty:
        slides.text_box(slide, slides.MARGIN, top, slides.CONTENT_WIDTH, Inches(0.5),
                   [Para(D["no_final"].format(year=results.year) if results.year else labels.HEADLINE["no_results"],
                         16, colour=slides.MUTED)])
        return
    slides.text_box(slide, slides.MARGIN, top, slides.CONTENT_WIDTH, Inches(0.4), [Para(
        D["final"].format(title=results.title, counts="，".join(
            labels.COUNT_OF.format(status=labels.STATUS[s], n=n) for s, n in results.counts)), 15, True, slides.INK)])
    rows = [[r["name"], r["lead"] or "", readings.word(r["status"]), readings.sentence(r)]
            for r in final.to_dict("records")]
    colours = {(i, 2): STATUS_HEX[s] for i, s in enumerate(final["status"])}
    widths = [Inches(w) for w in (2.9, 1.5, 0.9, 6.9)]
    header = [C["indicator"], C["lead"], C["result"], C["result_note"]]
    size = slides.fitting_size(rows, widths, slides.BOTTOM - Inches(3.2), header, (10.5, 10, 9.5)) or 10.5
    pages = slides.paginate(rows, widths, size, slides.BOTTOM - Inches(3.2), header)
    slides.table(slide, slides.MARGIN, Inches(3.2), widths, header, pages[0], size=size, colours=colours)
    if len(pages) > 1:
        deck.table_slides(labels.DECK_SLIDES["overview"] + D["continued"], header, [2.9, 1.5, 0.9, 6.9],
                          rows[len(pages[0]):], {(i - len(pages[0]), j): c for (i, j), c in colours.items()
                                                 if i >= len(pages[0])}, size=11)


def _changes(deck: _Deck) -> None:
    b = deck.b
    slide = deck.slide(labels.DECK_SLIDES["changes"].format(period=b.data.extra["previous_period"]))
    half = int((slides.CONTENT_WIDTH - Inches(0.4)) / 2)
    right = slides.MARGIN + half + Inches(0.4)
    moved = content.changes(b)
    slides.text_box(slide, slides.MARGIN, slides.TOP, half, Inches(0.4), [Para(D["moves"].format(n=len(moved)), 17, True)])
    if moved.empty:
        slides.text_box(slide, slides.MARGIN, slides.TOP + Inches(0.5), half, Inches(0.5),
                   [Para(labels.OVERVIEW["no_moves"], 15, colour=slides.MUTED)])
    else:
        rows = [[r["name"], tables.status_word(r["status_before"]), tables.status_word(r["status_after"]),
                 ("▲ " if r["move"] == "up" else "▼ ") + labels.MOVE[r["move"]]] for _, r in moved.iterrows()]
        colours = {}
        for i, r in moved.iterrows():
            colours[(i, 1)] = STATUS_HEX[r["status_before"]]
            colours[(i, 2)] = STATUS_HEX[r["status_after"]]
            colours[(i, 3)] = "1a7f37" if r["move"] == "up" else slides.RED
        _fitted_table(slide, slides.MARGIN, slides.TOP + Inches(0.5), [2.6, 1.2, 1.2, 0.87],
                      [C["indicator"], C["previous_quarter"], C["this_quarter"], C["move"]], rows, colours)
    revs = content.revisions(b)
    slides.text_box(slide, right, slides.TOP, half, Inches(0.4), [Para(D["revisions"].format(n=len(revs)), 17, True)])
    if revs.empty:
        slides.text_box(slide, right, slides.TOP + Inches(0.5), half, Inches(0.5),
                   [Para(D["no_revisions"], 15, colour=slides.MUTED)])
    else:
        rows = [[r["name"], r["period"], r["district"],
                 f"{formats.number(r['old_value'], r['unit'])} → {formats.number(r['new_value'], r['unit'])}",
                 f"{r['uploaded_at']:%Y-%m-%d}"] for _, r in revs.iterrows()]
        _fitted_table(slide, right, slides.TOP + Inches(0.5), [1.9, 0.8, 0.65, 1.4, 1.1],
                      [C["indicator"], C["period"], C["district"], C["old_new"], C["revised_on"]], rows)


def _fitted_table(slide, left, top, widths_in, header, rows, colours=None, size: float = 12) -> None:
    """A table cut to what fits above the footer, with a note of how many rows were left out."""
    widths = [Inches(w) for w in widths_in]
    first = slides.paginate(rows, widths, size, slides.BOTTOM - top - Inches(0.35), header)[0]
    shape = slides.table(slide, left, top, widths, header, first, size=size, colours=colours)
    if len(first) < len(rows):
        slides.text_box(slide, left, top + shape.height + Inches(0.05), sum(widths), Inches(0.3),
                   [Para(D["more_rows"].format(n=len(rows) - len(first)), 11, colour=slides.MUTED)])


def _task_words(tasks: pd.DataFrame) -> list[str]:
    return tables.task_words(tasks["status"], tasks["overdue"])


def _sector(deck: _Deck, sector: str) -> None:
    b = deck.b
    slide = deck.slide(labels.DECK_SLIDES["sector"].format(sector=sector))
    head = b.headline[b.headline["sector"] == sector]
    left_w = 8.3
    slides.text_box(slide, slides.MARGIN, slides.TOP, Inches(left_w), Inches(0.4),
               [Para(D["indicators"].format(n=len(head)), 17, True)])
    if head.empty:
        empty = D["no_indicators_agency"].format(agency=b.agency) if b.agency else D["no_indicators"]
        slides.text_box(slide, slides.MARGIN, slides.TOP + Inches(0.5), Inches(left_w), Inches(0.5),
                   [Para(D["see_tasks"].format(empty=empty), 15, colour=slides.MUTED)])
        projects = content.projects_in_scope(b, sector)
        if not projects.empty:
            slides.text_box(slide, slides.MARGIN, slides.TOP + Inches(1.1), Inches(left_w), Inches(0.4),
                       [Para(labels.SECTORS["projects"].format(n=len(projects)), 17, True)])
            rows = [[str(int(r["project_no"])), r["name"], r["lead"] or r["joint"] or ""]
                    for _, r in projects.iterrows()]
            _fitted_table(slide, slides.MARGIN, slides.TOP + Inches(1.6), [0.7, 4.2, 3.4],
                          [C["no"], C["project"], C["lead_or_joint"]], rows, size=12)
    else:
        shown = tables.indicator_rows(head)
        # An expired target's progress is on its year-end value: that value stands beside it (as on the page), or
        # 最新值 455 家 would read against 进度 100.7% computed on 402.
        columns = [C["indicator"], C["lead"], C["target"], C["latest_value"], C["progress_pct"], C["status"]]
        widths = [2.5, 1.3, 1.25, 1.55, 0.7, 0.95]
        if head["final"].any():
            columns.insert(4, C["judged_value"])
            widths = [1.86, 1.0, 1.05, 1.42, 1.42, 0.65, 0.9]
        rows = [[r[c] for c in columns] for _, r in shown.iterrows()]
        colours = {(i, len(columns) - 1): STATUS_HEX[s] for i, s in enumerate(head["status"])}
        _fitted_table(slide, slides.MARGIN, slides.TOP + Inches(0.5), widths,
                      [C["progress"] if c == C["progress_pct"] else c for c in columns], rows, colours, size=11)
    tasks = b.tasks[b.tasks["sector"] == sector]
    x, w = slides.MARGIN + Inches(left_w + 0.35), slides.CONTENT_WIDTH - Inches(left_w + 0.35)
    slides.text_box(slide, x, slides.TOP, w, Inches(0.4), [Para(labels.SECTORS["tasks"].format(n=len(tasks)), 17, True)])
    counts = task_metrics.count_states(tasks)
    rows = [[labels.TASK_STATE[k], labels.COUNT.format(n=v)] for k, v in counts.items() if k != "total"]
    colours = {(i, 0): TASK_HEX.get(k, slides.MUTED) for i, (k, _) in enumerate(rows) if k in TASK_HEX}
    shape = slides.table(slide, x, slides.TOP + Inches(0.5), [int(w * 0.6), int(w * 0.4)], [C["task_state"], C["n_tasks"]],
                    rows, size=12, colours=colours)
    done = counts["done"] / counts["total"] if counts["total"] else None
    share = formats.percent(done * 100) if done is not None else "—"
    notes = [Para(D["share_done"].format(value=share), 14, True, slides.INK)]
    late = tasks[task_metrics.needs_attention(tasks)]
    if len(late) > 6:
        notes.append(Para(D["attention_many"].format(overdue=int(late["overdue"].sum()),
                                                     lagging=int((late["status"] == TASK_LAGGING).sum())),
                          12, colour=slides.RED))
    elif not late.empty:
        notes.append(Para(D["attention"] + "；".join(f"{labels.TASK_NO.format(n=int(n))} {w}" for n, w in
                                                   zip(late["task_no"], _task_words(late), strict=True)),
                          12, colour=slides.RED))
    slides.text_box(slide, x, slides.TOP + Inches(0.6) + shape.height, w, Inches(1.4), notes)


def _indicator(deck: _Deck, code: str, picture: Path) -> None:
    b = deck.b
    judged = b.headline.set_index("code").loc[code]
    ind = b.data.indicators.set_index("code").loc[code]
    slide = deck.slide(f"{ind['name']}")
    width, height = images.SERIES_SIZE
    pic = slide.shapes.add_picture(str(picture), slides.MARGIN, slides.TOP - Inches(0.1), CHART_WIDTH,
                                   int(CHART_WIDTH * height / width))
    x = slides.MARGIN + CHART_WIDTH + Inches(0.3)
    w = slides.WIDTH - slides.MARGIN - x
    year = D["badge_year"].format(year=int(judged["target_year"])) if pd.notna(judged["target_year"]) else ""
    slides.badge(slide, x, slides.TOP, w, Inches(0.55), f"{labels.STATUS[judged['status']]}{year}", STATUS_HEX[judged["status"]],
            size=18)
    paras = [Para(D["latest"].format(value=readings.latest(judged)), 15, True, slides.INK, 8)]  # the newest, always
    for _, row in b.status[b.status["code"] == code].sort_values("target_year", ascending=False).iterrows():
        label = D["target_year"].format(year=int(row["target_year"])) if pd.notna(row["target_year"]) \
            else D["target"]
        label += D["expired"] if row["final"] and pd.notna(row["target_year"]) else ""
        paras.append(Para(label, 13, True, slides.MUTED, 2))
        text = readings.sentence(row)
        paras.append(Para(text, 15, False, slides.INK, 10))
    units = content.project_units(b, ind["project_no"])
    who = "；".join(f"{C[r]}：{units[r]}" for r in ("lead", "assist", "joint") if units[r])
    paras.append(Para(who or f"{C['lead']}：{ind['lead']}", 13, False, slides.INK, 4))
    paras.append(Para(labels.PROJECT_TITLE.format(no=int(ind["project_no"]), name=ind["project_name"])
                      + f" · {labels.DIRECTION[ind['direction']]}"
                      if pd.notna(ind["project_no"]) else labels.DIRECTION[ind["direction"]], 11, colour=slides.MUTED))
    slides.text_box(slide, x, slides.TOP + Inches(0.7), w, slides.BOTTOM - slides.TOP - Inches(0.7), paras)
    linked = content.linked_tasks(b, code)
    if linked.empty:
        words = D["linked"] + labels.INDICATOR["no_linked"]
    else:
        words = D["linked"] + "；".join(
            f"{labels.TASK_NO.format(n=int(n))} {w}" + (f"（{p}）" if isinstance(p, str) else "")
            for n, w, p in zip(linked["task_no"], _task_words(linked), linked["period"], strict=True))
    slides.text_box(slide, slides.MARGIN, pic.top + pic.height + Inches(0.08), CHART_WIDTH,
               slides.BOTTOM - pic.top - pic.height, [Para(words, 12, colour=slides.INK)])


def _district_map(deck: _Deck, code: str, picture: Path) -> None:
    """The indicator's districts on the map (the 指标详情 page's figure), as large as the slide allows."""
    name = deck.b.data.indicators.set_index("code").loc[code, "name"]
    slide = deck.slide(D["map_slide"].format(name=name))
    width, height = MAP_SIZE
    room = slides.BOTTOM - slides.TOP + Inches(0.1)
    w = min(slides.CONTENT_WIDTH, int(room * width / height))
    slide.shapes.add_picture(str(picture), slides.MARGIN + (slides.CONTENT_WIDTH - w) // 2, slides.TOP - Inches(0.1), w,
                             int(w * height / width))


def _agencies(deck: _Deck) -> None:
    table = content.agency_table(deck.b).iloc[::-1].reset_index(drop=True)  # who needs attention first
    rows = [[r["agency"], str(r["n_indicators"]) if r["n_indicators"] else "—",
             tables.status_word(r["worst"]) if r["n_indicators"] else "—", str(r["n_lead"]), str(r["n_assist"]),
             str(r["n_joint"]), formats.percent(r["share_done"] * 100) if r["n_lead"] + r["n_joint"] else "—",
             str(r["n_overdue"])] for _, r in table.iterrows()]
    colours = {(i, 2): STATUS_HEX[w] for i, (w, n) in enumerate(zip(table["worst"], table["n_indicators"],
                                                                    strict=True)) if n}
    colours.update({(i, 7): slides.RED for i, n in enumerate(table["n_overdue"]) if n})
    header = [C["agency"], C["n_lead_indicators"], C["worst_indicator"], C["n_lead_tasks"], C["n_assist_tasks"],
              C["n_joint_tasks"], C["share_done"], C["n_overdue"]]
    deck.table_slides(labels.DECK_SLIDES["agencies"], header, [2.6, 1.1, 1.6, 1.2, 1.2, 1.5, 1.5, 1.3], rows, colours,
                      intro=D["agencies_intro"])


def _nothing_to_list(deck: _Deck, title: str, text: str) -> None:
    """An appendix slide that says, in grey, that nothing lags or is overdue."""
    slide = deck.slide(title)
    slides.text_box(slide, slides.MARGIN, slides.TOP, slides.CONTENT_WIDTH, Inches(0.6), [Para(text, 18, colour=slides.MUTED)])


def _appendix(deck: _Deck) -> None:
    late = content.attention_tasks(deck.b)
    title = labels.DECK_SLIDES["appendix"]
    if late.empty:
        _nothing_to_list(deck, title, D["no_attention"])
        return
    words = _task_words(late)
    rows = [[labels.TASK_NO.format(n=int(r["task_no"])), r["sector"], w,
             r["period"] if isinstance(r["period"], str) else "—",
             r["lead"] or r["joint"] or "", r["note"] if isinstance(r["note"], str) else "",
             _cut(r["text"], TASK_TEXT_CHARS)] for (_, r), w in zip(late.iterrows(), words, strict=True)]
    colours = {(i, 2): slides.RED for i in range(len(rows))}
    header = [C["no"], C["sector"], C["task_status"], C["period"], C["lead_or_joint"], C["note"], C["text"]]
    deck.table_slides(title, header, [0.8, 1.2, 1.6, 0.85, 2.3, 1.9, 3.55], rows, colours, size=11,
                      intro=D["appendix_intro"].format(as_of=labels.DATA_AS_OF.format(period=deck.b.period)))


def _project_rows(projects: pd.DataFrame) -> list[list[str]]:
    words = _task_words(projects)
    return [[labels.PROJECT_TITLE.format(no=int(r["project_no"]), name=r["name"]), w,
             r["period"] if isinstance(r["period"], str) else "—",
             "—" if pd.isna(r["progress_pct"]) else f"{r['progress_pct']:.0f}%",
             r["lead"] or r["joint"] or "", r["note"] if isinstance(r["note"], str) else ""]
            for (_, r), w in zip(projects.iterrows(), words, strict=True)]


def _sector_projects(deck: _Deck, sector: str) -> None:
    """A sector's key projects with their latest quarterly state (none: no slide)."""
    projects = content.projects_in_scope(deck.b, sector)
    if projects.empty:
        return
    rows = _project_rows(projects)
    colours = {(i, 1): slides.RED for i, late in enumerate(task_metrics.needs_attention(projects)) if late}
    header = [C["project"], C["task_status"], C["period"], C["image_progress"], C["lead_or_joint"], C["note"]]
    deck.table_slides(labels.DECK_SLIDES["sector_projects"].format(sector=sector), header,
                      [3.6, 1.6, 0.9, 0.95, 2.4, 2.75], rows, colours, size=11)


def _project_appendix(deck: _Deck) -> None:
    """The key projects that lag or are overdue, as the task appendix lists tasks."""
    late = content.attention_projects(deck.b)
    title = labels.DECK_SLIDES["project_appendix"]
    if late.empty:
        _nothing_to_list(deck, title, D["no_project_attention"])
        return
    rows = [[row[0], sector, *row[1:]] for row, sector in zip(_project_rows(late), late["sector"], strict=True)]
    colours = {(i, 2): slides.RED for i in range(len(rows))}
    header = [C["project"], C["sector"], C["task_status"], C["period"], C["image_progress"], C["lead_or_joint"],
              C["note"]]
    deck.table_slides(title, header, [3.3, 1.1, 1.6, 0.85, 0.95, 2.3, 2.1], rows, colours, size=11,
                      intro=D["project_appendix_intro"].format(as_of=labels.DATA_AS_OF.format(period=deck.b.period)))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _broken_promises(deck: _Deck) -> None:
    """整改逾期: promises whose quarter has come without the fix (no slide when there is none)."""
    broken = deck.b.broken
    if broken.empty:
        return
    R = labels.REPORTING
    h = R["broken_headers"]
    rows = [[a, labels.REPORT_SUBJECT[s], str(i), p, q, labels.STATUS.get(c, c) if s == "indicator" else (c or "—")]
            for a, s, i, p, q, c in zip(broken["agency"], broken["subject"], broken["item"], broken["period"],
                                        broken["promise"], broken["current"], strict=True)]
    colours = {(n, 5): slides.RED for n in range(len(rows))}
    header = [h["agency"], h["subject"], h["item"], h["period"], h["promise"], h["current"]]
    deck.table_slides(R["deck_title"], header, [3.0, 1.0, 1.6, 1.4, 1.8, 2.0], rows, colours, size=12,
                      intro=R["deck_intro"].format(as_of=labels.DATA_AS_OF.format(period=deck.b.period)))
