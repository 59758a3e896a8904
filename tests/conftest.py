"""Shared fixtures: a throwaway DuckDB file per test (initialised, or with the sample data), closed after it; the
hypothesis profiles."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

from access import accounts
from metrics import periods
from store import catalog as store_catalog
from store import db as store_db
from store import sample as store_sample

# Property tests draw as many examples as the profile says: `ci` (the default; `make test`) is quick and the same
# on every run; `thorough` is for a deep local run: HYPOTHESIS_PROFILE=thorough or --hypothesis-profile=thorough.
# Examples call pandas- and parser-heavy code, so no per-example deadline.
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _build_once(tmp_path_factory, name: str, build) -> Path:
    """Build a database file once per session (per xdist worker); tests get copies of it."""
    folder = tmp_path_factory.mktemp(name)
    path = folder / f"{name}.duckdb"
    build(path)
    return path


@pytest.fixture(scope="session")
def _initialised_file(tmp_path_factory) -> Path:
    return _build_once(tmp_path_factory, "initialised", store_db.init)


@pytest.fixture(scope="session")
def _sample_file(tmp_path_factory, _initialised_file) -> Path:
    def build(path: Path) -> None:
        shutil.copyfile(_initialised_file, path)
        store_sample.load(path)

    return _build_once(tmp_path_factory, "sample", build)


@pytest.fixture(autouse=True)
def _close_connections(monkeypatch):
    """Close every DuckDB connection a test opened directly, so no file stays locked after the test."""
    opened: list[duckdb.DuckDBPyConnection] = []
    real_connect = duckdb.connect

    def tracking_connect(*args, **kwargs):
        con = real_connect(*args, **kwargs)
        opened.append(con)
        return con

    monkeypatch.setattr(duckdb, "connect", tracking_connect)
    yield
    for con in opened:
        con.close()


@pytest.fixture
def db(tmp_path, _initialised_file) -> Path:
    """A fresh database file under tmp_path, initialised with store.db.init (catalog loaded, no uploads)."""
    path = tmp_path / "test.duckdb"
    shutil.copyfile(_initialised_file, path)
    return path


@pytest.fixture
def sample_db(tmp_path, _sample_file) -> Path:
    """A database file under tmp_path with store.sample.load applied (47 sample uploads)."""
    path = tmp_path / "sample.duckdb"
    shutil.copyfile(_sample_file, path)
    return path


def _synthetic_codes(n_rows: int) -> list[str]:
    per_code = len(SYNTHETIC_PERIODS) * len(store_catalog.DISTRICTS)
    return [f"ZZ_SYN_{i:05d}" for i in range(-(-n_rows // per_code))]


SYNTHETIC_PERIODS = periods.span("2015Q1", "2026Q3")


@pytest.fixture
def large_actuals(tmp_path):
    """Factory: add enough synthetic indicators (unit 吨) to `db` and write an actuals CSV of n unique rows.

    Rows cover the synthetic codes × 2015Q1..2026Q3 × 全市 and the 11 districts; value = 1000 + (row index % 997) +
    offset: no series jumps tenfold between quarters, so nothing asks for a 请核实 confirmation.
    """

    def make(db: Path, n_rows: int, name: str = "large.csv", offset: float = 0.5) -> Path:
        codes = _synthetic_codes(n_rows)
        with store_db.connect(db) as con:
            con.execute(
                "INSERT INTO indicators (code, name, unit, direction, sector) "
                "SELECT code, '合成指标 ' || code, '吨', 'increase', '工业' FROM unnest(?) AS t(code) "
                "WHERE code NOT IN (SELECT code FROM indicators)", [codes])
        path = tmp_path / name
        keys = itertools.product(codes, SYNTHETIC_PERIODS, store_catalog.DISTRICTS)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("code,period,district,value\n")
            f.writelines(f"{c},{p},{d},{1000 + i % 997 + offset}\n"
                         for i, (c, p, d) in enumerate(itertools.islice(keys, n_rows)))
        return path

    return make


@pytest.fixture
def accounts_file(tmp_path, monkeypatch) -> Path:
    """An accounts file with a viewer (boss), an analyst (ana) and an admin (root), named by $CLEANPROD_ACCOUNTS."""
    path = tmp_path / "accounts.yaml"
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(path))
    accounts.set_account("boss", "leader-pass-1", "viewer", "领导")
    accounts.set_account("ana", "analyst-pass-1", "analyst", "分析员")
    accounts.set_account("root", "admin-pass-1", "admin", "管理员")
    return path


@pytest.fixture(autouse=True)
def _logged_in_apps(request, monkeypatch, tmp_path):
    """AppTests run as a logged-in admin unless marked `anonymous` (the login tests drive the form themselves).

    The role sits in server-side session state, where the login puts it; a browser cannot set it.
    """
    from streamlit.testing.v1 import AppTest

    if request.node.get_closest_marker("anonymous"):
        return
    role = getattr(request.node.get_closest_marker("role"), "args", ["admin"])[0]
    real = AppTest.from_file.__func__

    def from_file(cls, *args, **kwargs):
        at = real(cls, *args, **kwargs)
        at.session_state["user"] = f"test-{role}"
        at.session_state["role"] = role
        return at

    monkeypatch.setattr(AppTest, "from_file", classmethod(from_file))


@pytest.fixture
def blank_charts(monkeypatch):
    """Deck builds in this test draw blank pictures instead of rendering charts (tests about the deck's text)."""
    from reports import deck
    from tests.helpers import placeholder_charts

    monkeypatch.setattr(deck, "_render_charts", placeholder_charts)
