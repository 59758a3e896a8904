"""Roles and their rights, in one table: viewers look, analysts upload, admins set targets and roll back."""

from __future__ import annotations

# public: a visitor in public viewer mode (no login): reads the dashboard, starts no deck or PDF build
ROLES = ("public", "viewer", "analyst", "admin")
ROLE_LABEL = {"public": "公开访问", "viewer": "查看人员", "analyst": "分析人员", "admin": "管理员"}

# page file -> lowest role that may open it
PAGE_ROLE = {
    "pages/overview.py": "public",
    "pages/sectors.py": "public",
    "pages/agencies.py": "public",
    "pages/indicator.py": "public",
    "pages/tasks.py": "public",
    "pages/projects.py": "public",
    "pages/briefing.py": "viewer",  # builds decks and PDFs (Chromium): not for anonymous public visitors
    "pages/upload.py": "analyst",
    "pages/data_admin.py": "analyst",
}

# action -> lowest role that may do it (checked again on the server side, not only by hiding a button)
ACTION_ROLE = {
    "upload": "analyst",
    "upload_targets": "admin",
    "rollback": "admin",
    "remove_sample": "admin",
    "view_audit": "admin",
}


def rank(role: str | None) -> int:
    """-1 for no role; then public < viewer < analyst < admin."""
    return ROLES.index(role) if role in ROLES else -1


def can(role: str | None, action: str) -> bool:
    """True when `role` may do `action` (an ACTION_ROLE key)."""
    return rank(role) >= rank(ACTION_ROLE[action])


def may_open(role: str | None, page: str) -> bool:
    """True when `role` may open the page file."""
    return rank(role) >= rank(PAGE_ROLE.get(page, "admin"))


def strongest(roles) -> str | None:
    """The highest of a user's roles (a YAML account may list several)."""
    found = [r for r in (roles or []) if r in ROLES]
    return max(found, key=rank) if found else None
