"""Property tests: the SQL allocation equals the Python one, and every aging result reconciles."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app import ledger
from app.db import make_engine
from app.reports import aging
from models import Base
from tests.core.builders import Book

START = date(2026, 1, 1)
amounts = st.integers(min_value=1, max_value=50_000).map(lambda f: f"{Decimal(f) / 100:.2f}")
docs = st.lists(
    st.tuples(
        st.sampled_from(["order", "receipt", "return", "alloc"]),
        st.integers(0, 2),  # customer
        st.integers(0, 120),  # day offset
        amounts,
        st.integers(0, 20),  # which earlier order to name (if any)
        st.booleans(),  # name an order?
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=docs, as_of_offset=st.integers(0, 150), term=st.sampled_from([0, 10, 30, 45]))
def test_sql_equals_python_and_aging_reconciles(docs, as_of_offset: int, term: int) -> None:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        book = Book(s)
        customers = [book.customer(f"C{i}", created=START - timedelta(days=1), term_days=term) for i in range(3)]
        book.write_plan(customers, START, docs)
        as_of = START + timedelta(days=as_of_offset)
        items = ledger.open_items_sql(as_of)
        sql_open = {row.order_id: Decimal(row.open) / 100 for row in s.execute(items)}
        total_balance = Decimal("0")
        for c in customers:
            orders_c, credits_c = ledger.customer_documents(s, c.id, as_of)
            py = ledger.allocate(orders_c, credits_c)
            assert {oid: sql_open[oid] for oid in py.open} == py.open
            pos = ledger.position(s, c.id, as_of)
            assert pos.unapplied == py.unapplied
            # the bucket split of the grouped SQL equals the Python allocation's open amounts by days past due
            split = dict.fromkeys(ledger.BUCKETS, Decimal("0.00"))
            for o in orders_c:
                if py.open[o.id] > 0:
                    split[ledger.bucket_of((as_of - o.due_date).days)] += py.open[o.id]
            assert pos.buckets == split
            assert sum(pos.buckets.values()) - pos.unapplied == pos.balance
            expected = sum((o.total for o in orders_c), Decimal("0")) - sum((x.amount for x in credits_c), Decimal("0"))
            assert pos.balance == expected
            total_balance += pos.balance
        table = aging.build(s, as_of=as_of)
        t = table.totals
        assert t["not_due"] + t["d1_30"] + t["d31_60"] + t["d61_90"] + t["d90_plus"] - t["unapplied"] == t["balance"]
        assert t["balance"] == total_balance
        assert table.proof.reconciles and table.proof.documents == total_balance
    engine.dispose()
