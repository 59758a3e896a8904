"""The local accounts file (YAML, hashed passwords, kept out of git) in streamlit-authenticator's format."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import yaml
from streamlit_authenticator.utilities import Hasher

from access import sessions
from access.roles import ROLES
from errors import UserError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO / "config" / "accounts.yaml"
FIRST_ADMIN = "admin"  # created by `make run` with a random password printed once


class AccountError(UserError):
    """A refused account change; the message is for users (Chinese)."""


def accounts_file() -> Path:
    """$CLEANPROD_ACCOUNTS, else config/accounts.yaml."""
    return Path(os.environ.get("CLEANPROD_ACCOUNTS") or DEFAULT_FILE)


_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0", "")


def _bool(value: object, key: str, path: Path) -> bool:
    """A YAML boolean read strictly: true/false (also quoted, yes/no, on/off, 1/0); anything else is an error."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise AccountError(f"账户文件 {path} 中“{key}”的值“{value}”无法识别：请写 true 或 false。")


def load(path: Path | None = None) -> dict:
    """The accounts config; an empty one (no users) when the file does not exist.

    Raises:
        AccountError: the file is not valid YAML of the expected shape (the message names the file and the line).
    """
    path = path or accounts_file()
    if not path.exists():
        return {"credentials": {"usernames": {}}, "cookie": {"name": "cleanprod_auth", "key": "",
                                                              "expiry_days": 1}, "public_viewer": False}
    try:
        with open(path, encoding="utf-8") as f:
            config = yaml.safe_load(f) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else "某处"
        raise AccountError(f"账户文件 {path} 格式错误（{where}），无法读取账户。"
                           "请管理员修正该文件，或用 python manage.py account 重新创建账户。") from None
    except (OSError, UnicodeDecodeError):
        raise AccountError(f"账户文件 {path} 无法读取。请检查文件权限和编码（UTF-8）。") from None
    if not isinstance(config, dict) or not isinstance(config.get("credentials", {}), dict):
        raise AccountError(f"账户文件 {path} 的结构不对（缺少 credentials）。请用 python manage.py account 重新创建账户。")
    config.setdefault("credentials", {}).setdefault("usernames", {})
    if not isinstance(config["credentials"]["usernames"], dict):
        raise AccountError(f"账户文件 {path} 的 usernames 不是账户表。请用 python manage.py account 重新创建账户。")
    config.setdefault("cookie", {"name": "cleanprod_auth", "key": "", "expiry_days": 1})
    config["public_viewer"] = _bool(config.get("public_viewer", False), "public_viewer", path)
    return config


def cookie_lifetime_seconds(config: dict) -> float:
    """How long a login lasts without activity: cookie.expiry_days of the accounts file (default 1 day)."""
    try:
        days = float(config.get("cookie", {}).get("expiry_days", 1))
    except (TypeError, ValueError):
        raise AccountError("账户文件中 cookie.expiry_days 不是数字，请改为天数，例如 1。") from None
    return max(days, 1 / 24) * 86400


def cookie_key(path: Path | None = None) -> str:
    """The key that signs session tokens; created (and saved) on first use."""
    path = path or accounts_file()
    config = load(path)
    if not config["cookie"].get("key") and path.exists():
        save(config, path)
        config = load(path)
    return str(config["cookie"].get("key") or "")


def rotate_key(path: Path | None = None) -> None:
    """A new signing key: every session of every account ends."""
    path = path or accounts_file()
    config = load(path)
    config["cookie"]["key"] = secrets.token_hex(32)
    save(config, path)


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
                path: Path | None = None, agency: str | None = None) -> bool:
    """Create an account or reset its password and role; returns True when it was created. A reporter is bound to
    one agency (its canonical name, resolved by the caller)."""
    if role not in ROLES:
        raise AccountError(f"角色“{role}”无效。请使用 {' / '.join(ROLES)} 之一。")
    if role == "reporter" and not agency:
        raise AccountError("填报单位账户须绑定一个单位：请加 --agency 单位名称，例如 --agency 市住房建设局。")
    if not username or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise AccountError("用户名只能包含字母、数字、点、下划线和连字符。")
    if len(password) < 8:
        raise AccountError("密码至少 8 个字符。")
    if password != password.strip():
        raise AccountError("密码的开头或结尾不能是空格（登录时容易漏输）。请去掉首尾空格后重试。")
    config = load(path)
    users = config["credentials"]["usernames"]
    created = username not in users
    users[username] = {"name": name or users.get(username, {}).get("name") or username,
                       "password": Hasher.hash(password), "roles": [role],
                       "email": users.get(username, {}).get("email", f"{username}@localhost"),
                       "failed_login_attempts": 0, "logged_in": False}
    if agency:
        users[username]["agency"] = agency
    save(config, path)
    if not created:  # a password reset or a role change ends the account's open sessions
        sessions.end_sessions(path or accounts_file(), username)
    return created


def agency_of(username: str | None, path: Path | None = None) -> str | None:
    """The agency an account is bound to (reporters), else None."""
    if not username:
        return None
    account = load(path)["credentials"]["usernames"].get(username) or {}
    return account.get("agency") or None


def delete_account(username: str, path: Path | None = None) -> None:
    """Remove an account; its sessions end at their next rerun."""
    config = load(path)
    if username not in config["credentials"]["usernames"]:
        raise AccountError(f"没有名为“{username}”的账户。")
    del config["credentials"]["usernames"][username]
    save(config, path)
    sessions.end_sessions(path or accounts_file(), username)


def ensure_first_admin(path: Path | None = None) -> str | None:
    """Create the first admin with a random password when no account exists; returns that password (shown once)
    or None when accounts exist."""
    config = load(path)
    if config["credentials"]["usernames"]:
        return None
    password = secrets.token_urlsafe(12)
    set_account(FIRST_ADMIN, password, "admin", "管理员", path)
    return password


def set_public_viewer(enabled: bool, path: Path | None = None) -> None:
    """Read-only public mode: no login, viewer pages only."""
    config = load(path)
    config["public_viewer"] = bool(enabled)
    save(config, path)
