"""A 1,000,000-row actuals file: it lands whole, within memory, with progress reported as it goes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store import db as store_db

REPO = Path(__file__).parents[1]
ROWS = 1_000_000
MAX_RSS_MB = 1500

# Ingests argv[2] into argv[1] in a process of its own, so that its peak memory is the ingest's alone.
INGESTER = """
import json, resource, sys, time
from pathlib import Path
from store.ingest import ingest

seen = []
started = time.monotonic()
file = Path(sys.argv[2])
result = ingest(sys.argv[1], file.read_bytes(), file.name, "actuals", user="张敏",
                progress=lambda fraction, message: seen.append([fraction, message]))
print(json.dumps({"upload_id": result.upload_id, "counts": result.preview.counts, "progress": seen,
                  "seconds": time.monotonic() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_million_row_file_lands_within_memory_with_progress(db, large_actuals):
    file = large_actuals(db, ROWS)
    done = subprocess.run([sys.executable, "-c", INGESTER, str(db), str(file)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    print(f"1M-row ingest: {report['seconds']:.1f} s, peak RSS {report['peak_mb']:.0f} MB")
    assert report["upload_id"] == 1
    assert report["counts"] == {"add": ROWS, "revise": 0, "same": 0}
    fractions = [fraction for fraction, _ in report["progress"]]
    assert fractions == sorted(fractions) and len(set(fractions)) == len(fractions)
    assert 0 < fractions[0] < 0.5 and fractions[-1] == 1.0
    assert all(message for _, message in report["progress"])
    assert report["peak_mb"] < MAX_RSS_MB

    with store_db.connect(db) as con:
        assert con.execute("SELECT count(*), sum(value) FROM actuals WHERE upload_id = 1").fetchall() == [
            (ROWS, sum(1000 + i % 997 + 0.5 for i in range(ROWS)))]
        assert con.execute("SELECT rows_added, state FROM uploads").fetchall() == [(ROWS, "committed")]
