"""账龄: open amounts by days past due, per customer, as of a date — with its own reconciliation proof."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import history
from app.ledger import BUCKET_TITLES, BUCKETS, aging_sql
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import Customer, OwnerHistory, Salesperson

MONEY_KEYS = ("balance", *BUCKETS, "unapplied")


def build(session: Session, *, as_of: date) -> Table:
    ag = aging_sql(as_of).subquery("ag")
    owner = history.as_of(OwnerHistory, as_of)
    q = (
        select(Customer.code, Customer.name, Salesperson.code.label("owner_code"), ag)
        .join(Customer, Customer.id == ag.c.customer_id)
        .outerjoin(owner, owner.c.customer_id == ag.c.customer_id)
        .outerjoin(Salesperson, Salesperson.id == owner.c.salesperson_id)
    )
    rows = []
    sums = dict.fromkeys(("orders", "credits", *BUCKETS, "unapplied"), 0)
    for r in session.execute(q).mappings():
        for k in sums:
            sums[k] += int(r[k])
        open_total = sum(int(r[k]) for k in BUCKETS)
        if open_total == 0 and int(r["unapplied"]) == 0:
            continue
        row = {
            "customer_code": r["code"], "customer_name": r["name"], "owner_code": r["owner_code"],
            "balance": fen_to_yuan(open_total - int(r["unapplied"])),
        }
        row.update({k: fen_to_yuan(r[k]) for k in (*BUCKETS, "unapplied")})
        rows.append(row)
    totals = {k: sum((row[k] for row in rows), fen_to_yuan(0)) for k in MONEY_KEYS}
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
