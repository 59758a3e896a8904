"""The catalog in data/catalog/ is proven against the plan document (the seed text).

Stdlib only: csv + re. The seed lives in /work/shared/seed (sibling of the repo) or $CLEANPROD_SEED_DIR.
"""

import csv
import os
import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "data" / "catalog"
SEED_DIR = Path(
    os.environ.get("CLEANPROD_SEED_DIR") or Path(__file__).resolve().parents[2] / "shared" / "seed"
)

SECTORS = {"工业", "农业", "服务业", "建筑业", "交通运输", "科技与产业支撑", "模式创新", "组织保障"}
ROLES = {"lead", "assist", "joint"}
KINDS = {"city_department", "district_government", "other"}
ROLE_MARK = re.compile(r"牵头单位\s*[:：]|协办单位\s*[:：]|等按职责分工负责")
UNIT_PREFIXES = ("市", "各区", "深圳", "深汕", "人民银行")
# targets whose seed wording carries no number: wording -> value it means
QUALITATIVE = {"全覆盖": "100", "不再使用": "0"}


def norm(s):
    return re.sub(r"\s+|</?p>", "", s)


def read(name):
    with open(CATALOG / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def seed_lines():
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed text not found in {SEED_DIR} (set CLEANPROD_SEED_DIR)")
    text = next(
        (f.read_text(encoding="utf-8") for f in files if "重点任务" in f.read_text(encoding="utf-8")), None
    )
    if text is None:
        pytest.skip(f"no plan document (重点任务) among {SEED_DIR}/*.txt")
    return text.split("\n")


@pytest.fixture(scope="module")
def sections(seed_lines):
    """Raw seed lines of the task table and of the project table."""
    split = next(i for i, line in enumerate(seed_lines) if line.startswith("重点工程"))
    return {"task": seed_lines[:split], "project": seed_lines[split:]}


def unit_cell(line):
    """The responsible-unit cell of a raw seed line, or None when the line has none."""
    fields = [f.strip() for f in line.split("\t") if f.strip()]
    if len(fields) < 2:
        return None
    cell = fields[-1]
    if ROLE_MARK.search(cell):
        return cell
    pieces = cell.split("、")
    if len(pieces) > 1 and "。" not in cell and all(p.startswith(UNIT_PREFIXES) for p in pieces):
        return cell  # a bare list of units (task 122)
    return None


def parse_units(cell):
    """[(name, role)] in order of appearance, parentheticals stripped."""
    cell = re.sub(r"（[^）]*）", "", cell)
    m = re.fullmatch(r"\s*牵头单位\s*[:：](.+?)协办单位\s*[:：](.+)", cell)
    groups = [(m.group(1), "lead"), (m.group(2), "assist")] if m else [(ROLE_MARK.sub("", cell), "joint")]
    return [(n.strip(), role) for part, role in groups for n in part.split("、") if n.strip()]


@pytest.fixture(scope="module")
def canonical():
    """spelling (name or alias) -> canonical agency name"""
    out = {}
    for a in read("agencies.csv"):
        out[a["name"]] = a["name"]
        for alias in filter(None, a["aliases"].split("|")):
            out[alias] = a["name"]
    return out


def test_every_task_and_project_text_appears_in_the_seed(sections):
    for kind, file in (("task", "tasks.csv"), ("project", "projects.csv")):
        blob = norm("".join(sections[kind]))
        for row in read(file):
            assert norm(row["text"]) in blob, f"{kind} {row[kind + '_no']} text not in seed"


def test_numbering_is_complete_and_in_order():
    expected = {
        "parts.csv": ("part_no", 4),
        "areas.csv": ("area_no", 19),
        "task_groups.csv": ("group_no", 32),
        "tasks.csv": ("task_no", 140),
        "project_categories.csv": ("category_no", 7),
        "projects.csv": ("project_no", 25),
    }
    for file, (col, n) in expected.items():
        assert [int(r[col]) for r in read(file)] == list(range(1, n + 1)), file


def test_hierarchy_references_exist_and_are_non_decreasing():
    def parents(file, parent_col, parent_file):
        keys = {r[parent_col] for r in read(parent_file)}
        refs = [r[parent_col] for r in read(file)]
        assert set(refs) <= keys, f"{file}.{parent_col} refers to missing {parent_file} rows"
        assert [int(x) for x in refs] == sorted(int(x) for x in refs), f"{file}.{parent_col} goes backwards"
        assert keys == set(refs), f"some {parent_file} row has no {file} children"

    parents("tasks.csv", "group_no", "task_groups.csv")
    parents("task_groups.csv", "area_no", "areas.csv")
    parents("areas.csv", "part_no", "parts.csv")
    parents("projects.csv", "category_no", "project_categories.csv")


def test_group_names_and_same_line_task_placement_follow_the_seed(sections):
    blob = norm("".join(sections["task"]))
    for g in read("task_groups.csv"):
        assert f"{g['group_no']}.{norm(g['name'])}" in blob, f"group {g['group_no']} label not in seed"
    group_of = {int(r["task_no"]): int(r["group_no"]) for r in read("tasks.csv")}
    checked = 0
    for line in sections["task"]:
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        label = next((int(m.group(1)) for f in fields if (m := re.match(r"(\d+)\.", f))), None)
        task = next((int(m.group(1)) for f in fields if (m := re.fullmatch(r"(\d+)(?:\s.*)?", f))), None)
        if label and task:
            assert group_of[task] == label, f"task {task} stands on the line of group label {label}"
            checked += 1
    assert checked >= 32
    # tasks printed just above their group's label (seed lines 75-77: tasks 56, 57, then "(四)… 12. …")
    assert group_of[56] == group_of[57] == 12


def test_sectors_come_from_the_eight_allowed_strings():
    for file in ("areas.csv", "project_categories.csv", "indicators.csv"):
        assert {r["sector"] for r in read(file)} <= SECTORS, file


def test_every_unit_named_in_the_seed_maps_to_one_canonical_agency(seed_lines, canonical):
    named = Counter(n for line in seed_lines if (cell := unit_cell(line)) for n, _ in parse_units(cell))
    assert named, "no unit cells found in seed"
    assert set(named) <= set(canonical), f"unmapped units: {set(named) - set(canonical)}"
    # every canonical name and alias is really spelled that way somewhere in the seed
    assert set(canonical) <= set(named), set(canonical) - set(named)
    # the canonical spelling is the most frequent one
    for spelling, name in canonical.items():
        assert named[name] >= named[spelling], f"{spelling} is more frequent than canonical {name}"
    assert {a["kind"] for a in read("agencies.csv")} <= KINDS


def test_responsibilities_match_each_subjects_unit_cell_in_the_seed(sections, canonical):
    resp = {}
    for r in read("responsibilities.csv"):
        assert r["role"] in ROLES and r["agency"] in canonical.values(), r
        resp.setdefault((r["subject"], int(r["subject_no"])), []).append(r)
    for kind, file in (("task", "tasks.csv"), ("project", "projects.csv")):
        for row in read(file):
            no, text = int(row[kind + "_no"]), norm(row["text"])
            rows = resp.get((kind, no))
            assert rows, f"{kind} {no} has no responsibilities"
            assert [int(r["seq"]) for r in rows] == list(range(1, len(rows) + 1)), f"{kind} {no} seq"
            got = [(r["agency"], r["role"]) for r in rows]
            # the seed line holding this subject: its number immediately followed by its text
            line = next(x for x in sections[kind] if f"{no}{text}" in norm(x))
            cell = unit_cell(line)
            if cell is None:  # the unit is named only in the task's own text (task 121)
                assert len(got) == 1 and got[0][1] == "lead" and text.startswith(got[0][0]), f"{kind} {no}"
            else:
                assert got == [(canonical[n], role) for n, role in parse_units(cell)], f"{kind} {no}"


def test_indicators_targets_and_task_links_are_consistent():
    projects = {r["project_no"]: r for r in read("projects.csv")}
    tasks = {r["task_no"] for r in read("tasks.csv")}
    indicators = {r["code"]: r for r in read("indicators.csv")}
    first_lead = {}
    for r in read("responsibilities.csv"):
        if r["subject"] == "project" and r["role"] == "lead":
            first_lead.setdefault(r["subject_no"], r["agency"])
    for ind in indicators.values():
        assert ind["direction"] in {"increase", "decrease"} and ind["by_district"] in {"true", "false"}
        assert ind["lead"] == first_lead[ind["project_no"]], ind["code"]
    targets = read("targets.csv")
    assert {t["code"] for t in targets} == set(indicators)
    for t in targets:
        text = norm(projects[indicators[t["code"]]["project_no"]]["text"])
        assert norm(t["target_note"]) in text, f"{t['code']}: note not in project text"
        years = re.findall(r"(20\d\d)年", text)
        assert t["target_year"] in (years or ["2025"]), f"{t['code']}: year differs from the project text"
        numbers = re.findall(r"\d+(?:\.\d+)?", t["target_note"])
        if numbers:  # the value is the number the seed states (the note itself is in the text)
            assert t["target_value"] == numbers[0], t["code"]
        elif t["target_value"]:
            assert any(w in t["target_note"] and v == t["target_value"] for w, v in QUALITATIVE.items()), t[
                "code"
            ]
    links = read("indicator_tasks.csv")
    assert {r["task_no"] for r in links} <= tasks
    assert {r["code"] for r in links} == set(indicators), "every indicator needs at least one task"
