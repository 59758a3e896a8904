"""The local accounts file (YAML, hashed passwords, kept out of git) in streamlit-authenticator's format."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import yaml
from streamlit_authenticator.utilities import Hasher

from access.roles import ROLES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO / "config" / "accounts.yaml"
FIRST_ADMIN = ("admin", "cleanprod-admin")  # documented in the README; change it at once with `account`


class AccountError(Exception):
    """A refused account change; the message is for users (Chinese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def accounts_file() -> Path:
    """$CLEANPROD_ACCOUNTS, else config/accounts.yaml."""
    return Path(os.environ.get("CLEANPROD_ACCOUNTS") or DEFAULT_FILE)


def load(path: Path | None = None) -> dict:
    """The accounts config; an empty one (no users) when the file does not exist."""
    path = path or accounts_file()
    if not path.exists():
        return {"credentials": {"usernames": {}}, "cookie": {"name": "cleanprod_auth", "key": "",
                                                              "expiry_days": 1}, "public_viewer": False}
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    config.setdefault("credentials", {}).setdefault("usernames", {})
    config.setdefault("cookie", {"name": "cleanprod_auth", "key": "", "expiry_days": 1})
    config.setdefault("public_viewer", False)
    return config


def save(config: dict, path: Path | None = None) -> None:
    """Write the file readable by its owner only (it holds password hashes and the cookie key)."""
    path = path or accounts_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not config["cookie"].get("key"):
        config["cookie"]["key"] = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        yaml.safe_dump(config, f, allow_unicode=True, sort_keys=True)
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def set_account(username: str, password: str, role: str, name: str | None = None,
                path: Path | None = None) -> bool:
    """Create an account or reset its password and role; returns True when it was created."""
    if role not in ROLES:
        raise AccountError(f"角色“{role}”无效。请使用 {' / '.join(ROLES)} 之一。")
    if not username or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise AccountError("用户名只能包含字母、数字、点、下划线和连字符。")
    if len(password) < 8:
        raise AccountError("密码至少 8 个字符。")
    config = load(path)
    users = config["credentials"]["usernames"]
    created = username not in users
    users[username] = {"name": name or users.get(username, {}).get("name") or username,
                       "password": Hasher.hash(password), "roles": [role],
                       "email": users.get(username, {}).get("email", f"{username}@localhost"),
                       "failed_login_attempts": 0, "logged_in": False}
    save(config, path)
    return created


def ensure_first_admin(path: Path | None = None) -> bool:
    """Create the documented first admin when no account exists; True when created."""
    config = load(path)
    if config["credentials"]["usernames"]:
        return False
    set_account(FIRST_ADMIN[0], FIRST_ADMIN[1], "admin", "管理员", path)
    return True


def set_public_viewer(enabled: bool, path: Path | None = None) -> None:
    """Read-only public mode: no login, viewer pages only."""
    config = load(path)
    config["public_viewer"] = bool(enabled)
    save(config, path)
