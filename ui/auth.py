"""Login with streamlit-authenticator (local YAML accounts), the public viewer mode, and role checks on pages."""

from __future__ import annotations

import streamlit as st

from access import accounts
from access.roles import ROLE_LABEL, can, may_open, strongest
from store import audit
from store import db as store_db
from store.errors import StoreError
from ui import labels as L

PUBLIC_USER = L.AUTH["public_user"]


def _authenticator(config: dict):
    import streamlit_authenticator as stauth

    # Credentials as a dict, not the file path: the app never rewrites the accounts file.
    return stauth.Authenticate(config["credentials"], config["cookie"]["name"], config["cookie"]["key"],
                               float(config["cookie"].get("expiry_days", 1)))


def _record_failure(username: str) -> None:
    try:
        with store_db.connect() as con:
            audit.record(con, username, "login_failed", L.AUTH["failed_audit"])
    except StoreError:
        pass  # the login message matters more than the audit line when the database is unavailable


def gate() -> tuple[str, str] | None:
    """Return (user, role) of this session, or show the login form and return None.

    A role already in session state was set by this server after a login; browsers cannot set it.
    """
    if st.session_state.get("role"):
        return st.session_state["user"], st.session_state["role"]
    config = accounts.load()
    if config.get("public_viewer"):
        st.session_state.update(user=PUBLIC_USER, role="viewer")
        return PUBLIC_USER, "viewer"
    if not config["credentials"]["usernames"]:
        st.error(L.AUTH["no_accounts"])
        return None
    authenticator = _authenticator(config)
    st.title(L.APP_TITLE)
    users = config["credentials"]["usernames"]
    attempts = {name: u.get("failed_login_attempts", 0) for name, u in users.items()}
    authenticator.login(location="main", fields=L.LOGIN_FIELDS, key="login")
    status = st.session_state.get("authentication_status")
    if status:
        role = strongest(st.session_state.get("roles")) or "viewer"
        st.session_state.update(user=st.session_state.get("username"), role=role)
        st.rerun()
    if status is False:
        st.error(L.AUTH["failed"])
        # The library counts failures per account in the credentials dict: that names who tried.
        tried = [n for n, u in users.items() if u.get("failed_login_attempts", 0) > attempts.get(n, 0)]
        _record_failure(tried[0] if tried else L.AUTH["unknown_user"])
    return None


def logout_button() -> None:
    """Sidebar: who is logged in, and a logout button (not in public mode)."""
    user, role = st.session_state.get("user"), st.session_state.get("role")
    st.caption(L.AUTH["current_user"].format(user=user, role=ROLE_LABEL.get(role, role)))
    if user != PUBLIC_USER and st.button(L.AUTH["logout"], key="logout"):
        for key in ("user", "role", "authentication_status", "username", "name", "roles"):
            st.session_state.pop(key, None)
        st.rerun()


def visible(page_file: str) -> bool:
    """Whether this session's role may see a page (used to build the navigation)."""
    return may_open(st.session_state.get("role"), page_file)


def require_page(page_file: str) -> None:
    """Server-side check at the top of every page: a typed URL does not get around the login or the roles.

    Streamlit runs a file of pages/ on its own when its URL is the first one opened after a restart; such a
    run has not passed dashboard.py's login, so it is sent to the entry point instead.
    """
    if not st.session_state.get("_entry"):
        st.switch_page("dashboard.py")
    page_file = "pages/" + page_file.replace("\\", "/").rsplit("/", 1)[-1]
    if not may_open(st.session_state.get("role"), page_file):
        st.error(L.AUTH["denied"])
        st.stop()


def allowed(action: str) -> bool:
    """Server-side check before an action (upload, rollback, target change …)."""
    return can(st.session_state.get("role"), action)


def current_user() -> str:
    """The name recorded in uploads and the audit trail."""
    return st.session_state.get("user") or "unknown"
