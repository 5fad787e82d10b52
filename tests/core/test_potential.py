"""Potential large customers (潜在大客户): growth at exactly 50 %, new customers, rank order and the trend slope."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy.orm import Session

from app.analytics import grew, least_squares, revenue_trend, round_half_up, slope_fen
from app.customers import new_customer
from app.documents import LineIn, add_order, add_receipt, add_return
from app.reports.potential import build
from models import Customer, Product

# window 2024-07 … 2025-06: prior 6 = 2024-07 … 2024-12 (x = 0…5), last 6 = 2025-01 … 2025-06 (x = 6…11)
D = date(2025, 6, 20)


class Docs:
    """Confirmed one-line documents; every order is paid the same day so nobody is graded D by overdue."""

    def __init__(self, session: Session) -> None:
        self.session, self.n = session, 0
        p = Product(code="P1", name="测试商品", cost=Decimal("0"), price=Decimal("1"))
        session.add(p)
        session.flush()
        self.pid = p.id

    def _no(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"

    def customer(self, code: str, **kw: object) -> Customer:
        return new_customer(self.session, code=code, name=f"客户{code}", created=date(2024, 1, 1), **kw)

    def order(self, c: Customer, d: date, amount: str) -> None:
        add_order(
            self.session, number=self._no("SO"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))], status="confirmed",
        )
        add_receipt(self.session, number=self._no("RC"), date=d, customer_id=c.id, amount=Decimal(amount))

    def ret(self, c: Customer, d: date, amount: str) -> None:
        add_return(
            self.session, number=self._no("RT"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))],
        )


def _dataset(session: Session) -> None:
    docs = Docs(session)
    # BIG holds > 90 % of all revenue: the only A, so every other customer here is C.
    big = docs.customer("BIG")  # prior 100000, last 200000 (growth 100 %, 3 months) but A: not flagged
    for d, amount in ((date(2024, 9, 1), "100000"), (date(2025, 2, 1), "100000"),
                      (date(2025, 3, 1), "50000"), (date(2025, 4, 1), "50000")):
        docs.order(big, d, amount)

    z9 = docs.customer("Z9")  # prior 2000 (x=0), last 1000 (x=6) + 1000 (x=7) + 2000 (x=8): +2000, growth 100 %
    for d, amount in ((date(2024, 7, 1), "2000"), (date(2025, 1, 10), "1000"),
                      (date(2025, 2, 10), "1000"), (date(2025, 3, 10), "2000")):
        docs.order(z9, d, amount)

    g00 = docs.customer("G00")  # prior 500 (x=5), last 300 (x=7) + 300 (x=9) + 400 (x=11): +500, growth 100 %
    for d, amount in ((date(2024, 12, 31), "500"), (date(2025, 2, 1), "300"),
                      (date(2025, 4, 1), "300"), (date(2025, 6, 10), "400")):
        docs.order(g00, d, amount)

    g50 = docs.customer("G50")  # prior 1000 (x=1), last 500 at x = 6, 8, 10: +500, growth exactly 50 %
    for d, amount in ((date(2024, 8, 15), "1000"), (date(2025, 1, 1), "500"),
                      (date(2025, 3, 1), "500"), (date(2025, 5, 1), "600")):
        docs.order(g50, d, amount)
    docs.ret(g50, date(2025, 5, 20), "100")  # net 500 in 2025-05

    g49 = docs.customer("G49")  # prior 1000, last 500 + 500 + 490: growth 49 %, not flagged
    for d, amount in ((date(2024, 8, 15), "1000"), (date(2025, 1, 1), "500"),
                      (date(2025, 3, 1), "500"), (date(2025, 5, 1), "490")):
        docs.order(g49, d, amount)

    new = docs.customer("NEW")  # nothing before, 100 at x = 9, 10, 11: new
    for d in (date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 5)):
        docs.order(new, d, "100")

    two = docs.customer("TWO")  # new but only 2 months with net revenue > 0: not flagged
    docs.order(two, date(2025, 2, 1), "1000")
    docs.order(two, date(2025, 3, 1), "1000")
    docs.order(two, date(2025, 4, 1), "100")
    docs.ret(two, date(2025, 4, 2), "100")  # 2025-04 nets to 0
    docs.order(two, date(2025, 6, 25), "100")  # after D: does not make a third month

    black = docs.customer("DX", blacklisted=True, blacklist_reason="拖欠")  # new pattern but graded D
    for d in (date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)):
        docs.order(black, d, "100")
    session.commit()


def test_flagged_customers_in_rank_order(session: Session) -> None:
    _dataset(session)
    table = build(session, as_of=D)
    assert table.params == {"as_of": D}
    assert table.sort_rows is False
    contract = ["customer_code", "last6", "prior6", "growth", "active_months", "slope"]
    assert table.keys[:6] == contract
    got = [tuple(r[k] for k in contract) for r in table.rows]
    # slopes by hand, Σ(x − 5.5)·y / 143 in yuan:
    #   Z9:  (−5.5·2000 + 0.5·1000 + 1.5·1000 + 2.5·2000) / 143 = −4000/143 = −27.972… → −27.97
    #   G00: (−0.5·500 + 1.5·300 + 3.5·300 + 5.5·400) / 143 = 3450/143 = 24.1258… → 24.13
    #   G50: (−4.5·1000 + 0.5·500 + 2.5·500 + 4.5·500) / 143 = −750/143 = −5.2447… → −5.24
    #   NEW: (3.5·100 + 4.5·100 + 5.5·100) / 143 = 1350/143 = 9.4405… → 9.44
    # rank by last6 − prior6: Z9 2000, then G00 and G50 tied at 500 (by code), NEW 300
    assert got == [
        ("Z9", Decimal("4000.00"), Decimal("2000.00"), Decimal("1.0000"), 3, Decimal("-27.97")),
        ("G00", Decimal("1000.00"), Decimal("500.00"), Decimal("1.0000"), 3, Decimal("24.13")),
        ("G50", Decimal("1500.00"), Decimal("1000.00"), Decimal("0.5000"), 3, Decimal("-5.24")),
        ("NEW", Decimal("300.00"), Decimal("0.00"), None, 3, Decimal("9.44")),
    ]
    reasons = {r["customer_code"]: r["reason"] for r in table.rows}
    assert reasons["G50"] == "近6月较前6月增长 50.00%，近6个月中有3个月有销售"
    assert reasons["NEW"].startswith("新客户：前6月无销售")


def test_order_after_as_of_counts_only_later(session: Session) -> None:
    _dataset(session)
    # on 2025-06-30 TWO's 2025-06-25 order gives it a third month: new, 2100 in the last 6 months
    rows = {r["customer_code"]: r for r in build(session, as_of=date(2025, 6, 30)).rows}
    assert (rows["TWO"]["last6"], rows["TWO"]["active_months"], rows["TWO"]["growth"]) == (
        Decimal("2100.00"), 3, None,
    )
    assert "BIG" not in rows and "DX" not in rows and "G49" not in rows


def test_nobody_flagged(session: Session) -> None:
    Docs(session)
    session.commit()
    table = build(session, as_of=D)
    assert table.rows == []


def test_least_squares_exact() -> None:
    assert least_squares([0, 10, 20, 30]) == (Fraction(10), Fraction(0))
    assert least_squares([5, 5, 5]) == (Fraction(0), Fraction(5))
    # NEW above in fen: 270000/286 = 944.06 fen
    assert slope_fen([0] * 9 + [10000] * 3) == 944
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(-5, 2)) == -3
    assert round_half_up(Fraction(-249, 100)) == -2


def test_growth_rule_in_integers() -> None:
    assert grew(150_000, 100_000)  # exactly +50 %
    assert not grew(149_999, 100_000)  # one fen short
    assert grew(1, 0)  # new
    assert not grew(0, 0) and not grew(-100, 0)
    assert not grew(10_000, -100)  # more returns than orders before: a negative ratio is not growth


def test_revenue_trend_of_a_linear_series(session: Session) -> None:
    docs = Docs(session)
    c = docs.customer("LIN")
    # 10 yuan × x in month x (x = 1 … 11 from 2024-07); the line through them is exact
    for x in range(1, 12):
        docs.order(c, date(2024 + (6 + x) // 12, (6 + x) % 12 + 1, 3), str(10 * x))
    session.commit()
    t = revenue_trend(session, c.id, D)
    assert t.months[0] == "2024-07" and t.months[-1] == "2025-06"
    assert t.revenue == [Decimal(10 * x).quantize(Decimal("0.01")) for x in range(12)]
    assert t.fitted == t.revenue
    assert t.slope == Decimal("10.00")
