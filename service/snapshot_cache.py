"""Snapshots kept in the database, so a page's first view after an upload or a restart reads, not recomputes.

A snapshot is a pure function of the committed data, the as-of period and the code that computes it. It is stored
under (data version, as-of, code fingerprint); every data change empties the table (store.db.bump_data_version), and
a change to the metrics code changes the fingerprint. Briefings reproduced "as known on" a past moment are not kept.
This module turns snapshots into bytes and back; store.snapshots keeps the bytes (the SQL stays in store/).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import logging
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from service import snapshot as snap
from service.status import latest_period
from store import db as store_db
from store import snapshots
from store.errors import StoreError

log = logging.getLogger(__name__)
FORMAT = 1  # bump when the payload layout changes
_CODE_DIRS = ("metrics", "service", "store")  # the code a snapshot's numbers depend on
_FRAMES = [f.name for f in dataclasses.fields(snap.Snapshot) if f.type in ("pd.DataFrame", pd.DataFrame)]


def _fingerprint() -> str:
    # Read once, at import: the files on disk then are the code this process runs. Reading them later could pair
    # the numbers of the code still running with the key of code a deploy has just put on disk.
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(str(FORMAT).encode())
    for library in (np, pd, duckdb, pa):
        digest.update(f"{library.__name__} {library.__version__}".encode())
    for folder in _CODE_DIRS:
        for file in sorted((root / folder).glob("*.py")):
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


_FINGERPRINT = _fingerprint()


def fingerprint() -> str:
    """A hash of the code (and libraries) that compute snapshots: a deploy that changes a rule never serves old
    numbers."""
    return _FINGERPRINT


def encode(data: snap.Snapshot) -> bytes:
    """The snapshot as one Parquet file per frame, framed in a small JSON header (no pickle: data, not code)."""
    parts: list[bytes] = []
    sizes: dict[str, int] = {}
    kinds: dict[str, dict] = {}
    for name in _FRAMES:
        frame = getattr(data, name)
        # Nested values (lists, dicts of codes) travel as JSON text: Parquet would widen every dict to one struct.
        nested = [c for c in frame.columns if frame[c].dtype == object
                  and frame[c].map(lambda v: isinstance(v, (dict, list))).any()]
        if nested:
            frame = frame.assign(**{c: frame[c].map(_to_json) for c in nested})
        buffer = io.BytesIO()
        frame.to_parquet(buffer)  # the index too: some frames are filtered views
        parts.append(buffer.getvalue())
        sizes[name] = len(parts[-1])
        # Parquet brings text back as pandas' str dtype; the pages were written against what build() returns.
        kinds[name] = {"object": [c for c in frame.columns if frame[c].dtype == object],
                       "columns_object": frame.columns.dtype == object, "json": nested}
    extra = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in data.extra.items()}
    head = json.dumps({"as_of": data.as_of, "periods": data.periods, "has_sample": data.has_sample,
                       "extra": extra, "sizes": sizes,
                       "kinds": kinds}, ensure_ascii=False).encode()
    return len(head).to_bytes(4, "big") + head + b"".join(parts)


def decode(payload: bytes) -> snap.Snapshot:
    """The inverse of encode()."""
    n = int.from_bytes(payload[:4], "big")
    head = json.loads(payload[4:4 + n])
    offset = 4 + n
    frames = {}
    for name in _FRAMES:
        size = head["sizes"][name]
        frames[name] = _restore(pd.read_parquet(io.BytesIO(payload[offset:offset + size])), head["kinds"][name])
        offset += size
    extra = dict(head["extra"])
    if extra.get("previous_end"):
        extra["previous_end"] = dt.datetime.fromisoformat(extra["previous_end"])
    return snap.Snapshot(as_of=head["as_of"], known_on=None, periods=head["periods"],
                         has_sample=head["has_sample"], extra=extra, **frames)


def _to_json(value) -> str | None:
    return None if value is None or value is np.nan else json.dumps(value, ensure_ascii=False)


def _restore(frame: pd.DataFrame, kinds: dict) -> pd.DataFrame:
    for column in kinds["object"]:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    for column in kinds["json"]:
        frame[column] = frame[column].map(lambda v: None if v is None else json.loads(v))
    if kinds["columns_object"]:
        frame.columns = pd.Index(list(frame.columns), dtype=object)
    return frame


def load(con, as_of: str) -> snap.Snapshot | None:
    """The kept snapshot of the current data for `as_of`, or None."""
    payload = snapshots.find(con, as_of, fingerprint())
    return decode(payload) if payload is not None else None


def save(con, data: snap.Snapshot, version: int) -> bool:
    """Keep `data`, built from data version `version`; False when the data changed meanwhile or the file is read-only.

    Never raises for a lost race: the page already has its snapshot, keeping it is only a saving.
    """
    return snapshots.keep(con, version, data.as_of, fingerprint(), encode(data))


def refresh(db) -> bool:
    """After a write: compute and keep the newest snapshot. Best effort: the write has committed whatever happens
    here (a busy file, a failed build), and a page computes what is not kept; False then, with the reason logged as
    one line in Chinese (never a traceback: the console is read by the people who run the dashboard)."""
    problem = refresh_problem(db)
    if problem is not None:
        log.warning(NOT_KEPT.format(problem=problem))
    return problem is None


NOT_KEPT = "数据已写入，但看板的指标状态未能预先计算（{problem}）；首次打开页面时会自动计算。"


def refresh_problem(db) -> str | None:
    """refresh() without the log: None when the newest snapshot is kept, else why not, in one line of Chinese."""
    try:
        with store_db.connect(db) as con:
            load_or_build(con)
        return None
    except StoreError as exc:  # a busy file, a full disk: the store's own words
        return exc.message
    except Exception as exc:  # noqa: BLE001 - a cache that is not filled costs only speed
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        return f"内部错误 {type(exc).__name__}" + (f"：{detail}" if detail else "")


def load_or_build(con, as_of: str | None = None) -> snap.Snapshot:
    """The snapshot for `as_of` (default: the newest quarter with data): kept if there is one, else built and kept.

    The reads run in one transaction, so a commit landing meanwhile cannot mix two versions of the data.
    """
    def read(con) -> tuple[int, snap.Snapshot | None, snap.Snapshot]:
        version = store_db.data_version(con)
        wanted = as_of or latest_period(con)
        kept = load(con, wanted) if wanted is not None else None
        return version, kept, kept if kept is not None else snap.build(con, wanted)

    version, kept, data = snapshots.read_consistently(con, read)
    if kept is None and data.as_of is not None:
        save(con, data, version)
    return data
