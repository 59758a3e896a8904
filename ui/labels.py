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

# --- Briefing deck and export page (reports/, pages/briefing.py) ---
DECK_TITLE = "清洁生产目标进度监测 · 季度汇报"
DECK_FILE = "清洁生产汇报_{period}.pptx"
DECK_SAMPLE_FOOTER = "示例数据，仅供演示"
DECK_GENERATED = "生成日期 {date}"
DECK_SCOPE = {"sector": "范围：{name}领域", "agency": "范围：{name}牵头的指标和负责的任务"}
DECK_SLIDES = {
    "overview": "总体情况", "changes": "与上季度（{period}）相比的变化", "sector": "{sector} · 分领域",
    "agencies": "分单位汇总", "appendix": "附：逾期未报或滞后的任务",
}
EXPORT_PAGES = {"overview": "总览", "sectors": "分领域", "agencies": "分单位", "indicators": "各指标"}

# --- Upload and data management pages (pages/upload.py, pages/data_admin.py, ui/upload_flow.py) ---
UPLOAD = {
    "intro": "上传各单位报送的季度数据（CSV 或 Excel .xlsx）。文件先逐行检查并预览，确认提交后才写入，且可在“数据管理”页回滚。",
    "kind": "数据类型",
    "sheet": "Excel 工作表名（可选）",
    "sheet_help": "留空则读取第一个工作表；CSV 文件不需要填写",
    "user": "上传人",
    "file": "选择或拖入文件（CSV、Excel .xlsx）",
    "templates": "下载模板",
    "templates_help": "模板已预填指标代码（或任务编号）和本期报告期，填好数值后直接上传。",
    "template_csv": "{kind} CSV 模板",
    "template_xlsx": "{kind} Excel 模板",
    "template_file": "{kind}模板_{period}.{ext}",
    "waiting": "请选择要上传的文件。",
    "file_line": "文件：{name}（{size}）",
    "too_large": "文件大小 {size} 超过上限 {limit}，未读取。请按季度或按单位拆分后分别上传。",
    "empty_file": "文件是空的（0 字节），未读取。请检查文件后重新上传。",
    "checking": "正在检查文件…",
    "checked": "检查完成",
    "check_failed": "检查未通过",
    "errors": "发现 {count} 处问题，文件未写入任何数据。请按下表修改后重新上传。",
    "errors_truncated": "下表只列出前 {shown} 处问题（共 {count} 处）。",
    "preview": "预览：提交后将产生以下变动",
    "revised": "修订的数据（原值 → 新值）",
    "added": "新增的数据（前 {n} 行，共 {total} 行）",
    "nothing_new": "文件中的数据与现有数据完全一致，提交不会改变任何数值。",
    "duplicate": "该文件与第 {id} 号上传内容完全相同，已提交过，无需再次提交。",
    "commit": "确认提交",
    "committing": "正在提交…",
    "refreshing": "已提交，正在更新各页面的指标状态…",
    "committed": "已提交：第 {id} 号上传，新增 {add} 条、修订 {revise} 条、未变 {same} 条。各页面已按新数据更新。",
    "targets_note": "目标值只应由管理员上传；提交后相应指标按新目标重新判断状态。",
}
# Headers of the upload error table (row, column, value, problem, fix).
ERROR_HEADERS = {"row": "行号", "column": "列", "value": "值", "problem": "问题", "fix": "修改建议"}
ADMIN = {
    "history": "上传记录",
    "history_empty": "还没有任何上传。",
    "sample_flag": "示例",
    "sample_col": "示例数据",
    "rolled_back_by": "回滚人",
    "rollback": "回滚上传",
    "rollback_help": "回滚后该次上传的数值不再计入，之前的数值重新生效；上传记录保留，标记为已回滚。",
    "rollback_pick": "选择要回滚的上传",
    "rollback_option": "第 {id} 号 · {kind} · {at} · {name}",
    "rollback_confirm": "我确认回滚第 {id} 号上传",
    "rollback_button": "回滚",
    "rollback_none": "没有可回滚的上传。",
    "rolled_back": "已回滚第 {id} 号上传，各页面已按回滚后的数据更新。",
    "user": "操作人",
    "user_help": "记入上传记录和操作日志的姓名",
    "sample": "示例数据",
    "sample_present": "数据库中有 {n} 次示例数据上传（演示用）。正式使用前请删除。",
    "sample_confirm": "我确认删除全部示例数据（{n} 次上传）",
    "sample_button": "删除全部示例数据",
    "sample_removed": "已删除 {n} 次示例数据上传。",
    "audit": "操作日志",
    "audit_empty": "暂无操作记录。",
    "targets": "当前目标值",
    "targets_pending": "{n} 项目标待定（目标值为空）。目标下达后，请在“数据上传”页选择“目标值”类型上传目标值文件。",
    "targets_all_set": "全部目标值均已确定。如需调整，请在“数据上传”页上传“目标值”文件。",
    "targets_source_catalog": "实施方案",
    "targets_source_upload": "第 {id} 号上传",
    "to_upload": "前往数据上传",
}
AUDIT_ACTION = {"upload": "上传", "rollback": "回滚", "remove-sample": "删除示例数据", "login-failure": "登录失败",
                "target-change": "修改目标值"}
AUDIT_HEADERS = {"at": "时间", "user": "操作人", "action": "操作", "detail": "详情"}
TARGET_HEADERS = {"source": "来源", "pending": "目标待定", "note": "说明"}
# Headers of the upload preview tables (revised rows show 原值 and 新值; added rows show 数值).
PREVIEW_HEADERS = {
    "row": "行号", "code": "指标代码", "name": "指标名称", "period": "报告期", "district": "区", "value": "数值",
    "note": "备注", "task_no": "任务编号", "status": "状态", "unit": "填报单位", "target_year": "目标年份",
    "target_value": "目标值", "old": "原{label}", "new": "新{label}", "measure": "单位", "delta": "变化",
}
