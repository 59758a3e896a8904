"""Generates data/sample/: quarterly actuals 2023Q1–2026Q3 and task statuses, as agencies would send them.

The story a leader should read from it (as of 2026Q3):
- 2025 targets: green manufacturing, prefab share, water-to-water transshipment, fast charging and shore power
  achieved; construction-waste recycling (87% vs 90%), sea-rail share, PV-storage pilots and plastic-free express
  outlets missed.
- 2030 targets (seed for building energy saving, a sample target upload for the rest): residential saving on
  track, public-building saving and construction waste at risk, sea-rail off track, water-to-water transshipment
  regressing since 2025Q4; irrigation efficiency still waits for the province's target.
- One revision (P17 2025Q2 corrected in the next quarter's file) and one upload rolled back (a wrong 2026Q2 file).
Files use the encodings and headers agencies really send: UTF-8 with BOM, GBK, Excel, Chinese headers.

Run: .venv/bin/python scripts/make_sample.py   (deterministic; rewrites data/sample/)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import numpy as np
import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from metrics import periods  # noqa: E402

OUT = ROOT / "data" / "sample"
QUARTERS = periods.span("2023Q1", "2026Q3")
DISTRICTS = ["福田区", "罗湖区", "盐田区", "南山区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区",
             "大鹏新区", "深汕特别合作区"]
# district weights for counts and offsets (percentage points) for rates; 坪山区 and 深汕 lag behind
WEIGHTS = np.array([0.08, 0.05, 0.03, 0.14, 0.2, 0.17, 0.13, 0.06, 0.07, 0.03, 0.04])
OFFSETS = np.array([2.5, 1.5, 1.0, 3.0, 0.5, -0.5, 1.0, -4.0, 0.0, -1.5, -6.0])

# code -> (kind, anchor points {period: value}); values between anchors are interpolated, then noise added
SERIES = {
    "P02_GREEN_MFG": ("count", {"2023Q1": 82, "2025Q4": 146, "2026Q3": 161}),
    "P04_CP_AUDIT": ("count", {"2023Q1": 118, "2025Q4": 402, "2026Q3": 455}),
    "P06_IRRIGATION": ("coef", {"2023Q1": 0.618, "2026Q3": 0.646}),
    "P11_EXPRESS_PLASTIC": ("rate", {"2023Q1": 46.0, "2025Q4": 6.2, "2026Q3": 3.1}),
    "P12_RES_SAVING": ("rate", {"2023Q1": 65.0, "2026Q3": 70.2}),
    "P12_PUB_SAVING": ("rate", {"2023Q1": 66.0, "2026Q3": 69.1}),
    "P14_PV_STORAGE": ("count", {"2023Q1": 0, "2025Q4": 7, "2026Q3": 9}),
    "P15_PREFAB": ("rate", {"2023Q1": 38.0, "2025Q4": 61.0, "2026Q3": 62.5}),
    "P17_CW_RECYCLING": ("rate", {"2023Q1": 78.0, "2024Q4": 86.0, "2025Q4": 86.6, "2026Q3": 87.0}),
    "P18_WATER_TRANSSHIP": ("rate", {"2023Q1": 28.2, "2025Q4": 34.6, "2026Q3": 28.9}),
    "P18_SEA_RAIL": ("rate", {"2023Q1": 0.42, "2025Q4": 0.81, "2026Q3": 0.9}),
    "P19_HW_FAST_CHARGE": ("rate", {"2023Q1": 71.0, "2025Q3": 100.0, "2026Q3": 100.0}),
    "P19_SHORE_POWER": ("rate", {"2023Q1": 55.0, "2025Q4": 82.0, "2026Q3": 84.0}),
}
BY_DISTRICT = {"P02_GREEN_MFG", "P04_CP_AUDIT", "P11_EXPRESS_PLASTIC", "P15_PREFAB", "P17_CW_RECYCLING"}
DECIMALS = {"count": 0, "coef": 3, "rate": 1}

# Sample targets an admin would add: the province's audit task and 2030 targets for the 2025 indicators.
SAMPLE_TARGETS = [
    ("P04_CP_AUDIT", 2025, 400), ("P02_GREEN_MFG", 2030, 220), ("P14_PV_STORAGE", 2030, 30),
    ("P15_PREFAB", 2030, 70), ("P17_CW_RECYCLING", 2030, 95), ("P18_WATER_TRANSSHIP", 2030, 40),
    ("P18_SEA_RAIL", 2030, 3), ("P19_SHORE_POWER", 2030, 95), ("P11_EXPRESS_PLASTIC", 2030, 0),
]

NOTES = {
    "已完成": ["已按计划完成全部工作内容", "已完成并通过验收", "相关制度已印发实施"],
    "推进中": ["按计划推进，累计完成计划工作量的{p}%", "已完成方案编制，正在组织实施", "正在开展调研和试点，进度正常"],
    "滞后": ["受项目审批影响进度滞后，正在协调", "资金未到位，进度滞后", "试点企业申报不足，需加大推动力度"],
    "未启动": ["尚未启动，计划下季度开展", "待上级文件出台后启动"],
}


def curve(anchors: dict[str, float]) -> np.ndarray:
    xs = [periods.index(p) for p in anchors]
    grid = [periods.index(q) for q in QUARTERS]
    return np.interp(grid, xs, list(anchors.values()))


def city_series(rng) -> dict[str, np.ndarray]:
    out = {}
    for code, (kind, anchors) in SERIES.items():
        base = curve(anchors)
        if kind == "rate":
            noise = rng.normal(0, 0.25, len(base))
            noise[[QUARTERS.index(p) for p in anchors]] = 0  # keep the story's anchor values exact
            base = np.clip(base + noise, 0, 100)
        out[code] = np.round(base, DECIMALS[kind])
    # counts are cumulative: never fall
    for code, (kind, _) in SERIES.items():
        if kind == "count":
            out[code] = np.maximum.accumulate(out[code])
    return out


def district_rows(code: str, kind: str, city_value: float, rng) -> list[tuple[str, float]]:
    if kind == "count":
        shares = WEIGHTS * rng.uniform(0.95, 1.05, len(WEIGHTS))
        parts = np.floor(city_value * shares / shares.sum())
        parts[np.argmax(shares)] += city_value - parts.sum()
        return list(zip(DISTRICTS, parts.astype(int).tolist(), strict=True))
    sign = -1 if code == "P11_EXPRESS_PLASTIC" else 1
    vals = np.clip(city_value + sign * OFFSETS + rng.normal(0, 0.3, len(OFFSETS)), 0, 100)
    return list(zip(DISTRICTS, np.round(vals, 1).tolist(), strict=True))


def fmt(value: float, kind: str) -> str:
    return f"{value:.{DECIMALS[kind]}f}"


def actual_rows(quarter: str, city: dict[str, np.ndarray], rng, percent_sign: bool) -> list[list[str]]:
    i = QUARTERS.index(quarter)
    rows = []
    for code, (kind, _) in SERIES.items():
        value = fmt(city[code][i], kind)
        if kind == "rate" and percent_sign:
            value += "%"
        rows.append([code, quarter, "全市", value, ""])
        if code in BY_DISTRICT:
            for district, v in district_rows(code, kind, float(city[code][i]), rng):
                rows.append([code, quarter, district, fmt(v, kind), ""])
    return rows


def task_units() -> dict[int, str]:
    units: dict[int, str] = {}
    with open(ROOT / "data" / "catalog" / "responsibilities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["subject"] == "task" and int(r["seq"]) == 1:
                units[int(r["subject_no"])] = r["agency"]
    return units


def task_plans(rng, n: int) -> list[dict]:
    """Per task: quarter index it starts, finishes (or never), and whether it lags for a while."""
    plans = []
    for _ in range(n):
        start = int(rng.integers(0, 5))
        finish = start + int(rng.integers(6, 22))
        lag_from = None
        draw = rng.random()
        if draw < 0.12:  # lagging now, since one to four quarters
            lag_from, finish = int(rng.integers(11, 15)), 99
        elif draw < 0.25:  # lagged for a while earlier, then caught up
            lag_from = int(rng.integers(start + 1, start + 8))
        elif draw < 0.28:  # not started yet
            start = finish = 99
        plans.append({"start": start, "finish": finish, "lag_from": lag_from})
    return plans


def status_at(plan: dict, i: int) -> str:
    if i < plan["start"]:
        return "未启动"
    if i >= plan["finish"] + (3 if plan["lag_from"] is not None else 0):
        return "已完成"
    if plan["lag_from"] is not None and plan["lag_from"] <= i < plan["lag_from"] + (99 if plan["finish"] == 99 else 4):
        return "滞后"
    return "推进中"


def share_done(plan: dict, i: int) -> int:
    """A task's cumulative share of its planned work at quarter i: it only moves forward (a lagging task slowly)."""
    span = max(1, (plan["finish"] if plan["finish"] != 99 else plan["start"] + 30) - plan["start"])
    return int(min(95, 10 + 85 * max(0, i - plan["start"]) / span))


# Per key project: (quarter index it starts, quarter it finishes or None, lagging quarters (from, to) or None,
# 形象进度 reached by 2026Q3 if unfinished, planned investment in 万元 or None, why it lags). Index 0 is 2023Q1.
PROJECT_PLANS = {
    1: (0, None, None, 80, 12000, ""),
    2: (0, 12, None, 0, 46000, ""),
    3: (1, None, (9, 14), 45, 85000, "部分企业改造资金未落实，改造进度滞后，正在协调专项资金"),
    4: (0, 11, None, 0, 3000, ""),
    5: (2, None, (6, 9), 70, 8000, "先行区选址调整，已重新报批"),
    6: (0, None, None, 85, 6000, ""),
    7: (1, 10, None, 0, 2500, ""),
    8: (3, None, (11, 14), 40, 1800, "农膜回收网点建设滞后，回收企业招标流标，正在重新组织"),
    9: (4, None, None, 65, None, ""),
    10: (0, 8, None, 0, None, ""),
    11: (0, None, None, 75, 4200, ""),
    12: (0, None, None, 78, 150000, ""),
    13: (5, None, (12, 14), 35, 60000, "城中村改造项目业主意愿不足，已开展专项动员"),
    14: (0, 13, None, 0, 52000, ""),
    15: (0, 12, None, 0, None, ""),
    16: (2, None, None, 60, None, ""),
    17: (0, None, None, 82, 30000, ""),
    18: (1, None, (10, 14), 50, 120000, "铁路专用线用地审批未完成，工期顺延"),
    19: (0, 11, None, 0, 98000, ""),
    20: (3, None, None, 55, 20000, ""),
    21: (15, None, None, 0, None, ""),
    22: (6, None, None, 48, 15000, ""),
    23: (8, None, None, 35, 9000, ""),
    24: (0, 9, None, 0, None, ""),
    25: (10, None, None, 30, 1000, ""),
}
PROJECTS_SILENT = (20, 25)  # no 2026Q3 report yet: 逾期未报
PROJECT_NOTES = {
    "已完成": ["已完成建设内容并通过验收", "工程已完成，转入常态化运行"],
    "推进中": ["按计划推进，形象进度 {p}%", "已完成年度投资计划的阶段目标，进度正常", "主体工程实施中，进度正常"],
    "未启动": ["待省级技术目录发布后启动，已完成前期调研", "正在编制实施方案，计划下季度启动"],
}
_CN = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """17 -> '十七', 25 -> '二十五' (how some agencies number the projects: （十七）)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + ("" if ones == 0 else _CN[ones])


def project_rows(rng) -> list[list[str]]:
    """Every project's quarterly report 2023Q1–2026Q3; 形象进度 and 完成投资 never fall, a lag slows the progress."""
    units: dict[int, str] = {}
    names: dict[int, str] = {}
    with open(ROOT / "data" / "catalog" / "responsibilities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["subject"] == "project" and int(r["seq"]) == 1:
                units[int(r["subject_no"])] = r["agency"]
    with open(ROOT / "data" / "catalog" / "projects.csv", encoding="utf-8") as f:
        names = {int(r["project_no"]): r["name"] for r in csv.DictReader(f)}
    rows = []
    last = len(QUARTERS) - 1
    for no, (start, finish, lag, reach, budget, why) in PROJECT_PLANS.items():
        effort = [0.0 if i < start else (0.3 if lag and lag[0] <= i <= lag[1] else 1.0) for i in range(len(QUARTERS))]
        total = (sum(effort[: finish + 1]) if finish is not None else sum(effort) * 100 / max(reach, 1)) or 1.0
        done_effort = 0.0
        for i, quarter in enumerate(QUARTERS):
            if i == last and no in PROJECTS_SILENT:
                continue
            done_effort += effort[i]
            if i < start:
                status, pct = "未启动", 0.0
            elif finish is not None and i >= finish:
                status, pct = "已完成", 100.0
            else:
                status = "滞后" if lag and lag[0] <= i <= lag[1] else "推进中"
                pct = min(95.0, round(100 * done_effort / total))
            note = why if status == "滞后" else str(rng.choice(PROJECT_NOTES[status])).format(p=int(pct))
            invest = "" if budget is None else f"{budget * pct / 100:.0f}"
            number = f"（{_cn_number(no)}）" if units.get(no) == "市住房建设局" else str(no)
            rows.append([number, names[no], quarter, status, note, units.get(no, ""),
                         "" if status == "未启动" and i < start and start > last else f"{pct:g}", invest])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], sheet: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    # Fixed timestamps so the file is the same bytes on every run.
    _normalise_xlsx_dates(path)


def _normalise_xlsx_dates(path: Path) -> None:
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data[info.filename] = z.read(info.filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in data.items():
            if name == "docProps/core.xml":
                import re
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-10-20T00:00:00Z", content)
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 10, 20, 0, 0, 0)), content)


def upload_time(quarter: str, days: int) -> str:
    year, q = periods.split(quarter)
    end = dt.datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1, 9, 30)
    return (end + dt.timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def main() -> None:
    rng = np.random.default_rng(20261124)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    city = city_series(rng)
    units = task_units()
    plans = task_plans(rng, 140)
    silent_latest = set(rng.choice(np.arange(1, 141), size=9, replace=False).tolist())
    manifest = []
    ah_cn = ["指标代码", "报告期", "区", "数值", "备注"]
    ah_en = ["code", "period", "district", "value", "note"]
    th = ["任务编号", "报告期", "状态", "进展说明", "填报单位"]
    for i, quarter in enumerate(QUARTERS):
        year, q = periods.split(quarter)
        late = 3 if quarter in ("2024Q2", "2025Q3") else 0
        # actuals
        rows = actual_rows(quarter, city, rng, percent_sign=(i % 3 == 1))
        if quarter == "2025Q3":  # corrects last quarter's construction-waste figure
            prev = QUARTERS[i - 1]
            rows.append(["P17_CW_RECYCLING", prev, "全市", fmt(float(city["P17_CW_RECYCLING"][i - 1]) + 0.8, "rate"),
                         "更正：补录两个区的数据"])
        label = f"{year}年第{'一二三四'[q - 1]}季度"
        for r in rows:
            if i % 4 == 2 and r[1] == quarter:
                r[1] = label
        if i == len(QUARTERS) - 1:
            name = f"actuals_{quarter}.xlsx"
            write_xlsx(OUT / name, ah_cn, rows, "指标数据")
        elif i % 2:
            name = f"actuals_{quarter}_gbk.csv"
            write_csv(OUT / name, ah_cn, rows, "gb18030")
        else:
            name = f"actuals_{quarter}.csv"
            write_csv(OUT / name, ah_en if i % 4 == 0 else ah_cn, rows, "utf-8-sig")
        manifest.append([name, "actuals", upload_time(quarter, 12 + 15 * late), "张敏（市生态环境局）", ""])
        if quarter == "2026Q2":  # a wrong file, committed and rolled back the same day
            bad = [r[:] for r in rows if r[2] == "全市"]
            for r in bad:
                if r[0] == "P15_PREFAB":
                    r[3] = "26.0"
            name = f"actuals_{quarter}_wrong.csv"
            write_csv(OUT / name, ah_cn, bad, "utf-8-sig")
            manifest.append([name, "actuals", upload_time(quarter, 13), "李伟（市发展改革委）",
                             upload_time(quarter, 13).replace("09:30", "16:45")])
        # task status
        trows = []
        for t in range(1, 141):
            if i == len(QUARTERS) - 1 and t in silent_latest:
                continue
            status = status_at(plans[t - 1], i)
            rng.integers(30, 95)  # drawn as before, so every later draw (and the rest of the sample) stays the same
            note = str(rng.choice(NOTES[status]))
            if status == "推进中":  # the note moves forward with the work: pilots, then a plan, then a share done
                done = share_done(plans[t - 1], i)
                note = NOTES[status][2 if done < 25 else 1 if done < 40 else 0].format(p=done)
            trows.append([str(t), quarter, status, note, units.get(t, "")])
        name = f"task_status_{quarter}.csv"
        write_csv(OUT / name, th, trows, "gb18030" if i % 2 else "utf-8-sig")
        # due 10 days after the quarter (metrics.deadlines): collected on the 9th, three quarters weeks late
        manifest.append([name, "task-status", upload_time(quarter, 8 + 20 * (i % 5 == 3)),
                         "王芳（市生态环境局）", ""])
        if quarter == "2024Q1":
            write_csv(OUT / "targets_sample.csv", ["指标代码", "目标年份", "目标值"],
                      [[c, str(y), str(v)] for c, y, v in SAMPLE_TARGETS], "utf-8-sig")
            manifest.append(["targets_sample.csv", "targets", upload_time(quarter, 30), "admin", ""])
    # key projects: each quarter's reports collected with the tasks', an hour later (one 2026Q1 file comes late)
    headers = ["工程编号", "工程名称", "报告期", "状态", "进展说明", "填报单位", "形象进度（%）", "完成投资（万元）"]
    rows = project_rows(np.random.default_rng(20261130))
    for i, quarter in enumerate(QUARTERS):
        name = f"project_status_{quarter}.csv"
        write_csv(OUT / name, headers, [r for r in rows if r[2] == quarter], "utf-8-sig")
        days = 8 + 20 * (i % 5 == 3) + 12 * (quarter == "2026Q1")
        manifest.append([name, "project-status", upload_time(quarter, days).replace("09:30", "10:30"),
                         "王芳（市生态环境局）", ""])
    manifest.sort(key=lambda r: r[2])
    write_csv(OUT / "manifest.csv", ["file", "kind", "uploaded_at", "user", "rolled_back_at"], manifest, "utf-8")
    print(f"wrote {len(manifest)} sample uploads to {OUT}")


if __name__ == "__main__":
    main()
