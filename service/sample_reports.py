"""Sample online reports in every state, made through the same service calls as the page, marked sample.

On top of data/sample/: 2026Q1 promises (one kept by 2026Q3, one broken), and 2026Q3 reports accepted on time, accepted
though late, returned for correction, awaiting the lead unit's and the admin's verification, and a draft. Acceptances
of 2026Q3 come after the sample's last upload (2026-10-13), so as-known-on reads the same order as the upload ids.
"""

from __future__ import annotations

import datetime as dt

from service import reporting
from service.reporting import Actor, Entry
from store import reports as store_reports
from store import values
from store.db import connect

ADMIN = Actor("管理员（市发展改革委）", None, is_admin=True)
HOUSING = Actor("陈刚（市住房建设局）", "市住房建设局")
WORKS = Actor("刘洋（市建筑工务署）", "市建筑工务署")
DISTRICTS = Actor("赵丽（各区政府）", "各区政府")
NDRC = Actor("李伟（市发展改革委）", "市发展改革委")
WATER = Actor("孙强（市水务局）", "市水务局")


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _submit(db, actor: Actor, period: str, entry: Entry, at: str) -> None:
    outcome = reporting.save(db, actor, period, [entry], submit=True, at=_at(at), today=_at(at).date(),
                             is_sample=True)
    if not outcome.ok:  # our own sample: a failure here is a bug
        raise RuntimeError(f"sample report {entry} refused:\n{outcome.problems.to_string()}")


def _verify(db, actor: Actor, agency: str, entry: Entry, period: str, at: str, reason: str = "") -> None:
    reporting.verify(db, actor, agency, entry.subject, entry.item, period, accept=not reason, reason=reason,
                     at=_at(at), is_sample=True)


def load(db) -> int:
    """Add the sample reports unless the database has some already; returns the number of reports made."""
    with connect(db) as con:
        if store_reports.sample_count(con):
            return 0
        prefab = values.actuals(con, codes=["P15_PREFAB"], district="全市")
    prefab = prefab[prefab["period"] == "2026Q3"]
    # 2026Q1: two lagging tasks with promises, accepted by the admin (the supervising office)
    kept = Entry("task", "69", status="滞后", note="资金未到位，进度滞后", reason="年度资金下达延后",
                 measure="协调财政提前拨付，倒排工期", promise="2026Q3")
    broken = Entry("task", "11", status="滞后", note="受项目审批影响进度滞后，正在协调", reason="管网项目审批周期长",
                   measure="建立并联审批专班", promise="2026Q2")
    _submit(db, HOUSING, "2026Q1", kept, "2026-04-08 10:00")
    _submit(db, NDRC, "2026Q1", broken, "2026-04-09 15:30")
    _verify(db, ADMIN, "市住房建设局", kept, "2026Q1", "2026-04-11 09:00")
    _verify(db, ADMIN, "市发展改革委", broken, "2026Q1", "2026-04-11 09:10")
    # 2026Q3 (due 2026-10-10)
    done = Entry("task", "69", status="已完成", note="资金已到位，工程完工验收")  # keeps the 2026Q1 promise
    _submit(db, HOUSING, "2026Q3", done, "2026-10-09 16:00")  # on time
    _verify(db, ADMIN, "市住房建设局", done, "2026Q3", "2026-10-19 10:00")
    late = Entry("task", "68", status="推进中", note="装配式项目完成主体结构")
    _submit(db, WORKS, "2026Q3", late, "2026-10-14 11:00")  # late
    _verify(db, HOUSING, "市建筑工务署", late, "2026Q3", "2026-10-20 09:30")
    returned = Entry("task", "69", status="推进中", note="配合推进")
    _submit(db, WORKS, "2026Q3", returned, "2026-10-09 17:00")
    _verify(db, HOUSING, "市建筑工务署", returned, "2026Q3", "2026-10-19 14:00",
             reason="请写明本季度完成的工程量和下季度安排")
    waiting = Entry("task", "56", status="滞后", note="部分区装配式项目开工推迟", reason="土地出让延后",
                    measure="按区建立项目清单，每月调度", promise="2027Q1")
    _submit(db, DISTRICTS, "2026Q3", waiting, "2026-10-21 10:00")  # awaits 市住房建设局
    if len(prefab):
        value = f"{float(prefab['value'].iloc[0]):g}"
        indicator = Entry("indicator", "P15_PREFAB", values={"全市": value}, note="按季度统计口径",
                          reason="部分项目开工推迟", measure="加大装配式项目供地", promise="2027Q1")
        _submit(db, HOUSING, "2026Q3", indicator, "2026-10-21 16:00")  # awaits the admin
    draft = Entry("task", "7", status="推进中", note="节水型企业复核进行中")
    reporting.save(db, WATER, "2026Q3", [draft], at=_at("2026-10-22 09:00"), is_sample=True)
    with connect(db) as con:
        return store_reports.sample_count(con)
