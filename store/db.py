"""The DuckDB file: path resolution, sharing it between readers and writers, the one write path (`write`,
`writing`), schema init and upgrade."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from store import catalog
from store.errors import DatabaseBusy, DiskFull, NotADatabase, StoreError
from store.schema import DERIVED_TABLES, MIGRATIONS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DB = REPO / "data" / "cleanprod.duckdb"
BUSY_WAIT_SECONDS = 20.0  # how long a reader or writer waits for another process before refusing
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


def _attempt(path: Path, read_only: bool, file: _File) -> duckdb.DuckDBPyConnection | None:
    """One try at opening the file; None while another process holds it (DuckDB's lock), a user's error otherwise.

    The first bytes are checked only while this process has no connection to the file: DuckDB's locks are POSIX
    locks, which the kernel drops for the whole process when any descriptor of the file is closed, so reading them
    beside an open connection would let another process write the file under it.
    """
    if not (file.read_write or file.read_only) and path.is_file() and path.stat().st_size \
            and not is_duckdb_file(path):
        raise _not_duckdb(path)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        known = user_error(path, exc)
        if known is not None:
            raise known from None
        if "not a valid DuckDB database" in text or "Unable to open" in text and "header" in text:
            raise _not_duckdb(path) from None
        if "Could not set lock" in text or "Conflicting lock" in text:  # not "block" in a corrupt file
            return None
        raise _unreadable(path, exc) from None
    except duckdb.Error as exc:
        raise (user_error(path, exc) or _unreadable(path, exc)) from None
    try:
        # No progress bar: DuckDB prints it to stdout on slow queries, into the CLI's output (--json, tables).
        con.execute("SET enable_progress_bar = false")
        # Never fetch or load an extension (an attached foreign file would ask for one): the app needs none.
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
    except BaseException:
        con.close()
        raise
    return con


def _busy(path: Path) -> DatabaseBusy:
    return DatabaseBusy(f"数据库 {path.name} 正被另一个程序使用（例如正在提交的上传），请稍后重试。")


# --- sharing the file ----------------------------------------------------------------------------------------
#
# DuckDB lets one process hold a file read-write, or any number of processes hold it read-only, never both; within a
# process, connections share one instance, read-write or read-only, never both. So readers open read-only (many at
# once, in every process) unless their process writes already (then they share its instance), and a writer waits
# for the readers in flight. New readers wait while a writer waits or writes: "the writer's turn" is an exclusive
# flock on a lock file of the database's own (in LOCK_DIR, not beside the database), taken by the first writer of a
# process and given back when its last connection closes; a reader only checks that no other process holds it.
# Without the turn, twenty readers polling the file between their reads kept an upload from ever finding it free.

LOCK_DIR = Path(tempfile.gettempdir()) / "cleanprod-locks"
READER_POLL = 0.02  # seconds between a waiting reader's tries (it wakes at once for this process's own closes)
WRITER_POLL = 0.01  # between a waiting writer's tries: the readers in flight end at any moment


class _File:
    """This process's use of one database file, by all its threads (guarded by `cond`)."""

    def __init__(self, path: Path):
        self.cond = threading.Condition()
        self.path = path
        self.read_write = 0  # open read-write connections
        self.read_only = 0  # open read-only connections
        self.writers_waiting = 0
        self.claims = 0  # claim() blocks under way
        self.fd: int | None = None  # the lock file, opened once
        self.has_turn = False

    def _lock_fd(self) -> int | None:
        if self.fd is None:
            self.fd = _open_lock_file(self.path)
        return self.fd

    def take_turn(self) -> bool:
        """The writer's turn for this process; False while another process has it."""
        if self.has_turn:
            return True
        fd = self._lock_fd()
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        self.has_turn = True
        return True

    def give_turn_if_done(self) -> None:
        if self.has_turn and not (self.read_write or self.writers_waiting or self.claims):
            if self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            self.has_turn = False
        self.cond.notify_all()

    @contextlib.contextmanager
    def no_other_writer(self) -> Iterator[bool]:
        """True (and held for the block) when no other process has the writer's turn."""
        fd = None if self.has_turn else self._lock_fd()
        if fd is None:
            yield True
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


_FILES: dict[str, _File] = {}
_FILES_LOCK = threading.Lock()
_THREAD = threading.local()  # read-only connections each thread has open, by file


def _file(path: Path) -> _File:
    key = os.path.realpath(path)
    with _FILES_LOCK:
        if key not in _FILES:
            _FILES[key] = _File(Path(key))
        return _FILES[key]


def _open_lock_file(path: Path) -> int | None:
    """The lock file of `path` (shared by every user of the machine); None where none can be made (then writers and
    readers only meet at DuckDB's own lock, as before)."""
    name = hashlib.sha256(str(path).encode()).hexdigest()[:32] + ".lock"
    try:
        LOCK_DIR.mkdir(exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(LOCK_DIR, 0o1777)
        fd = os.open(LOCK_DIR / name, os.O_RDWR | os.O_CREAT, 0o666)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o666)
        return fd
    except OSError:
        try:
            return os.open(LOCK_DIR / name, os.O_RDONLY)
        except OSError:
            return None


def _readers_of_this_thread() -> dict:
    if not hasattr(_THREAD, "readers"):
        _THREAD.readers = {}
    return _THREAD.readers


def _open(path: Path, read_only: bool, wait: float) -> tuple[duckdb.DuckDBPyConnection, Callable[[], None]]:
    """A connection and the function that closes it; waits up to `wait` seconds for other processes."""
    file = _file(path)
    deadline = time.monotonic() + wait
    if read_only:
        return _open_reader(file, path, deadline)
    return _open_writer(file, path, deadline)


def _closer(file: _File, con, read_only: bool) -> Callable[[], None]:
    mine = _readers_of_this_thread()  # of the opening thread, even if another one closes

    def close() -> None:
        with file.cond:
            con.close()
            if read_only:
                file.read_only -= 1
                mine[file.path] -= 1
            else:
                file.read_write -= 1
            file.give_turn_if_done()
    return close


def _open_reader(file: _File, path: Path, deadline: float):
    while True:
        with file.cond:
            if file.read_write:  # this process writes: DuckDB allows no read-only instance beside its own
                con = _attempt(path, read_only=False, file=file)
                if con is not None:
                    file.read_write += 1
                    return con, _closer(file, con, read_only=False)
            elif not file.writers_waiting:
                with file.no_other_writer() as free:
                    con = _attempt(path, read_only=True, file=file) if free else None
                if con is not None:
                    file.read_only += 1
                    mine = _readers_of_this_thread()
                    mine[file.path] = mine.get(file.path, 0) + 1
                    return con, _closer(file, con, read_only=True)
            if time.monotonic() >= deadline:
                raise _busy(path)
            file.cond.wait(READER_POLL)


def _open_writer(file: _File, path: Path, deadline: float):
    if _readers_of_this_thread().get(file.path):
        raise RuntimeError(f"{path}: close this thread's read-only connection before opening one to write")
    with file.cond:
        file.writers_waiting += 1
    try:
        while True:
            with file.cond:
                # Readers of this process first close their read-only instance; those of others end on their own.
                if file.read_write or (file.take_turn() and not file.read_only):
                    con = _attempt(path, read_only=False, file=file)
                    if con is not None:
                        file.read_write += 1
                        return con, _closer(file, con, read_only=False)
                if time.monotonic() >= deadline:
                    raise _busy(path)
                file.cond.wait(WRITER_POLL)
    finally:
        with file.cond:
            file.writers_waiting -= 1
            file.give_turn_if_done()


@contextlib.contextmanager
def claim(path=None, *, wait: float | None = None) -> Iterator[None]:
    """Hold the writer's turn for the block: readers of other processes that arrive meanwhile wait for it (those in
    flight finish). An upload claims it from its first read to its commit, so that readers arriving during the
    upload queue behind it instead of sharing the machine with it; they wait no longer than the upload takes."""
    file = _file(db_path(path))
    deadline = time.monotonic() + (busy_wait() if wait is None else wait)
    with file.cond:
        file.claims += 1
        try:
            while not file.take_turn():
                if time.monotonic() >= deadline:
                    raise _busy(file.path)
                file.cond.wait(WRITER_POLL)
        except BaseException:
            file.claims -= 1
            file.give_turn_if_done()
            raise
    try:
        yield
    finally:
        with file.cond:
            file.claims -= 1
            file.give_turn_if_done()


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

    Reads pass read_only=True: readers in several processes then share the file, and a writer waits only for the
    reads in flight (see "sharing the file" above). Writes go through `write` (or `writing` on this connection).
    Waits up to `wait` seconds (default busy_wait()) for other processes, then raises DatabaseBusy.
    """
    wait = busy_wait() if wait is None else wait
    file = db_path(path)
    if require_init and not file.exists():
        raise NotADatabase(f"数据库 {file} 不存在。请先运行：python manage.py --db {file} init")
    con, close = _open(file, read_only=read_only, wait=wait)
    try:
        if require_init:
            check_initialised(con, file)
        yield con
    except duckdb.Error as exc:
        # A damaged file (truncated, or a bad block) often opens fine and fails only when a query reads it; a full
        # disk fails a write (often its COMMIT).
        known = user_error(file, exc)
        if known is not None:
            raise known from None
        raise
    finally:
        close()


@contextlib.contextmanager
def writing(con, *, changes_data: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way the project changes the database: a transaction around the block, committed when it ends, rolled
    back when anything is raised in it (a refusal such as DuplicateUpload included), or when COMMIT itself fails (a
    full disk; DuckDB has then ended the transaction already). With `changes_data` (data the app shows changed), the
    data version moves on and the derived tables are emptied in the same transaction (`bump_data_version`)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        if changes_data:
            bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def write(path=None, *, changes_data: bool = True, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with store.db.write(db) as con:` — a connection that writes, inside `writing`."""
    with connect(path, wait=wait) as con, writing(con, changes_data=changes_data):
        yield con


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
        with writing(con, changes_data=False):
            for version in range(before, SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            loaded = catalog.load_if_changed(con)
            if loaded:
                bump_data_version(con)  # new indicators or targets: every cached figure is stale
    return {"from_version": before, "to_version": SCHEMA_VERSION,
            "catalog": "loaded" if loaded else "unchanged"}


def bump_data_version(con) -> None:
    """Invalidates the dashboard's caches and empties the derived tables (schema.DERIVED_TABLES, computed from the
    data): `writing` calls it in every transaction that changes data."""
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
    )
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - names from the schema


def data_version(con) -> int:
    """A number that changes whenever committed data changes."""
    return int(con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])
