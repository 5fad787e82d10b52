"""对账单 outside the screen: the CONTRACT.md JSON, the workbook and the PDF of one `app.statement.Statement`, all from
the same lines in the contract's order (date, then number) with their running balance."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.exports.common import Document
from app.exports.documents import FRAME_WIDTH, Out, grid, money_text, para, signatures, table
from app.exports.pdf import build
from app.exports.xlsx import write_xlsx
from app.messages import msg
from app.statement import Statement
from app.tables import Column, jsonable

KIND_ORDER = {"order": 0, "return": 1, "receipt": 2}  # only breaks a tie of date and number


@dataclass(frozen=True)
class Line:
    date: date
    kind: str  # order | return | receipt
    number: str
    debit: Decimal
    credit: Decimal
    balance: Decimal  # running balance after this line
    notes: str | None


def lines(st: Statement) -> list[Line]:
    """The statement's documents in CONTRACT.md order — date, then number — with the running balance from the
    opening balance. The closing balance and the totals are the statement's own (the order changes neither)."""
    balance = st.opening
    out = []
    for ln in sorted(st.lines, key=lambda x: (x.date, x.number, KIND_ORDER.get(x.kind, 9))):
        balance += ln.debit - ln.credit
        out.append(Line(ln.date, ln.kind, ln.number, ln.debit, ln.credit, balance, ln.notes))
    return out


def statement_json(st: Statement) -> dict[str, Any]:
    """CONTRACT.md's statement object: money as decimal strings with two places, dates ISO."""

    def money(value: Decimal) -> str:
        return jsonable(value, "money")  # type: ignore[no-any-return]

    return {
        "customer_code": st.customer_code,
        "from": st.start.isoformat(),
        "to": st.end.isoformat(),
        "opening_balance": money(st.opening),
        "lines": [{"date": ln.date.isoformat(), "kind": ln.kind, "number": ln.number, "debit": money(ln.debit),
                   "credit": money(ln.credit), "balance": money(ln.balance)} for ln in lines(st)],
        "closing_balance": money(st.closing),
        "total_debit": money(st.total_debit),
        "total_credit": money(st.total_credit),
    }


def columns() -> list[Column]:
    return [Column("date", str(msg("statement_print.col_date")), "date"),
            Column("kind", str(msg("statement_print.col_kind"))),
            Column("number", str(msg("statement_print.col_number"))),
            Column("debit", str(msg("statement_print.col_debit")), "money"),
            Column("credit", str(msg("statement_print.col_credit")), "money"),
            Column("balance", str(msg("statement_print.col_balance")), "money"),
            Column("notes", str(msg("statement_print.col_notes")))]


def statement_document(st: Statement, *, company: str = "", printed_by: str = "") -> tuple[Document, list[dict[str, Any]]]:
    """The statement as a document and its rows: the opening balance first, the documents with the running balance,
    and the totals row last (the period's debits and credits, and the closing balance)."""
    rows: list[dict[str, Any]] = [{"date": st.start, "kind": str(msg("statement_print.opening")),
                                   "balance": st.opening}]
    rows += [{"date": ln.date, "kind": str(msg(f"statement_print.kind_{ln.kind}")), "number": ln.number,
              "debit": ln.debit or None, "credit": ln.credit or None, "balance": ln.balance, "notes": ln.notes}
             for ln in lines(st)]
    customer = f"{st.customer_code} {st.customer_name}"
    period = str(msg("statement_print.period_value", start=st.start, end=st.end))
    doc = Document(
        title=str(msg("statement_print.title")), columns=columns(),
        params=[(str(msg("statement_print.customer")), customer), (str(msg("statement_print.period")), period)],
        totals={"debit": st.total_debit, "credit": st.total_credit, "balance": st.closing},
        totals_label=str(msg("statement_print.totals")),
        notes_above=[str(msg("statement_print.opening_note", amount=money_text(st.opening), day=st.start))],
        notes_below=[str(msg("statement_print.closing_note", amount=money_text(st.closing), day=st.end,
                             debit=money_text(st.total_debit), credit=money_text(st.total_credit)))],
        company=company, printed_by=printed_by)
    return doc, rows


def write_statement_xlsx(st: Statement, path: Path, *, company: str = "", printed_by: str = "") -> Path:
    """One sheet: the title and parameters, the opening balance, the documents, the totals and closing balance."""
    doc, rows = statement_document(st, company=company, printed_by=printed_by)
    return write_xlsx(doc, rows, Path(path))


def write_statement_pdf(st: Statement, out: Out, *, company: str = "", company_address: str = "",
                        customer_address: str | None = None, printed_by: str = "") -> None:
    """A4: the page header (company, 对账单, customer and period), who and when, the documents with the running
    balance between the opening and the closing balance, the totals, and a signature and stamp area for both
    parties."""
    doc, rows = statement_document(st, company=company, printed_by=printed_by)
    head = grid([
        (msg("statement_print.customer"), f"{st.customer_code} {st.customer_name}"),
        (msg("statement_print.period"), msg("statement_print.period_value", start=st.start, end=st.end)),
        (msg("statement_print.customer_address"), customer_address or ""),
        (msg("statement_print.company_address"), company_address or ""),
        (msg("statement_print.opening"), money_text(st.opening)),
        (msg("statement_print.closing"), money_text(st.closing)),
    ])
    grey = colors.HexColor("#555555")
    story: list[Flowable] = [
        head, Spacer(1, 4 * mm),
        *table(doc.columns, rows, totals=doc.totals, totals_label=doc.totals_label),
        Spacer(1, 3 * mm),
        para(doc.notes_below[0], 9.5),
        Spacer(1, 2 * mm),
        KeepTogether([
            para(msg("statement_print.please_check"), 8.5, textColor=grey),
            Spacer(1, 6 * mm),
            signatures([msg("statement_print.sign_company"), msg("statement_print.sign_handler"),
                        msg("statement_print.sign_date")],
                       [msg("statement_print.sign_customer"), msg("statement_print.sign_handler"),
                        msg("statement_print.sign_date")], width=FRAME_WIDTH),
        ]),
    ]
    build(doc, story, out)
