"""The dashboard's pages in one table: file, title, icon, who may open it, whether its charts can be exported.

Navigation (dashboard.py), access checks (access.roles.may_open), the chart ZIP of the briefing page and the tests
iterate this table; a page is added here, in pages/ and in presentation.labels.PAGES (its title), nowhere else.
No Streamlit import: the command line and the tests read it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from presentation import labels


@dataclass(frozen=True)
class Page:
    """One page of the dashboard.

    Attributes:
        file: the page's script, relative to the project ('pages/overview.py'); its URL path is the file's stem.
        icon: Streamlit material icon shown in the navigation.
        role: the lowest role (access.roles.ROLES) that may open it.
        charts: True when the briefing page offers its charts as a ZIP (reports.images.page_figures draws them).
    """

    file: str
    icon: str
    role: str
    charts: bool = False

    @property
    def key(self) -> str:
        """The file's stem: the page's URL path and its key in presentation.labels.PAGES."""
        return PurePosixPath(self.file).stem

    @property
    def title(self) -> str:
        return labels.PAGES[self.key]


# In navigation order; the first is the default page.
PAGES: tuple[Page, ...] = (
    Page("pages/overview.py", ":material/dashboard:", "public", charts=True),
    Page("pages/sectors.py", ":material/category:", "public", charts=True),
    Page("pages/agencies.py", ":material/account_balance:", "public", charts=True),
    Page("pages/indicator.py", ":material/show_chart:", "public", charts=True),
    Page("pages/tasks.py", ":material/checklist:", "public"),
    Page("pages/projects.py", ":material/construction:", "public"),
    Page("pages/upload.py", ":material/upload_file:", "analyst"),
    Page("pages/data_admin.py", ":material/manage_history:", "analyst"),
    # builds decks and PDFs (Chromium): not for anonymous public visitors
    Page("pages/briefing.py", ":material/slideshow:", "viewer"),
    # an agency's own reports, verification (核查) and to-do list; admins verify lead units' reports here
    Page("pages/my_reports.py", ":material/assignment:", "reporter"),
)

BY_FILE: dict[str, Page] = {page.file: page for page in PAGES}


def chart_pages() -> list[Page]:
    """The pages whose charts the briefing page exports, in navigation order."""
    return [page for page in PAGES if page.charts]
