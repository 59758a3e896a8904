"""Every Chinese label of the UI, the deck and the charts, in one place (an English table can follow)."""

from __future__ import annotations

APP_TITLE = "清洁生产目标进度监测"
APP_SUBTITLE = "深圳市贯彻落实广东省全面推行清洁生产实施方案 · 重点任务和重点工程"

PAGES = {
    "overview": "总览",
    "sectors": "分领域",
    "agencies": "分单位",
    "indicator": "指标详情",
    "tasks": "重点任务",
    "upload": "数据上传",
    "manage": "数据管理",
    "export": "汇报导出",
}

STATUS = {
    "achieved": "已达成",
    "on_track": "按计划推进",
    "at_risk": "需加力",
    "off_track": "严重滞后",
    "regressing": "逆向变化",
    "missed": "未达成",
    "no_data": "暂无数据",
    "target_pending": "目标待定",
}
# Colours of DESIGN.md: achieved/on-track green, at-risk amber, off-track/missed red, regressing dark red, no-data grey.
STATUS_COLOR = {
    "achieved": "#1a7f37",
    "on_track": "#4caf50",
    "at_risk": "#f0a500",
    "off_track": "#d93025",
    "missed": "#d93025",
    "regressing": "#8b0000",
    "no_data": "#9aa0a6",
    "target_pending": "#b0b7c3",
}
TASK_STATUS_COLOR = {"已完成": "#1a7f37", "推进中": "#4c8bf5", "滞后": "#d93025", "未启动": "#9aa0a6",
                     "逾期未报": "#7b1fa2"}
REPORT_CELL = {"on_time": "按时报送", "late": "逾期报送", "revised": "已修订", "missing": "未报送"}
REPORT_CELL_COLOR = {"on_time": "#1a7f37", "late": "#f0a500", "revised": "#4c8bf5", "missing": "#d93025"}

ROLE = {"lead": "牵头", "assist": "协办", "joint": "按职责分工负责"}
DIRECTION = {"increase": "越高越好", "decrease": "越低越好"}
AGENCY_KIND = {"city_department": "市直部门", "district_government": "区政府", "other": "其他单位"}
MOVE = {"up": "好转", "down": "变差", "same": "不变"}
CHANGE = {"add": "新增", "revise": "修订", "same": "未变"}
UPLOAD_KIND = {"actuals": "指标数据", "task-status": "任务进展", "targets": "目标值"}
UPLOAD_STATE = {"committed": "已生效", "rolled_back": "已回滚"}

DATA_AS_OF = "数据截至 {period}"
KNOWN_ON = "按 {date} 时点掌握的数据"
SAMPLE_BANNER = "当前显示的是示例数据（演示用），不代表真实进展。管理员可在“数据管理”页一键删除示例数据。"
EMPTY_DB = "数据库中还没有任何指标数据。请分析人员在“数据上传”页上传季度数据，或运行 make run 载入示例数据。"
NO_DATA_FOR_INDICATOR = "该指标尚无上报数据。"
PRESENTATION_MODE = "演示模式"
PRESENTATION_HELP = "隐藏侧栏和页面装饰，便于截图和投影"
AS_OF_PICKER = "数据截至（季度）"
BASELINE_ASSUMED = "未给定基期值，以首个上报值为基期"

# Columns of tables shown to users.
COLUMNS = {
    "code": "指标代码", "name": "指标名称", "unit": "单位", "sector": "领域", "lead": "牵头单位",
    "assist": "协办单位", "joint": "按职责分工负责", "district": "区", "period": "报告期", "value": "数值",
    "target_year": "目标年份", "target_value": "目标值", "latest_period": "最新报告期", "latest_value": "最新值",
    "progress_pct": "完成进度", "expected_pct": "序时进度", "lag_pp": "落后序时进度", "gap": "距目标差距",
    "projected_value": "按趋势预计", "status": "状态", "status_cagr": "增长率法判断", "contested": "两法不一致",
    "required_rate": "所需季度增幅", "recent_rate": "近期季度增幅", "attainment_period": "预计达标季度",
    "task_no": "任务编号", "text": "任务内容", "group_name": "任务类别", "area_name": "领域方向",
    "part_name": "部分", "task_status": "最新进展", "note": "进展说明", "role": "职责", "agency": "单位",
    "upload_id": "上传编号", "kind": "类型", "file_name": "文件名", "user": "上传人", "uploaded_at": "上传时间",
    "rows_added": "新增", "rows_revised": "修订", "rows_unchanged": "未变", "state": "状态",
    "row": "行号", "column": "列", "problem": "问题", "fix": "修改建议", "change": "变动",
    "old_value": "原值", "new_value": "新值", "status_before": "上季度状态", "status_after": "本季度状态",
    "move": "变化", "project_name": "所属重点工程", "n_tasks": "任务数", "share_done": "已完成占比",
    "share_lagging": "滞后占比", "n_overdue": "逾期未报", "rolled_back_at": "回滚时间",
}
