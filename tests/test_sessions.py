"""Sessions the server controls: signed tokens, versions that end them, tickets, lockout, strict accounts file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from access import accounts, sessions
from access.roles import may_open
from presentation import labels
from store import audit
from store import db as store_db
from tests.helpers import dashboard

KEY = "k" * 64


def test_a_token_counts_only_with_its_signature_and_before_its_expiry():
    token = sessions.issue(KEY, "张敏", 3, 3600, now=1000.0)
    assert sessions.read(KEY, token, now=2000.0) == sessions.Claims("张敏", 3, 4600.0)
    assert sessions.read(KEY, token, now=5000.0) is None  # expired
    assert sessions.read("another-key", token, now=2000.0) is None  # the key was rotated
    payload, signature = token.split(".")
    forged = sessions.issue("forger", "root", 3, 3600, now=1000.0).split(".")[0] + "." + signature
    assert sessions.read(KEY, forged, now=2000.0) is None
    for junk in ("", "abc", "a.b.c", "..", None):
        assert sessions.read(KEY, junk) is None


def test_ending_an_accounts_sessions_invalidates_its_old_tokens_only(tmp_path):
    path = tmp_path / "accounts.yaml"
    users = {"ana": {}, "boss": {}}
    ana = sessions.read(KEY, sessions.issue(KEY, "ana", sessions.version(path, "ana"), 3600))
    boss = sessions.read(KEY, sessions.issue(KEY, "boss", sessions.version(path, "boss"), 3600))
    assert sessions.valid(ana, path, users) and sessions.valid(boss, path, users)
    sessions.end_sessions(path, "ana")
    assert not sessions.valid(ana, path, users) and sessions.valid(boss, path, users)
    assert not sessions.valid(boss, path, {"ana": {}})  # a deleted account


def test_a_ticket_is_redeemed_once():
    ticket = sessions.ticket_for("the-token")
    assert sessions.redeem(ticket) == "the-token"
    assert sessions.redeem(ticket) is None
    assert sessions.redeem("made-up") is None


def test_a_password_reset_or_a_deleted_account_ends_its_sessions(tmp_path, monkeypatch):
    path = tmp_path / "accounts.yaml"
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(path))
    accounts.set_account("ana", "analyst-pass-1", "analyst")
    before = sessions.version(path, "ana")
    accounts.set_account("ana", "analyst-pass-2", "viewer")
    assert sessions.version(path, "ana") == before + 1
    accounts.delete_account("ana")
    assert sessions.version(path, "ana") == before + 2
    assert "ana" not in accounts.load()["credentials"]["usernames"]


@pytest.mark.parametrize("written, expected", [("true", True), ("'false'", False), ('"false"', False),
                                               ("no", False), ("'on'", True), ("", False)])
def test_public_viewer_is_read_strictly(tmp_path, written, expected):
    path = tmp_path / "a.yaml"
    path.write_text(f"public_viewer: {written}\ncredentials: {{usernames: {{}}}}\n", encoding="utf-8")
    assert accounts.load(path)["public_viewer"] is expected


def test_an_unreadable_accounts_file_is_a_chinese_error_naming_the_file_and_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("public_viewer: maybe\n", encoding="utf-8")
    with pytest.raises(accounts.AccountError, match="public_viewer.*maybe"):
        accounts.load(path)
    path.write_text("credentials:\n  usernames: [\n", encoding="utf-8")
    with pytest.raises(accounts.AccountError, match=r"格式错误（第 \d+ 行）"):
        accounts.load(path)


# --- in the app ---

def _try(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


def _titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


@pytest.mark.anonymous
def test_five_failures_lock_the_account_even_for_the_right_password(sample_db, accounts_file, monkeypatch):
    monkeypatch.setattr(sessions, "SLOW_SECONDS", 0.0)
    at = dashboard(sample_db, monkeypatch).run()
    for _ in range(sessions.LOCK_AFTER):
        _try(at, "ana", "wrong-password")
    _try(at, "ana", "analyst-pass-1")
    assert any("锁定" in e.value for e in at.error)
    assert "总览" not in _titles(at)
    _try(at, "root", "admin-pass-1")  # another account is not locked
    assert "总览" in _titles(at)
    with store_db.connect(sample_db) as con:
        actions = audit.entries(con)["action"].tolist()
    assert actions.count("login_failed") == sessions.LOCK_AFTER and "login_locked" in actions


@pytest.mark.anonymous
def test_a_password_reset_ends_an_open_session_at_its_next_rerun(sample_db, accounts_file, monkeypatch):
    at = _try(dashboard(sample_db, monkeypatch).run(), "ana", "analyst-pass-1")
    assert "总览" in _titles(at)
    accounts.set_account("ana", "analyst-pass-2", "analyst")
    at.run()
    assert "总览" not in _titles(at)
    assert any(labels.AUTH["ended"] == i.value for i in at.info)


@pytest.mark.anonymous
def test_public_visitors_read_but_build_no_deck_and_lose_access_when_public_mode_ends(sample_db, accounts_file,
                                                                                      monkeypatch):
    accounts.set_public_viewer(True)
    at = dashboard(sample_db, monkeypatch).run()
    assert "总览" in _titles(at) and at.session_state["role"] == "public"
    assert not may_open("public", "pages/briefing.py") and may_open("viewer", "pages/briefing.py")
    accounts.set_public_viewer(False)
    at.run()
    assert "总览" not in _titles(at) and [t.label for t in at.text_input] == ["用户名", "密码"]


@pytest.mark.anonymous
def test_a_malformed_accounts_file_is_a_chinese_message_not_a_traceback(sample_db, tmp_path, monkeypatch):
    path = tmp_path / "accounts.yaml"
    path.write_text("credentials: {usernames: [\n", encoding="utf-8")
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(path))
    at = dashboard(sample_db, monkeypatch).run()
    assert not at.exception
    assert any("账户文件" in e.value and "格式错误" in e.value for e in at.error)
