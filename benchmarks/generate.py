"""Build the full-scale benchmark database: 100k customers, 300k orders, 1M order lines, receipts, returns, histories.

Usage: PYTHONPATH=. python benchmarks/generate.py [--out benchmarks/data/bench.sqlite3] [--seed 1] [--scale 1.0]

The schema comes from the application's own migrations (app.schema.upgrade); rows are written with the stdlib
sqlite3 `executemany` inside one transaction, in the storage form the ORM types use (money as integer fen,
quantities as integer thousandths, dates as ISO text, booleans as 0/1). Everything is derived from one seeded
`random.Random`, so a seed always gives the same file.
"""
from __future__ import annotations

import argparse
import bisect
import gc
import math
import multiprocessing
import random
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import pinyin  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.schema import upgrade  # noqa: E402

# the period the documents cover: two years ending on the benchmark's as-of date
START = date(2024, 11, 1)
END = date(2026, 10, 31)
HISTORY_START = date(2018, 1, 1)

N_CUSTOMERS = 100_000
N_SALESPEOPLE = 30
N_PRODUCTS = 2_000
N_ORDERS = 300_000
N_LINES = 1_000_000
N_RECEIPTS = 250_000
N_RETURNS = 10_000
N_NOISE_ORDERS = 3_000  # draft / held / cancelled orders: must be ignored by every report
N_MANUAL_ALLOCATIONS = 1_000
N_BLACKLISTED = 300
N_BIG_CUSTOMER_ORDERS = 5_000  # one customer this big: the credit check must answer in 100 ms for it
BATCH = 10_000

CITIES = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "长沙", "郑州", "济南", "青岛", "厦门", "福州",
    "合肥", "南昌", "昆明", "贵阳", "南宁", "沈阳", "大连", "长春", "哈尔滨", "石家庄", "太原", "呼和浩特", "兰州", "银川", "西宁", "乌鲁木齐", "宁波",
    "温州", "无锡", "常州", "佛山", "东莞", "中山", "珠海", "汕头", "泉州", "烟台", "潍坊", "洛阳", "徐州", "扬州", "绍兴", "嘉兴", "金华", "台州",
    "惠州", "江门", "湛江", "柳州", "桂林", "海口", "重庆长寿", "长沙望城",
)
# 字号 characters, polyphones (长 重 行 乐 藏 朝 曾) included on purpose
BRAND_CHARS = (
    "华盛鑫源丰泰恒瑞祥隆兴达宏昌信德鸿博创远新金利通顺安嘉明亿佳永富荣裕汇中天长重行乐和美宝辉腾飞龙凤海江山川"
    "东南正大众诚精益康健力伟志成发展润泽浩晟锦程广聚合众联星辰朗曜弘毅卓越凯旋藏朝曾银光"
)
INDUSTRIES = (
    "机械设备", "电子科技", "五金制品", "建材", "化工", "纺织", "食品", "医药", "塑料制品", "汽车配件", "电气", "包装材料", "办公用品", "家具", "照明电器",
    "环保科技", "物流", "进出口", "农业科技", "服装", "钢铁", "有色金属", "工程机械", "仪器仪表", "文化用品", "日用品", "酒店用品", "通信设备", "水处理设备",
    "印刷", "银行设备", "重型机械",
)
SUFFIXES = ("有限公司", "有限公司", "有限责任公司", "股份有限公司", "贸易有限公司", "商行", "经营部", "实业有限公司")
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "平",
         "刚", "桂英", "建华", "晓东", "海燕", "志强", "丽娟", "国强", "文静", "春梅", "永刚", "红霞")
PRODUCT_WORDS = (
    "不锈钢螺栓", "六角螺母", "平垫圈", "弹簧垫圈", "膨胀螺丝", "角钢", "槽钢", "镀锌管", "铜线", "铝板", "电缆", "开关", "插座", "断路器", "接触器",
    "继电器", "变压器", "电机", "轴承", "齿轮", "链条", "皮带", "阀门", "水泵", "压力表", "温度计", "传感器", "控制器", "显示屏", "电源", "胶带", "纸箱",
    "托盘", "手套", "口罩", "工作服", "安全帽", "润滑油", "油漆", "胶水", "密封圈", "滤芯", "刀具", "钻头", "砂轮", "焊条", "焊丝", "扳手", "螺丝刀",
)
PRODUCT_ADJ = ("精品", "国标", "加厚", "重型", "轻型", "工业", "民用", "进口", "特级", "经济型")
UNITS = ("个", "件", "箱", "米", "千克", "吨", "套", "卷")
CATEGORIES = ("紧固件", "型材", "管材", "电工电料", "电气元件", "动力设备", "传动件", "阀门泵类", "仪表", "劳保用品",
              "包装材料", "化工辅料", "工具", "焊接材料", "密封件")
CUSTOMER_TYPES = ("经销商", "终端客户", "工程单位", "个体户", "外贸公司")
PAYMENT_METHODS = ("银行转账", "现金", "承兑汇票", "微信支付", "支付宝")


def log(msg: str, t0: float) -> None:
    print(f"[{time.perf_counter() - t0:7.1f}s wall, {time.process_time():6.1f}s CPU] {msg}", flush=True)


def _iso_table(first: date, last: date) -> dict[int, str]:
    # ISO text per ordinal: formatting a million dates one by one costs seconds
    return {o: date.fromordinal(o).isoformat() for o in range(first.toordinal(), last.toordinal() + 1)}


def _amount(qty_milli: int, price_fen: int) -> int:
    """qty × price rounded half-up to the fen, in integers (both operands are non-negative)."""
    return (qty_milli * price_fen + 500) // 1000


def _pinyin_chunk(names: Sequence[tuple[str, str, str | None]]) -> list[tuple[str, str]]:
    # exactly what app.customers.refresh_pinyin stores
    return [(pinyin.customer_keys(code, name, short), pinyin.initials(name)) for code, name, short in names]


@dataclass
class CustomerPlan:
    id: int
    created: int  # ordinal
    owners: list[tuple[int, int | None]] = field(default_factory=list)  # (effective, salesperson id)
    statuses: list[tuple[int, str]] = field(default_factory=list)
    credits: list[tuple[int, int, int]] = field(default_factory=list)  # (effective, term days, limit fen)
    blacklist: list[tuple[int, bool]] = field(default_factory=list)
    lo: int = 0  # orders fall in [lo, hi]
    hi: int = -1
    growing: bool = False

    def value_on(self, rows: Sequence[tuple], day: int) -> tuple | None:
        """The history row in force on `day` (rows are in id order; latest effective ≤ day, then latest id)."""
        best = None
        for row in rows:
            if row[0] <= day and (best is None or row[0] >= best[0]):
                best = row
        return best


class Generator:
    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.n_customers = max(100, int(N_CUSTOMERS * scale))
        self.n_orders = max(300, int(N_ORDERS * scale))
        self.n_lines = max(self.n_orders, int(N_LINES * scale))
        self.n_receipts = max(200, int(N_RECEIPTS * scale))
        self.n_returns = max(10, int(N_RETURNS * scale))
        self.n_noise = max(10, int(N_NOISE_ORDERS * scale))
        self.n_manual = max(5, int(N_MANUAL_ALLOCATIONS * scale))
        self.n_blacklisted = max(3, int(N_BLACKLISTED * scale))
        self.n_big = max(50, int(N_BIG_CUSTOMER_ORDERS * scale))
        self.iso = _iso_table(HISTORY_START - timedelta(days=10), END + timedelta(days=400))

    # --- names --------------------------------------------------------------------------------------------------

    def company_names(self) -> list[tuple[str, str]]:
        rng, seen, out = self.rng, set(), []
        while len(out) < self.n_customers:
            city = rng.choice(CITIES)
            if rng.random() < 0.3 and len(city) == 2:
                city += "市"
            brand = "".join(rng.sample(BRAND_CHARS, 2 if rng.random() < 0.85 else 3))
            industry = rng.choice(INDUSTRIES)
            name = f"{city}{brand}{industry}{rng.choice(SUFFIXES)}"
            if name in seen:
                continue
            seen.add(name)
            out.append((name, brand + industry.removesuffix("设备").removesuffix("制品")))
        return out

    # --- master data --------------------------------------------------------------------------------------------

    def code_entries(self) -> tuple[list[tuple], dict[str, list[int]]]:
        rows, ids, next_id = [], {}, 1
        regions = sorted({c.rstrip("市")[:2] for c in CITIES})
        industries = sorted({i[:2] for i in INDUSTRIES})
        for kind, names in (("customer_type", CUSTOMER_TYPES), ("region", regions), ("industry", industries),
                            ("product_category", CATEGORIES), ("payment_method", PAYMENT_METHODS)):
            ids[kind] = []
            for n, name in enumerate(names, start=1):
                rows.append((next_id, kind, f"{n:03d}", name, n * 10, 1, 1))
                ids[kind].append(next_id)
                next_id += 1
        return rows, ids

    def salespeople(self) -> list[tuple]:
        rng, rows, seen = self.rng, [], set()
        while len(rows) < N_SALESPEOPLE:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if name in seen:
                continue
            seen.add(name)
            i = len(rows) + 1
            rows.append((i, f"S{i:03d}", name, pinyin.search_keys(name), pinyin.initials(name), f"销售{(i - 1) // 10 + 1}部",
                         f"1390000{i:04d}", 1, 1))
        return rows

    def products(self, categories: list[int]) -> tuple[list[tuple], list[int], list[int]]:
        rng, rows, prices, costs = self.rng, [], [], []
        for i in range(1, N_PRODUCTS + 1):
            word = rng.choice(PRODUCT_WORDS)
            name = f"{rng.choice(PRODUCT_ADJ)}{word}"
            spec = f"{rng.choice('ABCDEFGHJK')}{rng.randint(1, 999)}"
            price = int(math.exp(rng.uniform(math.log(500), math.log(200_000))))  # 5 yuan .. 2,000 yuan, in fen
            cost = int(price * rng.uniform(0.55, 0.92))
            prices.append(price)
            costs.append(cost)
            rows.append((i, f"P{i:05d}", name, pinyin.search_keys(name), pinyin.initials(name), spec, rng.choice(UNITS),
                         categories[(i * 7) % len(categories)], cost, price, 1, 1))
        return rows, prices, costs

    # --- customers and their histories --------------------------------------------------------------------------

    def plan_customers(self) -> list[CustomerPlan]:
        rng = self.rng
        start, end, hist0 = START.toordinal(), END.toordinal(), HISTORY_START.toordinal()
        sp_weights = [rng.uniform(0.5, 2.0) for _ in range(N_SALESPEOPLE)]
        sp_cum = list(_cumulative(sp_weights))
        plans = []
        for cid in range(1, self.n_customers + 1):
            created = rng.randint(hist0, start - 1) if rng.random() < 0.55 else rng.randint(start, end - 30)
            p = CustomerPlan(cid, created)
            # owner: mostly a salesperson, some shared pool; some change hands, a few corrected the same day
            owner = None if rng.random() < 0.06 else _pick(rng, sp_cum) + 1
            p.owners.append((created, owner))
            if rng.random() < 0.12:
                when = rng.randint(max(created + 1, start - 365), end)
                new = None if rng.random() < 0.1 else _pick(rng, sp_cum) + 1
                p.owners.append((when, new))
                if rng.random() < 0.08:
                    p.owners.append((when, _pick(rng, sp_cum) + 1))  # same-day correction: the later id wins
            # status: prospects may convert; some suspend (and come back), some terminate
            active_from = created
            if rng.random() < 0.12:
                p.statuses.append((created, "prospect"))
                if rng.random() < 0.6 and created + 200 < end:
                    active_from = created + rng.randint(10, 200)
                    p.statuses.append((active_from, "active"))
                else:
                    active_from = None
            else:
                p.statuses.append((created, "active"))
            stop = end + 1
            if active_from is not None:
                first = max(active_from + 1, start)
                r = rng.random()
                if r < 0.06 and first < end:
                    when = rng.randint(first, end)
                    p.statuses.append((when, "suspended"))
                    stop = when
                    if rng.random() < 0.5 and when + 30 < end:
                        p.statuses.append((rng.randint(when + 30, min(end, when + 180)), "active"))
                elif r < 0.09 and first + 60 < end:
                    when = rng.randint(first + 60, end)
                    p.statuses.append((when, "terminated"))
                    stop = when
            # credit: new customers buy for cash until someone grants a term and a limit
            p.credits.append((created, 0, 0))
            if rng.random() < 0.8:
                when = created + rng.randint(0, 120)
                p.credits.append((when, rng.choice((15, 30, 30, 30, 45, 60, 60, 90)),
                                  rng.choice((50_000, 100_000, 200_000, 500_000, 1_000_000)) * 100))
                if rng.random() < 0.15:
                    later = rng.randint(when + 1, max(when + 2, end))
                    if later <= end:
                        p.credits.append((later, rng.choice((30, 45, 60)), rng.choice((200_000, 800_000)) * 100))
            if active_from is not None:
                p.lo = max(active_from, start)
                p.hi = min(end, stop - 1)
                if rng.random() < 0.15 and p.hi > p.lo:  # churned: stopped buying (dormant customers)
                    p.hi = rng.randint(p.lo, p.hi)
                p.growing = rng.random() < 0.1
            plans.append(p)
        for p in rng.sample(plans, self.n_blacklisted):
            when = rng.randint(max(p.created, start - 200), end)
            p.blacklist.append((when, True))
            if rng.random() < 0.33 and when + 10 < end:
                p.blacklist.append((rng.randint(when + 10, end), False))
        return plans

    # --- documents ----------------------------------------------------------------------------------------------

    def plan_orders(self, plans: list[CustomerPlan]) -> list[tuple[int, int]]:
        """(date ordinal, customer id) of every confirmed order, sorted by date. The customer buying over the
        longest span is the big one: it gets `n_big` orders (5,000 at full scale) for the credit-check target."""
        rng = self.rng
        eligible = [p for p in plans if p.hi >= p.lo]
        big = max(eligible, key=lambda p: (p.hi - p.lo, -p.id))
        out = [(rng.randint(big.lo, big.hi), big.id) for _ in range(self.n_big)]
        eligible.remove(big)
        weights = [rng.lognormvariate(0, 1.3) * (p.hi - p.lo + 30) for p in eligible]
        cum = list(_cumulative(weights))
        for _ in range(self.n_orders - self.n_big):
            p = eligible[_pick(rng, cum)]
            u = max(rng.random(), rng.random()) if p.growing else rng.random()
            out.append((p.lo + int((p.hi - p.lo + 1) * u), p.id))
        out.sort()
        return out

    def line_counts(self, n_orders: int, n_lines: int) -> list[int]:
        rng = self.rng
        counts = rng.choices((1, 2, 3, 4, 5, 6, 8, 10), weights=(30, 22, 15, 11, 8, 6, 5, 3), k=n_orders)
        diff = n_lines - sum(counts)
        while diff:  # nudge random orders until the total is exact
            i = rng.randrange(n_orders)
            if diff > 0 and counts[i] < 12:
                counts[i] += 1
                diff -= 1
            elif diff < 0 and counts[i] > 1:
                counts[i] -= 1
                diff += 1
        return counts


def _cumulative(weights: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


def _pick(rng: random.Random, cum: list[float]) -> int:
    """An index drawn with the weights whose running totals are `cum`."""
    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


class Numbers:
    """Document numbers by prefix and day: XS20250103-0001."""

    def __init__(self, iso: dict[int, str]) -> None:
        self.iso = iso
        self.seq: dict[tuple[str, int], int] = {}

    def next(self, prefix: str, day: int) -> str:
        n = self.seq.get((prefix, day), 0) + 1
        self.seq[(prefix, day)] = n
        return f"{prefix}{self.iso[day].replace('-', '')}-{n:04d}"


def build(out: Path, seed: int, scale: float, analyze: bool = False) -> None:
    t0 = time.perf_counter()
    # millions of long-lived tuples: the cyclic collector would rescan them over and over for nothing
    gc.disable()
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{out}")
    upgrade(engine)
    engine.dispose()
    log("schema created by app.schema.upgrade (Alembic)", t0)

    g = Generator(seed, scale)
    rng, iso = g.rng, g.iso
    names = g.company_names()
    # pinyin is the slowest part: worker processes compute it while this one builds the documents
    pool = multiprocessing.get_context("fork").Pool(2)
    chunk = 2_000
    coded = [(f"C{i:06d}", name, short) for i, (name, short) in enumerate(names, start=1)]
    pinyin_jobs = [pool.apply_async(_pinyin_chunk, (coded[i:i + chunk],)) for i in range(0, len(coded), chunk)]
    pool.close()

    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")  # a single bulk transaction needs no WAL; switched back at the end
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-500000")
    db.execute("PRAGMA temp_store=MEMORY")
    db.execute("BEGIN")

    def insert(table: str, columns: str, rows: Iterable[tuple]) -> int:
        marks = ",".join("?" * (columns.count(",") + 1))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        batch, n = [], 0
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                db.executemany(sql, batch)
                n += len(batch)
                batch.clear()
        if batch:
            db.executemany(sql, batch)
            n += len(batch)
        return n

    codes, code_ids = g.code_entries()
    insert("code_entry", "id, kind, code, name, sort_order, active, version", codes)
    sp_rows = g.salespeople()
    insert("salesperson", "id, code, name, pinyin, initials, department, phone, employed, version", sp_rows)
    product_rows, prices, costs = g.products(code_ids["product_category"])
    insert("product", "id, code, name, pinyin, initials, spec, unit, category_id, cost, price, active, version",
           product_rows)
    n_products = len(product_rows)
    product_cum = list(_cumulative(1.0 / (i + 10) for i in range(n_products)))  # a few products sell most
    log("code tables, 30 salespeople, products", t0)

    plans = g.plan_customers()
    owner_rows, status_rows, credit_rows, black_rows = [], [], [], []
    for p in plans:
        owner_rows += [(p.id, sp, iso[d], "bench") for d, sp in p.owners]
        status_rows += [(p.id, s, iso[d], "bench") for d, s in p.statuses]
        credit_rows += [(p.id, term, limit, iso[d], "bench") for d, term, limit in p.credits]
        black_rows += [(p.id, int(b), iso[d], "bench", "长期拖欠货款" if b else "已结清欠款")
                       for d, b in p.blacklist]
    insert("owner_history", "customer_id, salesperson_id, effective, changed_by", owner_rows)
    insert("status_history", "customer_id, status, effective, changed_by", status_rows)
    insert("credit_history", "customer_id, term_days, credit_limit, effective, changed_by", credit_rows)
    insert("blacklist_history", "customer_id, blacklisted, effective, changed_by, reason", black_rows)
    log(f"histories: {len(owner_rows)} owner, {len(status_rows)} status, {len(credit_rows)} credit, "
        f"{len(black_rows)} blacklist rows", t0)

    # confirmed orders, chronological ids; handler = the owner on the day, sometimes a colleague
    by_id = {p.id: p for p in plans}
    orders = g.plan_orders(plans)
    counts = g.line_counts(len(orders), g.n_lines)
    numbers = Numbers(iso)
    n_orders = len(orders)
    returned = set(rng.sample(range(n_orders), min(n_orders, g.n_returns * 2)))  # candidates; lines kept
    kept_lines: dict[int, list[tuple[int, int, int, int]]] = {}
    order_rows: list[tuple] = []
    totals: list[int] = []
    due: list[int] = []

    product_total = product_cum[-1]
    rand = rng.random  # the hot loop below runs a million times: plain random() beats randint/uniform 3-4×

    def order_lines(first_line_id: int, order_id: int, count: int) -> tuple[list[tuple], int, int]:
        rows, total, cost_total = [], 0, 0
        for no in range(1, count + 1):
            pid = min(bisect.bisect_right(product_cum, rand() * product_total), n_products - 1) + 1
            # mostly whole units, some weighed quantities with up to 3 decimals
            qty = (int(rand() * 50) + 1) * 1000 if rand() < 0.8 else 100 + int(rand() * 49_901)
            price = max(1, int(prices[pid - 1] * (0.9 + 0.2 * rand())))
            unit_cost = costs[pid - 1]
            amount, cost = _amount(qty, price), _amount(qty, unit_cost)
            rows.append((first_line_id + no - 1, order_id, no, pid, qty, price, unit_cost, amount, cost))
            total += amount
            cost_total += cost
        return rows, total, cost_total

    line_id = 1

    def lines_stream() -> Iterator[tuple]:
        nonlocal line_id
        for i, (day, cid) in enumerate(orders):
            oid = i + 1
            p = by_id[cid]
            term = p.value_on(p.credits, day)[1]
            owner = p.value_on(p.owners, day)[1]
            handler = owner if owner is not None and rand() < 0.9 else int(rand() * N_SALESPEOPLE) + 1
            rows, total, cost_total = order_lines(line_id, oid, counts[i])
            line_id += len(rows)
            if i in returned:
                kept_lines[oid] = [(r[3], r[4], r[5], r[6]) for r in rows]
            order_rows.append((oid, numbers.next("XS", day), iso[day], cid, handler, "confirmed", term,
                               iso[day + term], total, cost_total, "bench", 1))
            totals.append(total)
            due.append(day + term)
            yield from rows

    line_cols = "id, order_id, line_no, product_id, qty, price, unit_cost, amount, cost"
    n_lines = insert("order_line", line_cols, lines_stream())
    insert("sales_order", "id, number, date, customer_id, handler_id, status, term_days, due_date, total, "
           "cost_total, created_by, version", order_rows)
    log(f"{n_orders} confirmed orders, {n_lines} lines", t0)

    # draft / held / cancelled orders that every report must ignore
    noise_rows, noise_lines = [], []
    end = END.toordinal()
    for k in range(g.n_noise):
        oid = n_orders + k + 1
        day, cid = rng.choice(orders)
        rows, total, cost_total = order_lines(line_id, oid, rng.randint(1, 6))
        line_id += len(rows)
        noise_lines += rows
        term = by_id[cid].value_on(by_id[cid].credits, day)[1]
        noise_rows.append((oid, numbers.next("XS", day), iso[day], cid, None,
                           rng.choice(("draft", "held", "cancelled")), term, iso[day + term], total, cost_total,
                           "bench", 1))
    insert("order_line", line_cols, noise_lines)
    insert("sales_order", "id, number, date, customer_id, handler_id, status, term_days, due_date, total, "
           "cost_total, created_by, version", noise_rows)
    log(f"{len(noise_rows)} draft/held/cancelled orders, {len(noise_lines)} lines", t0)

    # receipts: one per paid order, usually around the due date; some name their order, some are partial or
    # overpay (unapplied credit), a few were cancelled
    methods = code_ids["payment_method"]
    receipt_rows, paid = [], []
    for i in rng.sample(range(n_orders), n_orders):
        if len(receipt_rows) >= g.n_receipts:
            break
        order_day = orders[i][0]
        r = rng.random()
        delay = rng.randint(-20, 20) if r < 0.7 else rng.randint(21, 90) if r < 0.95 else rng.randint(91, 300)
        day = max(order_day, due[i] + delay)
        if day > end:
            continue
        r = rng.random()
        amount = totals[i] if r < 0.85 else max(1, totals[i] * rng.randint(20, 90) // 100) if r < 0.97 else \
            totals[i] + rng.randint(1, 500) * 100
        named = i + 1 if rng.random() < 0.4 else None
        status = "cancelled" if rng.random() < 0.003 else "confirmed"
        receipt_rows.append((len(receipt_rows) + 1, numbers.next("SK", day), iso[day], orders[i][1], amount,
                             rng.choice(methods), named, status, "bench", 1))
        paid.append(i)
    receipt_rows.sort(key=lambda r: (r[2], r[1]))
    receipt_rows = [(n + 1, *r[1:]) for n, r in enumerate(receipt_rows)]
    insert("receipt", "id, number, date, customer_id, amount, method_id, order_id, status, created_by, version", receipt_rows)
    # manual allocations (核销 by hand) on receipts that name no order: they count as naming it
    unnamed = [r for r in receipt_rows if r[6] is None and r[7] == "confirmed"]
    alloc_rows = []
    by_customer_orders: dict[int, list[int]] = {}
    for i, (_day, cid) in enumerate(orders):
        by_customer_orders.setdefault(cid, []).append(i)
    for rid, _num, rday, cid, amount, *_ in rng.sample(unnamed, min(len(unnamed), g.n_manual)):
        candidates = [i for i in by_customer_orders.get(cid, []) if iso[orders[i][0]] <= rday]
        if not candidates:
            continue
        i = rng.choice(candidates)
        cap = min(amount, totals[i])
        alloc_rows.append((len(alloc_rows) + 1, rid, None, i + 1, cap, "bench"))
    insert("allocation", "id, receipt_id, return_id, order_id, amount, created_by", alloc_rows)
    log(f"{len(receipt_rows)} receipts, {len(alloc_rows)} manual allocations", t0)

    # returns: part of one or two lines of an order, within 45 days of it
    return_rows, return_lines = [], []
    candidates = sorted(returned)
    rng.shuffle(candidates)
    rl_id = 1
    for i in candidates:
        if len(return_rows) >= g.n_returns:
            break
        day = orders[i][0] + rng.randint(1, 45)
        if day > end:
            continue
        rid = len(return_rows) + 1
        lines = kept_lines[i + 1]
        total = cost_total = 0
        for no, (pid, qty, price, unit_cost) in enumerate(rng.sample(lines, min(len(lines), rng.choice((1, 1, 2)))),
                                                          start=1):
            # give back a few whole units, or the whole of a fractional quantity
            back = rng.randint(1, max(1, qty // 2000)) * 1000 if qty >= 1000 else qty
            amount, cost = _amount(back, price), _amount(back, unit_cost)
            if amount == 0:
                continue
            return_lines.append((rl_id, rid, no, pid, back, price, unit_cost, amount, cost))
            rl_id += 1
            total += amount
            cost_total += cost
        if total == 0:
            continue
        named = i + 1 if rng.random() < 0.5 else None
        status = "cancelled" if rng.random() < 0.01 else "confirmed"
        return_rows.append((rid, numbers.next("TH", day), iso[day], orders[i][1], named, None, status, total,
                            cost_total, "bench", 1))
    insert("return_line", "id, return_id, line_no, product_id, qty, price, unit_cost, amount, cost", return_lines)
    insert("sales_return", "id, number, date, customer_id, order_id, handler_id, status, total, cost_total, "
           "created_by, version", return_rows)
    log(f"{len(return_rows)} returns, {len(return_lines)} return lines", t0)

    # customers last: their pinyin has been computed in the background meanwhile
    keys: list[tuple[str, str]] = []
    for job in pinyin_jobs:
        keys += job.get()
    pool.join()
    log("pinyin (app.pinyin.search_keys + initials) collected", t0)
    types, regions, industries = code_ids["customer_type"], code_ids["region"], code_ids["industry"]

    def customer_rows() -> Iterator[tuple]:
        for p, (name, short), (search, initials) in zip(plans, names, keys, strict=True):
            yield (p.id, f"C{p.id:06d}", name, short, search, initials, 0, rng.choice(types), rng.choice(regions),
                   rng.choice(industries), f"{name[:2]}经济开发区{rng.randint(1, 999)}号", iso[p.created],
                   rng.choice(("A", "B", "C", None, None, None, None)), 0, 1)

    n = insert("customer", "id, code, name, short_name, pinyin, mnemonic, mnemonic_edited, type_id, region_id, "
               "industry_id, address, created, grade, archived, version", customer_rows())
    db.execute("COMMIT")
    log(f"{n} customers; committed", t0)

    check(db)
    if analyze:  # off by default: a fresh file has none, until the application's first open samples them
        db.execute("ANALYZE")
        db.commit()
        from app.db import safe_statistics

        dropped = safe_statistics(db)  # what the application keeps of them on this SQLite (app.db.SEEK_SCAN_FIXED)
        db.commit()
        log(f"ANALYZE: planner statistics written{f' ({dropped} multi-column indexes dropped)' if dropped else ''}", t0)
    db.execute("PRAGMA journal_mode=WAL")  # what app.db sets on every connection anyway
    db.close()
    sync_list_columns(out)
    log("customers' list columns (owner, status, credit) copied from the histories; the allocation kept", t0)
    size = out.stat().st_size / 2**20
    log(f"done: {out} ({size:.0f} MiB)", t0)


def sync_list_columns(out: Path) -> None:
    """What the application does after writing histories: copy the values in force onto the customer rows; the commit
    keeps every customer's allocation (app.ledger.settle, for the customers the triggers marked)."""
    from sqlalchemy.orm import Session

    from app.customers import sync_current
    from app.db import make_engine

    engine = make_engine(f"sqlite:///{out}")
    with Session(engine) as session:
        sync_current(session, END)
        session.commit()
    engine.dispose()


def check(db: sqlite3.Connection) -> None:
    """Invariants the reports rely on; any failure means a generator bug."""
    problems = {
        "order total != sum of lines": """
            SELECT count(*) FROM sales_order o JOIN (
              SELECT order_id, sum(amount) a, sum(cost) c FROM order_line GROUP BY order_id) l ON l.order_id = o.id
            WHERE o.total != l.a OR o.cost_total != l.c""",
        "return total != sum of lines": """
            SELECT count(*) FROM sales_return r JOIN (
              SELECT return_id, sum(amount) a, sum(cost) c FROM return_line GROUP BY return_id) l ON l.return_id = r.id
            WHERE r.total != l.a OR r.cost_total != l.c""",
        "due_date != date + term_days": """
            SELECT count(*) FROM sales_order WHERE due_date != date(date, '+' || term_days || ' days')""",
        "foreign key violations": "SELECT count(*) FROM pragma_foreign_key_check",
    }
    for what, sql in problems.items():
        bad = db.execute(sql).fetchone()[0]
        if bad:
            raise SystemExit(f"generator bug: {bad} rows with {what}")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
        "customer", "salesperson", "product", "sales_order", "order_line", "receipt", "sales_return", "return_line",
        "allocation", "owner_history", "status_history", "credit_history", "blacklist_history")}
    confirmed = db.execute("SELECT count(*) FROM sales_order WHERE status = 'confirmed'").fetchone()[0]
    confirmed_lines = db.execute(
        "SELECT count(*) FROM order_line l JOIN sales_order o ON o.id = l.order_id WHERE o.status = 'confirmed'"
    ).fetchone()[0]
    print("checked: totals = Σ lines, due = date + term, foreign keys; rows:")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"  confirmed orders {confirmed:,} with {confirmed_lines:,} lines")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data" / "bench.sqlite3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (for quick trials)")
    ap.add_argument("--analyze", action="store_true",
                    help="also run ANALYZE, as crm import and crm demo do after writing")
    args = ap.parse_args(argv)
    build(args.out, args.seed, args.scale, args.analyze)


if __name__ == "__main__":
    main()
