"""The upload page's steps as plain functions of bytes: size check, check and preview, commit, display tables."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

import pandas as pd

import intake
from metrics import periods
from presentation import labels
from store import ingest as store_ingest
from store.db import connect
from store.errors import DuplicateUpload, StoreError
from store.ingest import IngestResult, Progress

KINDS = intake.KINDS  # declared once, in intake.kinds
# What intake.reading reads (the uploader's file chooser offers these; labels.UPLOADER["caption"] says them): .xls
# because a business system's "Excel export" is often text named .xls (a real 97-2003 .xls gets intake's message)
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls"]
ADDED_SAMPLE_ROWS = 20



def _display(kind: str) -> tuple[list[str], list[str], list[str]]:
    """(key columns, compared columns, other columns) shown in a preview table, from intake.kinds; an indicator's
    name follows its code and its unit ('measure') the keys."""
    entry = intake.upload_kind(kind)
    keys = list(entry.keys)
    if "code" in keys:
        keys = [*keys[:keys.index("code") + 1], "name", *keys[keys.index("code") + 1:], "measure"]
    compared = list(entry.compared)
    return keys, compared, [f for f in entry.fields if f not in entry.keys and f not in compared]


def upload_action(kind: str) -> str:
    """The access.roles action whose role may upload `kind` (intake.kinds; targets: admins only)."""
    return intake.upload_kind(kind).action


_BYTES_KEY = "upload_bytes"      # session state: {sha256: bytes} of the file being worked on (one at most)
_CHECKED_KEY = "upload_checked"  # session state: (cache key, IngestResult) of the last check

@dataclass
class CommitReport:
    """What a commit attempt came to: a message for st.success / st.warning / st.error."""

    level: str  # 'success' | 'warning' | 'error'
    message: str
    upload_id: int | None = None
    result: IngestResult | None = None

    @property
    def ok(self) -> bool:
        return self.level == "success"


def size_text(size: int) -> str:
    """1536 -> '1.5 KB'; 3 * 1024**2 -> '3.0 MB'."""
    if size < 1024:
        return f"{size} B"
    if size < 1024**2:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024**2:.1f} MB"


def max_upload_mb(limits: intake.Limits | None = None) -> int:
    """The uploader's limit in megabytes (the same as intake's max_bytes)."""
    limits = limits or intake.DEFAULT_LIMITS
    return max(1, limits.max_bytes // (1024 * 1024))


def refusal(size: int, limits: intake.Limits | None = None) -> str | None:
    """A Chinese message when a file must be refused before reading it (too large or empty), else None."""
    limits = limits or intake.DEFAULT_LIMITS
    if size > limits.max_bytes:
        return labels.UPLOAD["too_large"].format(size=size_text(size), limit=size_text(limits.max_bytes))
    if size == 0:
        return labels.UPLOAD["empty_file"]
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remember(state: MutableMapping, data: bytes) -> str:
    """Keep the file's bytes in session state under its SHA-256 (only the latest file) and return the hash."""
    digest = sha256(data)
    kept = state.get(_BYTES_KEY)
    if not isinstance(kept, dict) or digest not in kept:
        state[_BYTES_KEY] = {digest: data}
    return digest


def recall(state: Mapping, digest: str) -> bytes | None:
    """The bytes remembered under `digest`, or None."""
    kept = state.get(_BYTES_KEY)
    return kept.get(digest) if isinstance(kept, dict) else None


def forget(state: MutableMapping) -> None:
    """Drop the remembered file and its check (after a commit)."""
    state.pop(_BYTES_KEY, None)
    state.pop(_CHECKED_KEY, None)


def cached_check(state: Mapping, key: tuple) -> IngestResult | None:
    """The result of the last check if it was made for `key` (sha256, kind, sheet, data version)."""
    kept = state.get(_CHECKED_KEY)
    return kept[1] if isinstance(kept, tuple) and kept[0] == key else None


def keep_check(state: MutableMapping, key: tuple, result: IngestResult) -> None:
    state[_CHECKED_KEY] = (key, result)


def handle_upload(db, data: bytes, name: str, kind: str, *, sheet: str | None = None,
                  progress: Progress | None = None) -> IngestResult:
    """Check a file and preview it against the database; writes nothing.

    Raises:
        StoreError: the database cannot be read (e.g. DatabaseBusy); its message is for the user.
    """
    return store_ingest.check(db, data, name, kind, sheet=sheet or None, progress=progress)


def commit_upload(db, data: bytes, name: str, kind: str, *, user: str, sheet: str | None = None,
                  progress: Progress | None = None, confirm_unusual: bool = False) -> CommitReport:
    """Check the same bytes again and commit them as one upload; never raises for a refusal."""
    try:
        result = store_ingest.ingest(db, data, name, kind, user=user, sheet=sheet or None, progress=progress,
                                     confirm_unusual=confirm_unusual)
    except DuplicateUpload as exc:
        return CommitReport("warning", exc.message, upload_id=exc.upload_id)
    except StoreError as exc:  # DatabaseBusy and the like: nothing was written
        return CommitReport("error", exc.message)
    if not result.ok:
        return CommitReport("error", labels.UPLOAD["errors"].format(count=result.error_count), result=result)
    if result.needs_confirmation:
        return CommitReport("warning", labels.UPLOAD["unusual_needed"], result=result)
    counts = result.preview.counts
    message = labels.UPLOAD["committed"].format(id=result.upload_id, add=counts["add"], revise=counts["revise"],
                                           same=counts["same"])
    return CommitReport("success", message, upload_id=result.upload_id, result=result)


def error_table(result: IngestResult) -> pd.DataFrame:
    """The error table with Chinese headers: 行号, 列, 值, 问题, 修改建议 (row blank for a whole-file problem)."""
    errors = result.errors
    if errors is None or errors.empty:
        return pd.DataFrame(columns=list(labels.ERROR_HEADERS.values()))
    out = errors[list(labels.ERROR_HEADERS)].copy()
    out["row"] = ["" if pd.isna(r) else str(int(r)) for r in out["row"]]
    for col in ("column", "value", "problem", "fix"):
        out[col] = out[col].fillna("").astype(str)
    return out.rename(columns=labels.ERROR_HEADERS).reset_index(drop=True)


def _with_names(rows: pd.DataFrame, indicators: pd.DataFrame | None) -> pd.DataFrame:
    """Add the indicator's name and unit ('measure') from a frame with code, name, unit."""
    rows = rows.copy()
    if "code" in rows.columns:
        known = indicators if indicators is not None else pd.DataFrame(columns=["code", "name", "unit"])
        rows["name"] = rows["code"].map(dict(zip(known["code"], known["name"], strict=True))).fillna("")
        rows["measure"] = rows["code"].map(dict(zip(known["code"], known["unit"], strict=True))).fillna("")
    return rows


def _header(col: str) -> str:
    return labels.PREVIEW_HEADERS[col]


def revised_table(preview, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows that revise a value that counts now: keys, then 原X and 新X for each compared column (and 变化,
    new minus old, for a number), then the note."""
    keys, compared, extra = _display(preview.kind)
    rows = _with_names(preview.rows[preview.rows["change"] == "revise"], indicators)
    out = pd.DataFrame({_header("row"): rows["row"]} if "row" in rows.columns else {})
    for col in keys:
        out[_header(col)] = rows[col]
    for col in compared:
        label = _header(col)
        out[labels.PREVIEW_HEADERS["old"].format(label=label)] = rows[f"old_{col}"]
        out[labels.PREVIEW_HEADERS["new"].format(label=label)] = rows[col]
        if pd.api.types.is_numeric_dtype(rows[col]):
            out[_header("delta")] = (rows[col] - rows[f"old_{col}"]).round(6)
    for col in extra:
        out[_header(col)] = rows[col]
    return out.reset_index(drop=True)


def added_table(preview, indicators: pd.DataFrame | None = None, limit: int = ADDED_SAMPLE_ROWS) -> pd.DataFrame:
    """The first `limit` rows that add a value (keys, values, note)."""
    keys, compared, extra = _display(preview.kind)
    rows = _with_names(preview.rows[preview.rows["change"] == "add"].head(limit), indicators)
    cols = (["row"] if "row" in rows.columns else []) + keys + compared + extra
    return rows[cols].rename(columns=labels.PREVIEW_HEADERS).reset_index(drop=True)


def sheet_choices(data: bytes, name: str) -> list[str]:
    """The sheets an analyst may pick for an Excel upload (visible worksheets); [] when there is nothing to pick."""
    sheets = intake.visible_sheets(data, name)
    return sheets if len(sheets) > 1 else []


def unusual_table(preview, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows whose value looks wrong against their history: where, the value, and why (请核实)."""
    rows = preview.rows
    if rows is None or "unusual" not in rows.columns:
        return pd.DataFrame()
    rows = _with_names(rows[rows["unusual"].notna()], indicators)
    cols = ["row", "code", "name", "period", "district", "value", "measure", "unusual"]
    return rows[cols].rename(columns=labels.PREVIEW_HEADERS).reset_index(drop=True)


def template_period() -> str:
    """The quarter templates are pre-filled with (the latest closed quarter)."""
    return periods.latest_closed()


def template_name(kind: str, fmt: str, period: str | None = None) -> str:
    """'指标数据模板_2026Q3.xlsx'."""
    return labels.UPLOAD["template_file"].format(kind=labels.UPLOAD_KIND[kind], period=period or template_period(), ext=fmt)


def template_bytes(db, kind: str, fmt: str) -> bytes:
    """A CSV or .xlsx template of `kind`, pre-filled from the catalog in `db`."""
    with connect(db, read_only=True) as con:
        ctx = store_ingest.context(con)
    return intake.template(kind, ctx, fmt)
