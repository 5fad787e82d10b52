"""信用 tab figures against hand-computed values: overview, grouped aging and its proof, drill-down, statement."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import credit_view, reports
from app.context import Actor
from app.customers import set_credit, set_owner
from app.errors import PermissionDenied, ValidationError
from app.pick import SHARED_POOL_ID
from app.reports import aging
from models import CodeEntry, Customer, MoneyDirty, Salesperson
from tests.core.builders import Book

D = Decimal
AS_OF = date(2026, 6, 30)
ADMIN = Actor("boss", "admin")


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Four customers; every figure the tests expect is worked out in the comments.

    C001 张伟 华北 term 30 limit 1000: A 03-01 500 (due 03-31), B 05-01 400 (due 05-31), C 06-10 300 (due 07-10);
      R1 04-15 200 names nothing → pays A (oldest due): A open 300 (91 days: 90+); R2 06-20 100 names B: B open 300
      (30 days: 1–30); C open 300 (not due). Balance 900, overdue 600, available 100. A held order counts nowhere.
    C002 李娜 on 06-30 (张伟 from 07-15) 西南 term 0 limit 0: E 04-15 600 (76 days: 61–90), D 06-01 250 (29 days);
      return T1 06-05 50 names D → D rem 200; R3 06-25 300 → E (oldest due): E open 300, D open 200. Balance 500.
    C003 shared pool, no region, blacklisted: receipt 05-01 80, no orders → unapplied 80, balance −80.
    C004 张伟 西南: nothing.
    """
    book = Book(session)
    s1, s2 = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
    north, southwest = (CodeEntry(kind="region", code="01", name="华北", sort_order=10),
                        CodeEntry(kind="region", code="02", name="西南", sort_order=20))
    session.add_all([s1, s2, north, southwest])
    session.flush()
    c1 = book.customer("C001", name="北京华信电子", owner_id=s1.id, region_id=north.id, term_days=30,
                       credit_limit=D("1000"))
    c2 = book.customer("C002", name="重庆渝丰五金", owner_id=s2.id, region_id=southwest.id)
    c3 = book.customer("C003", name="上海长江机电", blacklisted=True, blacklist_reason="长期拖欠")
    c4 = book.customer("C004", name="成都蜀兴建材", owner_id=s1.id, region_id=southwest.id)
    a = book.order(c1, date(2026, 3, 1), "500.00", number="XS-A")
    b = book.order(c1, date(2026, 5, 1), "400.00", number="XS-B")
    book.order(c1, date(2026, 6, 10), "300.00", number="XS-C")
    book.order(c1, date(2026, 6, 12), "999.00", status="held", number="XS-H")
    book.receipt(c1, date(2026, 4, 15), "200.00", number="SK-1")
    book.receipt(c1, date(2026, 6, 20), "100.00", order=b, number="SK-2")
    e = book.order(c2, date(2026, 4, 15), "600.00", number="XS-E")
    d = book.order(c2, date(2026, 6, 1), "250.00", number="XS-D")
    book.ret(c2, date(2026, 6, 5), "50.00", order=d, number="TH-1")
    book.receipt(c2, date(2026, 6, 25), "300.00", number="SK-3")
    book.receipt(c3, date(2026, 5, 1), "80.00", number="SK-4")
    set_owner(session, c2.id, s1.id, date(2026, 7, 15))
    set_credit(session, c1.id, 30, D("5000"), date(2026, 7, 1), reason="提额")
    session.flush()
    return {"c1": c1.id, "c2": c2.id, "c3": c3.id, "c4": c4.id, "s1": s1.id, "s2": s2.id, "a": a.id, "e": e.id}


def by_code(rows) -> dict:  # noqa: ANN001
    return {r.code: r for r in rows}


def test_overview_figures_per_customer(session, world) -> None:
    rows = credit_view.overview(session, ADMIN, AS_OF)
    assert [r.code for r in rows] == ["C001", "C002", "C003", "C004"]
    got = {r.code: (r.owner, r.term_days, r.credit_limit, r.balance, r.overdue, r.available, r.oldest_overdue_days,
                    r.suggested_grade, r.blacklisted, r.status) for r in rows}
    assert got == {
        # 91 days: A due 03-31; D: more than 90 days past due
        "C001": ("张伟", 30, D("1000.00"), D("900.00"), D("600.00"), D("100.00"), 91, "D", False, "正常"),
        # owner shown is the current one; E due 04-15 is 76 days late; the only ranked customer → A
        "C002": ("张伟", 0, D("0.00"), D("500.00"), D("500.00"), D("-500.00"), 76, "A", False, "正常"),
        "C003": ("公司共享客户", 0, D("0.00"), D("-80.00"), D("0.00"), D("80.00"), None, "D", True, "正常"),
        "C004": ("张伟", 0, D("0.00"), D("0.00"), D("0.00"), D("0.00"), None, "C", False, "正常"),
    }
    assert by_code(rows)["C002"].over_limit and not by_code(rows)["C001"].over_limit
    # the limit raised from 07-01 is in force a day later
    assert by_code(credit_view.overview(session, ADMIN, date(2026, 7, 1)))["C001"].credit_limit == D("5000.00")


def test_overview_filters(session, world) -> None:
    def codes(**kw: object) -> list[str]:
        return [r.code for r in credit_view.overview(session, ADMIN, AS_OF, **kw)]  # type: ignore[arg-type]

    assert codes(only_problems=True) == ["C001", "C002", "C003"]  # overdue, over limit, blacklisted
    assert codes(text="cqyf") == ["C002"]  # 助记码 of 重庆渝丰五金
    assert codes(text="长江") == ["C003"]
    assert codes(owner_id=world["s1"]) == ["C001", "C002", "C004"]
    assert codes(owner_id=SHARED_POOL_ID) == ["C003"]
    assert codes(owner_id=world["s2"]) == []
    # a salesperson sees their own customers and the shared pool
    assert [r.code for r in credit_view.overview(session, Actor("li", "sales", world["s2"]), AS_OF)] == ["C003"]


def test_aging_per_customer_matches_the_report_to_the_fen(session, world) -> None:
    view = credit_view.aging_view(session, ADMIN, AS_OF)
    got = {r.code: (r.owner, r.balance, *r.buckets.values(), r.unapplied) for r in view.rows}
    z = D("0.00")
    assert got == {
        "C001": ("张伟", D("900.00"), D("300.00"), D("300.00"), z, z, D("300.00"), z),
        "C002": ("李娜", D("500.00"), z, D("200.00"), z, D("300.00"), z, z),  # the owner on 06-30
        "C003": ("公司共享客户", D("-80.00"), z, z, z, z, z, D("80.00")),
    }
    report = reports.build(session, "aging", as_of=AS_OF)
    assert {r["customer_code"]: r["balance"] for r in report.rows} == {r.code: r.balance for r in view.rows}
    assert report.totals["balance"] == view.totals.balance == D("1320.00")


def test_aging_totals_and_the_reconciliation(session, world) -> None:
    view = credit_view.aging_view(session, ADMIN, AS_OF)
    assert view.totals.buckets == {"not_due": D("300.00"), "d1_30": D("500.00"), "d31_60": D("0.00"),
                                   "d61_90": D("300.00"), "d90_plus": D("300.00")}
    assert view.totals.unapplied == D("80.00")
    # 2050 of orders (the held one left out) − 680 of receipts − 50 of returns = 1320 = 1400 − 80
    assert (view.orders, view.receipts, view.returns) == (D("2050.00"), D("680.00"), D("50.00"))
    assert view.reconciles
    assert "各账龄段合计 1,400.00 − 预收款 80.00 = 余额合计 1,320.00" in view.check
    assert "销售 2,050.00 − 收款 680.00 − 退货 50.00 = 1,320.00" in view.check
    assert view.check.endswith("两者相符。")
    # a salesperson's view reconciles over their own customers: only the shared pool's −80
    li = credit_view.aging_view(session, Actor("li", "sales", world["s2"]), AS_OF)
    assert [r.code for r in li.rows] == ["C003"]
    assert (li.orders, li.receipts, li.returns, li.totals.balance, li.reconciles) == (
        D("0.00"), D("80.00"), D("0.00"), D("-80.00"), True)


def test_aging_grouped_by_owner_on_the_date_and_by_region(session, world) -> None:
    owners = credit_view.aging_view(session, ADMIN, AS_OF, "owner")
    assert [(r.name, r.balance, r.buckets["d1_30"], r.count) for r in owners.rows] == [
        ("张伟", D("900.00"), D("300.00"), 1), ("李娜", D("500.00"), D("200.00"), 1),
        ("公司共享客户", D("-80.00"), D("0.00"), 1)]
    assert [c.code for c in owners.customers_of(owners.rows[0])] == ["C001"]
    # after 07-15 C002 belongs to 张伟: his group holds both
    later = credit_view.aging_view(session, ADMIN, date(2026, 7, 31), "owner")
    assert [(r.name, sorted(r.customer_ids)) for r in later.rows][0] == ("张伟", sorted([world["c1"], world["c2"]]))
    regions = credit_view.aging_view(session, ADMIN, AS_OF, "region")
    assert [(r.name, r.balance, r.buckets["d61_90"], r.unapplied) for r in regions.rows] == [
        ("华北", D("900.00"), D("0.00"), D("0.00")), ("西南", D("500.00"), D("300.00"), D("0.00")),
        ("（未设置）", D("-80.00"), D("0.00"), D("80.00"))]
    assert regions.totals.balance == D("1320.00") and regions.reconciles
    with pytest.raises(ValidationError):
        credit_view.aging_view(session, ADMIN, AS_OF, "colour")


def test_aging_customer_rows_are_kept_as_columns_and_made_when_read(session, world) -> None:
    """The per-customer rows are the report's, made from compact columns when read (the view of 37,000 customers
    keeps ~120 bytes a customer): the same figures, sorting as the rows' values do, each group opening into its
    customers, and a repr that still names every customer (test_role_matrix reads it for leaks)."""
    view = credit_view.aging_view(session, ADMIN, AS_OF)
    assert isinstance(view.rows, credit_view.AgingRows) and view.rows is view.members
    report = reports.build(session, "aging", as_of=AS_OF)
    assert [(r.code, r.name, r.balance, *r.buckets.values(), r.unapplied) for r in view.rows] == [
        (r["customer_code"], r["customer_name"], r["balance"], *(r[k] for k in aging.BUCKETS), r["unapplied"])
        for r in report.rows]
    assert [str(r.balance) for r in view.rows] == [str(r["balance"]) for r in report.rows]  # two places, as shown
    assert view.rows[-1] == view.rows[2] and view.rows[0].customer_ids == (world["c1"],)
    with pytest.raises(IndexError):
        view.rows[3]
    for key in ("code", "name", "owner", "balance", "d1_30", "unapplied"):
        at = view.members.sort_value(key)
        assert sorted(range(3), key=at) == sorted(range(3), key=lambda i, k=key: view.rows[i].value(k))
    assert view.members.sort_value("count") is None  # not a column: read from the rows
    assert "北京华信电子" in repr(view) and "上海长江机电" in repr(view)
    regions = credit_view.aging_view(session, ADMIN, AS_OF, "region")
    assert [regions.positions_of(r) for r in regions.rows] == [[0], [1], [2]]  # 华北 C001, 西南 C002, none C003
    assert regions.positions_of(regions.members[1]) == [1]
    assert list(regions.totals.customer_ids) == [world["c1"], world["c2"], world["c3"]]


def test_drill_lists_open_orders_and_what_paid_them(session, world) -> None:
    (a,) = credit_view.drill(session, ADMIN, AS_OF, world["c1"], "d90_plus")
    assert (a.number, a.date, a.due_date, a.total, a.open, a.days_past_due) == (
        "XS-A", date(2026, 3, 1), date(2026, 3, 31), D("500.00"), D("300.00"), 91)
    assert [(p.kind, p.number, p.amount) for p in a.allocations] == [("收款单", "SK-1", D("200.00"))]
    (b,) = credit_view.drill(session, ADMIN, AS_OF, world["c1"], "d1_30")
    assert (b.number, b.open, b.days_past_due, [(p.number, p.amount) for p in b.allocations]) == (
        "XS-B", D("300.00"), 30, [("SK-2", D("100.00"))])
    assert [i.number for i in credit_view.drill(session, ADMIN, AS_OF, world["c1"], "not_due")] == ["XS-C"]
    assert credit_view.drill(session, ADMIN, AS_OF, world["c1"], "d31_60") == []
    # C002: the return paid D (it names it), the receipt paid E (oldest due)
    (e,) = credit_view.drill(session, ADMIN, AS_OF, world["c2"], "d61_90")
    assert (e.number, e.open, [(p.kind, p.number, p.amount) for p in e.allocations]) == (
        "XS-E", D("300.00"), [("收款单", "SK-3", D("300.00"))])
    (d,) = credit_view.drill(session, ADMIN, AS_OF, world["c2"], "d1_30")
    assert (d.number, d.open, [(p.kind, p.number, p.amount) for p in d.allocations]) == (
        "XS-D", D("200.00"), [("退货单", "TH-1", D("50.00"))])


def test_drill_unapplied_and_permissions(session, world) -> None:
    (r,) = credit_view.drill(session, ADMIN, AS_OF, world["c3"], "unapplied")
    assert (r.kind, r.number, r.total, r.open, r.allocations) == ("收款单", "SK-4", D("80.00"), D("80.00"), ())
    li = Actor("li", "sales", world["s2"])
    assert credit_view.drill(session, li, AS_OF, world["c3"], "unapplied")[0].number == "SK-4"
    with pytest.raises(PermissionDenied):
        credit_view.drill(session, li, AS_OF, world["c1"], "d90_plus")
    with pytest.raises(ValidationError):
        credit_view.drill(session, ADMIN, AS_OF, world["c1"], "d1_60")


def test_statement_closing_equals_aging_balance_at_period_end(session, world) -> None:
    st = credit_view.customer_statement(session, ADMIN, world["c1"], date(2026, 4, 1), AS_OF)
    # opening = A 500 less nothing paid by 03-31; then R1 −200, B +400, C +300, R2 −100
    assert st.opening == D("500.00")
    assert [(ln.number, ln.balance) for ln in st.lines] == [
        ("SK-1", D("300.00")), ("XS-B", D("700.00")), ("XS-C", D("1000.00")), ("SK-2", D("900.00"))]
    assert (st.total_debit, st.total_credit, st.closing) == (D("700.00"), D("300.00"), D("900.00"))
    aging = by_code(credit_view.aging_view(session, ADMIN, AS_OF).rows)
    assert st.closing == aging["C001"].balance
    c2 = credit_view.customer_statement(session, ADMIN, world["c2"], date(2026, 1, 1), AS_OF)
    assert c2.closing == aging["C002"].balance == D("500.00")
    with pytest.raises(PermissionDenied):
        credit_view.customer_statement(session, Actor("li", "sales", world["s2"]), world["c1"], date(2026, 4, 1), AS_OF)


def test_oldest_overdue_skips_orders_paid_exactly(session) -> None:
    book = Book(session)
    c = book.customer("C009")
    book.order(c, date(2026, 3, 1), "100.00")  # due 03-01, paid in full by the receipt (the pool ends on it)
    book.order(c, date(2026, 4, 1), "100.00")  # due 04-01: 90 days late on 06-30
    book.receipt(c, date(2026, 4, 10), "100.00")
    session.flush()
    (row,) = credit_view.overview(session, ADMIN, AS_OF)
    assert (row.balance, row.overdue, row.oldest_overdue_days) == (D("100.00"), D("100.00"), 90)


def test_a_proof_that_does_not_hold_says_so(session, world, monkeypatch) -> None:
    monkeypatch.setattr(aging, "document_totals", lambda *_a: (D("2050.00"), D("680.00"), D("50.01")))
    view = credit_view.aging_view(session, ADMIN, AS_OF)
    assert not view.reconciles
    assert "退货 50.01 = 1,319.99" in view.check and view.check.endswith("两者不符，请检查数据！")


def test_overview_from_the_kept_figures_equals_the_documents(session, world) -> None:
    """The overview joins only what its filter and order need and reads the kept allocation where it holds: in every
    order and filter its customers and figures are those computed from the documents (before the commit every
    customer is marked, so computed that way). An archived customer is listed while it owes or is owed money."""
    session.get(Customer, world["c3"]).archived = True  # owed 80 (unapplied): still listed
    session.get(Customer, world["c4"]).archived = True  # nothing: left out
    session.flush()

    def everything() -> dict:
        out: dict = {}
        for on in (AS_OF, date(2026, 5, 31), date(2026, 7, 1)):
            for problems in (False, True):
                for sort in (None, *sorted(credit_view.SORTABLE)):
                    for descending in (False, True):
                        out[on, problems, sort, descending] = credit_view.overview_ids(
                            session, ADMIN, credit_view.OverviewFilter(on, only_problems=problems), sort, descending)
            rows = credit_view.overview_rows(session, on, out[on, False, None, False])
            out[on] = [[str(v) for v in astuple(r)] for r in rows]
        return out

    assert session.scalar(select(MoneyDirty.id).limit(1)) is not None
    before = everything()
    session.commit()  # the figures are kept
    assert session.scalar(select(MoneyDirty.id).limit(1)) is None
    assert everything() == before
    assert before[AS_OF, False, None, False] == [world["c1"], world["c2"], world["c3"]]
    assert before[AS_OF, False, "balance", True] == [world["c1"], world["c2"], world["c3"]]
    assert before[AS_OF, True, "available", False] == [world["c2"], world["c3"], world["c1"]]  # −500, 80, 100
    assert before[AS_OF][2][1:3] == ["C003", "上海长江机电"]
