"""The plan's catalog: loading data/catalog/*.csv into DuckDB and reading it back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from metrics import settings

CATALOG_DIR = Path(__file__).resolve().parents[1] / "data" / "catalog"

CITY = "全市"
DISTRICTS = (
    CITY, "福田区", "罗湖区", "盐田区", "南山区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区",
    "大鹏新区", "深汕特别合作区",
)
COUNT_UNITS = settings.COUNT_UNITS  # units of counts: district values add up to the city's

# table -> (file, columns in table order)
FILES = {
    "parts": ("parts.csv", ["part_no", "name"]),
    "areas": ("areas.csv", ["area_no", "part_no", "name", "sector"]),
    "task_groups": ("task_groups.csv", ["group_no", "area_no", "name"]),
    "tasks": ("tasks.csv", ["task_no", "group_no", "text"]),
    "project_categories": ("project_categories.csv", ["category_no", "name", "sector"]),
    "projects": ("projects.csv", ["project_no", "category_no", "name", "text"]),
    "agencies": ("agencies.csv", ["name", "kind", "aliases"]),
    "responsibilities": ("responsibilities.csv", ["subject", "subject_no", "agency", "role", "seq"]),
    "indicators": ("indicators.csv", ["code", "name", "unit", "direction", "project_no", "sector", "lead",
                                      "baseline_value", "baseline_period", "by_district", "min_value", "max_value",
                                      "cumulative"]),
    "indicator_tasks": ("indicator_tasks.csv", ["code", "task_no"]),
}
TARGETS_FILE = "targets.csv"


def _read(name: str, directory: Path) -> pd.DataFrame:
    return pd.read_csv(directory / name, dtype=str, keep_default_na=False, encoding="utf-8")


def catalog_hash(directory: Path = CATALOG_DIR) -> str:
    """SHA-256 over the catalog files, to reload only when they changed."""
    digest = hashlib.sha256()
    for name in sorted([f for f, _ in FILES.values()] + [TARGETS_FILE]):
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    con.register("_catalog_frame", frame)
    try:
        cols = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _catalog_frame")  # noqa: S608 - fixed names
    finally:
        con.unregister("_catalog_frame")


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for col in frame.columns:
        if col.endswith("_no") or col in ("seq", "target_year"):
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
        elif col in ("baseline_value", "target_value", "min_value", "max_value"):
            frame[col] = pd.to_numeric(frame[col].replace("", None), errors="coerce").astype("float64")
        elif col in ("by_district", "cumulative"):
            frame[col] = frame[col].str.lower().isin(["true", "1", "yes"])
        elif col == "baseline_period":
            frame[col] = frame[col].replace("", None)
    return frame


def load_if_changed(con, directory: Path = CATALOG_DIR) -> bool:
    """Replace the catalog tables when the files changed; keeps uploaded targets. Runs inside init's transaction."""
    digest = catalog_hash(directory)
    row = con.execute("SELECT value FROM meta WHERE key = 'catalog_sha256'").fetchone()
    if row and row[0] == digest:
        return False
    for table, (name, columns) in FILES.items():
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        _insert(con, table, _typed(table, _read(name, directory)[columns]))
    con.execute("DELETE FROM districts")
    for seq, name in enumerate(DISTRICTS):
        con.execute("INSERT INTO districts VALUES (?, ?)", [name, seq])
    con.execute("DELETE FROM targets WHERE upload_id IS NULL")
    targets = _read(TARGETS_FILE, directory).rename(columns={"target_note": "note"})
    _insert(con, "targets", _typed("targets", targets[["code", "target_year", "target_value", "note"]]))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('catalog_sha256', ?)", [digest])
    return True


_UNITS_OF = """
    (SELECT subject_no,
            string_agg(CASE WHEN role = 'lead' THEN agency END, '、' ORDER BY seq) AS lead,
            string_agg(CASE WHEN role = 'assist' THEN agency END, '、' ORDER BY seq) AS assist,
            string_agg(CASE WHEN role = 'joint' THEN agency END, '、' ORDER BY seq) AS joint
       FROM responsibilities WHERE subject = ? GROUP BY subject_no)
"""


def tasks(con) -> pd.DataFrame:
    """All tasks with their part, area, group, sector and agencies ('、'-joined per role)."""
    return con.execute(
        f"""SELECT t.task_no, a.part_no, g.area_no, t.group_no, g.name AS group_name,
                   a.name AS area_name, p.name AS part_name, a.sector, t.text,
                   coalesce(u.lead, '') AS lead, coalesce(u.assist, '') AS assist,
                   coalesce(u.joint, '') AS joint
              FROM tasks t JOIN task_groups g USING (group_no) JOIN areas a USING (area_no)
              JOIN parts p USING (part_no) LEFT JOIN {_UNITS_OF} u ON u.subject_no = t.task_no
             ORDER BY t.task_no""",
        ["task"],
    ).df()


def projects(con) -> pd.DataFrame:
    """All key projects with category, sector and agencies."""
    return con.execute(
        f"""SELECT p.project_no, p.category_no, c.name AS category_name, c.sector, p.name, p.text,
                   coalesce(u.lead, '') AS lead, coalesce(u.assist, '') AS assist,
                   coalesce(u.joint, '') AS joint
              FROM projects p JOIN project_categories c USING (category_no)
              LEFT JOIN {_UNITS_OF} u ON u.subject_no = p.project_no
             ORDER BY p.project_no""",
        ["project"],
    ).df()


def agencies(con) -> pd.DataFrame:
    """Canonical agencies: name, kind, aliases ('|'-joined)."""
    return con.execute("SELECT name, kind, aliases FROM agencies ORDER BY kind, name").df()


def responsibilities(con) -> pd.DataFrame:
    """subject ('task'|'project'), subject_no, agency, role, seq."""
    return con.execute(
        "SELECT subject, subject_no, agency, role, seq FROM responsibilities ORDER BY subject, subject_no, seq"
    ).df()


def indicators(con) -> pd.DataFrame:
    """All indicators with project name, the lead, baseline, bounds (min_value, max_value; NaN = open) and cumulative."""
    return con.execute(
        """SELECT i.code, i.name, i.unit, i.direction, i.project_no, p.name AS project_name, i.sector,
                  i.lead, i.baseline_value, i.baseline_period, i.by_district, i.min_value, i.max_value,
                  coalesce(i.cumulative, FALSE) AS cumulative
             FROM indicators i LEFT JOIN projects p USING (project_no) ORDER BY i.project_no, i.code"""
    ).df()


def indicator_tasks(con) -> pd.DataFrame:
    """code, task_no: the tasks whose work drives each indicator."""
    return con.execute("SELECT code, task_no FROM indicator_tasks ORDER BY code, task_no").df()


def districts(con) -> list[str]:
    """全市 first, then the districts in the city's usual order."""
    return [r[0] for r in con.execute("SELECT name FROM districts ORDER BY seq").fetchall()]


def sectors() -> list[str]:
    """The eight sectors, in the plan's order."""
    return ["工业", "农业", "服务业", "建筑业", "交通运输", "科技与产业支撑", "模式创新", "组织保障"]
