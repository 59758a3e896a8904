"""Roles and their rights: viewers look, analysts upload, admins set targets and roll back (pages: sitemap.PAGES)."""

from __future__ import annotations

import sitemap

# public: a visitor in public viewer mode (no login): reads the dashboard, starts no deck or PDF build
# reporter: an agency's account (bound to one agency): sees what a viewer sees, and reports its own work (本单位填报)
ROLES = ("public", "viewer", "reporter", "analyst", "admin")
ROLE_LABEL = {"public": "公开访问", "viewer": "查看人员", "reporter": "填报单位", "analyst": "分析人员", "admin": "管理员"}

# action -> lowest role that may do it (checked again on the server side, not only by hiding a button)
ACTION_ROLE = {
    "upload": "analyst",
    "upload_targets": "admin",
    "rollback": "admin",
    "remove_sample": "admin",
    "view_audit": "admin",
}


def rank(role: str | None) -> int:
    """-1 for no role; then public < viewer < reporter < analyst < admin."""
    return ROLES.index(role) if role in ROLES else -1


def can(role: str | None, action: str) -> bool:
    """True when `role` may do `action` (an ACTION_ROLE key)."""
    return rank(role) >= rank(ACTION_ROLE[action])


def may_open(role: str | None, page: str) -> bool:
    """True when `role` may open the page file ('pages/x.py'); a file not in sitemap.PAGES is for admins only."""
    registered = sitemap.BY_FILE.get(page)
    return rank(role) >= rank(registered.role if registered else "admin")


def strongest(roles) -> str | None:
    """The highest of a user's roles (a YAML account may list several)."""
    found = [r for r in (roles or []) if r in ROLES]
    return max(found, key=rank) if found else None
