"""`crm chart NAME [options] --png FILE`: the desktop's chart drawn headless (offscreen Qt) into a PNG.

app/ never imports Qt, so the command lives here and reaches `crm` through the "crm.commands" entry point group
(pyproject.toml); app/cli.py adds every registered command to its parser. Importing this module stays cheap: Qt
and pyqtgraph are imported when the command runs.
"""
from __future__ import annotations

import argparse
import errno
import os
from datetime import date
from pathlib import Path
from typing import Any

NAMES = ("potential", "trend", "activity", "company", "margin", "rfm")
GROUP_BY = ("customer", "salesperson", "region", "industry", "type", "grade", "category", "month")


def register(subparsers: Any) -> None:
    """Add `chart` to the `crm` parser (the entry point app/cli.py calls)."""
    from app.cli import _date, _positive_int

    s = subparsers.add_parser("chart", help="把图表画成 PNG 图片（与桌面程序中的图表相同）")
    s.add_argument("name", choices=NAMES, help="potential | trend CUSTOMER | activity | company | margin | rfm")
    s.add_argument("customer", nargs="?", help="客户编码（trend 图表）")
    s.add_argument("--as-of", type=_date)
    s.add_argument("--from", dest="date_from")
    s.add_argument("--to", dest="date_to")
    s.add_argument("--group-by", default="customer")
    s.add_argument("--png", required=True, metavar="FILE")
    s.add_argument("--width", type=_positive_int, default=1000, help="图片宽度（像素，至少 600）")
    s.add_argument("--height", type=_positive_int, default=620, help="图片高度（像素，至少 400）")
    s.set_defaults(func=run)


def chart_params(args: argparse.Namespace) -> dict[str, Any]:
    """The chart's parameters from the options, checked as `crm report` checks its own."""
    from app.cli import _date, _month
    from app.errors import ValidationError

    # bad usage, as app.cli.main reports it (exit 2) also when it runs as `python -m app.cli` (another module object)
    UsageError = argparse.ArgumentTypeError  # noqa: N806

    name = args.name
    if name == "trend" and not args.customer:
        raise UsageError("trend 图表需要客户编码：crm chart trend CUSTOMER [--as-of D] --png FILE")
    if name != "trend" and args.customer:
        raise UsageError(f"{name} 图表不需要客户编码")
    if name == "activity":
        if not (args.date_from and args.date_to):
            raise UsageError("activity 图表需要 --from YYYY-MM --to YYYY-MM")
        first, last = _month(args.date_from), _month(args.date_to)
        if first > last:
            raise ValidationError("report.month_order", first=first, last=last)
        return {"first": first, "last": last}
    if name == "margin":
        if not (args.date_from and args.date_to):
            raise UsageError("margin 图表需要 --from YYYY-MM-DD --to YYYY-MM-DD")
        if args.group_by not in GROUP_BY:
            raise UsageError(f"--group-by 只能是：{'|'.join(GROUP_BY)}")
        start, end = _date(args.date_from), _date(args.date_to)
        if start > end:
            raise ValidationError("report.period_order", start=start, end=end)
        return {"start": start, "end": end, "group_by": args.group_by}
    params: dict[str, Any] = {"as_of": args.as_of or date.today()}
    if name == "trend":
        params["customer"] = args.customer
    return params


def run(args: argparse.Namespace) -> int:
    from app import charts
    from app.cli import _ready_sessions
    from app.context import SYSTEM
    from app.errors import ValidationError

    params = chart_params(args)
    path = Path(args.png)
    if not path.parent.is_dir():
        raise ValidationError("export.cannot_write", path=path, detail=os.strerror(errno.ENOENT))
    with _ready_sessions(args)() as s:
        chart = charts.build(s, SYSTEM, args.name, **params)
    from ui.charts import render_png

    try:
        render_png(chart, path, (args.width, args.height))
    except OSError as exc:
        raise ValidationError("export.cannot_write", path=path, detail=exc.strerror or exc) from None
    print(f"已生成图表：{path}（{chart.title}）")
    return 0
