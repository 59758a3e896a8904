"""The page registry: every file of pages/ is registered, and every entry is complete (title, icon, role)."""

from __future__ import annotations

import pytest

import sitemap
from access.roles import ROLES, may_open
from presentation import labels
from tests.helpers import ROOT

REGISTERED = [page.file for page in sitemap.PAGES]


def test_every_file_of_pages_is_registered_and_every_registered_file_exists():
    on_disk = sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))
    assert sorted(REGISTERED) == on_disk
    assert len(set(REGISTERED)) == len(REGISTERED)


@pytest.mark.parametrize("page", sitemap.PAGES, ids=[p.key for p in sitemap.PAGES])
def test_every_page_has_a_title_an_icon_and_a_role(page):
    assert labels.PAGES.get(page.key), f"presentation.labels.PAGES has no title for {page.key!r}"
    assert page.icon.startswith(":material/") and page.icon.endswith(":")
    assert page.role in ROLES, f"{page.file}: role {page.role!r} is not one of {ROLES}"


def test_labels_name_only_registered_pages():
    assert set(labels.PAGES) == {page.key for page in sitemap.PAGES}
    assert set(labels.EXPORT_PAGES) == {page.key for page in sitemap.chart_pages()}


@pytest.mark.parametrize(("role", "opens"), [
    ("public", {"overview", "sectors", "agencies", "indicator", "tasks", "projects"}),
    ("viewer", {"overview", "sectors", "agencies", "indicator", "tasks", "projects", "briefing"}),
    ("analyst", {page.key for page in sitemap.PAGES}),
    (None, set()),
])
def test_the_registry_decides_who_opens_what(role, opens):
    assert {page.key for page in sitemap.PAGES if may_open(role, page.file)} == opens


def test_a_file_missing_from_the_registry_is_for_admins_only():
    assert not may_open("analyst", "pages/unregistered.py") and may_open("admin", "pages/unregistered.py")
