"""Checking the workbook as read against itself and the database: every error found, each row created, updated,
unchanged or rejected. Reads the database, never writes it."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import line_amount
from app.importing import cells
from app.importing.contract import DOCUMENT_SHEETS, SHEET_ORDER, SHEETS, ImportIssue
from app.importing.reader import PROGRESS_EVERY, Progress, Row, SheetData, report
from app.limits import MAX_MONEY
from app.messages import Message, msg
from models import (
    BlacklistHistory,
    CodeEntry,
    Contact,
    CreditHistory,
    Customer,
    OwnerHistory,
    Product,
    Receipt,
    SalesOrder,
    Salesperson,
    SalesReturn,
    StatusHistory,
)

CHUNK = 500  # ids per IN (...) list
# what a code in a sheet stands for, in messages such as 客户「C001」不存在
LABELS = {"salespeople": msg("import.label_salespeople"), "customers": msg("import.label_customers"),
          "products": msg("import.label_products"), "orders": msg("import.label_orders"),
          "returns": msg("import.label_returns"), "receipts": msg("import.label_receipts")}
CUSTOMER_ATTRS = ("name", "short_name", "address", "bank", "bank_account", "tax_id", "grade", "notes")
CUSTOMER_TABLES = (("type", "customer_type", "type_id"), ("region", "region", "region_id"),
                   ("industry", "industry", "industry_id"))
CONTACT_FIELDS = (("contact", "name"), ("phone", "phone"), ("mobile", "mobile"), ("email", "email"))
_HISTORIES = ((OwnerHistory, ("salesperson_id",)), (StatusHistory, ("status",)),
              (BlacklistHistory, ("blacklisted",)), (CreditHistory, ("term_days", "credit_limit")))


@dataclass
class Rec:
    """One master row, or one document (its rows), that passed validation."""

    key: str
    rows: list[Row]
    vals: dict[str, Any]
    action: str = "create"  # create | update | unchanged
    lines: list[dict[str, Any]] = field(default_factory=list)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def parse_row(row: Row) -> None:
    for f in row.sheet.spec.fields:
        if f.key not in row.cells:
            continue
        try:
            value = cells.parse(f, row.cells[f.key])
        except cells.Bad as exc:
            row.bad(f.key, exc.reason)
            continue
        if value is None:
            if f.required and not f.header:
                row.bad(f.key, msg("import.required"))
            continue
        row.vals[f.key] = value


def contact_given(vals: dict[str, Any]) -> bool:
    return any(k in vals for k, _a in CONTACT_FIELDS) or "position" in vals


def existing_customers(session: Session, codes: list[str], today: date) -> dict[str, dict[str, Any]]:
    """Stored fields, the histories in force on `today` and the first contact, per code."""
    out: dict[str, dict[str, Any]] = {}
    cols = [Customer.id, Customer.code, *[getattr(Customer, a) for a in CUSTOMER_ATTRS],
            Customer.type_id, Customer.region_id, Customer.industry_id]
    for chunk in chunks(codes):
        for r in session.execute(select(*cols).where(Customer.code.in_(chunk))).mappings():
            out[r["code"]] = dict(r) | {"salesperson_id": None, "status": None, "blacklisted": False,
                                        "term_days": 0, "credit_limit": Decimal("0"), "contact": None}
    by_id = {d["id"]: d for d in out.values()}
    ids = list(by_id)
    for model, names in _HISTORIES:
        for chunk in chunks(ids):
            q = (select(model.customer_id, *[getattr(model, n) for n in names])
                 .where(model.customer_id.in_(chunk), model.effective <= today)
                 .order_by(model.customer_id, model.effective, model.id))
            for r in session.execute(q):
                by_id[r[0]].update(zip(names, r[1:], strict=True))  # the last row is the one in force
    for chunk in chunks(ids):
        q = (select(Contact.customer_id, Contact.name, Contact.position_id, Contact.phone, Contact.mobile,
                    Contact.email).where(Contact.customer_id.in_(chunk)).order_by(Contact.customer_id, Contact.id))
        for r in session.execute(q).mappings():
            if by_id[r["customer_id"]]["contact"] is None:
                by_id[r["customer_id"]]["contact"] = dict(r)
    return out


class Known:
    """What the database holds already, one query per map; the writer adds what it creates."""

    def __init__(self, session: Session) -> None:
        s = session
        self.sp_ids: dict[str, int] = dict(s.execute(select(Salesperson.code, Salesperson.id)).all())
        self.cust_ids: dict[str, int] = dict(s.execute(select(Customer.code, Customer.id)).all())
        self.cust_codes = {cid: code for code, cid in self.cust_ids.items()}
        self.products: dict[str, tuple[int, Decimal]] = {
            code: (pid, cost) for code, pid, cost in s.execute(select(Product.code, Product.id, Product.cost))
        }
        self.orders: dict[str, tuple[int, int]] = {
            number: (oid, cid)
            for number, oid, cid in s.execute(select(SalesOrder.number, SalesOrder.id, SalesOrder.customer_id))
        }
        self.returns = set(s.scalars(select(SalesReturn.number)))
        self.receipts = set(s.scalars(select(Receipt.number)))
        self.table_ids: dict[tuple[str, str], int] = {}
        for kind, eid, code, name in s.execute(
            select(CodeEntry.kind, CodeEntry.id, CodeEntry.code, CodeEntry.name).order_by(CodeEntry.id)
        ):
            # code_entry() finds an entry by name or by code; names win when both match
            self.table_ids.setdefault((kind, code), eid)
            self.table_ids[(kind, name)] = eid

    def keys(self, sheet_key: str) -> dict[str, Any] | set[str]:
        return {
            "salespeople": self.sp_ids, "customers": self.cust_ids, "products": self.products,
            "orders": self.orders, "returns": self.returns, "receipts": self.receipts,
        }[sheet_key]

    def has(self, sheet_key: str, code: str) -> bool:
        return code in self.keys(sheet_key)

    def table_id(self, kind: str, name: str | None) -> int | None:
        """The id of an existing code-table entry, without creating one."""
        return None if name is None else self.table_ids.get((kind, name))


class Validation:
    """Validates every sheet in dependency order (salespeople, customers, products, then the documents)."""

    def __init__(self, session: Session, sheets: dict[str, SheetData], *, update: bool, today: date,
                 progress: Progress | None) -> None:
        self.s = session
        self.sheets = sheets
        self.update = update
        self.today = today
        self.progress = progress
        self.notices: list[Message] = []
        self.recs: dict[str, dict[str, Rec]] = {spec.key: {} for spec in SHEETS}  # valid, by code/number
        self.bad: dict[str, dict[str, int]] = {spec.key: {} for spec in SHEETS}  # rejected code -> row
        self.unchanged_docs: dict[str, int] = dict.fromkeys(DOCUMENT_SHEETS, 0)
        self.rejected_docs: dict[str, int] = dict.fromkeys(DOCUMENT_SHEETS, 0)
        self.known: Known

    def run(self) -> None:
        self.known = Known(self.s)
        self.salespeople()
        self.customers()
        self.products_sheet()
        self.orders()
        self.returns()
        self.receipts()

    # ------------------------------------------------ helpers shared by the sheets
    def rows_of(self, key: str, *, parse: bool = True) -> Iterator[Row]:
        data = self.sheets.get(key)
        if data is None:
            return
        stage = msg("import.stage_check", sheet=data.title)
        for n, row in enumerate(data.rows, start=1):
            if n % PROGRESS_EVERY == 0:
                report(self.progress, stage, n, len(data.rows))
            if parse and row.rejected_with is None:
                parse_row(row)
            yield row
        report(self.progress, stage, len(data.rows), len(data.rows))

    @staticmethod
    def lenient_key(row: Row, key: str) -> str | None:
        """The code or number of a row of a broken sheet, so references to it can say so."""
        try:
            return cells.code(row.cells.get(key))
        except cells.Bad:
            return None

    def resolve(self, row: Row, key: str, target: str, code: str) -> bool:
        """Does `code` name a valid row of sheet `target` or an existing record? Record the error if not."""
        if code in self.recs[target] or self.known.has(target, code):
            return True
        label = LABELS[target]
        if code in self.bad[target]:
            data = self.sheets.get(target)
            title = data.title if data else target
            row.bad(key, msg("import.reference_rejected", label=label, key=code, sheet=title,
                             row=self.bad[target][code]))
        else:
            row.bad(key, msg("import.not_found", label=label, key=code))
        return False

    def master(self, key: str, rows: Iterable[Row], check: Callable[[Row], None],
               existing: Callable[[list[str]], dict[str, dict[str, Any]]],
               differs: Callable[[dict[str, Any], dict[str, Any]], bool]) -> None:
        """Validate a master sheet: codes unique, `check` per row, then created / updated / unchanged."""
        seen: dict[str, int] = {}
        valid: list[Rec] = []
        for row in rows:
            code = row.vals.get("code") if row.rejected_with is None else self.lenient_key(row, "code")
            if row.rejected_with is None:
                if code is not None and code in seen:
                    row.bad("code", msg("import.code_repeated", key=code, row=seen[code]))
                check(row)
            if code is None:
                continue
            seen.setdefault(code, row.no)
            if row.rejected:
                self.bad[key].setdefault(code, row.no)
            elif code not in self.recs[key]:
                rec = Rec(code, [row], row.vals)
                self.recs[key][code] = rec
                valid.append(rec)
        known = existing([r.key for r in valid if self.known.has(key, r.key)])
        stale = 0
        for rec in valid:
            if rec.key in known:
                changed = differs(rec.vals, known[rec.key])
                rec.action = "update" if changed and self.update else "unchanged"
                stale += changed and not self.update
        if stale:
            self.notices.append(msg("import.stale", sheet=self.sheets[key].title, count=stale))

    # ------------------------------------------------ salespeople
    def salespeople(self) -> None:
        self.master("salespeople", self.rows_of("salespeople"), lambda row: None,
                    self._existing_salespeople, self._salesperson_differs)

    def _existing_salespeople(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        out = {}
        for chunk in chunks(codes):
            q = select(Salesperson.code, Salesperson.name, Salesperson.department, Salesperson.phone,
                       Salesperson.employed).where(Salesperson.code.in_(chunk))
            for r in self.s.execute(q).mappings():
                out[r["code"]] = dict(r)
        return out

    @staticmethod
    def _salesperson_differs(vals: dict[str, Any], db: dict[str, Any]) -> bool:
        return any(k in vals and vals[k] != db[k] for k in ("name", "department", "phone", "employed"))

    # ------------------------------------------------ customers
    def customers(self) -> None:
        def check(row: Row) -> None:
            owner = row.vals.get("owner")
            if owner is not None:
                self.resolve(row, "owner", "salespeople", owner)

        self.master("customers", self.rows_of("customers"), check,
                    lambda codes: existing_customers(self.s, codes, self.today), self._customer_differs)

    def _customer_differs(self, vals: dict[str, Any], db: dict[str, Any]) -> bool:
        if any(k in vals and vals[k] != db[k] for k in CUSTOMER_ATTRS):
            return True
        for key, kind, column in CUSTOMER_TABLES:
            if key in vals and self.known.table_id(kind, vals[key]) != db[column]:
                return True
        if "owner" in vals and self.known.sp_ids.get(vals["owner"]) != db["salesperson_id"]:
            return True
        pairs = (("status", "status"), ("blacklisted", "blacklisted"), ("credit_days", "term_days"),
                 ("credit_limit", "credit_limit"))
        if any(k in vals and vals[k] != db[c] for k, c in pairs):
            return True
        if contact_given(vals):
            contact = db["contact"]
            if contact is None:
                return True
            if any(k in vals and vals[k] != contact[a] for k, a in CONTACT_FIELDS):
                return True
            if "position" in vals and self.known.table_id("position", vals["position"]) != contact["position_id"]:
                return True
        return False

    # ------------------------------------------------ products
    def products_sheet(self) -> None:
        self.master("products", self.rows_of("products"), lambda row: None, self._existing_products,
                    self._product_differs)

    def _existing_products(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        out = {}
        for chunk in chunks(codes):
            q = select(Product.code, Product.name, Product.spec, Product.unit, Product.category_id, Product.cost,
                       Product.price).where(Product.code.in_(chunk))
            for r in self.s.execute(q).mappings():
                out[r["code"]] = dict(r)
        return out

    def _product_differs(self, vals: dict[str, Any], db: dict[str, Any]) -> bool:
        if any(k in vals and vals[k] != db[k] for k in ("name", "spec", "unit", "cost", "price")):
            return True
        return "category" in vals and self.known.table_id("product_category", vals["category"]) != db["category_id"]

    def product_cost(self, code: str) -> Decimal:
        """The 成本价 a line without one takes: the workbook's when it will be written, else the stored one."""
        rec = self.recs["products"].get(code)
        if rec is not None and rec.action != "unchanged" and "cost" in rec.vals:
            return rec.vals["cost"]
        if code in self.known.products:
            return self.known.products[code][1]
        return Decimal("0")

    # ------------------------------------------------ documents
    def documents(self, key: str, header_keys: tuple[str, ...], check: Callable[[Rec], None]) -> None:
        """Group a document sheet's rows by number; a document with any bad row is rejected whole."""
        existing = self.known.keys(key)
        groups: dict[str, list[Row]] = {}
        # rows are parsed only for new documents: re-importing a big file skips the ones already stored
        for row in self.rows_of(key, parse=False):
            number = self.lenient_key(row, "number")
            if number is None:
                self.rejected_docs[key] += 1  # a row no document can claim
                if row.rejected_with is None:
                    parse_row(row)  # says what is wrong with the number, and with the rest
                continue
            if key == "receipts" and number in groups:
                # one row is one receipt: the first row keeps the number, repeats are errors
                self.rejected_docs[key] += 1
                if row.rejected_with is None:
                    row.bad("number", msg("import.receipt_repeated", number=number, row=groups[number][0].no))
                continue
            groups.setdefault(number, []).append(row)
        for number, rows in groups.items():
            if number in existing:
                self.unchanged_docs[key] += 1  # documents are keys: never updated, never re-validated
                continue
            if any(r.rejected_with for r in rows):
                self.rejected_docs[key] += 1
                self.bad[key].setdefault(number, rows[0].no)
                continue
            for r in rows:
                parse_row(r)
            vals: dict[str, Any] = {"number": number}
            for hk in header_keys:
                vals[hk] = self._agree(rows, hk)
            rec = Rec(number, rows, vals)
            check(rec)
            bad_rows = [r.no for r in rows if r.errors]
            if bad_rows:
                sibling = msg("import.sibling_rejected", number=number, rows="、".join(map(str, bad_rows)))
                for r in rows:
                    if not r.errors:
                        r.rejected_with = sibling
                self.rejected_docs[key] += 1
                self.bad[key].setdefault(number, bad_rows[0])
            else:
                self.recs[key][number] = rec

    @staticmethod
    def _agree(rows: list[Row], key: str) -> Any:
        """The value of a per-document column: stated rows must agree; empty rows inherit it."""
        first: Row | None = None
        for row in rows:
            if key not in row.vals:
                continue
            if first is None:
                first = row
            elif row.vals[key] != first.vals[key]:
                row.bad(key, msg("import.header_disagrees", column=row.sheet.header_of(key), row=first.no,
                                 value=first.vals[key]))
        if first is None:
            f = rows[0].sheet.spec.field(key)
            if f.required and not any(key in r.bad_keys for r in rows):
                rows[0].bad(key, msg("import.required"))
            return None
        return first.vals[key]

    @staticmethod
    def _stating_row(rec: Rec, key: str) -> Row:
        return next((r for r in rec.rows if key in r.vals), rec.rows[0])

    def _check_party(self, rec: Rec) -> None:
        if rec.vals.get("customer") is not None:
            self.resolve(self._stating_row(rec, "customer"), "customer", "customers", rec.vals["customer"])

    def _check_lines(self, rec: Rec) -> None:
        for row in rec.rows:
            product, qty, price = row.vals.get("product"), row.vals.get("qty"), row.vals.get("price")
            if product is None or not self.resolve(row, "product", "products", product):
                continue
            if qty is None or price is None:
                continue
            unit_cost = row.vals.get("unit_cost")
            if unit_cost is None:
                unit_cost = self.product_cost(product)
            amount, cost = line_amount(qty, price), line_amount(qty, unit_cost)
            if amount > MAX_MONEY or cost > MAX_MONEY:
                row.bad("qty", msg("import.line_too_large"))
                continue
            rec.lines.append({"product": product, "qty": qty, "price": price, "unit_cost": unit_cost,
                              "amount": amount, "cost": cost, "notes": row.vals.get("notes")})

    def _check_order_ref(self, rec: Rec, key: str) -> None:
        """原单号 / 对应单号: an order in the workbook or the database, of the same customer."""
        number, customer = rec.vals.get(key), rec.vals.get("customer")
        if number is None:
            return
        row = self._stating_row(rec, key)
        if not self.resolve(row, key, "orders", number) or customer is None:
            return
        if number in self.recs["orders"]:
            owner = self.recs["orders"][number].vals["customer"]
        else:
            owner = self.known.cust_codes.get(self.known.orders[number][1])
        if owner != customer:
            row.bad(key, msg("import.order_other_customer", number=number, owner=owner, customer=customer))

    def orders(self) -> None:
        def check(rec: Rec) -> None:
            self._check_party(rec)
            if rec.vals.get("handler") is not None:
                self.resolve(self._stating_row(rec, "handler"), "handler", "salespeople", rec.vals["handler"])
            self._check_lines(rec)

        self.documents("orders", ("date", "customer", "handler"), check)

    def returns(self) -> None:
        def check(rec: Rec) -> None:
            self._check_party(rec)
            self._check_order_ref(rec, "order")
            self._check_lines(rec)

        self.documents("returns", ("date", "customer", "order"), check)

    def receipts(self) -> None:
        def check(rec: Rec) -> None:
            row = rec.rows[0]
            rec.vals.update({k: row.vals.get(k) for k in ("amount", "method", "notes")})
            if rec.vals["amount"] is not None and rec.vals["amount"] == 0:
                row.bad("amount", msg("import.receipt_zero"))
            self._check_party(rec)
            self._check_order_ref(rec, "order")

        self.documents("receipts", ("date", "customer", "order"), check)

    # ------------------------------------------------ results
    def ordered_sheets(self) -> list[SheetData]:
        return sorted(self.sheets.values(), key=lambda d: SHEET_ORDER[d.spec.key])

    def errors(self) -> list[ImportIssue]:
        out: list[ImportIssue] = []
        for data in self.ordered_sheets():
            out.extend(data.issues)
            for row in data.rows:
                out.extend(ImportIssue(data.title, row.no, col, reason) for col, reason in row.errors)
        return out

    def rejected_any(self) -> bool:
        return any(r.rejected for d in self.sheets.values() for r in d.rows)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for data in self.ordered_sheets():
            key = data.spec.key
            c = out.setdefault(data.spec.zh, {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0})
            if data is not self.sheets.get(key):  # a duplicate sheet: all rejected
                c["rejected"] += len(data.rows)
                continue
            if key in DOCUMENT_SHEETS:
                c["created"] += len(self.recs[key])
                c["unchanged"] += self.unchanged_docs[key]
                c["rejected"] += self.rejected_docs[key]
                continue
            c["rejected"] += sum(1 for r in data.rows if r.rejected)
            for rec in self.recs[key].values():
                c[{"create": "created", "update": "updated", "unchanged": "unchanged"}[rec.action]] += 1
        return out

    def anything_to_write(self) -> bool:
        return any(rec.action != "unchanged" for recs in self.recs.values() for rec in recs.values())
