"""Dormant customers (exactly N days is not dormant) and RFM scores with ties, as of a date."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app import settings
from app.analytics import rfm_scores
from app.customers import new_customer
from app.documents import LineIn, add_order, add_return
from app.errors import ValidationError
from app.reports import build
from models import Customer, Product

D = date(2025, 6, 30)


class Docs:
    def __init__(self, session: Session) -> None:
        self.session, self.n = session, 0
        p = Product(code="P1", name="测试商品", cost=Decimal("0"), price=Decimal("1"))
        session.add(p)
        session.flush()
        self.pid = p.id

    def _no(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"

    def customer(self, code: str) -> Customer:
        return new_customer(self.session, code=code, name=f"客户{code}", created=date(2024, 1, 1))

    def order(self, c: Customer, d: date, amount: str = "100", status: str = "confirmed") -> None:
        add_order(
            self.session, number=self._no("SO"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))], status=status,
        )

    def ret(self, c: Customer, d: date, amount: str) -> None:
        add_return(
            self.session, number=self._no("RT"), date=d, customer_id=c.id,
            lines=[LineIn(self.pid, Decimal("1"), Decimal(amount))],
        )


# --- dormant ----------------------------------------------------------------------------------------


def _dormant_dataset(session: Session) -> None:
    docs = Docs(session)
    docs.order(docs.customer("N90"), date(2025, 4, 1))  # 90 days before D: not dormant at 90
    docs.order(docs.customer("N91"), date(2025, 3, 31))  # 91 days: dormant
    old = docs.customer("OLD")
    docs.order(old, date(2024, 1, 10))
    docs.order(old, date(2024, 12, 1))  # the last one: 211 days before D
    docs.customer("NEVER")  # never ordered: not dormant, just no customer yet
    draft = docs.customer("DRAFT")
    docs.order(draft, date(2024, 1, 10), status="draft")  # only confirmed orders count
    fut = docs.customer("FUT")
    docs.order(fut, date(2024, 12, 1))
    docs.order(fut, date(2025, 7, 5))  # after D: invisible as of D
    ret_only = docs.customer("RET")
    docs.ret(ret_only, date(2024, 1, 10), "50")  # a return is not an order
    docs.order(docs.customer("N60"), date(2025, 5, 1))  # 60 days
    docs.order(docs.customer("N61"), date(2025, 4, 30))  # 61 days
    session.commit()


def test_dormant_default_90_days(session: Session) -> None:
    _dormant_dataset(session)
    table = build(session, "dormant", as_of=D)
    assert table.params == {"as_of": D, "days": 90}
    assert table.keys == ["customer_code", "last_order_date", "days_since"]
    assert table.rows == [
        {"customer_code": "FUT", "last_order_date": date(2024, 12, 1), "days_since": 211},
        {"customer_code": "N91", "last_order_date": date(2025, 3, 31), "days_since": 91},
        {"customer_code": "OLD", "last_order_date": date(2024, 12, 1), "days_since": 211},
    ]


def test_dormant_custom_days(session: Session) -> None:
    _dormant_dataset(session)
    table = build(session, "dormant", as_of=D, days=60)
    assert table.params == {"as_of": D, "days": 60}
    assert [(r["customer_code"], r["days_since"]) for r in table.rows] == [
        ("FUT", 211), ("N61", 61), ("N90", 90), ("N91", 91), ("OLD", 211),
    ]
    # the company setting is the default
    settings.save(session, dormant_days=61)
    session.commit()
    table = build(session, "dormant", as_of=D)
    assert table.params["days"] == 61
    assert [r["customer_code"] for r in table.rows] == ["FUT", "N90", "N91", "OLD"]
    # 0 days: anything before D; an order on D itself is 0 days old
    assert [r["customer_code"] for r in build(session, "dormant", as_of=date(2025, 4, 1), days=0).rows] == [
        "FUT", "N91", "OLD",
    ]
    with pytest.raises(ValidationError):
        build(session, "dormant", as_of=D, days=-1)


# --- RFM ----------------------------------------------------------------------------------------------


def _rfm_dataset(session: Session) -> None:
    docs = Docs(session)
    # window 2024-07-01 … 2025-06-30
    r1 = docs.customer("R1")  # last 2025-06-20 (10 days), 3 orders, 3500
    docs.order(r1, date(2024, 10, 1), "1000")
    docs.order(r1, date(2025, 3, 1), "1000")
    docs.order(r1, date(2025, 6, 20), "1500")
    r2 = docs.customer("R2")  # last 2025-06-20 (10 days), 1 order, 500
    docs.order(r2, date(2025, 6, 20), "500")
    docs.order(r2, date(2025, 7, 1), "9999")  # after D
    r3 = docs.customer("R3")  # last 2025-05-31 (30 days), 3 orders, 3000
    docs.order(r3, date(2024, 6, 30), "5000")  # before the window
    docs.order(r3, date(2024, 8, 15), "1000")
    docs.order(r3, date(2025, 2, 10), "1000")
    docs.order(r3, date(2025, 5, 31), "1000")
    r4 = docs.customer("R4")  # last 2025-01-01 (180 days), 2 orders, 1000 − 200 = 800
    docs.order(r4, date(2024, 12, 1), "500")
    docs.order(r4, date(2025, 1, 1), "500")
    docs.ret(r4, date(2025, 3, 1), "200")
    docs.order(r4, date(2025, 6, 25), "700", status="draft")  # drafts count nowhere
    r5 = docs.customer("R5")  # last 2024-07-01 (364 days), 1 order, 200 − 300 = −100
    docs.order(r5, date(2024, 7, 1), "200")
    docs.ret(r5, date(2024, 8, 1), "300")
    r6 = docs.customer("R6")  # no order in the window: not in the report
    docs.order(r6, date(2024, 6, 30), "100")
    docs.ret(r6, date(2024, 8, 1), "50")
    docs.customer("R7")  # nothing at all
    session.commit()


def test_rfm_scores_with_ties(session: Session) -> None:
    _rfm_dataset(session)
    table = build(session, "rfm", as_of=D)
    assert table.params == {"as_of": D}
    assert table.keys == ["customer_code", "recency_days", "frequency", "monetary", "r", "f", "m"]
    # n = 5; score = 1 + ⌊5 i / 5⌋ = 1 + i, i = customers strictly worse
    # recency  10, 10, 30, 180, 364 → worse 3, 3, 2, 1, 0 → 4, 4, 3, 2, 1
    # frequency 3, 1, 3, 2, 1       → worse 3, 0, 3, 2, 0 → 4, 1, 4, 3, 1
    # monetary 3500, 500, 3000, 800, −100 → worse 4, 1, 3, 2, 0 → 5, 2, 4, 3, 1
    got = [tuple(r.values()) for r in table.rows]
    assert got == [
        ("R1", 10, 3, Decimal("3500.00"), 4, 4, 5),
        ("R2", 10, 1, Decimal("500.00"), 4, 1, 2),
        ("R3", 30, 3, Decimal("3000.00"), 3, 4, 4),
        ("R4", 180, 2, Decimal("800.00"), 2, 3, 3),
        ("R5", 364, 1, Decimal("-100.00"), 1, 1, 1),
    ]


def test_rfm_empty(session: Session) -> None:
    Docs(session).customer("X")
    session.commit()
    assert build(session, "rfm", as_of=D).rows == []


def test_rfm_scores_floor() -> None:
    # 7 distinct values: i = 0…6 → 1 + ⌊5i/7⌋ = 1, 1, 2, 3, 3, 4, 5
    measures = {k: (70 - k, k, k * 10) for k in range(7)}
    got = rfm_scores(measures)
    assert [got[k] for k in range(7)] == [(s, s, s) for s in (1, 1, 2, 3, 3, 4, 5)]
    # everyone tied: nobody is strictly worse, so everyone scores 1
    assert rfm_scores({"a": (5, 2, 100), "b": (5, 2, 100)}) == {"a": (1, 1, 1), "b": (1, 1, 1)}


def test_rfm_compact_rows_are_the_detailed_rows(session: Session) -> None:
    from app.reports import rfm

    _rfm_dataset(session)
    detailed, kept = build(session, "rfm", as_of=D, detail=True), rfm.compact(session, as_of=D)
    assert list(kept.rows) == detailed.rows and len(kept.rows) == 5
    assert [list(r) for r in kept.rows] == [list(r) for r in detailed.rows]  # the keys in the same order
    assert (kept.columns, kept.notes) == (detailed.columns, detailed.notes)
