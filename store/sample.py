"""Loading data/sample/ through the normal intake path, as uploads marked sample, at their historical times."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from store.db import connect
from store.ingest import ingest
from store.uploads import rollback

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"


def load(db, *, if_empty: bool = False, directory: Path = SAMPLE_DIR) -> int:
    """Ingest every file of the manifest in order; returns the number of uploads made (0 if skipped)."""
    with connect(db, read_only=True) as con:
        existing = con.execute("SELECT count(*) FROM uploads").fetchone()[0]
    if existing and if_empty:
        return 0
    with open(directory / "manifest.csv", encoding="utf-8") as f:
        manifest = list(csv.DictReader(f))
    for entry in manifest:
        at = dt.datetime.fromisoformat(entry["uploaded_at"])
        path = directory / entry["file"]
        # confirm_unusual: the sample's district counts dip now and then, as hand-made sample data does
        result = ingest(db, path.read_bytes(), path.name, entry["kind"], user=entry["user"], is_sample=True,
                        uploaded_at=at, today=at.date(), confirm_unusual=True)
        if not result.ok or result.upload_id is None:  # the sample files are ours: a failure here is a bug
            raise RuntimeError(f"sample file {path.name} failed its checks:\n{result.errors.to_string()}")
        if entry["rolled_back_at"]:
            with connect(db) as con:
                rollback(con, result.upload_id, entry["user"], dt.datetime.fromisoformat(entry["rolled_back_at"]))
    return len(manifest)
