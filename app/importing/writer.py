"""Writing what validation accepted, in the caller's transaction: bulk inserts for new records and documents,
the customers' first histories from `app.customers.new_customer_rows`, dated changes for updated customers."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app import pinyin
from app.customers import (
    code_entry,
    new_customer_rows,
    refresh_pinyin,
    set_blacklist,
    set_credit,
    set_owner,
    set_status,
)
from app.importing.contract import column_length
from app.importing.reader import PROGRESS_EVERY, Progress, report
from app.importing.validation import (
    CONTACT_FIELDS,
    CUSTOMER_ATTRS,
    CUSTOMER_TABLES,
    Rec,
    Validation,
    chunks,
    contact_given,
    existing_customers,
)
from app.messages import Message, msg
from models import (
    Contact,
    CreditHistory,
    Customer,
    OrderLine,
    Product,
    Receipt,
    ReturnLine,
    SalesOrder,
    Salesperson,
    SalesReturn,
)

# reasons stored in the histories: data, in the language the records are kept in
BLACKLIST_REASON = "导入时已在黑名单"
UPDATE_REASON = "导入更新"


def fit(keys: str, limit: int) -> str:
    """Search keys cut at a separator so they fit their column."""
    if len(keys) <= limit:
        return keys
    cut = keys.rfind("|", 0, limit)
    return keys[:cut] if cut > 0 else keys[:limit]


class Writer:
    def __init__(self, session: Session, checked: Validation, *, today: date, actor: str,
                 progress: Progress | None) -> None:
        self.s = session
        self.recs = checked.recs
        self.known = checked.known
        self.today = today
        self.actor = actor
        self.progress = progress
        self.notices: list[Message] = []

    def write(self) -> None:
        self.write_salespeople()
        self.write_customers()
        self.write_products()
        self.s.flush()
        self.write_orders()
        self.write_returns()
        self.write_receipts()
        self.s.flush()

    # ------------------------------------------------ helpers
    def _stage(self, stage: Message, done: int, total: int) -> None:
        report(self.progress, stage, done, total)

    def insert_returning(self, table: Table, key: str, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert many rows; returns key (code or number) -> new id."""
        if not rows:
            return {}
        stmt = insert(table).returning(table.c[key], table.c.id)
        return {k: i for k, i in self.s.execute(stmt, rows)}

    def insert_many(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.s.execute(insert(table), rows)

    def table_id(self, kind: str, name: str | None) -> int | None:
        """The id of the code-table entry called `name`, created when missing."""
        if name is None:
            return None
        if (kind, name) not in self.known.table_ids:
            entry = code_entry(self.s, kind, name)
            assert entry is not None
            self.known.table_ids[(kind, name)] = entry.id
        return self.known.table_ids[(kind, name)]

    def _load(self, model: Any, codes: list[str]) -> list[Any]:
        out = []
        for chunk in chunks(codes):
            out.extend(self.s.scalars(select(model).where(model.code.in_(chunk))).all())
        return out

    # ------------------------------------------------ master records
    def write_salespeople(self) -> None:
        recs = list(self.recs["salespeople"].values())
        new = []
        for rec in recs:
            if rec.action == "create":
                v = rec.vals
                new.append({
                    "code": rec.key, "name": v["name"], "pinyin": pinyin.search_keys(v["name"]),
                    "initials": fit(pinyin.initials(v["name"]), 100), "department": v.get("department"),
                    "phone": v.get("phone"), "employed": v.get("employed", True), "version": 1,
                })
        self.known.sp_ids.update(self.insert_returning(Salesperson.__table__, "code", new))
        updates = {r.key: r for r in recs if r.action == "update"}
        for sp in self._load(Salesperson, list(updates)):
            v = updates[sp.code].vals
            for attr in ("name", "department", "phone", "employed"):
                if attr in v:
                    setattr(sp, attr, v[attr])
            sp.pinyin, sp.initials = pinyin.search_keys(sp.name), fit(pinyin.initials(sp.name), 100)
        self._stage(msg("import.stage_salespeople"), len(recs), len(recs))

    def write_customers(self) -> None:
        recs = list(self.recs["customers"].values())
        new = [r for r in recs if r.action == "create"]
        stage = msg("import.stage_customers")
        built = []
        for n, rec in enumerate(new, start=1):
            v = rec.vals
            owner = v.get("owner")
            built.append(new_customer_rows(
                code=rec.key, name=v["name"], created=v.get("created", self.today), short_name=v.get("short_name"),
                owner_id=self.known.sp_ids[owner] if owner else None, status=v.get("status", "active"),
                blacklisted=bool(v.get("blacklisted")), blacklist_reason=BLACKLIST_REASON,
                term_days=v.get("credit_days", 0), credit_limit=v.get("credit_limit", Decimal("0")),
                grade=v.get("grade"), changed_by=self.actor, current_on=self.today,
                type_id=self.table_id("customer_type", v.get("type")),
                region_id=self.table_id("region", v.get("region")),
                industry_id=self.table_id("industry", v.get("industry")),
                address=v.get("address"), bank=v.get("bank"), bank_account=v.get("bank_account"),
                tax_id=v.get("tax_id"), notes=v.get("notes"),
            ))
            if n % PROGRESS_EVERY == 0:
                self._stage(stage, n, len(new))
        ids = self.insert_returning(Customer.__table__, "code", [b.customer | {"version": 1} for b in built])
        self.known.cust_ids.update(ids)
        histories: dict[Any, list[dict[str, Any]]] = {}
        contacts = []
        for rec, rows in zip(new, built, strict=True):
            cid = ids[rec.key]
            for model, values in rows.history_rows(cid):
                histories.setdefault(model, []).append(values)
            if contact_given(rec.vals):
                contacts.append(self._contact_row(cid, rec.vals))
        for model, batch in histories.items():
            self.insert_many(model.__table__, batch)
        self.insert_many(Contact.__table__, contacts)
        self._update_customers([r for r in recs if r.action == "update"])
        self._stage(stage, len(new), len(new))

    def _contact_row(self, cid: int, v: dict[str, Any]) -> dict[str, Any]:
        # a phone without a contact name is still worth keeping: quick search finds customers by phone
        return {"customer_id": cid, "name": v.get("contact") or "",
                "position_id": self.table_id("position", v.get("position")), "phone": v.get("phone"),
                "mobile": v.get("mobile"), "email": v.get("email"), "birthday": None, "hobbies": None,
                "version": 1}

    def _update_customers(self, recs: list[Rec]) -> None:
        """Changed fields replace stored ones; owner, status, blacklist and credit changes date from today."""
        if not recs:
            return
        by_code = {r.key: r for r in recs}
        current = existing_customers(self.s, list(by_code), self.today)
        first_contacts: dict[int, Contact] = {}
        for chunk in chunks([d["id"] for d in current.values()]):
            q = select(Contact).where(Contact.customer_id.in_(chunk)).order_by(Contact.customer_id, Contact.id)
            for contact in self.s.scalars(q):
                first_contacts.setdefault(contact.customer_id, contact)
        new_contacts = []
        for customer in self._load(Customer, list(by_code)):
            v, db, cid = by_code[customer.code].vals, current[customer.code], customer.id
            for attr in CUSTOMER_ATTRS:
                if attr in v:
                    setattr(customer, attr, v[attr])
            for key, kind, column in CUSTOMER_TABLES:
                if key in v:
                    setattr(customer, column, self.table_id(kind, v[key]))
            if "name" in v or "short_name" in v:
                refresh_pinyin(customer)
                customer.mnemonic = fit(customer.mnemonic, column_length(Customer, "mnemonic"))
            on, by = self.today, self.actor
            if "owner" in v and self.known.sp_ids[v["owner"]] != db["salesperson_id"]:
                set_owner(self.s, cid, self.known.sp_ids[v["owner"]], on, by, reason=UPDATE_REASON)
            if "status" in v and v["status"] != db["status"]:
                set_status(self.s, cid, v["status"], on, by, reason=UPDATE_REASON)
            if "blacklisted" in v and v["blacklisted"] != db["blacklisted"]:
                set_blacklist(self.s, cid, v["blacklisted"], on, by,
                              reason=BLACKLIST_REASON if v["blacklisted"] else UPDATE_REASON)
            term = v.get("credit_days", db["term_days"])
            limit = v.get("credit_limit", db["credit_limit"])
            if (term, limit) != (db["term_days"], db["credit_limit"]):
                set_credit(self.s, cid, term, limit, on, by, reason=UPDATE_REASON)
            if not contact_given(v):
                continue
            first = first_contacts.get(cid)
            if first is None:
                new_contacts.append(self._contact_row(cid, v))
                continue
            for key, attr in CONTACT_FIELDS:
                if key in v:
                    setattr(first, attr, v[key])
            if "position" in v:
                first.position_id = self.table_id("position", v["position"])
        self.insert_many(Contact.__table__, new_contacts)

    def write_products(self) -> None:
        recs = list(self.recs["products"].values())
        new = []
        for rec in recs:
            if rec.action == "create":
                v = rec.vals
                new.append({
                    "code": rec.key, "name": v["name"], "pinyin": pinyin.search_keys(v["name"]),
                    "initials": fit(pinyin.initials(v["name"]), 200), "spec": v.get("spec"),
                    "unit": v.get("unit"), "category_id": self.table_id("product_category", v.get("category")),
                    "cost": v.get("cost", Decimal("0")), "price": v.get("price", Decimal("0")), "active": True,
                    "version": 1,
                })
        for code, pid in self.insert_returning(Product.__table__, "code", new).items():
            self.known.products[code] = (pid, self.recs["products"][code].vals.get("cost", Decimal("0")))
        updates = {r.key: r for r in recs if r.action == "update"}
        for product in self._load(Product, list(updates)):
            v = updates[product.code].vals
            for attr in ("name", "spec", "unit", "cost", "price"):
                if attr in v:
                    setattr(product, attr, v[attr])
            if "category" in v:
                product.category_id = self.table_id("product_category", v["category"])
            if "name" in v:
                product.pinyin = pinyin.search_keys(product.name)
                product.initials = fit(pinyin.initials(product.name), 200)
        self._stage(msg("import.stage_products"), len(recs), len(recs))

    # ------------------------------------------------ documents
    def _terms(self, customer_ids: set[int]) -> dict[int, tuple[list[date], list[int]]]:
        """Credit-term history per customer: (effective dates ascending, term in force from each)."""
        out: dict[int, tuple[list[date], list[int]]] = {}
        for chunk in chunks(sorted(customer_ids)):
            q = (select(CreditHistory.customer_id, CreditHistory.effective, CreditHistory.term_days)
                 .where(CreditHistory.customer_id.in_(chunk))
                 .order_by(CreditHistory.customer_id, CreditHistory.effective, CreditHistory.id))
            for cid, effective, term in self.s.execute(q):
                days, terms = out.setdefault(cid, ([], []))
                if days and days[-1] == effective:
                    terms[-1] = term  # same day: the row entered last holds
                else:
                    days.append(effective)
                    terms.append(term)
        return out

    def write_orders(self) -> None:
        recs = list(self.recs["orders"].values())
        if not recs:
            return
        cust_ids = self.known.cust_ids
        terms = self._terms({cust_ids[r.vals["customer"]] for r in recs})
        now = datetime.now()
        headers, early = [], 0
        for rec in recs:
            v = rec.vals
            cid = cust_ids[v["customer"]]
            days, term_list = terms.get(cid, ([], []))
            i = bisect_right(days, v["date"]) - 1
            if i < 0 and days:
                early += 1  # dated before the customer's first term: the customer's 账期天数 still applies
            term = term_list[max(i, 0)] if term_list else 0
            headers.append({
                "number": rec.key, "date": v["date"], "customer_id": cid,
                "handler_id": self.known.sp_ids[v["handler"]] if v.get("handler") else None, "status": "confirmed",
                "term_days": term, "due_date": v["date"] + timedelta(days=term),
                "total": sum((ln["amount"] for ln in rec.lines), Decimal("0")),
                "cost_total": sum((ln["cost"] for ln in rec.lines), Decimal("0")),
                "notes": None, "created_by": self.actor, "created_at": now, "version": 1,
            })
        self._stage(msg("import.stage_orders"), 0, len(recs))
        ids = self.insert_returning(SalesOrder.__table__, "number", headers)
        for number, oid in ids.items():
            self.known.orders[number] = (oid, cust_ids[self.recs["orders"][number].vals["customer"]])
        self._insert_lines(OrderLine.__table__, "order_id", recs, ids, msg("import.stage_order_lines"))
        if early:
            self.notices.append(msg("import.early_orders", count=early))

    def _insert_lines(self, table: Table, parent: str, recs: list[Rec], ids: dict[str, int], stage: Message) -> None:
        batch: list[dict[str, Any]] = []
        total = sum(len(r.lines) for r in recs)
        done = 0
        products = self.known.products
        for rec in recs:
            for no, ln in enumerate(rec.lines, start=1):
                batch.append({
                    parent: ids[rec.key], "line_no": no, "product_id": products[ln["product"]][0],
                    "qty": ln["qty"], "price": ln["price"], "unit_cost": ln["unit_cost"], "amount": ln["amount"],
                    "cost": ln["cost"], "notes": ln["notes"],
                })
            if len(batch) >= PROGRESS_EVERY:
                self.insert_many(table, batch)
                done += len(batch)
                batch = []
                self._stage(stage, done, total)
        self.insert_many(table, batch)
        self._stage(stage, total, total)

    def _order_id(self, number: str | None) -> int | None:
        return None if number is None else self.known.orders[number][0]

    def write_returns(self) -> None:
        recs = list(self.recs["returns"].values())
        if not recs:
            return
        headers = [{
            "number": r.key, "date": r.vals["date"], "customer_id": self.known.cust_ids[r.vals["customer"]],
            "order_id": self._order_id(r.vals.get("order")), "handler_id": None, "status": "confirmed",
            "total": sum((ln["amount"] for ln in r.lines), Decimal("0")),
            "cost_total": sum((ln["cost"] for ln in r.lines), Decimal("0")),
            "notes": None, "created_by": self.actor, "version": 1,
        } for r in recs]
        ids = self.insert_returning(SalesReturn.__table__, "number", headers)
        self._insert_lines(ReturnLine.__table__, "return_id", recs, ids, msg("import.stage_return_lines"))

    def write_receipts(self) -> None:
        recs = list(self.recs["receipts"].values())
        rows = [{
            "number": r.key, "date": r.vals["date"], "customer_id": self.known.cust_ids[r.vals["customer"]],
            "amount": r.vals["amount"], "method_id": self.table_id("payment_method", r.vals.get("method")),
            "order_id": self._order_id(r.vals.get("order")), "status": "confirmed", "notes": r.vals.get("notes"),
            "created_by": self.actor, "version": 1,
        } for r in recs]
        self.insert_many(Receipt.__table__, rows)
        self._stage(msg("import.stage_receipts"), len(rows), len(rows))
