"""Logins the server controls: signed session tokens, a version per account that ends its sessions, one-time
tickets that turn a login into an HttpOnly cookie, and the lockout after repeated failures.

A token is `payload.signature`: the payload names the account, the account's session version at login and the
expiry; the signature is an HMAC with the accounts file's cookie key. A token counts while its signature holds, it
has not expired, the account still exists and its version is unchanged. Logout, a password reset, a role change or
a deleted account bump the version (every session of that account ends at its next rerun); rotating the key ends
all sessions. Versions live beside the accounts file (`<accounts>.sessions.json`, mode 600), so the app can end a
session without rewriting the accounts file.

The cookie itself is set by the server (access/routes.py) in exchange for a ticket: a random one-time string, valid
for a minute, that the login hands to the browser. The token never passes through page script.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

COOKIE = "cleanprod_session"
TICKET_SECONDS = 60
LOCK_AFTER = 5  # failed logins of one account …
LOCK_WINDOW_MINUTES = 15  # … within this window lock it for as long
SLOW_AFTER = 3  # failed logins in one browser session before each further attempt waits
SLOW_SECONDS = 2.0

_tickets: dict[str, tuple[str, float]] = {}  # ticket -> (token, expires at); one process serves app and routes
_lock = threading.Lock()


@dataclass(frozen=True)
class Claims:
    user: str
    version: int
    expires: float


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: str, payload: str) -> str:
    return _b64(hmac.new(key.encode(), payload.encode(), hashlib.sha256).digest())


def issue(key: str, user: str, version: int, lifetime_seconds: float, now: float | None = None) -> str:
    """A signed token for `user` at session `version`, valid for `lifetime_seconds`."""
    if not key:
        raise ValueError("no cookie key: save the accounts file once (accounts.save) to create one")
    expires = (time.time() if now is None else now) + lifetime_seconds
    payload = _b64(json.dumps({"u": user, "v": version, "e": round(expires)}, ensure_ascii=False).encode())
    return f"{payload}.{_sign(key, payload)}"


def read(key: str, token: str | None, now: float | None = None) -> Claims | None:
    """The claims of a well-signed, unexpired token; None for anything else (never raises)."""
    if not key or not token or token.count(".") != 1:
        return None
    payload, signature = token.split(".")
    if not hmac.compare_digest(signature, _sign(key, payload)):
        return None
    try:
        data = json.loads(_unb64(payload))
        claims = Claims(str(data["u"]), int(data["v"]), float(data["e"]))
    except (ValueError, KeyError, TypeError):
        return None
    return claims if claims.expires > (time.time() if now is None else now) else None


# --- versions ----------------------------------------------------------------------------------------------


def versions_file(accounts_path: Path) -> Path:
    return accounts_path.with_name(accounts_path.name + ".sessions.json")


def _versions(accounts_path: Path) -> dict[str, int]:
    try:
        with open(versions_file(accounts_path), encoding="utf-8") as f:
            data = json.load(f)
        return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError):
        return {}


def version(accounts_path: Path, user: str) -> int:
    """The account's current session version (0 until its sessions were first ended)."""
    return _versions(accounts_path).get(user, 0)


def end_sessions(accounts_path: Path, user: str) -> None:
    """Every session of `user` ends at its next rerun; its cookies stop counting."""
    with _lock:
        data = _versions(accounts_path)
        data[user] = data.get(user, 0) + 1
        path = versions_file(accounts_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, sort_keys=True)
        os.chmod(tmp, 0o600)
        tmp.replace(path)


def valid(claims: Claims | None, accounts_path: Path, users: dict) -> bool:
    """Whether signed claims still count: the account exists and its version is unchanged."""
    return claims is not None and claims.user in users and claims.version == version(accounts_path, claims.user)


# --- tickets -----------------------------------------------------------------------------------------------


def ticket_for(token: str) -> str:
    """A one-time ticket the browser exchanges for the HttpOnly cookie holding `token`."""
    ticket = secrets.token_urlsafe(32)
    now = time.monotonic()
    with _lock:
        for old in [t for t, (_, expires) in _tickets.items() if expires < now]:
            del _tickets[old]
        _tickets[ticket] = (token, now + TICKET_SECONDS)
    return ticket


def redeem(ticket: str) -> str | None:
    """The token of a ticket, once; None when unknown, used or expired."""
    with _lock:
        token, expires = _tickets.pop(ticket, (None, 0.0))
    return token if token is not None and expires >= time.monotonic() else None
