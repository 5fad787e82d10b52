"""The `crm` command: administration, import, reports and scripting over the same services as the GUI."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import render, schema
from app import settings as app_settings
from app.context import SYSTEM, Actor
from app.db import ensure_statistics, make_engine, make_sessions, refresh_statistics
from app.errors import NotAvailable, UserError, ValidationError

REPORT_NAMES = ("aging", "activity", "margin", "abc", "potential", "dormant", "rfm")
GROUP_BY = ("customer", "salesperson", "region", "industry", "type", "grade", "category", "month")


class UsageError(Exception):
    """Bad command-line usage: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


# --- argument types --------------------------------------------------------------------------


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"月份格式应为 YYYY-MM：{text}")
    return text


def _money(text: str) -> Decimal:
    """`--amount`: a positive amount in yuan, exact to the fen; thousands separators allowed, 1e3 / NaN refused."""
    from app.limits import MAX_MONEY

    plain = text.replace(",", "").strip()
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"金额无效：{text}") from None
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", plain):  # Decimal also reads 1e15, NaN and Infinity
        raise argparse.ArgumentTypeError(f"金额应直接写出数字，例如 1234.50：{text}")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"金额必须大于 0：{text}")
    if value > MAX_MONEY:
        raise argparse.ArgumentTypeError(f"金额不能超过 {MAX_MONEY:,}：{text}")
    if value != value.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(f"金额最多两位小数：{text}")
    return value


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


# --- helpers ---------------------------------------------------------------------------------


def _engine(args: argparse.Namespace) -> Engine:
    return make_engine(args.db)


def _ready_sessions(args: argparse.Namespace) -> sessionmaker[Session]:
    """Sessions over a database that `crm init` has brought to the newest schema."""
    engine = _engine(args)
    _check_file(engine)
    current = schema.current_revision(engine)
    if current is None:
        raise UserError("cli.not_initialised")
    if current != schema.head_revision():
        raise UserError("cli.old_schema")
    ensure_statistics(engine)
    return make_sessions(engine)


def _check_file(engine: Engine) -> None:
    """An SQLite file whose header shows it truncated or overwritten: one line naming it and the newest backup."""
    from app import dbfile

    try:
        dbfile.check_header(engine)
    except dbfile.DatabaseDamaged as exc:
        raise UserError(_damage_line(engine, exc)) from None


def _damage_line(engine: Engine, exc: Exception) -> str:
    """The damaged-file message with the newest backup to restore, on one line."""
    from app import backup, dbfile

    path = dbfile.sqlite_path(engine)
    text = str(exc) if isinstance(exc, dbfile.DatabaseDamaged) else str(
        dbfile.damaged(path or Path("?"), str(getattr(exc, "orig", exc))))
    return f"{text}{backup.newest_offer(engine.url.render_as_string(hide_password=False))}".replace("\n", " ")


def _progress(stream: Any = None) -> Callable[[str, int, int], None]:
    stream = stream if stream is not None else sys.stderr  # the stderr of now, not of import time

    def show(stage: str, done: int, total: int) -> None:
        if stream.isatty() or done == total:
            pct = f"{done * 100 // total}%" if total else ""
            stream.write(f"\r{stage} {done}/{total} {pct}   ")
            if done == total:
                stream.write("\n")
            stream.flush()

    return show


def _not_yet(what: str) -> None:
    raise NotAvailable("cli.later", what=what)


# --- commands --------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    engine = _engine(args)
    before = schema.current_revision(engine)
    schema.upgrade(engine)
    sessions = make_sessions(engine)
    if args.company:
        from app.context import audit

        with sessions.begin() as s:
            was = app_settings.load(s).company_name
            app_settings.save(s, company_name=args.company)
            if was != args.company:
                audit(s, _actor(), "settings.save", "setting", None, company_name=[was, args.company])
    if before is None:
        print(f"已创建数据库：{engine.url.render_as_string(hide_password=True)}")
    elif before != schema.head_revision():
        print("数据库结构已升级到最新版本")
    else:
        print("数据库已是最新版本，无需更改")
    if args.company:
        print(f"公司名称：{args.company}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app import startup

    db = startup.open_database(args.db)
    try:
        created = db.state == "new"
        summary = startup.generate_demo(db, customers=args.customers, seed=args.seed, progress=_progress())
    finally:
        db.engine.dispose()
    if created:
        print(f"已创建数据库：{db.engine.url.render_as_string(hide_password=True)}")
    print(
        f"演示公司已生成：销售员 {summary.salespeople} 人，客户 {summary.customers} 家，商品 {summary.products} 种，"
        f"销售单 {summary.orders} 张（{summary.order_lines} 行），退货 {summary.returns} 张，收款 {summary.receipts} 张，"
        f"日期 {summary.first_date} 至 {summary.last_date}"
    )
    logins = "、".join(login for login, *_ in startup.DEMO_USERS)
    print(f"登录账户：{logins}，密码均为 {startup.DEMO_PASSWORD}（crm-desktop 打开这个数据库后即可登录）")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from app import importing

    importing.write_template(Path(args.file))
    print(f"已生成导入模板：{args.file}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app import importing

    sessions = _ready_sessions(args)
    result = importing.import_workbook(
        sessions, Path(args.file), partial=args.partial, update=args.update, progress=_progress(),
        actor=_actor().login, max_rows=args.max_rows,
    )
    if result.written:
        refresh_statistics(sessions.kw["bind"], full=True)
    for notice in result.notices:
        print(f"提示：{notice}", file=sys.stderr)
    for e in result.errors:
        where = "，".join(x for x in (f"工作表「{e.sheet}」", f"第 {e.row} 行" if e.row else "",
                                      f"列「{e.column}」" if e.column else "") if x)
        print(f"错误：{where}：{e.reason}", file=sys.stderr)
    for sheet, counts in result.counts.items():
        parts = [f"{label} {counts.get(key, 0)}" for key, label in
                 (("created", "新增"), ("updated", "更新"), ("unchanged", "未变"), ("rejected", "拒绝"))]
        print(f"{sheet}：" + "，".join(parts))
    if result.error_workbook:
        print(f"被拒绝的行已写入：{result.error_workbook}", file=sys.stderr)
    if result.errors and not args.partial:
        print(f"导入失败：共 {len(result.errors)} 处错误，未写入任何数据", file=sys.stderr)
        return 1
    if not result.written and not result.errors:
        print("没有新数据：工作簿中的记录都已导入过，数据库未改变")
    return 0


def _report_params(args: argparse.Namespace) -> dict[str, Any]:
    name = args.name
    period = period_params(name, args.month_from, args.month_to, args.group_by, "报表")
    if period is not None:
        return period
    params: dict[str, Any] = {"as_of": args.as_of or date.today()}
    if name == "dormant":
        params["days"] = args.days
    return params


def period_params(name: str, first_text: str | None, last_text: str | None, group_by: str, noun: str
                  ) -> dict[str, Any] | None:
    """The period of an `activity` (months) or `margin` (days, a grouping) report or chart from --from/--to/--group-by,
    checked (bad usage — ArgumentTypeError, which main reports as such whichever module object raised it — or a
    message); None for the others. `noun`: 报表 or 图表, for the usage line."""
    if name == "activity":
        if not (first_text and last_text):
            raise argparse.ArgumentTypeError(f"activity {noun}需要 --from YYYY-MM --to YYYY-MM")
        first, last = _month(first_text), _month(last_text)
        if first > last:
            raise ValidationError("report.month_order", first=first, last=last)
        return {"first": first, "last": last}
    if name == "margin":
        if not (first_text and last_text):
            raise argparse.ArgumentTypeError(f"margin {noun}需要 --from YYYY-MM-DD --to YYYY-MM-DD")
        start, end = _date(first_text), _date(last_text)
        if start > end:
            raise ValidationError("report.period_order", start=start, end=end)
        if group_by not in GROUP_BY:
            raise argparse.ArgumentTypeError(f"--group-by 只能是：{'|'.join(GROUP_BY)}")
        return {"start": start, "end": end, "group_by": group_by}
    return None


def _printed_by() -> str:
    """Who prints: the operating-system user running `crm` (printouts name them in the footer)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment nor in the password database
        return ""


def _actor() -> Actor:
    """Who changes data from the command line: the operating-system user, "cli:<user>" in the audit log."""
    return Actor(login=f"cli:{_printed_by() or '?'}"[:64], role="admin")


def _written(path: str) -> None:
    from app.messages import msg

    print(msg("cli_export.written", path=path))


def _writing(path: str, write: Callable[[], object]) -> None:
    """Run `write`; a file the workbook writer cannot create is a user error (exit 1), like the PDF writer's."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        write()
    except FileCreateError as exc:
        detail = exc.args[0] if exc.args else exc
        raise UserError("export.cannot_write", path=path, detail=getattr(detail, "strerror", None) or str(detail)
                        ) from None
    _written(path)


def cmd_report(args: argparse.Namespace) -> int:
    from app import reports

    params = _report_params(args)
    sessions = _ready_sessions(args)
    with sessions() as s:
        table = reports.build(s, args.name, **params)
        company = app_settings.load(s).company_name
    if args.xlsx or args.pdf:
        from app.exports.common import table_document
        from app.tables import sort_by_first_column

        doc = table_document(table, company=company, printed_by=_printed_by())
        # the rows in the order of the JSON output (CONTRACT.md): the same report in every rendering
        rows = sort_by_first_column(table.rows, table.columns[0].key) if table.sort_rows and table.columns \
            else table.rows
        if args.xlsx:
            from app.exports.xlsx import write_xlsx

            _writing(args.xlsx, lambda: write_xlsx(doc, rows, Path(args.xlsx), total_rows=len(rows)))
        else:
            from app.exports.pdf import write_table_pdf

            _writing(args.pdf, lambda: write_table_pdf(doc, rows, Path(args.pdf), total_rows=len(rows)))
        return 0
    if args.json:
        print(json.dumps(render.to_json(table), ensure_ascii=False, indent=1))
    else:
        print(render.to_text(table))
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    from app import credit_view
    from app.customers import by_code
    from app.exports import statement as statement_export

    with _ready_sessions(args)() as s:
        customer = by_code(s, args.customer)
        st = credit_view.customer_statement(s, SYSTEM, customer.id, args.date_from, args.date_to)
        company = app_settings.load(s)
        customer_address = customer.address
    if args.json:
        print(json.dumps(statement_export.statement_json(st), ensure_ascii=False, indent=1))
    elif args.xlsx:
        _writing(args.xlsx, lambda: statement_export.write_statement_xlsx(
            st, Path(args.xlsx), company=company.company_name, printed_by=_printed_by()))
    elif args.pdf:
        _writing(args.pdf, lambda: statement_export.write_statement_pdf(
            st, Path(args.pdf), company=company.company_name, company_address=company.company_address,
            customer_address=customer_address, printed_by=_printed_by()))
    else:
        from app.tables import Table

        doc, rows = statement_export.statement_document(st)
        print(render.to_text(Table(
            report="statement", title=f"{doc.title} {st.customer_code} {st.customer_name}",
            params={"from": st.start, "to": st.end}, columns=doc.columns, rows=rows, totals=doc.totals,
            notes=[*doc.notes_above, *doc.notes_below])))
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    from app.customers import by_code
    from app.exports.dossier import write_dossier_pdf

    on = args.as_of or date.today()
    with _ready_sessions(args)() as s:
        ids = [by_code(s, code).id for code in args.customer]
        company = app_settings.load(s).company_name
        _writing(args.pdf, lambda: write_dossier_pdf(s, ids, on, Path(args.pdf), company=company,
                                                     printed_by=_printed_by()))
    return 0


def cmd_credit(args: argparse.Namespace) -> int:
    from app.credit import credit_decision
    from app.customers import by_code

    on = args.date or date.today()
    with _ready_sessions(args)() as s:
        customer = by_code(s, args.customer)
        d = credit_decision(s, customer.id, args.amount, on)
    data = {
        "customer_code": customer.code,
        "date": on.isoformat(),
        "amount": str(args.amount.quantize(Decimal("0.01"))),
        "decision": d.decision,
        "reasons": [{"code": r.code, "message": r.message} for r in d.reasons],
        "balance": str(d.balance),
        "overdue": str(d.overdue),
        "unapplied": str(d.unapplied),
        "credit_limit": str(d.credit_limit),
        "exposure": str(d.exposure),
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    verdict = {"ok": "通过", "hold": "暂挂（需审批）", "block": "禁止"}[d.decision]
    print(f"客户 {customer.code} {customer.name}，{on} 新单金额 {data['amount']} 元：{verdict}")
    for r in d.reasons:
        print(f"  - {r.message}")
    print(f"  余额 {d.balance}，过期 {d.overdue}，预收 {d.unapplied}，信用额度 {d.credit_limit}，本单后占用 {d.exposure}")
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    """What a login is reminded of as of a date (CONTRACT.md "reminders"): items only for the customers it may see,
    HELD only for roles that approve, without the reminders that login put away."""
    from app import reminders
    from app.messages import msg

    on = args.as_of or date.today()
    with _ready_sessions(args)() as s:
        result = reminders.for_login(s, args.user, on)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return 0
    print(f"{result.user} 截至 {on} 的提醒：共 {result.total} 条")
    for kind, items in result.by_kind().items():
        if items:
            print(f"\n{msg(f'reminders.kind_{kind}').text('zh')}（{len(items)}）")
            for item in items:
                print(f"  {item.customer_code} {item.customer_name}：{item.message.text('zh')}")
    if result.hidden:
        print(f"\n另有 {len(result.hidden)} 条已忽略或暂缓的提醒")
    return 0


def _manifest_json(manifest: Any) -> dict[str, Any]:
    return {"company": manifest.company, "created_at": manifest.created_at, "source": manifest.source,
            "app_version": manifest.app_version, "schema_revision": manifest.schema_revision,
            "rows": manifest.total_rows, "tables": manifest.counts()}


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def cmd_backup(args: argparse.Namespace) -> int:
    """`crm backup [FILE] [--json]`: one consistent backup of the live database (default: the backups folder)."""
    from app import backup
    from app.messages import msg

    sessions = _ready_sessions(args)
    engine = sessions.kw["bind"]
    result = backup.backup(engine, _actor(), Path(args.file) if args.file else None,
                           progress=None if args.json else _progress())
    if args.json:
        print(json.dumps({"file": str(result.path), "size": result.size, **_manifest_json(result.manifest)},
                         ensure_ascii=False, indent=1))
    else:
        print(msg("backup.done", path=str(result.path), rows=f"{result.manifest.total_rows:,}",
                  size=_size(result.size)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """`crm restore FILE [--yes] [--check] [--json]`: check the backup, then replace the database's data with it."""
    from app import backup
    from app.messages import msg

    file = Path(args.file)
    manifest = backup.verify(file)
    if args.check:
        if args.json:
            print(json.dumps({"file": str(file), "ok": True, **_manifest_json(manifest)}, ensure_ascii=False,
                             indent=1))
        else:
            print(msg("backup.verified", path=str(file), company=manifest.company or "-",
                      created_at=manifest.created_at.replace("T", " "), rows=f"{manifest.total_rows:,}"))
        return 0
    engine = _engine(args)
    target = engine.url.render_as_string(hide_password=True)
    if not args.yes and backup.target_has_data(engine):
        if not sys.stdin.isatty():
            raise UserError("backup.needs_yes", target=target)
        answer = input(f"{msg('backup.needs_yes', target=target)}\n现在还原请输入 yes：")
        if answer.strip().lower() != "yes":
            print("已取消，数据库未改变", file=sys.stderr)
            return 1
    result = backup.restore(engine, _actor(), file, progress=None if args.json else _progress())
    if args.json:
        print(json.dumps({"file": str(file), "target": result.target,
                          "aside": str(result.aside) if result.aside else None, **_manifest_json(manifest)},
                         ensure_ascii=False, indent=1))
    else:
        print(msg("backup.restored", path=str(file), company=manifest.company or "-",
                  created_at=manifest.created_at.replace("T", " "), rows=f"{manifest.total_rows:,}"))
        if result.aside:
            print(msg("backup.aside", path=str(result.aside)))
    return 0


def cmd_later(what: str) -> Callable[[argparse.Namespace], int]:
    def run(_args: argparse.Namespace) -> int:
        _not_yet(what)
        return 1

    return run


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise ValidationError("cli.passwords_differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from app import auth

    password = _read_password(args)
    with _ready_sessions(args).begin() as s:
        info = auth.add_user(s, _actor(), args.login, password, args.role, args.name, args.salesperson)
    print(f"已创建账户：{info.login}（{auth.ROLE_TITLES[info.role]}）")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from app import auth

    password = _read_password(args)
    with _ready_sessions(args).begin() as s:
        auth.set_password(s, _actor(), args.login, password)
    print(f"已修改账户 {args.login} 的密码")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from app import auth

    with _ready_sessions(args)() as s:
        users = auth.list_users(s)
    if args.json:
        rows = [{"login": u.login, "name": u.display_name, "role": u.role, "salesperson_code": u.salesperson_code,
                 "active": u.active} for u in users]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for u in users:
        state = "" if u.active else "（已停用）"
        print(f"{u.login}\t{u.display_name}\t{auth.ROLE_TITLES[u.role]}\t{u.salesperson_code or '-'}{state}")
    print(f"共 {len(users)} 个账户")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from app import auth

    with _ready_sessions(args).begin() as s:
        auth.disable_user(s, _actor(), args.login)
    print(f"已停用账户 {args.login}")
    return 0


# --- parser ----------------------------------------------------------------------------------


def build_parser(plugins: bool = True) -> argparse.ArgumentParser:
    p = _Parser(prog="crm", description="客户资源管理 — 命令行")
    p.add_argument("--db", help="数据库 URL（sqlite:///路径 或 postgresql+psycopg://…）；默认 CRM_DB 或用户数据目录中的文件")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("init", help="创建或升级数据库")
    s.add_argument("--company", help="公司名称")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("demo", help="生成演示公司数据")
    s.add_argument("--customers", type=_positive_int, default=300)
    s.add_argument("--seed", type=int, default=1)
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("template", help="生成空白导入模板")
    s.add_argument("file")
    s.set_defaults(func=cmd_template)

    s = sub.add_parser("import", help="导入 Excel 工作簿")
    s.add_argument("file")
    s.add_argument("--partial", action="store_true", help="只写入有效行，错误行另存为错误工作簿")
    s.add_argument("--update", action="store_true", help="更新编码已存在的主数据")
    s.add_argument("--max-rows", type=int, metavar="N",
                   help="每张工作表的行数上限，超过即拒绝导入（默认：设置项 import_max_rows，200000）")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("report", help="打印或导出报表")
    s.add_argument("name", choices=REPORT_NAMES)
    s.add_argument("--as-of", type=_date)
    s.add_argument("--from", dest="month_from")
    s.add_argument("--to", dest="month_to")
    s.add_argument("--group-by", default="customer")
    s.add_argument("--days", type=_positive_int)
    out = s.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--xlsx", metavar="FILE")
    out.add_argument("--pdf", metavar="FILE")
    s.set_defaults(func=cmd_report)

    credit = sub.add_parser("credit", help="信用控制")
    csub = credit.add_subparsers(dest="credit_command", required=True, parser_class=_Parser)
    s = csub.add_parser("check", help="新单信用检查（不保存）")
    s.add_argument("customer")
    s.add_argument("--amount", type=_money, required=True)
    s.add_argument("--date", type=_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_credit)

    s = sub.add_parser("statement", help="对账单")
    s.add_argument("customer")
    s.add_argument("--from", dest="date_from", type=_date, required=True)
    s.add_argument("--to", dest="date_to", type=_date, required=True)
    g = s.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true")
    g.add_argument("--pdf", metavar="FILE")
    g.add_argument("--xlsx", metavar="FILE")
    s.set_defaults(func=cmd_statement)

    s = sub.add_parser("dossier", help="客户档案 PDF")
    s.add_argument("customer", nargs="+")
    s.add_argument("--as-of", type=_date)
    s.add_argument("--pdf", metavar="FILE", required=True)
    s.set_defaults(func=cmd_dossier)

    s = sub.add_parser("backup", help="备份数据库")
    s.add_argument("file", nargs="?", help="备份文件（默认：数据旁的 backups 文件夹，以公司名和时间命名）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("restore", help="从备份还原")
    s.add_argument("file")
    s.add_argument("--yes", action="store_true", help="确认用备份替换数据库中的全部数据")
    s.add_argument("--check", action="store_true", help="只检查备份文件，不还原")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_restore)

    s = sub.add_parser("reminders", help="某个登录账户的提醒")
    s.add_argument("--user", required=True, help="登录账户")
    s.add_argument("--as-of", type=_date, help="截至日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_reminders)

    user = sub.add_parser("user", help="管理登录账户")
    usub = user.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    s = usub.add_parser("add", help="新建账户")
    s.add_argument("login")
    s.add_argument("--role", required=True, choices=("admin", "manager", "sales", "finance"),
                   help="admin=管理员 manager=经理 sales=销售 finance=财务")
    s.add_argument("--name", default="", help="显示名称")
    s.add_argument("--salesperson", help="关联的销售员工号（销售角色必填）")
    s.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（脚本用）")
    s.set_defaults(func=cmd_user_add)
    s = usub.add_parser("passwd", help="修改密码")
    s.add_argument("login")
    s.add_argument("--password-stdin", action="store_true")
    s.set_defaults(func=cmd_user_passwd)
    s = usub.add_parser("list", help="列出账户")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_user_list)
    s = usub.add_parser("disable", help="停用账户")
    s.add_argument("login")
    s.set_defaults(func=cmd_user_disable)
    if plugins:
        _plugin_commands(sub)
    return p


def _plugin_commands(sub: Any) -> None:
    """Commands other packages add: each entry point of the "crm.commands" group names a `register(subparsers)` that
    adds its parser (the desktop's `chart`, which needs Qt and so cannot live in app/). One that cannot be loaded
    (its package missing or broken) is left out; a name already taken is not replaced."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="crm.commands"):
        if entry.name in sub.choices:
            continue
        try:
            register = entry.load()
        except ImportError:
            continue
        register(sub)


BUILTIN_COMMANDS = frozenset({"init", "demo", "template", "import", "report", "credit", "statement", "dossier",
                              "backup", "restore", "user", "reminders"})
BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a Unix tool whose reader went away (`crm … | head`)


def _command_of(argv: Sequence[str]) -> str | None:
    """The command word of a command line (`crm --db X report …` → "report")."""
    words = list(argv)
    while words:
        word = words.pop(0)
        if word == "--db":
            words = words[1:]
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from app import logs

    with logs.logging_to_file("crm"):  # warnings and errors of this run go to crm.log in the data folder
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # another package's commands are loaded only when the command is not one of ours (or for --help): the
    # entry-point scan and its imports cost every other command's start
    parser = build_parser(plugins=_command_of(argv) not in BUILTIN_COMMANDS)
    db_arg: str | None = None
    try:
        args = parser.parse_args(argv)
        db_arg = args.db
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that went away shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _broken_pipe()
    except (UsageError, argparse.ArgumentTypeError) as exc:  # the latter: a --from/--to checked after parsing
        print(f"用法错误：{exc}", file=sys.stderr)
        print("运行 crm --help 查看用法", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"错误：无法打开或访问数据库（{exc.orig}）", file=sys.stderr)
        return 1
    except DatabaseError as exc:  # a corrupt SQLite file found while reading: one line, no traceback
        from app.dbfile import is_damage

        if not is_damage(exc):
            return _unexpected(exc)
        print(f"错误：{_damage_line(make_engine(db_arg), exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130  # 128 + SIGINT, as a shell reports it
    except Exception as exc:  # noqa: BLE001 - a bug: one line here, the traceback in the log
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    from app import logs

    path = logs.record(exc, "crm")
    where = f"详情见日志 {path}" if path is not None else "详情已写到上方"
    print(f"错误：程序出现意外错误（{logs.summary(exc)}），操作没有完成。{where}", file=sys.stderr)
    return 1


def _broken_pipe() -> int:
    """The reader of our output closed it (`crm report aging | head -1`): stop quietly with BROKEN_PIPE.

    What is still buffered for stdout can never be written; stdout is pointed at the null device so that Python's
    final flush at exit does not fail with a second BrokenPipeError and its "Exception ignored" message.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a file descriptor (a test's StringIO): nothing will flush it
        pass
    return BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
