"""Suggested grade (ABC) as of a date: the 70 % / 90 % boundaries, D by blacklist and by > 90 days overdue."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.analytics import abc_classes, suggested_grade, suggested_grades, suggested_sql
from app.customers import new_customer, set_blacklist
from app.documents import LineIn, add_order, add_receipt, add_return
from app.reports.abc import build
from models import Customer, Product

D = date(2025, 6, 30)  # window: 2024-07-01 … 2025-06-30
EARLY = date(2024, 1, 1)


def _product(session: Session) -> int:
    p = Product(code="P1", name="测试商品", cost=Decimal("0"), price=Decimal("1"))
    session.add(p)
    session.flush()
    return p.id


def _customer(session: Session, code: str, created: date = EARLY, **kw: object) -> Customer:
    return new_customer(session, code=code, name=f"客户{code}", created=created, **kw)


class Docs:
    """Numbers documents and gives each a one-line body of quantity 1 at the amount."""

    def __init__(self, session: Session) -> None:
        self.session, self.pid, self.n = session, _product(session), 0

    def _no(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"

    def order(self, c: Customer, d: date, amount: str, status: str = "confirmed", paid: bool = True) -> int:
        """An order (term 0: due the same day), paid in full that day unless `paid` is False."""
        o = add_order(
            self.session, number=self._no("SO"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))], status=status,
        )
        if paid and status == "confirmed":
            self.receipt(c, d, amount)
        return o.id

    def ret(self, c: Customer, d: date, amount: str) -> None:
        add_return(
            self.session, number=self._no("RT"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))],
        )

    def receipt(self, c: Customer, d: date, amount: str) -> None:
        add_receipt(self.session, number=self._no("RC"), date=d, customer_id=c.id, amount=Decimal(amount))


def _by_code(table) -> dict[str, dict]:  # noqa: ANN001
    return {r["customer_code"]: r for r in table.rows}


def test_exact_70_percent_is_b_and_exact_90_percent_is_c(session: Session) -> None:
    docs = Docs(session)
    # shares 70 / 20 / 10: the second has exactly 70 % before it (B), the third exactly 90 % (C)
    for code, amount in (("E1", "7000.00"), ("E2", "2000.00"), ("E3", "1000.00")):
        docs.order(_customer(session, code), date(2025, 3, 1), amount)
    session.commit()
    rows = _by_code(build(session, as_of=D))
    assert [rows[c]["suggested_grade"] for c in ("E1", "E2", "E3")] == ["A", "B", "C"]
    assert rows["E1"]["revenue_12m"] == Decimal("7000.00")


def test_just_below_70_and_90_percent(session: Session) -> None:
    docs = Docs(session)
    # 6999 / 2000 / 1001 of 10000: 69.99 % before the second (A), 89.99 % before the third (B)
    for code, amount in (("F1", "6999.00"), ("F2", "2000.00"), ("F3", "1001.00")):
        docs.order(_customer(session, code), date(2025, 3, 1), amount)
    session.commit()
    rows = _by_code(build(session, as_of=D))
    assert [rows[c]["suggested_grade"] for c in ("F1", "F2", "F3")] == ["A", "A", "B"]


def test_one_fen_decides_the_boundary(session: Session) -> None:
    docs = Docs(session)
    # before the second: 7000.00 of 10000.01 = 69.9999… % → A (float-free integer comparison)
    for code, amount in (("H1", "7000.00"), ("H2", "2000.00"), ("H3", "1000.01")):
        docs.order(_customer(session, code), date(2025, 3, 1), amount)
    session.commit()
    rows = _by_code(build(session, as_of=D))
    assert [rows[c]["suggested_grade"] for c in ("H1", "H2", "H3")] == ["A", "A", "B"]


def test_ties_are_ranked_by_code(session: Session) -> None:
    docs = Docs(session)
    # T2 is created first (lower id) so an id order would put it before T1
    t2, t1, top, last = (_customer(session, c) for c in ("T2", "T1", "TOP", "U9"))
    docs.order(top, date(2025, 1, 5), "60.00")
    docs.order(t2, date(2025, 1, 5), "15.00")
    docs.order(t1, date(2025, 1, 5), "15.00")
    docs.order(last, date(2025, 1, 5), "10.00")
    session.commit()
    # order: TOP (0 % before) A, T1 (60 %) A, T2 (75 %) B, U9 (90 %) C
    rows = _by_code(build(session, as_of=D))
    assert {c: rows[c]["suggested_grade"] for c in ("TOP", "T1", "T2", "U9")} == {
        "TOP": "A", "T1": "A", "T2": "B", "U9": "C",
    }


def test_grade_d_no_revenue_c_window_and_created(session: Session) -> None:
    docs = Docs(session)
    black = _customer(session, "B1", blacklisted=True, blacklist_reason="拖欠货款")
    docs.order(black, date(2025, 6, 1), "900000.00")

    late = _customer(session, "O91", grade="B")  # a grade set by a user is shown as is
    docs.order(late, date(2025, 3, 31), "100.00", paid=False)  # term 0: due 2025-03-31, 91 days past due on D
    just = _customer(session, "O90")
    docs.order(just, date(2025, 4, 1), "100.00", paid=False)  # 90 days past due: not D
    paid = _customer(session, "PAID")
    docs.order(paid, date(2024, 12, 1), "300.00")

    _customer(session, "Z0")  # no documents at all
    old = _customer(session, "OLD")
    docs.order(old, date(2024, 6, 30), "5000.00")  # the day before the window: no revenue in it
    neg = _customer(session, "NEG")
    docs.order(neg, date(2024, 6, 1), "80.00")
    docs.ret(neg, date(2024, 8, 1), "50.00")  # only the return is in the window: −50
    draft = _customer(session, "DR")
    docs.order(draft, date(2025, 5, 1), "70000.00", status="draft")  # drafts count nowhere
    after = _customer(session, "AFTER")
    docs.order(after, date(2025, 7, 1), "70000.00")  # dated after D

    unbl = _customer(session, "UB", blacklisted=True, blacklist_reason="曾拖欠")
    set_blacklist(session, unbl.id, False, date(2025, 6, 1))  # off the list before D
    later = _customer(session, "LB")
    set_blacklist(session, later.id, True, date(2025, 7, 1), reason="D 之后才列入")

    _customer(session, "NEW", created=date(2025, 7, 1))  # created after D: not listed
    session.commit()

    table = build(session, as_of=D)
    assert table.params == {"as_of": D}
    assert [r["customer_code"] for r in table.rows] == [
        "AFTER", "B1", "DR", "LB", "NEG", "O90", "O91", "OLD", "PAID", "UB", "Z0",
    ]
    got = {r["customer_code"]: (r["revenue_12m"], r["suggested_grade"], r["grade"]) for r in table.rows}
    # ranked (D excluded): PAID 300 (0 % before) A, O90 100 (75 % before) B
    assert got == {
        "AFTER": (Decimal("0.00"), "C", None),
        "B1": (Decimal("900000.00"), "D", None),
        "DR": (Decimal("0.00"), "C", None),
        "LB": (Decimal("0.00"), "C", None),
        "NEG": (Decimal("-50.00"), "C", None),
        "O90": (Decimal("100.00"), "B", None),
        "O91": (Decimal("100.00"), "D", "B"),
        "OLD": (Decimal("0.00"), "C", None),
        "PAID": (Decimal("300.00"), "A", None),
        "UB": (Decimal("0.00"), "C", None),
        "Z0": (Decimal("0.00"), "C", None),
    }
    assert table.totals == {"revenue_12m": Decimal("900450.00")}

    # one day later O90 is 91 days past due and LB is on the blacklist
    later_rows = _by_code(build(session, as_of=date(2025, 7, 1)))
    assert later_rows["O90"]["suggested_grade"] == "D"
    assert later_rows["LB"]["suggested_grade"] == "D"

    one = suggested_grade(session, late.id, D)
    assert (one.grade, one.revenue_12m) == ("D", 10000)
    assert str(one.reason) == "有逾期超过90天的欠款 100.00 元"
    top = suggested_grade(session, paid.id, D)
    assert (top.grade, top.rank, top.before, top.total) == ("A", 1, 0, 40000)
    assert str(top.reason) == "近12月净销售额 300.00 元，排名第1，排在前面的客户累计占比 0.00%"
    second = suggested_grade(session, just.id, D)
    assert str(second.reason) == "近12月净销售额 100.00 元，排名第2，排在前面的客户累计占比 75.00%"


def test_returns_reduce_revenue_and_rank(session: Session) -> None:
    docs = Docs(session)
    a, b = _customer(session, "A1"), _customer(session, "A2")
    docs.order(a, date(2024, 7, 1), "1000.00")  # first day of the window counts
    docs.ret(a, date(2025, 6, 30), "700.00")  # the as-of day counts: net 300
    docs.order(b, date(2025, 2, 1), "700.00")
    session.commit()
    # A2 700 (A), A1 300 with 70 % before it (B)
    rows = _by_code(build(session, as_of=D))
    assert (rows["A1"]["revenue_12m"], rows["A1"]["suggested_grade"]) == (Decimal("300.00"), "B")
    assert (rows["A2"]["revenue_12m"], rows["A2"]["suggested_grade"]) == (Decimal("700.00"), "A")


def test_abc_classes_pure() -> None:
    got = abc_classes([(1, "c", 100), (2, "b", 100), (3, "a", 800), (4, "z", 0), (5, "y", -5)])
    # a 800 (0 before) A, b 100 (800 = 80 % before) B, c 100 (900 = 90 % before) C; no positive revenue: absent
    assert got == ({3: ("A", 1, 0), 2: ("B", 2, 800), 1: ("C", 3, 900)}, 1000)
    assert abc_classes([]) == ({}, 0)


def test_single_customer_with_one_fen_is_a(session: Session) -> None:
    docs = Docs(session)
    docs.order(_customer(session, "S1"), date(2025, 6, 30), "0.01")
    session.commit()
    assert _by_code(build(session, as_of=D))["S1"]["suggested_grade"] == "A"


def test_the_compact_rows_are_the_report_rows(session: Session) -> None:
    """What the 分析 tab holds (the rows as columns) reads back as `build`'s rows, suggestion and reason included."""
    from app.reports.abc import compact

    docs = Docs(session)
    black = _customer(session, "B1", blacklisted=True, blacklist_reason="拖欠货款")
    docs.order(black, date(2025, 6, 1), "900.00", paid=False)  # blacklisted and 29 days past due
    late = _customer(session, "O91", grade="B")
    docs.order(late, date(2025, 3, 31), "100.00", paid=False)  # 91 days past due
    for code, amount in (("E1", "7000.00"), ("E2", "2000.00"), ("E3", "1000.00")):
        docs.order(_customer(session, code), date(2025, 3, 1), amount)
    _customer(session, "Z0")
    _customer(session, "NEW", created=date(2025, 7, 1))
    session.commit()
    full, kept = build(session, as_of=D), compact(session, as_of=D)
    assert len(kept.rows) == len(full.rows) == 6  # noqa: PLR2004 - NEW, created after D, is not listed
    assert list(kept.rows) == full.rows
    assert [str(r["suggestion"].reason) for r in kept.rows] == [str(r["suggestion"].reason) for r in full.rows]
    assert (kept.totals, kept.notes, kept.columns) == (full.totals, full.notes, full.columns)
    assert kept.rows.columns.nbytes() < 2000  # noqa: PLR2004 - bytes for 7 customers, not kilobytes


def test_columns_keep_every_kind_and_none() -> None:
    from app.analytics import Columns, Texts

    values = {
        "money": [Decimal("1.25"), 7, None, Decimal("-0.50")],  # Decimal yuan or int fen
        "rate": [Decimal("0.1234"), Decimal("-0.0000"), None, Decimal("1.0000")],
        "int": [None, 3, -2**40, 0],
        "date": [date(2025, 1, 2), None, date(1, 1, 1), date(9999, 12, 31)],
        "text": ["客户甲", None, "", "C0001"],
        "choice": ["A", None, "A", ("any", "hashable")],
    }
    columns = Columns({k: k for k in values}, values)
    assert len(columns) == 4
    rows = list(columns.rows())
    assert [r["money"] for r in rows] == [Decimal("1.25"), Decimal("0.07"), None, Decimal("-0.50")]
    assert [str(r["rate"]) if r["rate"] is not None else None for r in rows] == ["0.1234", "-0.0000", None, "1.0000"]
    assert [r["int"] for r in rows] == values["int"]
    assert [r["date"] for r in rows] == values["date"]
    assert [r["text"] for r in rows] == values["text"]
    assert [r["choice"] for r in rows] == values["choice"]
    assert columns.counts("choice") == {"A": 2, None: 1, ("any", "hashable"): 1}
    assert columns.positions("choice", lambda v: v == "A") == [0, 2]
    assert [columns.sort_value("rate")(i) for i in range(4)] == [1234, 0, None, 10000]
    columns.relabel("choice", {None: "无"})
    assert columns.value("choice", 1) == "无"
    assert list(Texts(["a", None, "乙"])) == ["a", None, "乙"] and Texts(["a", "b"])[-1] == "b"
    with pytest.raises(ValueError, match="fen"):
        Columns({"money": "money"}, {"money": [Decimal("0.001")]})


def test_equal_revenue_ranks_by_code_points_whatever_the_servers_collation(session: Session) -> None:
    """suggested_sql ties equal revenues by the code's code points as suggested_grades does (B1 before a1), even on
    a PostgreSQL server whose collation sorts a1 first (here the column's, made so for the test)."""
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("a PostgreSQL server's collation")
    session.execute(text('ALTER TABLE customer ALTER COLUMN code TYPE varchar(32) COLLATE "en-x-icu"'))
    docs = Docs(session)
    for code, amount in (("TOP", "70.00"), ("a1", "10.00"), ("B1", "10.00"), ("Z9", "10.00")):
        docs.order(_customer(session, code), date(2025, 3, 1), amount)
    session.commit()
    assert list(session.scalars(select(Customer.code).where(Customer.code.in_(["a1", "B1"])).order_by(Customer.code))
                ) == ["a1", "B1"]  # the server's own order
    by_code = dict(session.execute(select(Customer.code, Customer.id)).all())
    # code points: B1 < Z9 < a1 — TOP 0 % before (A), B1 70 % (B), Z9 80 % (B), a1 90 % (C); the server's order
    # would give a1 B and Z9 C
    expected = {"TOP": "A", "B1": "B", "Z9": "B", "a1": "C"}
    assert {c: suggested_grades(session, D)[by_code[c]].grade for c in expected} == expected
    got = dict(session.execute(suggested_sql(session, D)).all())
    assert {c: got.get(by_code[c], "C") for c in expected} == expected


_CODES = st.text(alphabet="aAbB中文1_", min_size=1, max_size=3)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_CODES, st.sampled_from(["0.01", "10.00", "15.00", "60.00"]),
                          st.sampled_from(["paid", "unpaid", "returned", "blacklisted", "old"])),
                min_size=1, max_size=8))
def test_the_database_ranks_as_suggested_grades(session: Session, customers: list[tuple[str, str, str]]) -> None:
    """analytics.suggested_sql (the visit plan's reminders) gives every customer the grade suggested_grades gives
    (absent: C), on both databases: equal revenues ranked by the code's code points (a, A, 中 …, whatever the
    server's collation), D for the blacklisted and for more than 90 days past due, returns netted. The examples pile
    up in one company: the ranking of all of them is compared each time."""
    docs = Docs(session) if not session.query(Product).count() else _Again(session)
    known = set(session.scalars(select(Customer.code)))
    for code, amount, how in customers:
        if f"G{code}" in known:
            continue
        known.add(f"G{code}")
        c = _customer(session, f"G{code}", **({"blacklisted": True, "blacklist_reason": "测试"}
                                             if how == "blacklisted" else {}))
        docs.order(c, date(2025, 1, 10) if how == "old" else date(2025, 5, 1), amount, paid=how not in ("unpaid", "old"))
        if how == "returned":
            docs.ret(c, date(2025, 5, 2), amount)
    session.commit()
    expected = {cid: g.grade for cid, g in suggested_grades(session, D).items()}
    got = dict(session.execute(suggested_sql(session, D)).all())
    assert {cid: got.get(cid, "C") for cid in expected} == expected


class _Again(Docs):
    """Docs for a company that has its product already (a later example of the property test)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pid = session.scalar(select(Product.id).where(Product.code == "P1"))
        self.n = 10_000 + int(session.scalar(select(func.count()).select_from(Customer)) or 0) * 10
