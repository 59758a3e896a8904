"""One reading of a status row — its sentence, its figures and its colour — for the pages and the deck alike.

A fix to how a number is worded, rounded or coloured lands here once and shows on every page, chart and slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import periods
from metrics import status as metrics_status
from metrics.results import result_year
from metrics.settings import COUNT_UNITS, GOOD, PROGRESS_STATUSES, RESULT_STATUSES, VERDICTS
from presentation import formats, labels

T = labels.TABLES


@dataclass(frozen=True)
class Delta:
    """A metric's delta that agrees with its words: lagging is red and points down."""

    text: str
    arrow: str   # 'up' | 'down' | 'off' (st.metric delta_arrow)
    colour: str  # 'red' | 'green' | 'gray' (st.metric delta_color)


@dataclass(frozen=True)
class Group:
    """One labelled group of the headline: its title, its rows, the count of each status shown and, for the
    results, their target year (metrics.results.result_year(): the next one due while none has ended)."""

    title: str
    rows: pd.DataFrame
    counts: list[tuple[str, int]]
    year: int | None = None


def colour(status) -> str | None:
    """The status colour of a verdict; None for a row that is no verdict (not_judged) or no status."""
    return labels.STATUS_COLOR[status] if status in VERDICTS else None


def word(status) -> str:
    """The status in words ('—' for none)."""
    return labels.STATUS.get(status, "—") if isinstance(status, str) else "—"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def shown_value(row, column: str) -> str:
    """A row's value (`column`: 'latest_value' or 'judged_value') as it stands beside the row's target: never
    printed like the target when it differs from it (99.96% beside 100%, not 100%)."""
    target = row.get("target_value") if row["status"] in VERDICTS else None
    return formats.number_beside(row[column], target, row["unit"])


def latest(row) -> str:
    """The newest value with its period: '161 家（2026Q3）'; '—' without one."""
    if not isinstance(row["latest_period"], str):
        return "—"
    return T["latest"].format(value=shown_value(row, "latest_value"), period=row["latest_period"])


def judged(row) -> str:
    """The value a final target is judged on, with its period: '146 家（2025Q4）'; '—' on an open target or a row
    that is no verdict."""
    if not row["final"] or not isinstance(row["judged_period"], str) or row["status"] not in VERDICTS:
        return "—"
    return T["latest"].format(value=shown_value(row, "judged_value"), period=row["judged_period"])


def projection(row) -> str:
    """The projected value at the deadline, saying when the indicator's bounds held it: '100%（…按上限 100% 计）'."""
    value = formats.number(row["projected_value"], row["unit"])
    bound = row.get("projection_bound")
    if _missing(row["projected_value"]) or not isinstance(bound, str):
        return value
    return value + labels.PROJECTION_BOUND[bound].format(bound=value)


def bound_note(row) -> str | None:
    """A short note when the indicator's bounds held the projection ('趋势将越过上限，按上限 100% 计'); else None."""
    bound = row.get("projection_bound")
    if _missing(row["projected_value"]) or not isinstance(bound, str):
        return None
    return labels.PROJECTION_BOUND[bound].format(bound=formats.number(row["projected_value"], row["unit"]))[1:-1]


def lag(row) -> Delta | None:
    """Behind or ahead of the time-proportional schedule, as words, arrow and colour that agree with each other and
    with the status; None without a lag, on a final target or on a row that is no verdict."""
    points = row["lag_pp"]
    if _missing(points) or row["status"] not in VERDICTS or row["final"]:
        return None
    if round(float(points), 1) == 0:
        return Delta(labels.INDICATOR["on_schedule"], "off", "gray")
    # The arrow follows the words; the colour only where the status agrees (ahead of the schedule but projected to
    # fall short is grey, not a green that contradicts an amber 需加力).
    good = row["status"] in GOOD
    if points > 0:
        return Delta(labels.INDICATOR["behind"].format(points=formats.points(points)), "down", "gray" if good else "red")
    return Delta(labels.INDICATOR["ahead"].format(points=formats.points(-points)), "up", "green" if good else "gray")


def gap(row) -> str:
    """The row's distance to its target in words, in the indicator's direction ('差 59 家', '优于目标 2 个百分点')."""
    return formats.gap(row["gap"], row["unit"], row.get("direction"))


def stale(row, as_of) -> Delta | None:
    """A newest value older than the as-of period says its quarter where it is shown ('2026Q2 数值，2026Q3 未报送'),
    so that it is never quoted as the current one; None when it is of the as-of period (or there is none)."""
    period = row["latest_period"]
    if not isinstance(period, str) or not isinstance(as_of, str) or period == as_of:
        return None
    return Delta(labels.INDICATOR["stale"].format(period=period, as_of=as_of), "off", "orange")


def final_result(row) -> str:
    """'2025 年终值 146 家（2025Q4），目标 140 家，已达成（超出 6 家）' for a final target."""
    unit = row["unit"]
    head = T["final_head"].format(year=int(row["target_year"]), value=shown_value(row, "judged_value"),
                                  period=row["judged_period"], target=formats.number(row["target_value"], unit))
    words = gap(row)
    if row["status"] == "achieved":
        beyond = not _missing(row["gap"]) and row["gap"] < 0 and words != labels.GAP["on_target"]
        return T["achieved"].format(head=head) + (T["exceeded"].format(gap=words) if beyond else "")
    if row["status"] == "missed":
        return T["missed"].format(head=head, gap=words)
    return f"{head}，{word(row['status'])}"


def sentence(row, share: float | None = None) -> str:
    """The key numbers of one status row in words, ending with its verdict (or saying there is none).

    Args:
        row: a metrics.status row (a dict or Series) of one indicator, district and target year.
        share: for a district row of a count, its share of the city total in percent.
    """
    unit = row["unit"]
    status = row["status"]
    if status == "not_judged":
        if not isinstance(row["latest_period"], str):
            return T["no_data"]
        return T["not_judged"].format(
            period=row["latest_period"], value=formats.number(row["latest_value"], unit),
            share=T["share"].format(share=formats.percent(share)) if share is not None and not _missing(share) else "",
            rate=formats.rate(row["recent_rate"], unit))
    if status == "target_pending":
        # the newest value with its quarter: in a table of 2025 results a bare number reads as the 2025 value
        newest = latest(row) if not _missing(row["latest_value"]) else labels.STATUS["no_data"]
        return T["pending_sentence"].format(note=row.get("note") or T["pending_note"], latest=newest)
    if status == "no_data":
        if row["final"] and not pd.isna(row["target_year"]):
            # a final target without a value by its deadline: say so, and what the newest value is and when
            year = int(row["target_year"])
            text = T["no_final_value"].format(year=year, target=formats.number(row["target_value"], unit),
                                              deadline=periods.year_end(year))
            if isinstance(row["latest_period"], str) and not _missing(row["latest_value"]):
                text += T["no_final_latest"].format(latest=latest(row))
            return text + "。"
        return T["no_data"]
    if row["final"]:
        return final_result(row) + "。"
    text = T["progress"].format(
        period=row["latest_period"], value=shown_value(row, "latest_value"), year=int(row["target_year"]),
        target=formats.number(row["target_value"], unit), gap=gap(row),
        progress=formats.percent(row["progress_pct"]), expected=formats.percent(row["expected_pct"]))
    if not _missing(row["projected_value"]):
        text += T["projection"].format(year=int(row["target_year"]), value=projection(row))
    return text + f"，{word(status)}。"


def city_shares(rows: pd.DataFrame, unit: str) -> dict[str, float]:
    """Each district's share of the city total (percent) for a count, whose district values add up; {} otherwise."""
    return metrics_status.city_shares(rows) if unit in COUNT_UNITS else {}


def _counts(rows: pd.DataFrame, listed: tuple[str, ...]) -> list[tuple[str, int]]:
    """The listed statuses (zeros too), then any other status that occurs, each with its count."""
    found = rows["status"].value_counts()
    extra = [s for s in VERDICTS if s not in listed and found.get(s, 0)]
    return [(s, int(found.get(s, 0))) for s in (*listed, *extra)]


def headline_groups(status_df: pd.DataFrame) -> tuple[Group, Group]:
    """The headline as two groups that cannot contradict: the results of the targets whose year has ended most
    recently (已达成 / 未达成 / 目标待定) and the progress toward each indicator's next target (按计划推进 …)."""
    results, progress = metrics_status.headline_groups(status_df)
    year = result_year(status_df)
    years = sorted({int(y) for y in progress["target_year"].dropna()})
    return (
        Group(labels.HEADLINE["results"].format(year=year) if not results.empty else labels.HEADLINE["no_results"],
              results, _counts(results, RESULT_STATUSES), year),
        Group(labels.HEADLINE["progress"].format(years="、".join(map(str, years))) if len(years) == 1
              else labels.HEADLINE["progress_any"], progress, _counts(progress, PROGRESS_STATUSES)),
    )
