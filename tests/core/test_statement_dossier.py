"""Statement of account and the four-part dossier, against hand-computed figures."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from app import ledger
from app.customers import code_entry, set_blacklist, set_credit, set_owner
from app.dossier import dossier
from app.statement import statement
from models import Contact, Salesperson
from tests.core.builders import Book

D = Decimal


def test_statement_running_balance_and_closing_equals_aging(session) -> None:
    book = Book(session)
    c = book.customer(term_days=30)
    book.order(c, date(2026, 1, 5), "500.00")  # before the period: opening
    book.receipt(c, date(2026, 1, 20), "200.00")  # before the period
    o = book.order(c, date(2026, 2, 3), "300.00", number="XS-B")
    book.ret(c, date(2026, 2, 3), "50.00", order=o, number="TH-1")
    book.receipt(c, date(2026, 2, 10), "400.00", number="SK-2")
    book.order(c, date(2026, 3, 1), "80.00")  # after the period
    session.flush()
    st = statement(session, c.id, date(2026, 2, 1), date(2026, 2, 28))
    assert st.opening == D("300.00")
    # CONTRACT.md: in date order, then number — the return TH-1 sorts before the order XS-B of the same day
    assert [(x.number, x.debit, x.credit, x.balance) for x in st.lines] == [
        ("TH-1", D("0.00"), D("50.00"), D("250.00")),
        ("XS-B", D("300.00"), D("0.00"), D("550.00")),
        ("SK-2", D("0.00"), D("400.00"), D("150.00")),
    ]
    assert (st.closing, st.total_debit, st.total_credit) == (D("150.00"), D("300.00"), D("450.00"))
    assert st.closing == ledger.position(session, c.id, date(2026, 2, 28)).balance


def test_dossier_four_parts(session) -> None:
    book = Book(session)
    s1 = Salesperson(code="S001", name="张伟")
    s2 = Salesperson(code="S002", name="李娜")
    session.add_all([s1, s2])
    session.flush()
    region = code_entry(session, "region", "西南")
    c = book.customer(term_days=10, credit_limit=D("1000.00"), owner_id=s1.id, name="重庆渝丰五金机电有限公司",
                      region_id=region.id, created=date(2025, 12, 1))
    session.add(Contact(customer_id=c.id, name="王强", mobile="13800000001"))
    a = book.order(c, date(2026, 1, 1), "300.00", number="XS-A")  # due 01-11
    book.order(c, date(2026, 2, 1), "200.00", number="XS-B")  # due 02-11
    set_owner(session, c.id, s2.id, date(2026, 2, 15), reason="调岗")
    book.receipt(c, date(2026, 1, 11), "300.00", number="SK-1")  # pays A on its due date: on time
    book.receipt(c, date(2026, 2, 21), "150.00", number="SK-2")  # B: 200 late 10 days, 50 still open
    book.ret(c, date(2026, 3, 5), "20.00", order=a, number="TH-1")  # A is paid: 20 to B
    set_credit(session, c.id, 15, D("2000.00"), date(2026, 3, 1), reason="信用良好")
    set_blacklist(session, c.id, True, date(2026, 3, 10), reason="拖欠")
    session.flush()
    d = dossier(session, c.id, date(2026, 3, 31))
    assert (d.static.code, d.static.mnemonic, d.static.region, str(d.static.status)) == (
        "C001", "cqyfwjjdyxgs", "西南", "正常")
    assert d.static.owner == "S002 李娜"
    assert [h.value for h in d.static.owner_history] == ["S001 张伟", "S002 李娜"]
    assert d.static.contacts[0][0] == "王强"
    assert [(x.number, x.amount, x.owner) for x in d.business.documents] == [
        ("XS-A", D("300.00"), "S001 张伟"), ("XS-B", D("200.00"), "S001 张伟"), ("TH-1", D("-20.00"), "S002 李娜"),
    ]
    assert d.business.by_year == ((2026, D("500.00"), D("20.00"), D("480.00")),)
    assert [(str(name), amount) for name, amount in d.business.top_categories] == [("未分类", D("480.00"))]
    # as of 03-31 the return names A, so it pays A first (step 1) and SK-1's last 20 goes on to B
    assert [(r.number, r.paid) for r in d.money.receipts] == [
        ("SK-1", (("XS-A", D("280.00")), ("XS-B", D("20.00")))), ("SK-2", (("XS-B", D("150.00")),)),
    ]
    assert [(i.number, i.open, i.days_past_due) for i in d.money.open_items] == [("XS-B", D("30.00"), 48)]
    assert d.money.position.balance == D("30.00")
    assert (d.credit.term_days, d.credit.credit_limit) == (15, D("2000.00"))
    assert len(d.credit.credit_history) == 2 and d.credit.credit_history[1].reason == "信用良好"
    assert d.credit.blacklisted is True
    assert d.credit.suggested_grade == "D"
    assert [(x.number, x.late_amount, x.days_late, x.paid_on) for x in d.credit.late_orders] == [
        ("XS-B", D("200.00"), 48, None),
    ]
    assert (d.credit.orders_due, d.credit.on_time_rate) == (2, D("0.5000"))
    assert d.credit.decision_codes == ("BLACKLISTED", "OVERDUE")
