"""Time `crm import` of a 50,000-line workbook against a plain openpyxl read-only pass over the same file.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/importing.py [--lines 50000] [--repeat 5] [--seed 1] [--keep DIR]

Writes a realistic workbook (salespeople, customers with every column, products, and sales orders of one to six
lines each, dates as date cells, prices as numbers), then, interleaved in one process, `--repeat` times each:
(a) openpyxl `load_workbook(read_only=True, data_only=True)` reading every cell of every sheet with
`iter_rows(values_only=True)`; (b) `app.importing.import_workbook` of the same file into a fresh SQLite database
made by `app.schema.upgrade` (making the database is not timed). Prints best and median of each, and their ratio
(target: the import within 1.3x the plain read). It is a report: the exit status is 0 whatever the ratio.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from app import schema  # noqa: E402
from app.db import make_engine, make_sessions  # noqa: E402
from app.importing import import_workbook  # noqa: E402
from benchmarks.run import calibration  # noqa: E402 - the one figure every benchmark prints

TARGET_RATIO = 1.3
TODAY = date(2026, 6, 30)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
CITIES = ["重庆", "成都", "北京", "上海", "广州", "深圳", "武汉", "西安", "长沙", "贵阳"]
TRADE_NAMES = ["长江", "渝丰", "华信", "蜀兴", "银行", "重型", "朝阳", "乐山", "厦华", "行健", "天府", "嘉陵"]
INDUSTRIES = ["五金", "机电", "建材", "电子", "化工", "食品"]
FORMS = ["有限公司", "股份有限公司", "商贸行", "经营部"]
PRODUCTS = ["螺丝", "螺母", "垫圈", "轴承", "电机", "开关", "电缆", "水管", "阀门", "油漆"]
UNITS = ["个", "盒", "箱", "米", "台", "桶"]


def write_workbook(path: Path, lines: int, seed: int) -> dict[str, int]:
    """A workbook as an office would fill in the template; returns how many rows each sheet has."""
    rng = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)

    ws = wb.create_sheet("销售员")
    ws.append(["工号", "姓名", "部门", "电话", "在职"])
    salespeople = [f"S{i:03d}" for i in range(1, 31)]
    for code in salespeople:
        ws.append([code, rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(["销售一部", "销售二部"]),
                   f"138{rng.randint(0, 99999999):08d}", "是" if rng.random() < 0.9 else "否"])

    ws = wb.create_sheet("客户")
    ws.append(["客户编码", "客户名称", "简称", "客户类型", "地区", "行业", "负责销售员", "联系人", "职位", "电话",
               "手机", "邮箱", "地址", "开户银行", "银行账号", "税号", "信用等级", "账期天数", "信用额度", "状态",
               "黑名单", "建档日期", "备注"])
    customers = [f"C{i:05d}" for i in range(1, max(lines // 25, 10) + 1)]
    for code in customers:
        city, trade = rng.choice(CITIES), rng.choice(TRADE_NAMES)
        ws.append([
            code, f"{city}{trade}{rng.choice(INDUSTRIES)}{rng.choice(FORMS)}", f"{city}{trade}",
            rng.choice(["批发商", "零售商", "工程商"]), city, rng.choice(INDUSTRIES),
            rng.choice(salespeople) if rng.random() < 0.94 else None, rng.choice(SURNAMES) + rng.choice(GIVEN),
            rng.choice(["经理", "采购", "老板"]), f"023-{rng.randint(60000000, 69999999)}",
            f"139{rng.randint(0, 99999999):08d}", f"{code.lower()}@example.com", f"{city}市人民路{rng.randint(1, 999)}号",
            "中国工商银行" + city + "支行", "".join(str(rng.randint(0, 9)) for _ in range(19)),
            f"91500000MA{rng.randint(10000000, 99999999)}", rng.choice("ABCD") if rng.random() < 0.3 else None,
            rng.choice([0, 15, 30, 60]), rng.choice([0, 20000, 50000, 100000]),
            "正常" if rng.random() < 0.9 else rng.choice(["潜在", "暂停"]), "否",
            date(2024, 1, 1) + timedelta(days=rng.randint(0, 300)), None,
        ])

    ws = wb.create_sheet("商品")
    ws.append(["商品编码", "商品名称", "规格型号", "单位", "类别", "成本价", "售价"])
    products = [f"P{i:04d}" for i in range(1, 501)]
    for code in products:
        cost = rng.randint(100, 100000) / 100
        ws.append([code, rng.choice(PRODUCTS) + code[1:], f"M{rng.randint(3, 24)}", rng.choice(UNITS),
                   rng.choice(INDUSTRIES), cost, round(cost * rng.uniform(1.1, 1.6), 2)])

    ws = wb.create_sheet("销售单")
    ws.append(["单号", "日期", "客户编码", "经办人", "商品编码", "数量", "单价", "成本价", "备注"])
    written = number = 0
    first = date(2025, 1, 2)
    while written < lines:
        number += 1
        count = min(rng.randint(1, 6), lines - written)
        day = first + timedelta(days=rng.randint(0, 500))
        customer, handler = rng.choice(customers), rng.choice(salespeople)
        for _ in range(count):
            ws.append([f"XS{number:07d}", day, customer, handler, rng.choice(products), rng.randint(1, 60),
                       rng.randint(100, 200000) / 100, rng.randint(50, 100000) / 100 if rng.random() < 0.2 else None,
                       "促销" if rng.random() < 0.05 else None])
        written += count
    wb.save(path)
    return {"销售员": len(salespeople), "客户": len(customers), "商品": len(products), "销售单": lines}


def plain_read(path: Path) -> int:
    """openpyxl's read-only pass over every cell of every sheet; returns the cells seen."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
    finally:
        wb.close()
    return cells


def full_import(path: Path, folder: Path, run: int) -> Callable[[], object]:
    """A fresh database made by the migrations (not timed), and the import into it (timed)."""
    engine = make_engine(f"sqlite:///{folder / f'import-{run}.sqlite3'}")
    schema.upgrade(engine)
    sessions = make_sessions(engine)

    def go() -> object:
        result = import_workbook(sessions, path, today=TODAY)
        if result.errors or not result.written:
            raise SystemExit(f"the benchmark workbook did not import cleanly: {[str(e.reason) for e in result.errors[:3]]}")
        engine.dispose()
        return result.counts

    return go


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the workbook and databases here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "import-bench.xlsx"
        started = time.perf_counter()
        sizes = write_workbook(path, args.lines, args.seed)
        print(f"workbook: {path.name}, {path.stat().st_size / 1e6:.1f} MB, rows {sizes}, "
              f"written in {time.perf_counter() - started:.1f} s")
        print(f"python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, "
              f"python-calamine {metadata.version('python-calamine')}, {os.cpu_count()} CPUs, "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
              f"calibration: 10^7 Python additions in {calibration():.2f} s CPU")
        plain: list[float] = []
        imports: list[float] = []
        for run in range(args.repeat):
            # interleaved, so a slower spell of the machine weighs on both alike
            started = time.perf_counter()
            cells = plain_read(path)
            plain.append(time.perf_counter() - started)
            go = full_import(path, folder, run)
            started = time.perf_counter()
            go()
            imports.append(time.perf_counter() - started)
            print(f"run {run + 1}: plain read {plain[-1]:.3f} s ({cells:,} cells), import {imports[-1]:.3f} s")
        best = min(imports) / min(plain)
        median = statistics.median(imports) / statistics.median(plain)
        print(f"\nplain openpyxl read-only pass: best {min(plain):.3f} s, median {statistics.median(plain):.3f} s")
        print(f"import_workbook:               best {min(imports):.3f} s, median {statistics.median(imports):.3f} s")
        verdict = "PASS" if median <= TARGET_RATIO else "FAIL"
        print(f"ratio import / plain read: best {best:.2f}, median {median:.2f} (target <= {TARGET_RATIO}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
