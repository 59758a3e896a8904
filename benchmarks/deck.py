"""5. Deck: the full briefing deck (reports.deck.build_deck) against N × one kaleido image with a warm browser, N being
the number of charts in the deck. Runs on the sample data (the plan's 13 indicators): a deck has one slide and one
chart per indicator, so a deck of the synthetic store's ~1,800 indicators is not a briefing anyone would hold."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Line, Outcome, fmt_s, median, timed
from store import db as store_db
from store import sample


def run(work: Path, runs: int) -> Outcome:
    try:
        from reports import content, images
        from reports.deck import build_deck
    except Exception as exc:  # noqa: BLE001 - another helper is writing reports/ right now
        return Outcome("deck", skipped=f"not available ({type(exc).__name__}: {exc})")
    import kaleido
    import plotly.io as pio

    db = work / "sample.duckdb"
    if not db.exists():
        store_db.init(db)
        sample.load(db)
    with store_db.connect(db, read_only=True) as con:
        brief = content.collect(con)
    charts = len(brief.codes)
    fig = images.indicator_figure(brief, brief.codes[0], for_slide=True)
    width, height = images.SERIES_SIZE

    def one_image() -> float:
        return timed(lambda: pio.to_image(fig, format="png", width=width, height=height, scale=images.PNG_SCALE))

    kaleido.start_sync_server(silence_warnings=True)
    try:
        one_image()  # warm the browser
        singles = [one_image() for _ in range(max(3, runs))]
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    # The first deck of a process starts the shared renderer (the briefing page starts it when it opens);
    # the measured decks are the ones after it, as a user building a deck from that page gets them.
    cold = timed(lambda: build_deck(db, work / "deck_cold.pptx"))
    decks = [timed(lambda i=i: build_deck(db, work / f"deck_{i}.pptx")) for i in range(runs)]
    floor = median(singles) * charts
    line = Line("deck", median(decks), floor, 1.5, f"build_deck, {charts} charts (sample data)",
                f"{charts} × one kaleido PNG, warm browser", runs=f"{runs} / {len(singles)}")
    facts = [f"one warm kaleido PNG ({width}×{height} @ {images.PNG_SCALE}×): {fmt_s(median(singles))}; "
             f"deck runs: {', '.join(fmt_s(s) for s in decks)}",
             f"first deck of the process (starts the renderer's Chromium): {fmt_s(cold)}"]
    return Outcome("deck", [line], facts)
