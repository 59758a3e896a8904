"""From a file's bytes to committed rows: intake's checks, the preview, then one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

import intake
from intake import plausibility
from metrics import periods
from store import catalog, values
from store.db import claim, connect
from store.uploads import Preview, commit, preview

Progress = Callable[[float, str], None]


@dataclass
class IngestResult:
    """Outcome of an ingest: errors (nothing written), a preview (dry run) or a committed upload."""

    kind: str
    file_name: str
    sha256: str
    errors: pd.DataFrame = field(default_factory=pd.DataFrame)
    error_count: int = 0
    preview: Preview | None = None
    upload_id: int | None = None
    notices: tuple[str, ...] = ()  # intake's notices: the sheet used, rows skipped, names read as codes…
    sheet: str | None = None  # the Excel sheet read
    needs_confirmation: bool = False  # unusual values were found and not confirmed: nothing was written

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def unusual_count(self) -> int:
        """Rows shown as 请核实 (intake.plausibility): a commit needs confirm_unusual."""
        rows = self.preview.rows if self.preview is not None else None
        if rows is None or "unusual" not in rows.columns:
            return 0
        return int(rows["unusual"].notna().sum())


def context(con, today: dt.date | None = None) -> intake.Context:
    """What intake needs to know of the catalog to check a file."""
    inds = con.execute("SELECT code, name, unit, by_district, min_value, max_value, "
                       "coalesce(cumulative, FALSE) AS cumulative FROM indicators ORDER BY code").df()
    task_count = con.execute("SELECT count(*) FROM tasks").fetchone()[0]
    project_count = con.execute("SELECT count(*) FROM projects").fetchone()[0]
    return intake.Context(
        indicators=inds,
        districts=tuple(catalog.districts(con)),
        task_count=int(task_count),
        project_count=int(project_count),
        latest_period=periods.latest_closed(today),
        tasks=con.execute("SELECT task_no, text FROM tasks ORDER BY task_no").df(),
        projects=con.execute("SELECT project_no, name FROM projects ORDER BY project_no").df(),
    )


def check(db, data: bytes, file_name: str, kind: str, *, sheet: str | None = None,
          today: dt.date | None = None, progress: Progress | None = None) -> IngestResult:
    """Read and check a file and preview it against the database; writes nothing."""
    sha = hashlib.sha256(data).hexdigest()
    if progress:
        progress(0.05, "读取文件")
    with connect(db, read_only=True) as con:
        ctx = context(con, today)
    checked = intake.parse_upload(data, file_name, kind, ctx, sheet=sheet)
    result = IngestResult(kind=kind, file_name=file_name, sha256=sha, notices=checked.notices,
                          sheet=checked.sheet)
    if not checked.ok:
        result.errors, result.error_count = checked.errors, checked.error_count
        return result
    if progress:
        progress(0.6, "与已有数据比对")
    with connect(db, read_only=True) as con:
        result.preview = preview(con, kind, checked.rows, sha)
        if kind == "actuals" and len(checked.rows):
            previous, history = values.previous_values(con, checked.rows)
            rows = result.preview.rows
            rows["unusual"] = plausibility.unusual(rows, previous, history, ctx.indicators).to_numpy()
    if progress:
        progress(0.8, "预览完成")
    return result


def ingest(db, data: bytes, file_name: str, kind: str, *, user: str, dry_run: bool = False,
           sheet: str | None = None, is_sample: bool = False, uploaded_at: dt.datetime | None = None,
           today: dt.date | None = None, progress: Progress | None = None,
           confirm_unusual: bool = False) -> IngestResult:
    """Check a file and, when clean and not a dry run, commit it as one upload.

    Rows that look wrong against their history (IngestResult.unusual_count) are committed only with
    confirm_unusual; otherwise nothing is written and `needs_confirmation` is set.

    Raises:
        DuplicateUpload: the same file was already committed.
        DatabaseBusy: another process kept the database for too long.
    """
    if dry_run:
        return check(db, data, file_name, kind, sheet=sheet, today=today, progress=progress)
    with claim(db):  # readers arriving during the upload wait for its commit rather than stretch it (store.db)
        return _ingest(db, data, file_name, kind, user=user, sheet=sheet, is_sample=is_sample,
                       uploaded_at=uploaded_at, today=today, progress=progress, confirm_unusual=confirm_unusual)


def _ingest(db, data: bytes, file_name: str, kind: str, *, user: str, sheet: str | None, is_sample: bool,
            uploaded_at: dt.datetime | None, today: dt.date | None, progress: Progress | None,
            confirm_unusual: bool) -> IngestResult:
    result = check(db, data, file_name, kind, sheet=sheet, today=today, progress=progress)
    if not result.ok:
        return result
    if result.unusual_count and not confirm_unusual:
        result.needs_confirmation = True
        return result
    if progress:
        progress(0.85, "提交")
    with connect(db) as con:
        result.upload_id, committed = commit(
            con, kind, result.preview.rows[_rows_columns(result.preview.rows)], file_name=file_name,
            sha256=result.sha256, user=user, is_sample=is_sample, uploaded_at=uploaded_at)
    # The rows as previewed; the counts as the commit found them (another upload may have landed in between).
    result.preview.tally = committed.counts
    if progress:
        progress(1.0, "完成")
    return result


def _rows_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in ("change", "unusual") and not c.startswith("old_")]
