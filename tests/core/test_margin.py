"""毛利 report: every grouping, returns in their own month, per-line rounding, and the sales-credit setting."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app import settings as app_settings
from app.customers import code_entry, new_customer, set_owner
from app.documents import LineIn, add_order, add_return
from app.errors import ValidationError
from app.reports import build as build_report
from app.reports import margin
from app.tables import Table, fen_to_yuan, rate
from models import Product, Salesperson

D = Decimal
JAN1, FEB29 = date(2024, 1, 1), date(2024, 2, 29)


def _salesperson(session: Session, code: str) -> int:
    sp = Salesperson(code=code, name=f"销售{code}")
    session.add(sp)
    session.flush()
    return sp.id


def _product(session: Session, code: str, category: str | None) -> int:
    category_id = code_entry(session, "product_category", category).id if category else None
    product = Product(code=code, name=f"商品{code}", category_id=category_id)
    session.add(product)
    session.flush()
    return product.id


def _line(product_id: int, qty: str, price: str, unit_cost: str) -> LineIn:
    return LineIn(product_id=product_id, qty=D(qty), price=D(price), unit_cost=D(unit_cost))


@pytest.fixture
def dataset(session: Session) -> Session:
    """Two salespeople, three customers, January–February 2024; every figure below is worked out by hand.

    O1  C01 2024-01-10 handler S02 (owner S01): 3.333 × 10.01 = 33.36333 → 33.36, cost 3.333 × 6.01 → 20.03
                                                1.5 × 19.99 = 29.985 → 29.99,     cost 1.5 × 12.33 = 18.495 → 18.50
    O2  C01 2024-02-15 handler S01 (owner S02 since 1 Feb): 2 × 50.00 = 100.00, cost 60.00 (no category)
    R1  C01 2024-02-20 no handler, names O1 (→ S02; owner S02): 1.111 × 10.01 → 11.12, cost 1.111 × 6.01 → 6.68
    O3  C02 2024-01-31 no handler (owner S02): two lines 0.005 × 1.00 → 0.01 each, cost 0.005 × 0.80 → 0.00
    O4  C03 2024-02-01 handler S01 (shared pool): 1 × 20.00, cost 6.01
    R3  C03 2024-01-15 handler S02 (shared pool), names no order: 1 × 20.00, cost 12.33
    ignored: a draft order, an order of 2023-12-31, a return of 2024-03-01, a cancelled return.
    """
    s1, s2 = _salesperson(session, "S01"), _salesperson(session, "S02")
    food, daily, plain = _product(session, "P1", "食品"), _product(session, "P2", "日用"), _product(session, "P3", None)
    east, south = code_entry(session, "region", "华东").id, code_entry(session, "region", "华南").id
    making, retail = code_entry(session, "industry", "制造").id, code_entry(session, "industry", "零售").id
    dealer = code_entry(session, "customer_type", "经销商").id
    old = date(2023, 1, 1)
    c1 = new_customer(session, code="C01", name="客户一", created=old, owner_id=s1, grade="A",
                      region_id=east, industry_id=making, type_id=dealer).id
    set_owner(session, c1, s2, date(2024, 2, 1))
    c2 = new_customer(session, code="C02", name="客户二", created=old, owner_id=s2, region_id=south, type_id=dealer).id
    c3 = new_customer(session, code="C03", name="客户三", created=old, owner_id=None, grade="B", industry_id=retail).id

    o1 = add_order(session, number="O1", date=date(2024, 1, 10), customer_id=c1, handler_id=s2, status="confirmed",
                   lines=[_line(food, "3.333", "10.01", "6.01"), _line(daily, "1.5", "19.99", "12.33")])
    add_order(session, number="O2", date=date(2024, 2, 15), customer_id=c1, handler_id=s1, status="confirmed",
              lines=[_line(plain, "2", "50.00", "30.00")])
    add_return(session, number="R1", date=date(2024, 2, 20), customer_id=c1, order_id=o1.id,
               lines=[_line(food, "1.111", "10.01", "6.01")])
    add_order(session, number="O3", date=date(2024, 1, 31), customer_id=c2, status="confirmed",
              lines=[_line(daily, "0.005", "1.00", "0.80"), _line(daily, "0.005", "1.00", "0.80")])
    add_order(session, number="O4", date=date(2024, 2, 1), customer_id=c3, handler_id=s1, status="confirmed",
              lines=[_line(food, "1", "20.00", "6.01")])
    add_return(session, number="R3", date=date(2024, 1, 15), customer_id=c3, handler_id=s2,
               lines=[_line(daily, "1", "20.00", "12.33")])
    # outside the report: not confirmed, or dated outside 2024-01-01..2024-02-29
    add_order(session, number="O5", date=date(2024, 2, 5), customer_id=c2, handler_id=s2, status="draft",
              lines=[_line(food, "1", "999.00", "1.00")])
    add_order(session, number="O6", date=date(2023, 12, 31), customer_id=c2, handler_id=s2, status="confirmed",
              lines=[_line(food, "1", "500.00", "1.00")])
    add_return(session, number="R2", date=date(2024, 3, 1), customer_id=c2, handler_id=s2,
               lines=[_line(food, "1", "300.00", "1.00")])
    cancelled = add_return(session, number="R4", date=date(2024, 2, 2), customer_id=c2, handler_id=s2,
                           lines=[_line(food, "1", "400.00", "1.00")])
    cancelled.status = "cancelled"
    session.commit()
    return session


def _rows(table: Table) -> list[tuple]:
    key = table.keys[0]
    return [(r[key], r["revenue"], r["cost"], r["gross_profit"], r["margin"]) for r in table.rows]


TOTALS = {"revenue": D("152.25"), "cost": D("85.53"), "gross_profit": D("66.72"), "margin": D("0.4382")}


def test_by_customer(dataset: Session) -> None:
    table = margin.build(dataset, start=JAN1, end=FEB29)
    assert table.keys == ["customer_code", "revenue", "cost", "gross_profit", "margin"]
    assert table.params == {"from": JAN1, "to": FEB29, "group_by": "customer"}
    assert _rows(table) == [
        ("C01", D("152.23"), D("91.85"), D("60.38"), D("0.3966")),
        ("C02", D("0.02"), D("0.00"), D("0.02"), D("1.0000")),  # two lines of 0.005 → 0.01 + 0.01
        ("C03", D("0.00"), D("-6.32"), D("6.32"), None),  # revenue 0: no margin
    ]
    assert table.totals == TOTALS


def test_by_customer_rows_keep_their_shape(dataset: Session) -> None:
    """The by-customer rows (built apart, for speed) carry exactly what the generic figures give, to the digit:
    the same keys in the same order, yuan with 2 places, rates with 4 (−0.0000 included), None without revenue."""
    c4 = new_customer(dataset, code="C04", name="客户四", created=date(2023, 1, 1), owner_id=None).id
    p = _product(dataset, "P4", None)
    add_return(dataset, number="R5", date=date(2024, 2, 10), customer_id=c4, lines=[_line(p, "1", "5.00", "5.00")])
    dataset.commit()
    table = margin.build(dataset, start=JAN1, end=FEB29)
    assert [list(r) for r in table.rows] == [
        ["customer_code", "revenue", "cost", "gross_profit", "margin", "customer_id", "customer_name"]] * 4
    shown = [(r["customer_code"], str(r["revenue"]), str(r["cost"]), str(r["gross_profit"]), str(r["margin"]),
              r["customer_name"]) for r in table.rows]
    assert shown == [
        ("C01", "152.23", "91.85", "60.38", "0.3966", "客户一"),
        ("C02", "0.02", "0.00", "0.02", "1.0000", "客户二"),
        ("C03", "0.00", "-6.32", "6.32", "None", "客户三"),
        ("C04", "-5.00", "-5.00", "0.00", "-0.0000", "客户四"),  # as rate(0, -500) says
    ]
    for row in table.rows:
        revenue, cost = int(row["revenue"] * 100), int(row["cost"] * 100)
        generic = {"revenue": fen_to_yuan(revenue), "cost": fen_to_yuan(cost),
                   "gross_profit": fen_to_yuan(revenue - cost), "margin": rate(revenue - cost, revenue)}
        assert {k: str(row[k]) for k in generic} == {k: str(v) for k, v in generic.items()}
        assert all(type(row[k]) is Decimal for k in ("revenue", "cost", "gross_profit"))


def test_by_customer_rows_are_made_when_read_and_behave_as_a_list(dataset: Session) -> None:
    """CustomerRows: indexing, slicing, iterating, length, equality and repr as the list of rows they stand for;
    without cost they keep code, revenue, id and name only."""
    table = margin.build(dataset, start=JAN1, end=FEB29)
    rows = table.rows
    assert isinstance(rows, margin.CustomerRows)
    as_list = list(rows)
    assert len(rows) == 3 and rows[0] == as_list[0] and rows[-1]["customer_code"] == "C03"
    assert rows[1:] == as_list[1:] and rows == as_list and as_list == list(rows) and rows != as_list[:2]
    assert repr(rows) == repr(as_list)
    bare = rows.without_cost()
    assert [sorted(r) for r in bare] == [["customer_code", "customer_id", "customer_name", "revenue"]] * 3
    assert [(r["customer_code"], r["revenue"]) for r in bare] == [("C01", D("152.23")), ("C02", D("0.02")),
                                                                  ("C03", D("0.00"))]


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 3, "0.3333"), (2, 3, "0.6667"), (1, 8, "0.1250"), (3, 2, "1.5000"), (1, 1, "1.0000"),
        (1, 20_000, "0.0001"), (1, 20_001, "0.0000"),  # exactly half a step rounds up, less than half down
        (-1, 20_000, "-0.0001"), (1, -20_000, "-0.0001"), (-1, -20_000, "0.0001"),  # half-up is away from zero
        (-1, 20_001, "-0.0000"), (0, -5, "-0.0000"), (0, 5, "0.0000"),  # a negative quotient keeps its sign
        (-3, 2, "-1.5000"), (123_456_789_012, 7, "17636684144.5714"), (0, 0, "None"), (5, 0, "None"),
    ],
)
def test_fen_rate_by_hand(numerator: int, denominator: int, expected: str) -> None:
    assert str(margin.fen_rate(numerator, denominator)) == expected
    assert str(rate(numerator, denominator)) == expected


FEN = st.integers(min_value=-10**15, max_value=10**15)


@settings(max_examples=2000, deadline=None)
@given(numerator=st.one_of(FEN, st.integers(-30_000, 30_000)), denominator=st.one_of(FEN, st.integers(-30_000, 30_000)))
def test_fen_rate_is_rate(numerator: int, denominator: int) -> None:
    """Integer arithmetic gives rate()'s Decimal exactly: value, sign (−0.0000) and 4 places; None for 0."""
    assert str(margin.fen_rate(numerator, denominator)) == str(rate(numerator, denominator))


@given(unit=st.integers(-10**9, 10**9).filter(bool), steps=st.integers(-30_000, 30_000))
def test_fen_rate_on_rounding_edges(unit: int, steps: int) -> None:
    """Profits exactly half a step past `steps` ten-thousandths of the revenue, and one fen either side."""
    revenue = 20_000 * unit
    for profit in ((2 * steps + 1) * unit + delta for delta in (-1, 0, 1)):
        assert str(margin.fen_rate(profit, revenue)) == str(rate(profit, revenue))


def test_by_month_returns_count_in_their_own_month(dataset: Session) -> None:
    table = margin.build(dataset, start=JAN1, end=FEB29, group_by="month")
    assert _rows(table) == [
        ("2024-01", D("43.37"), D("26.20"), D("17.17"), D("0.3959")),  # O1 + O3 − R3
        ("2024-02", D("108.88"), D("59.33"), D("49.55"), D("0.4551")),  # O2 − R1 (of January's O1) + O4
    ]
    assert table.totals == TOTALS


def test_by_category_uses_lines(dataset: Session) -> None:
    table = margin.build(dataset, start=JAN1, end=FEB29, group_by="category")
    assert _rows(table) == [
        (None, D("100.00"), D("60.00"), D("40.00"), D("0.4000")),  # P3 has no category
        ("日用", D("10.01"), D("6.17"), D("3.84"), D("0.3836")),  # 29.99 + 0.02 − 20.00
        ("食品", D("42.24"), D("19.36"), D("22.88"), D("0.5417")),  # 33.36 − 11.12 + 20.00
    ]
    assert table.totals == TOTALS


def test_by_salesperson_owner_on_the_document_date(dataset: Session) -> None:
    table = margin.build(dataset, start=JAN1, end=FEB29, group_by="salesperson")
    assert table.keys[0] == "salesperson_code"
    assert _rows(table) == [
        (None, D("0.00"), D("-6.32"), D("6.32"), None),  # shared pool C03: O4 − R3
        ("S01", D("63.35"), D("38.53"), D("24.82"), D("0.3918")),  # O1: C01 was S01's on 10 January
        ("S02", D("88.90"), D("53.32"), D("35.58"), D("0.4002")),  # O2 − R1 (C01 from 1 Feb) + O3
    ]
    assert table.totals == TOTALS
    assert table.notes == ["业绩归属：按负责销售员（订单日期）"]


def test_by_salesperson_handler(dataset: Session) -> None:
    app_settings.save(dataset, sales_credit="handler")
    dataset.commit()
    table = margin.build(dataset, start=JAN1, end=FEB29, group_by="salesperson")
    assert _rows(table) == [
        (None, D("0.02"), D("0.00"), D("0.02"), D("1.0000")),  # O3 has no handler
        ("S01", D("120.00"), D("66.01"), D("53.99"), D("0.4499")),  # O2 + O4
        ("S02", D("32.23"), D("19.52"), D("12.71"), D("0.3944")),  # O1 − R1 (O1's handler) − R3
    ]
    assert table.totals == TOTALS
    assert table.notes == ["业绩归属：按经办人"]


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("region", [
            (None, D("0.00"), D("-6.32"), D("6.32"), None),
            ("华东", D("152.23"), D("91.85"), D("60.38"), D("0.3966")),
            ("华南", D("0.02"), D("0.00"), D("0.02"), D("1.0000")),
        ]),
        ("industry", [
            (None, D("0.02"), D("0.00"), D("0.02"), D("1.0000")),
            ("制造", D("152.23"), D("91.85"), D("60.38"), D("0.3966")),
            ("零售", D("0.00"), D("-6.32"), D("6.32"), None),
        ]),
        ("type", [
            (None, D("0.00"), D("-6.32"), D("6.32"), None),
            ("经销商", D("152.25"), D("91.85"), D("60.40"), D("0.3967")),
        ]),
        ("grade", [
            (None, D("0.02"), D("0.00"), D("0.02"), D("1.0000")),
            ("A", D("152.23"), D("91.85"), D("60.38"), D("0.3966")),
            ("B", D("0.00"), D("-6.32"), D("6.32"), None),
        ]),
    ],
)
def test_by_customer_attributes(dataset: Session, group_by: str, expected: list[tuple]) -> None:
    table = build_report(dataset, "margin", start=JAN1, end=FEB29, group_by=group_by)
    assert table.keys == [group_by, "revenue", "cost", "gross_profit", "margin"]
    assert _rows(table) == expected
    assert table.totals == TOTALS


def test_period_bounds_are_inclusive(dataset: Session) -> None:
    # only 31 January: O3
    one_day = margin.build(dataset, start=date(2024, 1, 31), end=date(2024, 1, 31))
    assert _rows(one_day) == [("C02", D("0.02"), D("0.00"), D("0.02"), D("1.0000"))]
    # a long period (read by a table scan on SQLite) takes in 2023-12-31 and 2024-03-01 too
    long = margin.build(dataset, start=date(2023, 6, 1), end=date(2024, 6, 30), group_by="month")
    assert _rows(long) == [
        ("2023-12", D("500.00"), D("1.00"), D("499.00"), D("0.9980")),
        ("2024-01", D("43.37"), D("26.20"), D("17.17"), D("0.3959")),
        ("2024-02", D("108.88"), D("59.33"), D("49.55"), D("0.4551")),
        ("2024-03", D("-300.00"), D("-1.00"), D("-299.00"), D("0.9967")),
    ]


def test_empty_period(dataset: Session) -> None:
    table = margin.build(dataset, start=date(2022, 1, 1), end=date(2022, 12, 31), group_by="salesperson")
    assert table.rows == []
    assert table.totals == {"revenue": D("0.00"), "cost": D("0.00"), "gross_profit": D("0.00"), "margin": None}


def test_return_in_the_next_month_is_negative_there(session: Session) -> None:
    sp = _salesperson(session, "S1")
    p = _product(session, "P", "五金")
    c = new_customer(session, code="K1", name="客户", created=date(2024, 1, 1), owner_id=sp).id
    order = add_order(session, number="A1", date=date(2024, 1, 31), customer_id=c, status="confirmed",
                      lines=[_line(p, "10", "8.00", "5.00")])
    add_return(session, number="B1", date=date(2024, 2, 1), customer_id=c, order_id=order.id,
               lines=[_line(p, "4", "8.00", "5.00")])
    session.commit()
    table = margin.build(session, start=JAN1, end=date(2024, 3, 31), group_by="month")
    assert _rows(table) == [
        ("2024-01", D("80.00"), D("50.00"), D("30.00"), D("0.3750")),
        ("2024-02", D("-32.00"), D("-20.00"), D("-12.00"), D("0.3750")),
    ]
    feb = margin.build(session, start=date(2024, 2, 1), end=date(2024, 2, 29), group_by="category")
    assert _rows(feb) == [("五金", D("-32.00"), D("-20.00"), D("-12.00"), D("0.3750"))]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": JAN1, "end": FEB29, "group_by": "product"}, "不支持的分组方式"),
        ({"start": FEB29, "end": JAN1}, "不能晚于"),
        ({"start": "2024-13-01", "end": FEB29}, "日期格式"),
    ],
)
def test_bad_parameters_are_refused(session: Session, params: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        margin.build(session, **params)


def test_iso_strings_are_accepted(dataset: Session) -> None:
    table = margin.build(dataset, start="2024-01-01", end="2024-02-29")  # type: ignore[arg-type]
    assert table.params == {"from": JAN1, "to": FEB29, "group_by": "customer"}
    assert table.totals == TOTALS


# --- property: every grouping adds up to the same totals, which equal the documents' own sums ---

QTY = st.integers(min_value=1, max_value=20_000).map(lambda n: D(n) / 1000)
MONEY = st.integers(min_value=0, max_value=100_000).map(lambda n: D(n) / 100)
DAY = st.integers(min_value=0, max_value=120).map(lambda n: date(2024, 1, 1) + timedelta(days=n))
LINES = st.lists(st.tuples(st.integers(0, 2), QTY, MONEY, MONEY), min_size=1, max_size=3)
DOCS = st.lists(
    st.tuples(
        st.sampled_from(["order", "order", "draft", "return"]),
        st.integers(0, 3),  # customer
        DAY,
        st.sampled_from([None, 0, 1]),  # handler
        st.booleans(),  # a return names the customer's latest order
        LINES,
    ),
    max_size=12,
)
CUSTOMERS = st.lists(
    st.tuples(st.sampled_from([None, 0, 1]), st.one_of(st.none(), st.tuples(st.sampled_from([None, 0, 1]), DAY))),
    min_size=4, max_size=4,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customers=CUSTOMERS, docs=DOCS, period=st.tuples(DAY, DAY), rule=st.sampled_from(["owner", "handler"]))
def test_every_grouping_adds_up(session: Session, customers: list, docs: list, period: tuple, rule: str) -> None:
    try:
        start, end = min(period), max(period)
        app_settings.save(session, sales_credit=rule)
        sps = [_salesperson(session, f"S{i}") for i in range(2)]
        products = [_product(session, "PA", "甲"), _product(session, "PB", "乙"), _product(session, "PC", None)]
        region = code_entry(session, "region", "西南").id
        cids = []
        for i, (owner, change) in enumerate(customers):
            cid = new_customer(session, code=f"C{i}", name=f"客户{i}", created=date(2023, 12, 1),
                               owner_id=None if owner is None else sps[owner], grade="AB"[i % 2] if i < 2 else None,
                               region_id=region if i % 2 else None).id
            if change is not None:
                set_owner(session, cid, None if change[0] is None else sps[change[0]], change[1])
            cids.append(cid)
        expected_revenue = expected_cost = D(0)
        latest_order: dict[int, int] = {}
        for n, (kind, ci, day, handler, names_order, lines) in enumerate(docs):
            line_ins = [_line(products[p], str(q), str(price), str(cost)) for p, q, price, cost in lines]
            handler_id = None if handler is None else sps[handler]
            if kind == "return":
                doc = add_return(session, number=f"R{n}", date=day, customer_id=cids[ci], handler_id=handler_id,
                                 order_id=latest_order.get(ci) if names_order else None, lines=line_ins)
                sign = -1
            else:
                doc = add_order(session, number=f"O{n}", date=day, customer_id=cids[ci], handler_id=handler_id,
                                status="confirmed" if kind == "order" else "draft", lines=line_ins)
                latest_order[ci] = doc.id
                sign = 1 if kind == "order" else 0
            if start <= day <= end:
                expected_revenue += sign * doc.total
                expected_cost += sign * doc.cost_total
        expected_revenue, expected_cost = expected_revenue.quantize(D("0.01")), expected_cost.quantize(D("0.01"))
        for group_by in margin.GROUPINGS:
            table = margin.build(session, start=start, end=end, group_by=group_by)
            assert table.totals["revenue"] == expected_revenue, group_by
            assert table.totals["cost"] == expected_cost, group_by
            assert table.totals["gross_profit"] == expected_revenue - expected_cost, group_by
            assert sum((r["revenue"] for r in table.rows), D("0.00")) == expected_revenue, group_by
            assert sum((r["cost"] for r in table.rows), D("0.00")) == expected_cost, group_by
            assert sum((r["gross_profit"] for r in table.rows), D("0.00")) == expected_revenue - expected_cost
            keys = [r[table.keys[0]] for r in table.rows]
            assert len(keys) == len(set(keys)), group_by
    finally:
        session.rollback()
