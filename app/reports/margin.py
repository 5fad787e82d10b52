"""毛利: revenue, cost, gross profit and margin of confirmed orders less returns in a period, by one grouping."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, Subquery, and_, cast, func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app import settings
from app.errors import ValidationError
from app.history import in_force, intervals
from app.messages import Message, msg
from app.reports.common import fen, month_key
from app.statuses import counted
from app.tables import Column, Table, fen_to_yuan, sort_by_first_column
from models import (
    CodeEntry,
    Customer,
    OrderLine,
    OwnerHistory,
    Product,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
)

# group_by -> (first column key, its Chinese title)
GROUPINGS: dict[str, tuple[str, str]] = {
    "customer": ("customer_code", "客户编码"),
    "salesperson": ("salesperson_code", "销售员"),
    "region": ("region", "地区"),
    "industry": ("industry", "行业"),
    "type": ("type", "客户类型"),
    "grade": ("grade", "信用等级"),
    "category": ("category", "商品类别"),
    "month": ("month", "月份"),
}
# on SQLite, periods longer than this read the documents by a table scan (see _in_period)
INDEXED_PERIOD_DAYS = 62
# Decimal(fen) * CENT: the yuan of integer fen, exactly fen_to_yuan's value, a little cheaper (the customer rows)
CENT = Decimal("0.01")
# the rates 0.0000 … 1.0000, which most margins are, built once: fen_rate hands out these instead of new Decimals
_RATE_STEPS = [Decimal(n).scaleb(-4) for n in range(10_001)]

# (group key, revenue fen, cost fen, extra row keys) per group
Sums = list[tuple[Any, int, int, dict[str, Any]]]
Seen = ColumnElement[bool] | None


def sales_credit_rule(session: Session) -> str:
    """The sales-credit rule in force (业绩归属): "owner" (default) or "handler"."""
    rule = settings.load(session).sales_credit
    return rule if rule in settings.SALES_CREDIT_RULES else "owner"  # the default, should the stored value be unreadable


def build(session: Session, *, start: date, end: date, group_by: str = "customer", seen: Seen = None) -> Table:
    """Documents dated start..end (inclusive) grouped by `group_by`, one of GROUPINGS. `seen`: a condition on
    Customer restricting the customers counted (what a salesperson may see). Rows grouped by customer also carry
    customer_id and customer_name, by salesperson salesperson_id and salesperson_name (not columns)."""
    start, end = _checked_period(start, end, group_by)
    notes: list[str] = []
    key, title = GROUPINGS[group_by]
    if group_by == "customer":
        rows, total_revenue, total_cost = _customer_rows(session, start, end, seen)
    else:
        if group_by == "salesperson":
            rule = sales_credit_rule(session)
            sums = (_by_owner if rule == "owner" else _by_handler)(session, start, end, seen)
            notes.append(str(msg("report.sales_credit", rule=settings.sales_credit_title(rule))))  # interface language
        else:
            sums = GROUPERS[group_by](session, start, end, seen)
        rows = sort_by_first_column([_row(key, group, revenue, cost, extra) for group, revenue, cost, extra in sums], key)
        total_revenue = sum(revenue for _g, revenue, _c, _e in sums)
        total_cost = sum(cost for _g, _r, cost, _e in sums)
    totals = _figures(total_revenue, total_cost)
    columns = [
        Column(key, title, "month" if group_by == "month" else "text"),
        Column("revenue", "销售收入", "money"),
        Column("cost", "销售成本", "money"),
        Column("gross_profit", "毛利", "money"),
        Column("margin", "毛利率", "rate"),
    ]
    return Table(
        report="margin", title=f"毛利分析（按{title}）", params={"from": start, "to": end, "group_by": group_by},
        columns=columns, rows=rows, totals=totals, notes=notes,
    )


def _checked_period(start: date | str, end: date | str, group_by: str) -> tuple[date, date]:
    start, end = day_of(start), day_of(end)
    if group_by not in GROUPINGS:
        raise ValidationError("report.bad_grouping", group_by=group_by, choices=_enumeration(list(GROUPINGS)))
    if start > end:
        raise ValidationError("report.period_order", start=start, end=end)
    return start, end


def _enumeration(items: Sequence[str]) -> Message | str:
    """The items as "a、b、c" in Chinese, "a, b, c" in English."""
    text: Message | str = items[0]
    for item in items[1:]:
        text = msg("report.and", before=text, after=item)
    return text


def day_of(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError("report.bad_date", value=value) from None


def fen_rate(numerator: int, denominator: int) -> Decimal | None:
    """app.tables.rate(numerator, denominator) of integers (fen), the same Decimal without Decimal division:
    |numerator ÷ denominator| in ten-thousandths rounded half up (away from zero) is ⌊(2·10⁴·|n| + |d|) ÷ 2|d|⌋;
    the sign is the quotient's, so a negative one that rounds to 0 is −0.0000 as in rate(). None when d is 0."""
    if not denominator:
        return None
    steps = (20_000 * abs(numerator) + abs(denominator)) // (2 * abs(denominator))
    value = _RATE_STEPS[steps] if steps <= 10_000 else Decimal(steps).scaleb(-4)
    return value.copy_negate() if (numerator < 0) != (denominator < 0) else value


def _figures(revenue: int, cost: int) -> dict[str, Any]:
    return {
        "revenue": fen_to_yuan(revenue), "cost": fen_to_yuan(cost),
        "gross_profit": fen_to_yuan(revenue - cost), "margin": fen_rate(revenue - cost, revenue),
    }


def _row(key: str, group: Any, revenue: int, cost: int, extra: dict[str, Any]) -> dict[str, Any]:
    row = {key: group, **_figures(revenue, cost)}
    row.update(extra)
    return row


def _unindexed(column: Any) -> ColumnElement[Any]:
    """`+column`: SQLite's documented way to keep a term from using an index."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _in_period(
    session: Session, model: type[SalesOrder] | type[SalesReturn], start: date, end: date, scan: bool = False
) -> list[ColumnElement[bool]]:
    """Confirmed and dated start..end.

    Without statistics SQLite always takes the (status, date) index, then fetches each row from the table
    at random: for a long period a plain scan is twice as fast (a year of 300k orders: 0.4 s against
    0.9 s), and only a scan lets it see that a join needs an index on the other side. Short periods keep
    the index. PostgreSQL plans from its statistics.
    """
    status, day = model.status, model.date
    if session.get_bind().dialect.name == "sqlite" and (scan or (end - start).days > INDEXED_PERIOD_DAYS):
        status, day = _unindexed(status), _unindexed(day)
    # the one "counts" rule, applied to the (perhaps unindexed) status column
    return [counted(SimpleNamespace(status=status)), day >= start, day <= end]


def _document_selects(
    session: Session, start: date, end: date, with_handler: bool = False, scan: bool = False, seen: Seen = None,
    with_ids: bool = False,
) -> tuple[Select, Select]:
    """The two halves of `_documents`: confirmed orders (+) and returns (−) in the period."""
    order_cols: list[Any] = [SalesOrder.customer_id, SalesOrder.date]
    return_cols: list[Any] = [SalesReturn.customer_id, SalesReturn.date]
    if with_handler:
        order_cols.append(SalesOrder.handler_id.label("handler_id"))
        return_cols.append(func.coalesce(SalesReturn.handler_id, SalesOrder.handler_id))
    if with_ids:
        order_cols += [literal("order").label("kind"), SalesOrder.id.label("id"), SalesOrder.number.label("number")]
        return_cols += [literal("return"), SalesReturn.id, SalesReturn.number]
    orders = select(
        *order_cols, fen(SalesOrder.total).label("revenue"), fen(SalesOrder.cost_total).label("cost")
    ).where(*_in_period(session, SalesOrder, start, end, scan))
    returns = select(
        *return_cols, (-fen(SalesReturn.total)).label("revenue"), (-fen(SalesReturn.cost_total)).label("cost")
    ).where(*_in_period(session, SalesReturn, start, end, scan))
    if with_handler:
        returns = returns.outerjoin(SalesOrder, SalesOrder.id == SalesReturn.order_id)
    if seen is not None:
        orders = orders.join(Customer, Customer.id == SalesOrder.customer_id).where(seen)
        returns = returns.join(Customer, Customer.id == SalesReturn.customer_id).where(seen)
    return orders, returns


def _documents(
    session: Session, start: date, end: date, with_handler: bool = False, scan: bool = False, seen: Seen = None
) -> Subquery:
    """(customer_id, date, [handler_id,] revenue, cost) of confirmed orders (+) and returns (−) in the period.

    Header totals (sums of the lines) in fen, so only the category grouping has to read lines. A return
    without its own handler takes the handler of the order it names.
    """
    return union_all(*_document_selects(session, start, end, with_handler, scan, seen)).subquery("docs")


def _sums(session: Session, q: Select) -> Sums:
    return [(group, int(revenue), int(cost), {}) for group, revenue, cost in session.connection().execute(q)]


def _per_customer(session: Session, start: date, end: date, seen: Seen = None) -> Subquery:
    docs = _documents(session, start, end, seen=seen)
    return (
        select(docs.c.customer_id, func.sum(docs.c.revenue).label("revenue"), func.sum(docs.c.cost).label("cost"))
        .group_by(docs.c.customer_id)
        .subquery("per_customer")
    )


# a customer row as read: (code, revenue fen, cost fen, customer id, name)
Found = tuple[str, int, int, int, str]


def customer_row(found: Found, with_cost: bool = True) -> dict[str, Any]:
    """One row by customer as the report gives it, from what the query read (the gross profit as the difference of
    the two yuan amounts: exact, and cheaper than from fen)."""
    code, revenue, cost, cid, name = found
    revenue_yuan = Decimal(revenue) * CENT
    if not with_cost:
        return {"customer_code": code, "revenue": revenue_yuan, "customer_id": cid, "customer_name": name}
    cost_yuan = Decimal(cost) * CENT
    return {"customer_code": code, "revenue": revenue_yuan, "cost": cost_yuan, "gross_profit": revenue_yuan - cost_yuan,
            "margin": fen_rate(revenue - cost, revenue), "customer_id": cid, "customer_name": name}


class CustomerRows(Sequence[dict[str, Any]]):
    """The rows by customer in code order, each made when read from the tuples the query returned: a year is ~47,000
    customers on the benchmark database, and making every row's four exact Decimals and its dict cost as much as
    the query, for a list whose view shows a page at a time (and ranks the tuples themselves: `found`)."""

    __slots__ = ("found", "with_cost")
    __hash__ = None  # type: ignore[assignment] - compared by value, like the list it stands for

    def __init__(self, found: list[Found], with_cost: bool = True) -> None:
        self.found = found
        self.with_cost = with_cost

    def without_cost(self) -> CustomerRows:
        """The same rows without cost, gross profit and margin (a role without cost.view)."""
        return CustomerRows(self.found, with_cost=False)

    def __len__(self) -> int:
        return len(self.found)

    def __getitem__(self, i: int | slice) -> Any:  # noqa: ANN401 - a row or a list of rows
        if isinstance(i, slice):
            return [customer_row(f, self.with_cost) for f in self.found[i]]
        return customer_row(self.found[i], self.with_cost)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (customer_row(f, self.with_cost) for f in self.found)

    def __repr__(self) -> str:
        return repr(list(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True))


def _customer_rows(session: Session, start: date, end: date, seen: Seen = None) -> tuple[CustomerRows, int, int]:
    """The rows by customer, in code order, and the total revenue and cost (fen).

    The rows are read as the DBAPI returns them (plain tuples: no column here needs SQLAlchemy's result processing,
    which costs ~25 ms for a year) and made when read (CustomerRows).
    """
    pc = _per_customer(session, start, end, seen)
    # cast: PostgreSQL's sum of bigints is numeric, and fen_rate wants ints
    q = select(Customer.code, cast(pc.c.revenue, BigInteger), cast(pc.c.cost, BigInteger), Customer.id,
               Customer.name).join(Customer, Customer.id == pc.c.customer_id)
    result = session.connection().execute(q)
    try:
        found = result.cursor.fetchall()
    finally:
        result.close()
    # sort_by_first_column's order (codes are never None) here rather than ORDER BY: code-point order whatever the
    # database's collation, and next to free when codes follow ids, as the rows come in id order
    found.sort(key=itemgetter(0))
    return CustomerRows(found), sum(map(itemgetter(1), found)), sum(map(itemgetter(2), found))


def _by_customer_attribute(attribute: str) -> Callable[[Session, date, date, Seen], Sums]:
    """Group by a code-table entry of the customer (region, industry, type): its name, None when unset."""

    def grouped(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
        pc = _per_customer(session, start, end, seen)
        q = (
            select(CodeEntry.name, func.sum(pc.c.revenue), func.sum(pc.c.cost))
            .select_from(pc)
            .join(Customer, Customer.id == pc.c.customer_id)
            .outerjoin(CodeEntry, CodeEntry.id == getattr(Customer, attribute))
            .group_by(CodeEntry.name)
        )
        return _sums(session, q)

    return grouped


def _by_grade(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
    pc = _per_customer(session, start, end, seen)
    q = (
        select(Customer.grade, func.sum(pc.c.revenue), func.sum(pc.c.cost))
        .select_from(pc)
        .join(Customer, Customer.id == pc.c.customer_id)
        .group_by(Customer.grade)
    )
    return _sums(session, q)


def _by_month(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
    docs = _documents(session, start, end, seen=seen)
    month = month_key(session, docs.c.date)
    return _sums(session, select(month, func.sum(docs.c.revenue), func.sum(docs.c.cost)).group_by(month))


def _salesperson_sums(session: Session, per_salesperson: Subquery) -> Sums:
    """Salesperson id → code; documents credited to nobody (shared pool, no handler) form the None group."""
    q = select(Salesperson.code, per_salesperson.c.revenue, per_salesperson.c.cost, per_salesperson.c.salesperson_id,
               Salesperson.name).outerjoin(Salesperson, Salesperson.id == per_salesperson.c.salesperson_id)
    return [(code, int(revenue), int(cost), {"salesperson_id": sp_id, "salesperson_name": name})
            for code, revenue, cost, sp_id, name in session.connection().execute(q)]


def _by_owner(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
    """Credited to the customer's owner on each document's own date."""
    # a scan of the documents, so that SQLite indexes the owner intervals instead of scanning them per document
    docs = _documents(session, start, end, scan=True, seen=seen)
    owner = intervals(OwnerHistory)
    per_salesperson = (
        select(owner.c.salesperson_id, func.sum(docs.c.revenue).label("revenue"), func.sum(docs.c.cost).label("cost"))
        .select_from(docs)
        .outerjoin(owner, and_(owner.c.customer_id == docs.c.customer_id, in_force(owner, docs.c.date)))
        .group_by(owner.c.salesperson_id)
        .subquery("per_salesperson")
    )
    return _salesperson_sums(session, per_salesperson)


def _by_handler(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
    """Credited to the salesperson who handled each document."""
    docs = _documents(session, start, end, with_handler=True, seen=seen)
    per_salesperson = (
        select(
            docs.c.handler_id.label("salesperson_id"),
            func.sum(docs.c.revenue).label("revenue"), func.sum(docs.c.cost).label("cost"),
        )
        .group_by(docs.c.handler_id)
        .subquery("per_salesperson")
    )
    return _salesperson_sums(session, per_salesperson)


def line_selects(session: Session, start: date, end: date, seen: Seen = None, with_ids: bool = False,
                  with_product: bool = False) -> tuple[Select, Select]:
    """Each confirmed order line (+) and return line (−) in the period: (category_id, [document,] [product_id,
    qty in thousandths,] revenue, cost)."""
    extra_o: list[Any] = [literal("order").label("kind"), SalesOrder.id.label("id"), SalesOrder.number.label("number"),
                          SalesOrder.customer_id.label("customer_id"), SalesOrder.date.label("date")] if with_ids else []
    extra_r: list[Any] = [literal("return"), SalesReturn.id, SalesReturn.number, SalesReturn.customer_id,
                          SalesReturn.date] if with_ids else []
    if with_product:
        extra_o += [OrderLine.product_id.label("product_id"), fen(OrderLine.qty).label("qty")]
        extra_r += [ReturnLine.product_id, -fen(ReturnLine.qty)]
    order_lines = (
        select(Product.category_id, *extra_o, fen(OrderLine.amount).label("revenue"), fen(OrderLine.cost).label("cost"))
        .join(SalesOrder, SalesOrder.id == OrderLine.order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .where(*_in_period(session, SalesOrder, start, end))
    )
    return_lines = (
        select(Product.category_id, *extra_r, (-fen(ReturnLine.amount)).label("revenue"),
               (-fen(ReturnLine.cost)).label("cost"))
        .join(SalesReturn, SalesReturn.id == ReturnLine.return_id)
        .join(Product, Product.id == ReturnLine.product_id)
        .where(*_in_period(session, SalesReturn, start, end))
    )
    if seen is not None:
        order_lines = order_lines.join(Customer, Customer.id == SalesOrder.customer_id).where(seen)
        return_lines = return_lines.join(Customer, Customer.id == SalesReturn.customer_id).where(seen)
    return order_lines, return_lines


def _by_category(session: Session, start: date, end: date, seen: Seen = None) -> Sums:
    """From the lines: each line's amount and cost (already rounded per line) by its product's category."""
    lines = union_all(*line_selects(session, start, end, seen)).subquery("lines")
    per_category = (
        select(lines.c.category_id, func.sum(lines.c.revenue).label("revenue"), func.sum(lines.c.cost).label("cost"))
        .group_by(lines.c.category_id)
        .subquery("per_category")
    )
    q = select(CodeEntry.name, per_category.c.revenue, per_category.c.cost).outerjoin(
        CodeEntry, CodeEntry.id == per_category.c.category_id
    )
    return _sums(session, q)


# by customer: _customer_rows; by salesperson: _by_owner or _by_handler
GROUPERS: dict[str, Callable[[Session, date, date, Seen], Sums]] = {
    "region": _by_customer_attribute("region_id"),
    "industry": _by_customer_attribute("industry_id"),
    "type": _by_customer_attribute("type_id"),
    "grade": _by_grade,
    "category": _by_category,
    "month": _by_month,
}


# --- the documents behind one group (the 分析 tab's drill-through) ------------------------------------------------


def documents(session: Session, *, start: date, end: date, group_by: str, group: Any, seen: Seen = None
              ) -> list[dict[str, Any]]:
    """The confirmed orders and returns (or, by category, their lines in that category, per document) dated
    start..end whose amounts make up one row of `build(…, group_by=group_by)`: the row whose first column is
    `group`. Each: kind ("order" | "return"), id, number, date, customer_id, customer_code, customer_name,
    revenue and cost (yuan, a return's negative); in date and number order. Their sums are the row's figures."""
    start, end = _checked_period(start, end, group_by)
    if group_by == "category":
        lines = union_all(*line_selects(session, start, end, seen, with_ids=True)).subquery("lines")
        entry = CodeEntry.__table__.alias("category")
        docs = (
            select(lines.c.kind, lines.c.id, lines.c.number, lines.c.customer_id, lines.c.date,
                   func.sum(lines.c.revenue).label("revenue"), func.sum(lines.c.cost).label("cost"))
            .outerjoin(entry, entry.c.id == lines.c.category_id)
            .where(entry.c.name.is_(None) if group is None else entry.c.name == group)
            .group_by(lines.c.kind, lines.c.id, lines.c.number, lines.c.customer_id, lines.c.date)
            .subquery("docs")
        )
        q = select(docs.c.kind, docs.c.id, docs.c.number, docs.c.date, docs.c.customer_id, docs.c.revenue,
                   docs.c.cost)
    else:
        rule = sales_credit_rule(session) if group_by == "salesperson" else "owner"
        docs = union_all(*_document_selects(session, start, end, with_handler=rule == "handler", seen=seen,
                                            with_ids=True)).subquery("docs")
        q = select(docs.c.kind, docs.c.id, docs.c.number, docs.c.date, docs.c.customer_id, docs.c.revenue,
                   docs.c.cost)
        q = _where_group(session, q, docs, group_by, group, rule)
    found = session.execute(q).all()
    names = _customer_names(session, {r.customer_id for r in found})
    out = [
        {"kind": kind, "id": doc_id, "number": number, "date": day_of(day), "customer_id": cid,
         "customer_code": names[cid][0], "customer_name": names[cid][1], "revenue": fen_to_yuan(int(revenue)),
         "cost": fen_to_yuan(int(cost))}
        for kind, doc_id, number, day, cid, revenue, cost in found
    ]
    out.sort(key=lambda d: (d["date"], d["number"]))
    return out


def _where_group(session: Session, q: Select, docs: Subquery, group_by: str, group: Any, rule: str) -> Select:
    """`q` over the documents `docs`, kept to those of one group."""
    if group_by == "month":
        return q.where(month_key(session, docs.c.date) == group)
    if group_by == "salesperson":
        sp_id = None if group is None else session.scalar(select(Salesperson.id).where(Salesperson.code == group))
        if rule == "handler":
            column = docs.c.handler_id
        else:
            owner = intervals(OwnerHistory)
            q = q.outerjoin(owner, and_(owner.c.customer_id == docs.c.customer_id, in_force(owner, docs.c.date)))
            column = owner.c.salesperson_id
        return q.where(column.is_(None) if sp_id is None else column == sp_id)
    q = q.join(Customer, Customer.id == docs.c.customer_id)
    if group_by == "customer":
        return q.where(Customer.code == group)
    if group_by == "grade":
        return q.where(Customer.grade.is_(None) if group is None else Customer.grade == group)
    entry = CodeEntry.__table__.alias("entry")
    attribute = {"region": Customer.region_id, "industry": Customer.industry_id, "type": Customer.type_id}[group_by]
    q = q.outerjoin(entry, entry.c.id == attribute)
    return q.where(entry.c.name.is_(None) if group is None else entry.c.name == group)


def _customer_names(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """{id: (code, name)}; in chunks, below any database's bound-parameter limit."""
    out: dict[int, tuple[str, str]] = {}
    listed = sorted(ids)
    for i in range(0, len(listed), 900):
        q = select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(listed[i:i + 900]))
        out.update({cid: (code, name) for cid, code, name in session.execute(q)})
    return out
