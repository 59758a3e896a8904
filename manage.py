"""Command line of 清洁生产目标进度监测: python manage.py [--db PATH] COMMAND."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import sys
from pathlib import Path

import click
import pandas as pd

import intake
from errors import UserError
from metrics import periods
from service import upload_flow
from store import catalog as store_catalog
from store import db as store_db
from store import export as store_export
from store import sample as store_sample
from store import uploads as store_uploads
from store.ingest import ingest as run_ingest

# Streamlit (imported by the accounts commands) warns on calls made outside a running app ("missing
# ScriptRunContext", "No runtime found", "run it with streamlit run"); a command line is always outside one, so those
# warnings are only noise in its output. Errors still pass.
for _name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context",
              "streamlit.runtime.caching.cache_data_api", "streamlit.runtime.state.session_state_proxy"):
    logging.getLogger(_name).addFilter(lambda record: record.levelno > logging.WARNING)


class Commands(click.Group):
    """The command group: a user-facing error (errors.UserError: the store's, intake's, the accounts'), raised by
    any command, becomes its Chinese message on stderr and exit status 1, caught here once; never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise click.ClickException(exc.message) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB file (default: $CLEANPROD_DB or data/cleanprod.duckdb).")
@click.pass_context
def cli(ctx, db):
    """清洁生产目标进度监测 — command line. Example: python manage.py --db /tmp/x.duckdb init"""
    ctx.obj = store_db.db_path(db)


def _checked_period(as_of: str | None) -> str | None:
    """Refuse an --as-of that is not a quarter such as 2026Q3 (clean message, exit 1)."""
    if as_of is not None and not periods.is_period(as_of):
        raise click.ClickException(f"报告期 {as_of} 格式不对，请写成 2026Q3 这样的季度（年份 + Q + 1–4）。")
    return as_of


@cli.command()
@click.pass_obj
def init(db):
    """Create or upgrade the database and load the catalog. Safe to run again.

    Example: python manage.py --db /tmp/x.duckdb init
    """
    result = store_db.init(db)
    click.echo(f"数据库已就绪：{db}（结构版本 {result['to_version']}，目录 {result['catalog']}）")


@cli.command()
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Folder for the CSV files.")
@click.pass_obj
def export(db, out):
    """Write the catalog, current values, statuses and uploads as UTF-8 CSV files.

    Example: python manage.py export --out /tmp/export
    """
    from service.status import indicator_status_export

    with store_db.connect(db, read_only=True) as con:
        extra = {"indicator_status.csv": store_export.plain_numbers(indicator_status_export(con))}
        written = store_export.write(con, Path(out), extra)
    click.echo(f"已导出 {len(written)} 个文件到 {out}")


def _print_table(frame: pd.DataFrame, limit: int = 50, err: bool = False) -> None:
    """The first `limit` rows under their (Chinese) headers; an empty cell (a whole-file problem's row) stays blank."""
    if frame.empty:
        return
    shown = frame.head(limit).astype(object)
    click.echo(shown.where(shown.notna(), "").to_string(index=False), err=err)
    if len(frame) > limit:
        click.echo(f"……共 {len(frame)} 行，仅显示前 {limit} 行")


def _indicators(db) -> pd.DataFrame:
    """code, name, unit of every indicator: the names the preview tables show beside the codes."""
    with store_db.connect(db, read_only=True) as con:
        return store_catalog.indicators(con)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", type=click.Choice(intake.KINDS), default="actuals", show_default=True)
@click.option("--dry-run", is_flag=True, help="Check and preview only; write nothing.")
@click.option("--user", default="cli", show_default=True, help="Who uploads (recorded in history).")
@click.option("--sheet", default=None,
              help="Excel sheet name (default: the visible sheet whose header matches the kind).")
@click.option("--confirm-unusual", is_flag=True,
              help="Commit even when values look wrong against their history (shown as 请核实).")
@click.pass_obj
def ingest(db, file, kind, dry_run, user, sheet, confirm_unusual):
    """Check a CSV/XLSX file and commit it as one upload (or preview it with --dry-run).

    Example: python manage.py ingest actuals_2026Q3.xlsx --kind actuals --user 张敏
    """
    path = Path(file)
    size, limit = path.stat().st_size, intake.DEFAULT_LIMITS.max_bytes
    if size > limit:  # refused before reading: a 1 GB file must not cost 1 GB of memory
        click.echo(f"文件 {path.name} 太大（{size / 1024**2:.1f} MB），上限是 {limit / 1024**2:.0f} MB，"
                   "未写入任何数据。请拆分后分别上传。", err=True)
        sys.exit(1)
    result = run_ingest(db, path.read_bytes(), path.name, kind, user=user, dry_run=dry_run, sheet=sheet,
                        confirm_unusual=confirm_unusual)
    notes = ([f"读取的工作表：{result.sheet}"] if result.sheet else []) + [f"注意：{n}" for n in result.notices]
    if not result.ok:
        click.echo(f"文件 {path.name} 有 {result.error_count} 处错误，未写入任何数据：", err=True)
        _print_table(upload_flow.error_table(result), limit=len(result.errors), err=True)
        for line in notes:
            click.echo(line, err=True)
        sys.exit(1)
    counts = result.preview.counts
    summary = f"新增 {counts['add']} 行，修订 {counts['revise']} 行，未变 {counts['same']} 行"
    if result.unusual_count:
        click.echo(f"请核实：{result.unusual_count} 行的数值与历史相比异常：", err=True)
        _print_table(upload_flow.unusual_table(result.preview, _indicators(db)))
    for line in notes:
        click.echo(line, err=True)
    if result.needs_confirmation:
        click.echo("未写入任何数据。核实无误后，加 --confirm-unusual 重新提交。", err=True)
        sys.exit(1)
    if dry_run:  # the revised rows as the upload page shows them: 原数值, 新数值, 变化
        click.echo(f"预览（未写入）：{summary}")
        _print_table(upload_flow.revised_table(result.preview, _indicators(db)))
        if result.preview.duplicate_of is not None:
            click.echo(f"注意：相同文件已于第 {result.preview.duplicate_of} 号上传提交过。")
        return
    click.echo(f"已提交第 {result.upload_id} 号上传：{summary}")


@cli.command()
@click.pass_obj
def uploads(db):
    """List uploads, newest first.

    Example: python manage.py uploads
    """
    with store_db.connect(db, read_only=True) as con:
        frame = store_uploads.history(con)
    if frame.empty:
        click.echo("还没有任何上传。")
        return
    frame = frame[["upload_id", "kind", "file_name", "user", "uploaded_at", "rows_added", "rows_revised",
                   "rows_unchanged", "state", "is_sample"]]
    click.echo(frame.to_string(index=False))


@cli.command()
@click.argument("upload_id", type=int)
@click.option("--user", default="cli", show_default=True)
@click.pass_obj
def rollback(db, upload_id, user):
    """Roll back an upload: its values stop counting, the previous ones count again.

    Example: python manage.py rollback 12
    """
    with store_db.connect(db) as con:
        store_uploads.rollback(con, upload_id, user)
    click.echo(f"已回滚第 {upload_id} 号上传。")


@cli.command("load-sample")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has uploads.")
@click.pass_obj
def load_sample(db, if_empty):
    """Load the sample uploads in data/sample/ (marked as sample; remove them with remove-sample).

    Example: python manage.py load-sample
    """
    n = store_sample.load(db, if_empty=if_empty)
    if n:  # the agencies' online reports of the sample, in every state (service.sample_reports)
        from service import sample_reports

        sample_reports.load(db)
    click.echo(f"已载入 {n} 个示例上传。" if n else "数据库已有上传，未载入示例数据。")


@cli.command("remove-sample")
@click.option("--user", default="cli", show_default=True)
@click.pass_obj
def remove_sample(db, user):
    """Delete every sample upload and its values.

    Example: python manage.py remove-sample
    """
    with store_db.connect(db) as con:
        n = store_uploads.remove_sample(con, user)
    click.echo(f"已删除 {n} 个示例上传。")


@cli.command()
@click.option("--kind", type=click.Choice(intake.KINDS), default="actuals", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="FILE.csv or FILE.xlsx")
@click.pass_obj
def template(db, kind, out):
    """Write an upload template pre-filled with codes (or task numbers) and the current period.

    Example: python manage.py template --kind actuals --out 模板.xlsx
    """
    import intake
    from store.ingest import context

    with store_db.connect(db, read_only=True) as con:
        ctx = context(con)
    fmt = "xlsx" if out.lower().endswith(".xlsx") else "csv"
    Path(out).write_bytes(intake.template(kind, ctx, fmt))
    click.echo(f"已写出模板 {out}")


@cli.command()
@click.option("--as-of", "as_of", default=None, help="Period such as 2026Q3 (default: latest with data).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.option("--district", default="全市", show_default=True,
              help="One district's rows, or 'all' for 全市 and every district with data.")
@click.pass_obj
def status(db, as_of, as_json, district):
    """Status of every indicator and target year (全市 by default; --district NAME or all for district rows).

    Example: python manage.py status --as-of 2026Q3 --district all --json
    """
    from service.status import STATUS_COLUMNS, indicator_status_export

    as_of = _checked_period(as_of)
    with store_db.connect(db, read_only=True) as con:
        frame = indicator_status_export(con, as_of=as_of, district=district)
    if as_json:
        records = json.loads(frame[STATUS_COLUMNS].to_json(orient="records", force_ascii=False))
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(STATUS_COLUMNS)
        plain = store_export.plain_numbers(frame[STATUS_COLUMNS])
        writer.writerows(plain.astype(object).where(plain.notna(), "").values)


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="FILE.pptx")
@click.option("--as-of", "as_of", default=None)
@click.option("--sector", default=None)
@click.option("--agency", default=None)
@click.option("--known-on", "known_on", default=None, help="Rebuild from what the store held on DATE (YYYY-MM-DD).")
@click.pass_obj
def report(db, out, as_of, sector, agency, known_on):
    """Build the PowerPoint briefing deck.

    Example: python manage.py report --out 汇报.pptx --as-of 2026Q3
    """
    from reports.deck import build_deck

    as_of = _checked_period(as_of)
    when = None
    if known_on:
        try:
            when = dt.datetime.combine(dt.date.fromisoformat(known_on), dt.time.max)
        except ValueError:
            raise click.ClickException(f"日期 {known_on} 格式不对，请写成 2026-10-15。") from None
    path = build_deck(db, Path(out), as_of=as_of, sector=sector, agency=agency, known_on=when)
    click.echo(f"已生成汇报材料 {path}")


@cli.command()
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "reporter", "analyst", "admin"]), required=True)
@click.option("--agency", default=None, help="A reporter's agency (canonical name or alias), e.g. 市住房建设局.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="At least 8 characters (asked for when omitted).")
@click.option("--name", default=None, help="Display name, e.g. 张敏.")
@click.pass_obj
def account(db, username, role, agency, password, name):
    """Create an account or reset its password and role (accounts file: $CLEANPROD_ACCOUNTS or config/accounts.yaml).
    A reporter is bound to one agency (--agency), checked against the catalog of --db.

    Example: python manage.py account admin --role admin --password 'a-new-secret'
    """
    from access import accounts

    if agency is not None and role != "reporter":
        raise click.ClickException("只有填报单位账户（--role reporter）绑定单位，请去掉 --agency。")
    if agency is not None:
        from service import reporting

        with store_db.connect(db) as con:
            agency = reporting.resolve_agency(con, agency)
    created = accounts.set_account(username, password, role, name, agency=agency)
    bound = f"，{agency}" if agency else ""
    click.echo(f"{'已创建' if created else '已重置'}账户 {username}（{role}{bound}）。")


@cli.command("ensure-admin")
def ensure_admin():
    """Create the first admin (user admin, a random password printed once) when no account exists yet.

    Example: python manage.py ensure-admin
    """
    from access import accounts

    password = accounts.ensure_first_admin()
    if password:
        user = accounts.FIRST_ADMIN
        click.echo(f"已创建首个管理员：用户名 {user}，密码 {password}（只显示这一次，请记下）。"
                   f"可随时运行 python manage.py account {user} --role admin 修改密码。")


@cli.command("end-sessions")
@click.argument("username", required=False)
def end_sessions(username):
    """End the open sessions of one account, or of every account (a new signing key) when no name is given.

    Example: python manage.py end-sessions 张敏
    """
    from access import accounts, sessions

    if username:
        if username not in accounts.load()["credentials"]["usernames"]:
            raise accounts.AccountError(f"没有名为“{username}”的账户。")
        sessions.end_sessions(accounts.accounts_file(), username)
    else:
        accounts.rotate_key()
    click.echo(f"已结束账户 {username} 的所有登录。" if username else "已结束所有账户的登录（已更换签名密钥）。")


@cli.command("delete-account")
@click.argument("username")
def delete_account(username):
    """Delete an account; its open sessions end at once.

    Example: python manage.py delete-account 张敏
    """
    from access import accounts

    accounts.delete_account(username)
    click.echo(f"已删除账户 {username}，其登录已结束。")


@cli.command("public-mode")
@click.argument("state", type=click.Choice(["on", "off"]))
def public_mode(state):
    """Switch the read-only public mode (no login, viewer pages only) on or off.

    Example: python manage.py public-mode on
    """
    from access import accounts

    accounts.set_public_viewer(state == "on")
    click.echo("公开只读模式已开启：无需登录，只显示查看页面。" if state == "on" else "公开只读模式已关闭。")


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="FILE.duckdb (must not exist).")
@click.pass_obj
def backup(db, out):
    """Copy the database consistently, even while the dashboard runs or an upload commits.

    Example: python manage.py backup --out backups/cleanprod-2026-11-24.duckdb
    """
    from store.backup import backup as run_backup

    path = run_backup(db, Path(out))
    click.echo(f"已备份到 {path}")


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", default="cli", show_default=True, help="Who restores (recorded in the audit log).")
@click.pass_obj
def restore(db, source, user):
    """Replace the database's contents with a backup, in one transaction; creates the database when it does not
    exist yet. The audit log keeps its entries, gains the backup's, and records the restore.

    Example: python manage.py restore backups/cleanprod-2026-11-24.duckdb
    """
    from store.backup import restore as run_restore

    counts = run_restore(db, Path(source), user=user)
    click.echo(f"已从 {source} 恢复：{counts.get('uploads', 0)} 个上传，{counts.get('actuals', 0)} 条指标数值。")


def _reporting_period(as_of: str | None) -> str:
    return _checked_period(as_of) or periods.latest_closed(store_uploads.now().date())


@cli.command()
@click.option("--set", "changes", multiple=True, metavar="PERIOD=YYYY-MM-DD",
              help="Move a quarter's deadline (admins), e.g. --set 2026Q4=2027-01-10; may be repeated.")
@click.option("--user", default="cli", show_default=True, help="Who sets it (recorded in the audit log).")
@click.pass_obj
def calendar(db, changes, user):
    """The reporting calendar: each quarter's deadline for agencies' reports (default 10 days after it ends).

    Example: python manage.py calendar --set 2026Q4=2027-01-10
    """
    from service import reporting

    parsed = []
    for change in changes:
        period, _, day = change.partition("=")
        period = _checked_period(period.strip())
        try:
            parsed.append((period, dt.date.fromisoformat(day.strip())))
        except ValueError:
            raise click.ClickException(f"“{change}”格式不对，请写成 2026Q4=2027-01-10。") from None
    for period, day in parsed:
        reporting.set_deadline(db, period, day, user)  # a day not after the quarter: a UserError, shown in Chinese
    latest = periods.latest_closed(store_uploads.now().date())
    for row in reporting.calendar(db, periods.span(periods.shift(latest, -3), periods.shift(latest, 1))).itertuples():
        click.echo(f"{row.period}\t{row.deadline}\t{'已调整' if row.custom else '默认'}")


@cli.command()
@click.option("--agency", required=True, help="Canonical name or alias, e.g. 市住房建设局.")
@click.option("--as-of", "as_of", default=None, help="The quarter being reported (default: the latest closed).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects with task_no, project_no or code, period, state, "
              "deadline.")
@click.pass_obj
def todo(db, agency, as_of, as_json):
    """What an agency owes: reports due, overdue or returned for the quarter, and reports awaiting its verification.

    Example: python manage.py todo --agency 市住房建设局 --as-of 2026Q3 --json
    """
    from presentation import labels
    from service import reporting

    items = reporting.todo(db, agency, _reporting_period(as_of))
    if as_json:
        out = []
        for row in items.itertuples():
            key = {"code": row.item} if row.subject == "indicator" else {f"{row.subject}_no": int(row.item)}
            out.append({**key, "period": row.period, "state": row.state, "deadline": str(row.deadline),
                        "agency": row.agency, "title": row.title})
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if items.empty:
        click.echo(labels.REPORTING["todo_none"])
    for row in items.itertuples():
        click.echo(f"{labels.TODO_STATE[row.state]}\t{labels.REPORT_SUBJECT[row.subject]} {row.item}\t{row.period}"
                   f"\t截止 {row.deadline}\t{row.agency}\t{row.title[:40]}")


@cli.command()
@click.option("--as-of", "as_of", default=None, help="The quarter being reported (default: the latest closed).")
@click.pass_obj
def remind(db, as_of):
    """Put a reminder in the outbox for every agency that still owes reports of the quarter.

    Example: python manage.py remind --as-of 2026Q3
    """
    from service import reporting

    count = reporting.remind(db, _reporting_period(as_of))
    click.echo(f"已为 {count} 个单位生成催报提醒（见 digest）。")


@cli.command()
@click.option("--day", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write a CSV file instead of printing.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def digest(db, day, out, as_json):
    """The outbox of a day (reminders and report state changes), for a mail or SMS gateway to send.

    Example: python manage.py digest --out digest.csv
    """
    from service import reporting
    from store import reports as store_reports

    try:
        when = dt.date.fromisoformat(day) if day else store_uploads.now().date()
    except ValueError:
        raise click.ClickException(f"日期 {day} 格式不对，请写成 2026-11-30。") from None
    if out:
        table = reporting.digest(db, when)
        table.to_csv(out, index=False, encoding="utf-8-sig")
        click.echo(f"已导出 {len(table)} 条通知到 {out}")
        return
    with store_db.connect(db) as con:
        box = store_reports.outbox(con, when)
    box["at"] = box["at"].astype(str)
    if as_json:
        click.echo(json.dumps(box.to_dict("records"), ensure_ascii=False, indent=1))
    else:
        for row in box.itertuples():
            click.echo(f"{row.at}\t{row.recipient}\t{row.subject}")
        click.echo(f"共 {len(box)} 条。")


if __name__ == "__main__":
    cli()
