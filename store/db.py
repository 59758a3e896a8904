"""Opening the DuckDB file: path resolution, waiting out another process's lock, schema init and upgrade."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from store import catalog
from store.errors import DatabaseBusy, DiskFull, NotADatabase, StoreError
from store.schema import MIGRATIONS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DB = REPO / "data" / "cleanprod.duckdb"
BUSY_WAIT_SECONDS = 20.0  # how long a writer waits for another process before refusing
BUSY_WAIT_ENV = "CLEANPROD_BUSY_WAIT_SECONDS"  # overrides BUSY_WAIT_SECONDS (e.g. a short wait in tests)
CORRUPT_SIGNS = ("Corrupt database file", "Could not read enough bytes")  # DuckDB's words for a damaged file
FULL_SIGNS = ("No space left on device", "Disk quota exceeded", "File too large")  # the OS's words for a full disk
WAL_SIGNS = ("Failure while replaying WAL", "WAL does not match")  # a .wal file that is not this database's
MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB file


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database file: the argument, else $CLEANPROD_DB, else data/cleanprod.duckdb."""
    return Path(path or os.environ.get("CLEANPROD_DB") or DEFAULT_DB)


def is_duckdb_file(path: Path) -> bool:
    """True when `path` begins like a DuckDB file. Checked before DuckDB opens or attaches a file: given a SQLite
    file (or another format it knows), DuckDB would load an extension for it, and download one if it may."""
    try:
        with open(path, "rb") as f:
            return f.read(12)[8:12] == MAGIC
    except OSError:  # unreadable here: DuckDB will say why when it tries
        return True


def _not_duckdb(path: Path) -> NotADatabase:
    return NotADatabase(
        f"文件 {path} 不是 DuckDB 数据库文件。请指定正确的数据库文件（--db），或换一个新路径后运行 init 创建。")


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    if path.is_file() and path.stat().st_size and not is_duckdb_file(path):
        raise _not_duckdb(path)
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            # No progress bar: DuckDB prints it to stdout on slow queries, into the CLI's output (--json, tables).
            con.execute("SET enable_progress_bar = false")
            # Never fetch or load an extension (an attached foreign file would ask for one): the app needs none.
            con.execute("SET autoinstall_known_extensions = false")
            con.execute("SET autoload_known_extensions = false")
            return con
        except duckdb.IOException as exc:
            text = str(exc)
            known = user_error(path, exc)
            if known is not None:
                raise known from None
            if "not a valid DuckDB database" in text or "Unable to open" in text and "header" in text:
                raise _not_duckdb(path) from None
            locked = "Could not set lock" in text or "Conflicting lock" in text  # not "block" in a corrupt file
            if not locked or time.monotonic() >= deadline:
                if locked:
                    raise DatabaseBusy(
                        f"数据库 {path.name} 正被另一个程序使用（例如正在提交的上传），请稍后重试。"
                    ) from None
                raise _unreadable(path, exc) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as exc:
            raise (user_error(path, exc) or _unreadable(path, exc)) from None


def _messages(exc: BaseException) -> str:
    """The text of `exc` and of the errors it was raised while handling (a failed COMMIT under its ROLLBACK's)."""
    texts, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        texts.append(str(exc))
        exc = exc.__cause__ or exc.__context__
    return "\n".join(texts)


def user_error(path: Path, exc: BaseException) -> StoreError | None:
    """The user's message for a DuckDB (or OS) error that has one: a full disk, a stale WAL file, a damaged file."""
    text = _messages(exc)
    if any(sign in text for sign in FULL_SIGNS):
        written = re.search(r'file "([^"]+)"', text)
        where = written.group(1) if written else str(path)
        return DiskFull(
            f"磁盘空间不足（或超出系统允许的文件大小），写入 {where} 失败：本次操作没有完成，未写入任何数据，"
            "已有数据不受影响。请清理该磁盘（或把文件放到空间更大的磁盘上）后重试。")
    if any(sign in text for sign in WAL_SIGNS):
        wal = path.with_name(path.name + ".wal")
        return NotADatabase(
            f"数据库 {path} 旁边的日志文件 {wal.name} 与该数据库不匹配（多半是复制或恢复数据库时留下的旧文件），"
            f"因此没有打开数据库，两个文件都未改动，数据库本身完好。请把 {wal} 移到别处保存（不要删除）后重试；"
            "若随后发现缺少最近的数据，请从备份恢复。")
    if any(sign in text for sign in CORRUPT_SIGNS):
        return _unreadable(path, exc)
    return None


def _unreadable(path: Path, exc: BaseException) -> NotADatabase:
    if any(sign in str(exc) for sign in CORRUPT_SIGNS):
        return NotADatabase(
            f"数据库文件 {path} 已损坏或不完整（{exc}）。请从备份恢复，或换一个新路径后运行 init 创建。")
    return NotADatabase(f"无法打开数据库 {path}：{exc}")


def busy_wait() -> float:
    """Seconds to wait for another process's lock: $CLEANPROD_BUSY_WAIT_SECONDS, else BUSY_WAIT_SECONDS."""
    return float(os.environ.get(BUSY_WAIT_ENV) or BUSY_WAIT_SECONDS)


@contextlib.contextmanager
def connect(path=None, *, read_only: bool = False, wait: float | None = None,
            require_init: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection; closed on exit so other processes can open the file in between.

    Waits up to `wait` seconds (default busy_wait()) for another process's lock, then raises DatabaseBusy.
    """
    wait = busy_wait() if wait is None else wait
    file = db_path(path)
    if require_init and not file.exists():
        raise NotADatabase(f"数据库 {file} 不存在。请先运行：python manage.py --db {file} init")
    con = _open(file, read_only=read_only, wait=wait)
    try:
        if require_init:
            check_initialised(con, file)
        yield con
    except duckdb.Error as exc:
        # A damaged file (truncated, or a bad block) often opens fine and fails only when a query reads it; a full
        # disk fails a write (often its COMMIT, and then the caller's ROLLBACK).
        known = user_error(file, exc)
        if known is not None:
            raise known from None
        raise
    finally:
        con.close()


def _tables(con) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def schema_version(con) -> int:
    """0 for an empty file; the stored version otherwise."""
    if "meta" not in _tables(con):
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if not row:
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise NotADatabase(f"数据库记录的结构版本“{row[0]}”无法识别，它不是本系统写入的。请指定正确的 --db，"
                           "或从备份恢复。") from None


def _newer(file: Path, version: int) -> NotADatabase:
    return NotADatabase(f"数据库 {file} 由更新的版本创建，请升级本软件（该库结构版本 {version}，本软件支持到 "
                        f"{SCHEMA_VERSION}）。本软件没有改动它。")


def check_initialised(con, file: Path) -> None:
    """Refuse a foreign DuckDB file, one that needs `init`, or one written by a newer version of this software."""
    tables = _tables(con)
    if "meta" not in tables:
        raise NotADatabase(
            f"{file} 不是本系统的数据库（缺少 meta 表）。请运行 init 创建新库，或指定正确的 --db。"
        )
    app = con.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    if not app or app[0] != "cleanprod":
        raise NotADatabase(f"{file} 不是清洁生产监测系统的数据库。请指定正确的 --db。")
    version = schema_version(con)
    if version > SCHEMA_VERSION:
        raise _newer(file, version)
    if version < SCHEMA_VERSION:
        raise NotADatabase(f"数据库 {file} 版本较旧，请先运行：python manage.py --db {file} init 以升级。")


def init(path=None) -> dict:
    """Create or upgrade the schema and (re)load the catalog when its files changed. Idempotent.

    Returns:
        dict with from_version, to_version and catalog ('loaded' | 'unchanged').
    """
    file = db_path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    with connect(file, require_init=False) as con:
        tables = _tables(con)
        if tables and "meta" not in tables:
            raise NotADatabase(
                f"{file} 已包含其他数据（不是本系统的数据库），拒绝在其中建表。请换一个 --db 路径。"
            )
        if "meta" in tables:
            app = con.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
            if not app or app[0] != "cleanprod":
                raise NotADatabase(f"{file} 不是清洁生产监测系统的数据库。请换一个 --db 路径。")
        before = schema_version(con)
        if before > SCHEMA_VERSION:  # writing our version number would break every later write of the newer app
            raise _newer(file, before)
        con.execute("BEGIN")
        try:
            for version in range(before, SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            loaded = catalog.load_if_changed(con)
            if loaded:
                bump_data_version(con)  # new indicators or targets: every computed snapshot is stale
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return {"from_version": before, "to_version": SCHEMA_VERSION,
            "catalog": "loaded" if loaded else "unchanged"}


def bump_data_version(con) -> None:
    """Invalidates the dashboard's caches: call inside every transaction that changes data."""
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
    )
    from store import snapshots  # here: store.snapshots itself reads the data version from this module

    snapshots.clear(con)  # computed from the data just changed


def data_version(con) -> int:
    """A number that changes whenever committed data changes."""
    return int(con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])
