"""The kept rendering of the allocation (app.ledger.keep/settle/owing, models.ledger_cache's triggers) equals the one
computed from the documents, whatever is written, by whom and how."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from app import ledger
from app.db import make_engine
from models import Base, Customer, CustomerTotals, MoneyDirty, OpenItem, Product, SalesOrder
from tests.core.builders import Book

START = date(2026, 1, 1)
ALL = ledger.ALL
amounts = st.integers(min_value=1, max_value=50_000).map(lambda f: f"{Decimal(f) / 100:.2f}")
docs = st.lists(
    st.tuples(
        st.sampled_from(["order", "receipt", "return", "alloc", "cancel"]),
        st.integers(0, 2),  # customer
        st.integers(0, 120),  # day offset
        amounts,
        st.integers(0, 20),  # which earlier order to name (if any)
        st.booleans(),  # name an order?
    ),
    max_size=25,
)


def _write(s: Session, book: Book, customers: list[Customer], plan: list) -> None:
    book.write_plan(customers, START, plan, flush_each=True)


def _same(s: Session, on: date, scope=ALL) -> ledger.Owing:  # noqa: ANN001
    """owing() (kept where it holds) equals computing every customer from its documents."""
    due_by = on + timedelta(days=10)
    kept = ledger.owing(s, on, scope, due_by)
    live = ledger._owing_live(s, on, scope, due_by)
    assert kept.owed == live.owed
    assert sorted(kept.falling) == sorted(live.falling)
    # `only` (those owing anything, as the reminders ask): the same figures, and whoever is left out owes nothing,
    # has nothing past due and nothing falling due
    some = ledger.owing(s, on, scope, due_by, CustomerTotals.orders > CustomerTotals.credits)
    assert all(live.owed[cid] == m for cid, m in some.owed.items())
    falling = {f.customer_id for f in live.falling}
    assert all(m.balance <= 0 and m.overdue == 0 and cid not in falling
               for cid, m in live.owed.items() if cid not in some.owed)
    assert sorted(some.falling) == sorted(live.falling)
    return kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=docs, later=docs, as_of_offset=st.integers(0, 150), term=st.sampled_from([0, 10, 30, 45]))
def test_kept_equals_documents(plan, later, as_of_offset: int, term: int) -> None:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        book = Book(s)
        customers = [book.customer(f"C{i}", created=START - timedelta(days=1), term_days=term) for i in range(3)]
        _write(s, book, customers, plan)
        s.commit()  # the hook keeps what the triggers marked
        assert s.scalar(select(MoneyDirty.id).limit(1)) is None
        for c in customers:  # the kept open orders are the allocation over all documents
            py = ledger.allocate(*ledger.customer_documents(s, c.id, date(2100, 1, 1)))
            kept = dict(s.execute(select(OpenItem.order_id, OpenItem.open).where(OpenItem.customer_id == c.id)).all())
            assert kept == {oid: int(v * 100) for oid, v in py.open.items() if v > 0}
        _same(s, START + timedelta(days=as_of_offset))  # before some documents too: those customers are computed
        on = START + timedelta(days=as_of_offset)
        kept_positions = ledger.kept_positions(s, on, [c.id for c in customers])
        for c in customers:  # the approval queue's and the credit check's positions equal the documents'
            assert kept_positions.get(c.id, ledger.NO_POSITION) == ledger.position_of_documents(s, c.id, on, False)
            assert ledger.position(s, c.id, on) == ledger.position_of_documents(s, c.id, on)
        assert sorted(s.execute(ledger.aging_kept(s, on)).all()) == sorted(s.execute(ledger.aging_sql(on)).all())
        _same(s, START + timedelta(days=200))
        _same(s, START + timedelta(days=200), Customer.code == "C1")
        _write(s, book, customers, later)  # written, not committed: marked, computed from the documents
        _same(s, START + timedelta(days=200))
        s.commit()
        _same(s, START + timedelta(days=200))
    engine.dispose()


def test_writes_past_the_session_are_marked_and_computed(engine) -> None:  # noqa: ANN001
    """A write outside any ORM session (another program, a raw statement) is marked by the triggers: until a session
    keeps it, that customer is computed from its documents; the next commit keeps it."""
    with Session(engine) as s:
        book = Book(s)
        a, b = book.customer("A"), book.customer("B")
        o1 = book.order(a, START, "100.00")
        book.order(a, START + timedelta(days=40), "50.00")
        book.order(b, START, "70.00")
        book.receipt(b, START + timedelta(days=5), "20.00")
        s.commit()
        ids = (a.id, b.id, o1.id)
    on = START + timedelta(days=60)
    with Session(engine) as s:
        owed = _same(s, on).owed
        assert (owed[ids[0]].balance, owed[ids[0]].overdue, owed[ids[1]].overdue) == (15000, 15000, 5000)
    with engine.begin() as conn:  # cancel A's first order behind the ORM's back
        conn.execute(text("UPDATE sales_order SET status = 'cancelled' WHERE id = :id"), {"id": ids[2]})
    with Session(engine) as s:
        assert s.scalars(select(MoneyDirty.customer_id)).all() == [ids[0]]
        owed = _same(s, on).owed
        assert (owed[ids[0]].balance, owed[ids[0]].overdue) == (5000, 5000)
        s.execute(update(SalesOrder).where(SalesOrder.id == ids[2]).values(status="cancelled"))  # a no-op write
        s.commit()
    with Session(engine) as s:
        assert s.scalar(select(MoneyDirty.id).limit(1)) is None
        kept = dict(s.execute(select(OpenItem.order_id, OpenItem.open).where(OpenItem.customer_id == ids[0])).all())
        assert list(kept.values()) == [5000]
        _same(s, on)


def test_a_draft_or_held_order_marks_nothing(engine) -> None:  # noqa: ANN001
    with Session(engine) as s:
        book = Book(s)
        c = book.customer("A")
        s.commit()
        held = book.order(c, START, "100.00", status="held")
        s.flush()
        assert s.scalar(select(MoneyDirty.id).limit(1)) is None
        held.status = "confirmed"
        s.flush()
        assert s.scalars(select(MoneyDirty.customer_id)).all() == [c.id]
        s.commit()
        assert s.scalar(select(OpenItem.open)) == 10000


@pytest.mark.parametrize("offset", [0, 30, 60, 91])
def test_owed_by_hand(session, offset: int) -> None:  # noqa: ANN001
    """One customer: orders 100 (due day 0), 200 (due day 30), a receipt of 150 naming nothing. The pool pays the
    oldest due first: 100 paid, 50 of the 200 paid, 150 open, due day 30."""
    book = Book(session)
    c = book.customer("A")
    book.order(c, START, "100.00")
    book.order(c, START + timedelta(days=30), "200.00")
    book.receipt(c, START + timedelta(days=31), "150.00")
    session.commit()
    on = START + timedelta(days=31 + offset)
    owed = _same(session, on).owed[c.id]
    assert owed.balance == 15000
    assert owed.overdue == 15000 and owed.oldest_due == START + timedelta(days=30)
    assert owed.old == (15000 if (on - owed.oldest_due).days > 90 else 0)
    assert owed.stage(on) == {0: 1, 30: 2, 60: 3, 91: 4}[offset]  # 1, 31, 61, 92 days past due


def test_upgrading_an_older_database_keeps_every_customer(db_url: str) -> None:
    """A database with documents written before the kept figures existed: the migration marks every customer with
    documents, app.schema keeps them, and the triggers mark what is written after."""
    from alembic import command

    from app import schema

    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(schema._config(conn), "5868e9d40ddc")
    with Session(engine) as s:
        book = Book(s)
        a, b = book.customer("A"), book.customer("B")
        book.order(a, START, "100.00")
        book.order(b, START, "70.00")
        book.receipt(b, START + timedelta(days=5), "20.00")
        s.commit()
        ids = a.id, b.id
    schema.upgrade(engine)
    with Session(engine) as s:
        assert s.scalar(select(MoneyDirty.id).limit(1)) is None
        assert dict(s.execute(select(OpenItem.customer_id, OpenItem.open)).all()) == {ids[0]: 10000, ids[1]: 5000}
        book = Book.__new__(Book)
        book.s, book.product, book._n = s, s.scalars(select(Product)).first(), 100
        book.receipt(s.get(Customer, ids[0]), START + timedelta(days=6), "30.00")
        s.commit()
        assert dict(s.execute(select(OpenItem.customer_id, OpenItem.open)).all()) == {ids[0]: 7000, ids[1]: 5000}
        _same(s, START + timedelta(days=60))
        for on in (START + timedelta(days=60), START + timedelta(days=3)):  # kept, and one customer computed
            assert sorted(s.execute(ledger.aging_kept(s, on)).all()) == sorted(s.execute(ledger.aging_sql(on)).all())
    engine.dispose()


def test_a_transaction_s_own_writes_are_in_its_positions(db_url: str) -> None:
    """The credit check inside a writing transaction (a receipt recorded, then an order confirmed): the customer is
    marked by its own write, so its position comes from the documents, receipt included — on both databases."""
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    on = START + timedelta(days=40)
    with Session(engine) as s:
        book = Book(s)
        c = book.customer("A", created=START - timedelta(days=1), term_days=10)
        book.order(c, START, "100.00")
        s.commit()
        assert ledger.position(s, c.id, on).overdue == Decimal("100.00")  # kept
        book.receipt(c, START + timedelta(days=20), "60.00")
        s.flush()  # not committed: the kept figures are the old ones, the mark says so
        pos = ledger.position(s, c.id, on)
        assert (pos.balance, pos.overdue) == (Decimal("40.00"), Decimal("40.00"))
        assert pos == ledger.position_of_documents(s, c.id, on)
        s.rollback()
        assert ledger.position(s, c.id, on).balance == Decimal("100.00")
    engine.dispose()


def test_sqlite_reads_the_index_a_statement_names(tmp_path) -> None:
    """`with_hint(…, "INDEXED BY …", "sqlite")` reaches SQLite (SQLAlchemy's compiler dropped it; app.db writes it):
    the customers more than 90 days past due are a range of the (due date, customer, open) index, not a scan of
    every kept open order; PostgreSQL gets no hint."""
    from sqlalchemy.dialects import postgresql

    engine = make_engine(f"sqlite:///{tmp_path / 'hint.sqlite3'}")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        q = ledger.past_due_over_90(s, date(2026, 1, 1))
        sql = str(q.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[3] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "FROM open_item INDEXED BY ix_open_item_due" in sql
    assert "USING COVERING INDEX ix_open_item_due (due_date<?)" in plan
    assert "INDEXED BY" not in str(q.compile(dialect=postgresql.dialect()))
    engine.dispose()
