"""Login with sessions the server controls (access/sessions.py), the public viewer mode, and role checks on pages.

A login sets this session's user and role and hands the browser a one-time ticket, which page script exchanges at
/_auth/session for an HttpOnly cookie (access/routes.py); a reload or a new tab presents that cookie. Every rerun
checks the session again: logout, a password reset, a role change or a deleted account end it, and a public
visitor's access ends when public mode is switched off.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import bcrypt
import streamlit as st

from access import accounts, sessions
from access.roles import ROLE_LABEL, can, may_open, strongest
from presentation import labels
from store import audit
from store import db as store_db
from store.errors import StoreError

PUBLIC_USER = labels.AUTH["public_user"]
_SESSION_KEYS = ("user", "role", "_session_version")


def _config() -> dict | None:
    """The accounts file, or None after showing why it cannot be read (never a traceback)."""
    try:
        return accounts.load()
    except accounts.AccountError as exc:
        st.error(exc.message)
        return None


def _role(account: dict) -> str:
    return strongest(account.get("roles")) or "viewer"


def _forget() -> None:
    for key in _SESSION_KEYS:
        st.session_state.pop(key, None)


def _audit(user: str, action: str, detail: str) -> None:
    try:
        audit.log(None, user, action, detail)
    except StoreError:
        pass  # the login's answer matters more than the audit line when the database is unavailable


def _still_valid(user: str, users: dict) -> bool:
    """A session that logged in here counts while its account exists with the same session version. A session
    without a version was set up by server code (tests); the browser cannot write session state."""
    if "_session_version" not in st.session_state:
        return True
    version = sessions.version(accounts.accounts_file(), user)
    return user in users and st.session_state["_session_version"] == version


def gate() -> tuple[str, str] | None:
    """Return (user, role) of this session, or show the login form and return None."""
    config = _config()
    if config is None:
        return None
    users = config["credentials"]["usernames"]
    held = _holds(config)
    if held:
        return held
    claims = sessions.read(_key(), st.context.cookies.get(sessions.COOKIE))
    if sessions.valid(claims, accounts.accounts_file(), users) and not st.session_state.get("_ended"):
        st.session_state.update(user=claims.user, role=_role(users[claims.user]), _session_version=claims.version)
        return claims.user, st.session_state["role"]
    if config["public_viewer"] and not st.session_state.get("_want_login"):
        st.session_state.update(user=PUBLIC_USER, role="public")
        return PUBLIC_USER, "public"
    if not users:
        st.error(labels.AUTH["no_accounts"])
        return None
    return _login(config, users)


def _holds(config: dict) -> tuple[str, str] | None:
    """(user, role) while this session's login still counts; else ends it (checked on every rerun, by the entry
    point and by every page)."""
    users = config["credentials"]["usernames"]
    user, role = st.session_state.get("user"), st.session_state.get("role")
    if not role:
        return None
    if user == PUBLIC_USER:
        if config["public_viewer"] and not st.session_state.get("_want_login"):
            return user, role
        _forget()  # public mode was switched off: the visitor's access ends here
        return None
    if _still_valid(user, users):
        if "_session_version" in st.session_state:
            st.session_state["role"] = role = _role(users[user])
        return user, role
    _forget()
    st.session_state["_ended"] = True
    return None


def _key() -> str:
    try:
        return accounts.cookie_key()
    except accounts.AccountError:
        return ""


def _failure_times(username: str) -> list[dt.datetime]:
    window = dt.timedelta(minutes=sessions.LOCK_WINDOW_MINUTES)
    with store_db.connect(read_only=True) as con:
        return audit.times(con, username, "login_failed", since=audit.now() - window)


def _failures(username: str) -> int:
    return len(_failure_times(username))


def _locked(username: str) -> dt.datetime | None:
    """When the account's lock ends, if LOCK_AFTER failures fell within the last LOCK_WINDOW_MINUTES."""
    failures = _failure_times(username)
    if len(failures) < sessions.LOCK_AFTER:
        return None
    return failures[-sessions.LOCK_AFTER] + dt.timedelta(minutes=sessions.LOCK_WINDOW_MINUTES)


def _login(config: dict, users: dict) -> tuple[str, str] | None:
    """The login form; on success the session is logged in at once and the browser gets its cookie."""
    box = st.empty()
    with box.container(key="login_box"):
        st.title(labels.APP_TITLE)
        if st.session_state.pop("_logged_out", False):  # the session ended on the server; now the cookie goes
            _clear_cookie()
        if st.session_state.pop("_ended", False):
            st.info(labels.AUTH["ended"])
        with st.form("login"):
            username = st.text_input(labels.LOGIN_FIELDS["Username"], key="login_user")
            password = st.text_input(labels.LOGIN_FIELDS["Password"], type="password", key="login_password")
            submitted = st.form_submit_button(labels.LOGIN_FIELDS["Login"], type="primary")
        if st.session_state.get("_want_login") and st.button(labels.AUTH["back_public"], key="back_public"):
            st.session_state.pop("_want_login")
            st.rerun()
        if not submitted:
            return None
        username = username.strip()
        try:
            locked = _locked(username)
        except StoreError as exc:
            st.error(exc.message)
            return None
        if locked is not None:
            _audit(username, "login_locked", labels.AUTH["locked_audit"])
            st.error(labels.AUTH["locked"].format(until=locked.strftime("%H:%M")))
            return None
        failures = st.session_state.get("_login_failures", 0)
        if failures >= sessions.SLOW_AFTER:  # a burst from one browser is slowed
            time.sleep(sessions.SLOW_SECONDS)
        account = users.get(username)
        if account is None or not _password_ok(password, account):
            st.session_state["_login_failures"] = failures + 1
            _audit(username or labels.AUTH["unknown_user"], "login_failed", labels.AUTH["failed_audit"])
            try:
                locked_now = _locked(username)
                left = sessions.LOCK_AFTER - _failures(username)
            except StoreError:
                locked_now, left = None, 0
            if locked_now is not None:  # this failure locked the account: say so now, not at the next attempt
                st.error(labels.AUTH["locked"].format(until=locked_now.strftime("%H:%M")))
                return None
            st.error(labels.AUTH["failed"] + (labels.AUTH["failed_left"].format(n=left, minutes=sessions.LOCK_WINDOW_MINUTES)
                                         if 0 < left < sessions.LOCK_AFTER else ""))
            return None
    box.empty()
    path = accounts.accounts_file()
    version = sessions.version(path, username)
    token = sessions.issue(_key(), username, version, accounts.cookie_lifetime_seconds(config))
    _set_cookie(sessions.ticket_for(token))
    _audit(username, "login", labels.AUTH["login_audit"])
    st.session_state.pop("_login_failures", None)
    st.session_state.pop("_want_login", None)
    st.session_state.update(user=username, role=_role(account), _session_version=version)
    return username, st.session_state["role"]


def _password_ok(password: str, account: dict) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), str(account.get("password", "")).encode())
    except ValueError:  # a malformed hash in the accounts file
        return False


def _set_cookie(ticket: str) -> None:
    """Page script trades the ticket for the HttpOnly cookie; body[data-session] tells tests it is done."""
    st.html(f"""<script>
fetch('/_auth/session', {{method: 'POST', body: {json.dumps(ticket)}, credentials: 'same-origin'}})
  .then(r => {{ document.body.dataset.session = r.ok ? 'set' : 'failed'; }});
</script>""", unsafe_allow_javascript=True, width=1)


def _clear_cookie() -> None:
    st.html("""<script>
fetch('/_auth/logout', {method: 'POST', credentials: 'same-origin'})
  .then(() => { document.body.dataset.session = 'cleared'; });
</script>""", unsafe_allow_javascript=True, width=1)


def logout_button() -> None:
    """Sidebar: who is logged in, and logout (or, for a public visitor, a way to log in)."""
    user, role = st.session_state.get("user"), st.session_state.get("role")
    st.caption(labels.AUTH["current_user"].format(user=user, role=ROLE_LABEL.get(role, role)))
    if user == PUBLIC_USER:
        if st.button(labels.AUTH["login_link"], key="public_login"):
            _forget()
            st.session_state["_want_login"] = True
            st.rerun()
        return
    if st.button(labels.AUTH["logout"], key="logout"):
        if "_session_version" in st.session_state:  # every session of this account ends, its cookies too
            sessions.end_sessions(accounts.accounts_file(), user)
        _forget()
        st.session_state["_logged_out"] = True
        st.rerun()


def visible(page_file: str) -> bool:
    """Whether this session's role may see a page (used to build the navigation)."""
    return may_open(st.session_state.get("role"), page_file)


def require_page(page_file: str) -> None:
    """Server-side check at the top of every page: a typed URL does not get around the login or the roles.

    Streamlit runs a file of pages/ on its own when its URL opens a new session (a shared link, a reload); such a
    run has not passed dashboard.py's login, so it is sent to the entry point, which opens the page after login.
    """
    page_file = "pages/" + page_file.replace("\\", "/").rsplit("/", 1)[-1]
    config = _config()
    if config is None:
        st.stop()
    if not st.session_state.get("_entry") or _holds(config) is None:
        st.session_state["_next"] = (page_file, st.query_params.to_dict())  # log in, then go where the link pointed
        st.session_state["_arrived"] = True
        st.switch_page("dashboard.py")
    if not may_open(st.session_state.get("role"), page_file):
        st.error(labels.AUTH["denied"])
        st.stop()


def allowed(action: str) -> bool:
    """Server-side check before an action (upload, rollback, target change, deck build …)."""
    return can(st.session_state.get("role"), action)


def current_user() -> str:
    """The name recorded in uploads and the audit trail."""
    return st.session_state.get("user") or "unknown"
