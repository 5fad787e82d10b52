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
    from app.cli import period_params

    # bad usage is argparse.ArgumentTypeError, as app.cli.main reports it (exit 2) also when it runs as
    # `python -m app.cli` (another module object)
    UsageError = argparse.ArgumentTypeError  # noqa: N806
    name = args.name
    if name == "trend" and not args.customer:
        raise UsageError("trend 图表需要客户编码：crm chart trend CUSTOMER [--as-of D] --png FILE")
    if name != "trend" and args.customer:
        raise UsageError(f"{name} 图表不需要客户编码")
    period = period_params(name, args.date_from, args.date_to, args.group_by, "图表")
    if period is not None:
        return period
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
