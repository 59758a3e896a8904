"""Writing a corpus: every builder's bytes under its name in one folder, files no builder makes removed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path


def build_all(builders: Mapping[str, Callable[[], bytes]]) -> dict[str, bytes]:
    """Every file's bytes, by name."""
    return {name: builder() for name, builder in builders.items()}


def write(builders: Mapping[str, Callable[[], bytes]], out: Path) -> int:
    """Write the corpus into `out` (a stale file from an older generator is deleted); returns 0 for sys.exit."""
    out.mkdir(parents=True, exist_ok=True)
    files = build_all(builders)
    for stale in out.iterdir():
        if stale.name not in files:
            stale.unlink()
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"wrote {len(files)} files to {out}")
    return 0
