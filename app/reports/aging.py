"""账龄: open amounts by days past due, per customer, as of a date — with its own reconciliation proof."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ledger import BUCKET_TITLES, BUCKETS, aging_sql
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer, OwnerHistory, Salesperson

MONEY_KEYS = ("balance", *BUCKETS, "unapplied")


def build(session: Session, *, as_of: date) -> Table:
    ag = aging_sql(as_of).subquery("ag")
    owner_on = (  # the owner in force on the as-of date, one indexed lookup per customer
        select(OwnerHistory.salesperson_id)
        .where(OwnerHistory.customer_id == ag.c.customer_id, OwnerHistory.effective <= as_of)
        .order_by(OwnerHistory.effective.desc(), OwnerHistory.id.desc())
        .limit(1)
        .correlate(ag)
        .scalar_subquery()
    )
    q = (
        select(Customer.code, Customer.name, Salesperson.code, ag.c.orders, ag.c.credits, ag.c.unapplied,
               *[ag.c[k] for k in BUCKETS])
        .join(Customer, Customer.id == ag.c.customer_id)
        .outerjoin(Salesperson, Salesperson.id == owner_on)
    )
    rows = []
    orders = credits = 0
    totals_fen = dict.fromkeys(MONEY_KEYS, 0)
    zero = fen_to_yuan(0)
    for code, name, owner_code, o, c, unapplied, *buckets in session.connection().execute(q).all():
        orders += o
        credits += c
        open_total = sum(buckets)
        if open_total == 0 and unapplied == 0:
            continue
        fen_row = {"balance": open_total - unapplied, **dict(zip(BUCKETS, buckets, strict=True)), "unapplied": unapplied}
        for k, v in fen_row.items():
            totals_fen[k] += v
        row = {"customer_code": code, "customer_name": name, "owner_code": owner_code}
        row.update({k: fen_to_yuan(v) if v else zero for k, v in fen_row.items()})
        rows.append(row)
    totals = {k: fen_to_yuan(v) for k, v in totals_fen.items()}
    sums = {"orders": orders, "credits": credits}
    proof = (
        f"核对：各账龄段合计 {totals['not_due'] + totals['d1_30'] + totals['d31_60'] + totals['d61_90'] + totals['d90_plus']}"
        f" − 预收款 {totals['unapplied']} = 余额合计 {totals['balance']}；"
        f"销售 {fen_to_yuan(sums['orders'])} − 收款及退货 {fen_to_yuan(sums['credits'])}"
        f" = {fen_to_yuan(sums['orders'] - sums['credits'])}"
    )
    columns = [
        Column("customer_code", "客户编码"), Column("customer_name", "客户名称"), Column("owner_code", "负责销售员"),
        Column("balance", "余额", "money"),
        *[Column(k, BUCKET_TITLES[k], "money") for k in BUCKETS],
        Column("unapplied", "预收款", "money"),
    ]
    return Table(
        report="aging", title="应收账款账龄分析", params={"as_of": as_of}, columns=columns,
        rows=sort_by_first_column(rows, "customer_code"), totals=totals, notes=[proof],
    )
