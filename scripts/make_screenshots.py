"""Retake the README's screenshots (docs/*.png) from the sample data in headless chromium.

    .venv/bin/python scripts/make_screenshots.py [--only overview,agencies,...]

Builds a sample store and accounts in a temp folder, serves the app as the browser tests do, logs in, and writes the
pictures the README shows. Look at them before committing: they are what a visitor first sees of the product.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect  # noqa: E402

from store import db as store_db  # noqa: E402
from store import sample  # noqa: E402
from tests.browser import (  # noqa: E402
    MAIN,
    SLOW,
    app_in_chromium,
    full_page_screenshot,
    logged_in,
    wait_until_drawn,
)

DOCS = ROOT / "docs"
ADMIN = ("admin", "admin-pass-123", "admin")
REPORTER = ("zhujian", "zhujian-pass-123", "reporter", "市住房建设局")
# name -> (account, path, width, full page, text to wait for); a name in FOCUS shoots only the row of charts
# holding that text
SHOTS = {
    "overview": (ADMIN, "/", 1920, True, "最需关注"),
    "presentation_overview": (ADMIN, "/?present=1", 1920, False, "退出演示模式"),
    "agencies": (ADMIN, "/agencies", 1920, False, "排名规则"),
    "my_reports": (REPORTER, "/my_reports", 1366, False, "我的待办"),
    "indicator_map": (ADMIN, "/indicator?code=P04_CP_AUDIT", 1920, False, "分区地图"),
}
FOCUS = {"indicator_map": "分区地图"}


def _store(folder: Path) -> Path:
    from service import sample_reports

    db = folder / "sample.duckdb"
    store_db.init(db)
    sample.load(db)
    sample_reports.load(db)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SHOTS), help="comma-separated names of " + ", ".join(SHOTS))
    wanted = [n for n in parser.parse_args().only.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _store(folder)
        with app_in_chromium(folder, db, (ADMIN, REPORTER)) as (url, browser, _):
            for name in wanted:
                (user, password, *_), path, width, full, text = SHOTS[name]
                page = browser.new_page(viewport={"width": width, "height": 1080 if width > 1400 else 768})
                page.goto(url)
                logged_in(page, user, password, heading="总览")
                page.goto(url + path)
                expect(page.locator(MAIN)).to_contain_text(text, timeout=SLOW)
                wait_until_drawn(page)
                target = DOCS / f"{name}.png"
                if name in FOCUS:
                    charts = page.locator("[data-testid='stPlotlyChart']").filter(has_text=FOCUS[name])
                    row = page.locator("[data-testid='stHorizontalBlock']").filter(has=charts).last
                    row.scroll_into_view_if_needed()
                    row.screenshot(path=str(target))
                elif full:
                    full_page_screenshot(page, target, width=width)
                else:
                    page.screenshot(path=str(target))
                page.close()
                print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
