"""Who may do what: accounts file, login, roles in the navigation and on every page, public viewer mode."""

from __future__ import annotations

import os
import stat

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from access import accounts
from access.roles import can, may_open
from presentation import admin_tables, labels
from store import audit
from store import db as store_db
from tests.helpers import ROOT, dashboard


def _login(at: AppTest, user: str, password: str) -> AppTest:
    at.run()
    at.text_input[0].input(user)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def _page_titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_rights_table():
    assert can("analyst", "upload") and not can("analyst", "rollback") and not can("analyst", "upload_targets")
    assert can("admin", "rollback") and not can("viewer", "upload") and not can(None, "upload")
    assert may_open("viewer", "pages/overview.py") and not may_open("viewer", "pages/upload.py")
    assert may_open("analyst", "pages/data_admin.py") and not may_open(None, "pages/overview.py")


def test_accounts_file_keeps_only_hashes_and_is_private(accounts_file):
    text = accounts_file.read_text(encoding="utf-8")
    assert "leader-pass-1" not in text and "$2b$" in text
    assert stat.S_IMODE(os.stat(accounts_file).st_mode) == 0o600
    config = yaml.safe_load(text)
    assert config["credentials"]["usernames"]["ana"]["roles"] == ["analyst"]


def test_account_changes_are_checked(accounts_file):
    with pytest.raises(accounts.AccountError, match="角色"):
        accounts.set_account("x", "long-enough", "boss")
    with pytest.raises(accounts.AccountError, match="至少 8"):
        accounts.set_account("x", "short", "viewer")
    assert accounts.set_account("ana", "a-new-password", "analyst") is False  # reset, not created
    assert accounts.ensure_first_admin() is None  # accounts exist: no first admin is added
    with pytest.raises(accounts.AccountError, match="空格"):
        accounts.set_account("x", " spaced-password ", "viewer")


def test_first_admin_is_created_once_with_a_random_password(tmp_path):
    path = tmp_path / "a.yaml"
    first = accounts.ensure_first_admin(path)
    assert isinstance(first, str) and len(first) >= 12 and first != "cleanprod-admin"
    assert accounts.ensure_first_admin(path) is None
    assert list(accounts.load(path)["credentials"]["usernames"]) == ["admin"]
    other = tmp_path / "b.yaml"
    assert accounts.ensure_first_admin(other) != first  # not one documented password for every install


@pytest.mark.anonymous
def test_nothing_shows_before_login(sample_db, accounts_file, monkeypatch):
    at = dashboard(sample_db, monkeypatch).run()
    assert not at.exception
    assert "总览" not in _page_titles(at)
    assert not at.get("plotly_chart")
    assert [t.label for t in at.text_input] == ["用户名", "密码"]


@pytest.mark.anonymous
def test_wrong_password_is_refused_and_audited(sample_db, accounts_file, monkeypatch):
    at = _login(dashboard(sample_db, monkeypatch), "ana", "wrong-password")
    assert any("用户名或密码错误" in e.value for e in at.error)
    assert "总览" not in _page_titles(at)
    with store_db.connect(sample_db) as con:
        log = audit.entries(con)
    assert (log["action"] == "login_failed").any()
    assert log[log["action"] == "login_failed"]["user"].iloc[0] == "ana"
    shown = admin_tables.audit_table(log)  # what 数据管理 shows: the action in words, not the key
    assert labels.AUDIT_ACTION["login_failed"] in set(shown[labels.AUDIT_HEADERS["action"]])


@pytest.mark.anonymous
def test_viewer_logs_in_and_cannot_reach_upload_pages_even_by_typed_url(sample_db, accounts_file, monkeypatch):
    at = _login(dashboard(sample_db, monkeypatch), "boss", "leader-pass-1")
    assert not at.exception
    assert "总览" in _page_titles(at)
    for page in ("pages/upload.py", "pages/data_admin.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # not in this session's navigation


@pytest.mark.anonymous
@pytest.mark.parametrize("page", ["upload.py", "data_admin.py"])
def test_page_run_without_the_rights_shows_nothing_of_it(sample_db, monkeypatch, page):
    """The server-side check inside the page itself, whatever the navigation showed."""
    monkeypatch.setenv("CLEANPROD_DB", str(sample_db))
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    at.session_state["_entry"] = True
    at.session_state["user"], at.session_state["role"] = "boss", "viewer"
    at.run()
    assert [e.value for e in at.error] == [labels.AUTH["denied"]]
    assert not at.title and not at.get("file_uploader") and not at.dataframe


@pytest.mark.anonymous
def test_analyst_uploads_but_cannot_roll_back_or_set_targets(sample_db, accounts_file, monkeypatch):
    at = _login(dashboard(sample_db, monkeypatch), "ana", "analyst-pass-1")
    at.switch_page("pages/upload.py").run()
    assert not at.exception and "数据上传" in _page_titles(at)
    assert "目标值" not in at.selectbox(key="upload_kind").options
    at.switch_page("pages/data_admin.py").run()
    assert "数据管理" in _page_titles(at)
    assert "rollback_button" not in [b.key for b in at.button]
    assert any("需要管理员权限" in i.value for i in at.info)


@pytest.mark.anonymous
def test_admin_sees_rollback_and_targets(sample_db, accounts_file, monkeypatch):
    at = _login(dashboard(sample_db, monkeypatch), "root", "admin-pass-1")
    at.switch_page("pages/upload.py").run()
    assert "目标值" in at.selectbox(key="upload_kind").options
    at.switch_page("pages/data_admin.py").run()
    assert "rollback_button" in [b.key for b in at.button]


@pytest.mark.anonymous
def test_public_viewer_mode_needs_no_login_and_shows_viewer_pages_only(sample_db, accounts_file, monkeypatch):
    accounts.set_public_viewer(True)
    at = dashboard(sample_db, monkeypatch).run()
    assert "总览" in _page_titles(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")


@pytest.mark.anonymous
def test_no_accounts_file_means_no_access(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(tmp_path / "missing.yaml"))
    at = dashboard(sample_db, monkeypatch).run()
    assert any("尚未创建任何账户" in e.value for e in at.error)
    assert not at.get("plotly_chart")
