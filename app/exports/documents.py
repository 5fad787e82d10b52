"""Printable documents: the 销售单 as a delivery note (送货单), the 收款单 as a receipt voucher (收款收据) and the 退货单,
each with its amount in Chinese capital money words (大写); and the small layout pieces the printouts share (tables
fitted to the page, label/value grids, headings with bookmarks, signature lines)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import orders, receipts
from app import settings as app_settings
from app.context import Actor
from app.customer_service import visible_customer
from app.errors import NotFound
from app.exports.common import Document, cell_text
from app.exports.pdf import FONT, MARGIN, NUMERIC, build, column_widths, style, text_width
from app.messages import Message, msg
from app.tables import Column
from models import CodeEntry, Contact, Customer, Product, ReturnLine, SalesOrder, Salesperson, SalesReturn

FRAME_WIDTH = A4[0] - 2 * MARGIN  # the text width of an A4 portrait page
GRID_LINE = colors.HexColor("#999999")
LABEL_FILL = colors.HexColor("#F2F5F8")
FEN = Decimal("0.01")
CELL_SLACK = 4.0  # pdf.column_widths allows 8 pt beside the text; ListTable pads 5 pt each side
HEADER_FILL = colors.HexColor("#E8EEF4")
TOTALS_FILL = colors.HexColor("#F2F2F2")
Out = str | Path | BinaryIO

# --- 大写: the amount in Chinese capital money words -------------------------------------------------------------

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")


def _group(n: int) -> str:
    """0 < n < 10,000 in capital words: zeros inside collapse to one 零, trailing zeros are dropped."""
    out, zero = [], False
    for place in range(3, -1, -1):
        digit = n // 10 ** place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[digit] + PLACES[place])
    return "".join(out)


def _integer_words(n: int) -> str:
    """n > 0 in capital words, by 亿 and 万: a lower part that starts with a zero is joined with 零."""
    for unit, name in ((10 ** 8, "亿"), (10 ** 4, "万")):
        if n >= unit:
            high, low = divmod(n, unit)
            tail = "" if low == 0 else ("零" if low < unit // 10 else "") + _integer_words(low)
            return _integer_words(high) + name + tail
    return _group(n)


def money_in_words(amount: Decimal) -> str:
    """人民币大写 of an amount in yuan, rounded half-up to the fen: 1234.50 → 壹仟贰佰叁拾肆元伍角整, 0.05 → 伍分,
    100000.00 → 壹拾万元整, 1001.01 → 壹仟零壹元零壹分, 0 → 零元整; a negative amount starts with 负."""
    fen = int(Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP) * 100)
    sign, fen = ("负", -fen) if fen < 0 else ("", fen)
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    words = _integer_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen_digit == 0:
        return sign + (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角" + ("整" if fen_digit == 0 else DIGITS[fen_digit] + "分")
    else:
        words += ("零" if yuan else "") + DIGITS[fen_digit] + "分"
    return sign + words


# --- layout pieces shared by the printouts ----------------------------------------------------------------------


def escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: object, size: float = 9, **kw: Any) -> Paragraph:
    return Paragraph(escape(text), style(size, **kw))


def money_text(value: Decimal | None) -> str:
    return cell_text(value, "money")


def fitted(columns: Sequence[Column], sample: Sequence[dict[str, Any]], totals: dict[str, Any] | None = None,
           width: float = FRAME_WIDTH) -> tuple[float, list[float]]:
    """(font size, column widths) for `width` (portrait A4 by default): the largest font (9, 8, 7 pt) whose natural
    widths fit, the spare width shared by the columns; else 7 pt with every column scaled (text columns wrap)."""
    for size in (9, 8, 7):
        widths = [w + CELL_SLACK for w in column_widths(columns, sample, size, totals)]
        if sum(widths) <= width:  # the spare width: some for every column, most for the text (the wider the more)
            spare = width - sum(widths)
            text = [n for n, c in enumerate(columns) if c.kind not in NUMERIC]
            even = spare * (0.3 if text else 1) / len(widths)
            per_point = spare * 0.7 / sum(widths[n] for n in text) if text else 0
            return size, [w + even + (w * per_point if n in text else 0) for n, w in enumerate(widths)]
    widths = [w + CELL_SLACK for w in column_widths(columns, sample, 7, totals)]
    return 7, [w * width / sum(widths) for w in widths]


WORD = re.compile(r"[\x21-\x7e]+ *| +|.")  # a run of ASCII (a number, a code, a word) keeps together


def _wrap_text(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` in lines no wider than `width` (as `measure` measures text): broken between CJK characters or before a
    run of ASCII (a number or a code stays whole unless it is wider than the line itself), at a newline, never into
    an empty line."""
    out: list[str] = []
    for part in text.split("\n"):
        if measure(part) <= width:
            out.append(part)
            continue
        line, used = "", 0.0
        for token in WORD.findall(part):
            w = measure(token.rstrip())
            if line and used + w > width:
                out.append(line.rstrip())
                line, used = "", 0.0
            if w > width:  # longer than a line: by characters
                for ch in token:
                    cw = measure(ch)
                    if line and used + cw > width:
                        out.append(line.rstrip())
                        line, used = "", 0.0
                    line += ch
                    used += cw
                continue
            line += token
            used += measure(token)
        out.append(line.rstrip())
    return out or [""]


class _Grid:
    """The laid-out cells of a ListTable, shared by the parts it is split into: every cell's lines and every row's
    height, measured once."""

    PAD_X = 5.0
    PAD_Y = 1.5

    def __init__(self, columns: Sequence[Column], rows: Sequence[dict[str, Any]], widths: Sequence[float],
                 size: float, totals: dict[str, Any] | None, totals_label: str) -> None:
        self.widths, self.size, self.leading = list(widths), size, size * 1.2
        self.right = [c.kind in NUMERIC for c in columns]
        self._measured: dict[str, float] = {}  # names, dates and kinds repeat down a long list
        inner = [w - 2 * self.PAD_X for w in widths]

        def lay(cells: Sequence[str]) -> tuple[list[list[str]], float]:
            lines = [_wrap_text(text, inner[n], self.measure) if text else [""] for n, text in enumerate(cells)]
            return lines, max(len(x) for x in lines) * self.leading + 2 * self.PAD_Y

        self.header, self.header_height = lay([c.title for c in columns])
        self.rows: list[list[list[str]]] = []
        self.tops = [0.0]  # tops[n]: the height of the rows before row n
        for row in rows:
            lines, height = lay([cell_text(row.get(c.key), c.kind) for c in columns])
            self.rows.append(lines)
            self.tops.append(self.tops[-1] + height)
        self.totals: list[list[str]] | None = None
        self.totals_height = 0.0
        if totals:
            self.totals, self.totals_height = lay([cell_text(totals.get(c.key, totals_label if n == 0 else None),
                                                             c.kind) for n, c in enumerate(columns)])


    def measure(self, text: str) -> float:
        width = self._measured.get(text)
        if width is None:
            width = self._measured[text] = text_width(text, self.size)
        return width


class ListTable(Flowable):
    """A list of any length with the look of pdf.table_story (grid, shaded header row repeated on every page,
    numbers right-aligned, a shaded totals row last), drawn fast: rows are measured once, a page break is found by
    bisection, and each page's text goes out in one text object (reportlab's Table lays out and draws every cell
    on its own, which for thousands of rows is most of a long dossier's time)."""

    def __init__(self, grid: _Grid, start: int = 0, stop: int | None = None) -> None:
        super().__init__()
        self.grid, self.start = grid, start
        self.stop = len(grid.rows) if stop is None else stop
        self.hAlign = "LEFT"

    @property
    def last(self) -> bool:
        return self.stop == len(self.grid.rows)

    def _height(self, stop: int) -> float:
        g = self.grid
        return g.header_height + g.tops[stop] - g.tops[self.start] + (
            g.totals_height if stop == len(g.rows) else 0)

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width, self.height = sum(self.grid.widths), self._height(self.stop)
        return self.width, self.height

    def split(self, _avail_width: float, avail_height: float) -> list[Flowable]:
        g = self.grid
        room = avail_height - g.header_height + g.tops[self.start]
        stop = min(bisect.bisect_right(g.tops, room) - 1, self.stop)
        if stop == len(g.rows) and self._height(stop) > avail_height:
            stop -= 1  # the totals row stays with the last row
        if stop <= self.start or stop >= self.stop:
            return []
        return [ListTable(g, self.start, stop), ListTable(g, stop, self.stop)]

    def draw(self) -> None:
        g, canvas = self.grid, self.canv
        lefts = [sum(g.widths[:n]) for n in range(len(g.widths) + 1)]
        bands: list[tuple[list[list[str]], float]] = [(g.header, g.header_height)]
        bands += [(g.rows[n], g.tops[n + 1] - g.tops[n]) for n in range(self.start, self.stop)]
        if self.last and g.totals is not None:
            bands.append((g.totals, g.totals_height))
        top = self.height
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - g.header_height, self.width, g.header_height, stroke=0, fill=1)
        if self.last and g.totals is not None:
            canvas.setFillColor(TOTALS_FILL)
            canvas.rect(0, 0, self.width, g.totals_height, stroke=0, fill=1)
        rules, y = [(0.0, top, self.width, top)], top
        text = canvas.beginText()
        text.setFont(FONT, g.size, g.leading)
        canvas.setFillColor(colors.black)
        for cells, height in bands:
            for n, lines in enumerate(cells):
                baseline = y - (height - len(lines) * g.leading) / 2 - g.leading + g.size * 0.32
                for line in lines:
                    if line:
                        x = lefts[n + 1] - g.PAD_X - g.measure(line) if g.right[n] else lefts[n] + g.PAD_X
                        text.setTextOrigin(x, baseline)
                        text.textOut(line)
                    baseline -= g.leading
            y -= height
            rules.append((0.0, y, self.width, y))
        canvas.drawText(text)
        rules += [(x, 0.0, x, top) for x in lefts]
        canvas.setStrokeColor(GRID_LINE)
        canvas.setLineWidth(0.25)
        canvas.lines(rules)
        if self.last and g.totals is not None:
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(1)
            canvas.line(0, g.totals_height, self.width, g.totals_height)
        canvas.restoreState()


def table(columns: Sequence[Column], rows: Sequence[dict[str, Any]], *, totals: dict[str, Any] | None = None,
          totals_label: Message | str | None = None, empty: Message | str | None = None,
          width: float = FRAME_WIDTH) -> list[Flowable]:
    """A titled-column table fitted to `width` that runs over pages with its header row repeated (a ListTable);
    `empty` (when given) is printed instead of a table without rows."""
    if not rows and empty is not None:
        return [para(empty, 9, textColor=colors.HexColor("#555555"))]
    label = str(totals_label) if totals_label is not None else str(msg("export.totals"))
    size, widths = fitted(columns, rows[:300], totals, width)
    return [ListTable(_Grid(columns, rows, widths, size, totals, label))]


def grid(pairs: Sequence[tuple[Message | str, object]], columns: int = 2, width: float = FRAME_WIDTH,
         label_width: float | None = None, size: float = 9) -> Table:
    """Label/value pairs, `columns` pairs a row, the labels shaded (as wide as the widest label unless given); a
    value that is a Flowable is placed as it is, None shows an empty cell."""
    if label_width is None:
        label_width = max([18 * mm] + [text_width(str(label), size) + 14 for label, _v in pairs])
    value_width = (width - columns * label_width) / columns
    cells: list[list[Any]] = []
    row: list[Any] = []
    for label, value in pairs:
        row += [para(label, size), value if isinstance(value, Flowable) else para("" if value is None else value, size)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (2 * columns - len(row)))
    t = Table(cells, colWidths=[label_width, value_width] * columns, hAlign="LEFT")
    commands = [("GRID", (0, 0), (-1, -1), 0.25, GRID_LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, 0), (-1, -1), FONT, size), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    commands += [("BACKGROUND", (2 * n, 0), (2 * n, -1), LABEL_FILL) for n in range(columns)]
    t.setStyle(TableStyle(commands))
    return t


def signatures(*blocks: Sequence[Message | str], width: float = FRAME_WIDTH) -> Table:
    """Signature lines side by side: each block is a column of labels, each followed by a line to write on."""
    rows = max(len(b) for b in blocks)
    cells = [[para(msg("export.param", label=b[n], value="") if n < len(b) else "", 10) for b in blocks]
             for n in range(rows)]
    t = Table(cells, colWidths=[width / len(blocks)] * len(blocks), rowHeights=[11 * mm] * rows, hAlign="LEFT")
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 10), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


class Heading(Flowable):
    """A heading that is also a PDF bookmark (outline entry at `level`), drawn heavier than its font's one weight
    (fill and stroke). Put a CondPageBreak before it to keep it off the foot of a page."""

    def __init__(self, text: str, level: int, key: str, size: float = 12, rule: bool = True,
                 outline: str | None = None) -> None:
        super().__init__()
        self.text, self.level, self.key, self.size, self.rule = text, level, key, size, rule
        self.outline = outline or text
        self.space_before = self.size * 0.6

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.space_before + self.size * 1.5
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        left, top = canvas.absolutePosition(0, self.height)
        # bookmarkPage names the page being written; pages are kept until the end (NumberedCanvas), so name it here
        destination = canvas.bookmarkPage(self.key, fit="XYZ", left=left, top=top, zoom=0)
        destination.setPage(PDFObjectReference(f"Page{canvas.getPageNumber()}"))
        canvas.addOutlineEntry(self.outline, self.key, level=self.level, closed=False)
        canvas.saveState()
        baseline = self.size * 0.45
        text = canvas.beginText(0, baseline)
        text.setFont(FONT, self.size)
        text.setTextRenderMode(2)  # fill and stroke: a bold look from a one-weight font
        canvas.setLineWidth(self.size / 40)
        text.textOut(self.text)
        canvas.drawText(text)
        if self.rule:
            canvas.setStrokeColor(colors.HexColor("#4A6A8A"))
            canvas.setLineWidth(0.8)
            canvas.line(0, 0, self.width, 0)
        canvas.restoreState()


def _company(session: Session, company: str | None) -> str:
    return company if company is not None else app_settings.load(session).company_name


def _contact(session: Session, customer_id: int) -> str:
    first = session.execute(select(Contact.name, Contact.mobile, Contact.phone)
                            .where(Contact.customer_id == customer_id).order_by(Contact.id).limit(1)).first()
    if first is None:
        return ""
    return " ".join(x for x in (first.name, first.mobile or first.phone) if x)


def _specs(session: Session, product_ids: set[int]) -> dict[int, str | None]:
    return dict(session.execute(select(Product.id, Product.spec).where(Product.id.in_(product_ids))).all())


def _title(kind: str, status: str) -> str:
    """The printout's title; a document that does not count (draft, held, cancelled) says so in it."""
    title = str(msg(f"printout.{kind}_title"))
    if status != "confirmed":
        title += str(msg("printout.status_suffix", status=msg(f"status.{kind}_{status}")))
    return title


LINE_COLUMNS = ("no", "product_code", "product_name", "spec", "unit", "qty", "price", "amount")
LINE_KINDS = {"qty": "qty", "price": "money", "amount": "money"}


def _line_columns() -> list[Column]:
    return [Column(k, str(msg(f"printout.col_{k}")), LINE_KINDS.get(k, "text")) for k in LINE_COLUMNS]  # type: ignore[arg-type]


def _amount_rows(total: Decimal) -> Table:
    return grid([(msg("printout.total_figures"), f"¥{money_text(total)}"),
                 (msg("printout.total_words"), money_in_words(total))], columns=2, size=10)


@dataclass(frozen=True)
class PrintLine:
    product_code: str
    product_name: str
    spec: str | None
    unit: str | None
    qty: Decimal
    price: Decimal
    amount: Decimal

    def row(self, no: int) -> dict[str, Any]:
        return {"no": no, "product_code": self.product_code, "product_name": self.product_name, "spec": self.spec,
                "unit": self.unit, "qty": self.qty, "price": self.price, "amount": self.amount}


def _lines_story(lines: Sequence[PrintLine], total: Decimal) -> list[Flowable]:
    rows = [ln.row(n) for n, ln in enumerate(lines, start=1)]
    return table(_line_columns(), rows, totals={"amount": total}, totals_label=msg("export.totals"))


# --- 销售送货单 ----------------------------------------------------------------------------------------------------


def write_order_pdf(session: Session, actor: Actor, order_id: int, out: Out, *, company: str | None = None,
                    printed_by: str | None = None) -> None:
    """The 销售单 as a delivery note (送货单): what was delivered to whom, the total in figures and in 大写, and lines
    for the deliverer and the receiver to sign. Only an order the actor may see (orders.view checks); no cost."""
    view = orders.view(session, actor, order_id)
    customer = session.get(Customer, view.customer_id)
    specs = _specs(session, {ln.product_id for ln in view.lines})
    lines = [PrintLine(ln.product_code, ln.product_name, specs.get(ln.product_id), ln.unit, ln.qty, ln.price,
                       ln.amount) for ln in view.lines]
    doc = Document(title=_title("order", view.status), columns=_line_columns(),
                   params=[(str(msg("printout.number")), view.number), (str(msg("printout.date")),
                                                                        view.date.isoformat())],
                   company=_company(session, company), printed_by=printed_by or actor.login)
    head = grid([
        (msg("printout.customer"), f"{view.customer_code} {view.customer_name}"),
        (msg("printout.number"), view.number),
        (msg("printout.address"), customer.address if customer else ""),
        (msg("printout.date"), view.date.isoformat()),
        (msg("printout.contact"), _contact(session, view.customer_id)),
        (msg("printout.handler"), view.handler_name or ""),
        (msg("printout.due_date"), view.due_date.isoformat()),
        (msg("printout.notes"), view.notes or ""),
    ])
    story: list[Flowable] = [head, Spacer(1, 4 * mm), *_lines_story(lines, view.total), Spacer(1, 2 * mm),
                             _amount_rows(view.total), Spacer(1, 3 * mm),
                             para(msg("printout.delivery_notice"), 8.5, textColor=colors.HexColor("#555555")),
                             Spacer(1, 4 * mm),
                             signatures([msg("printout.sign_deliverer"), msg("printout.sign_date")],
                                        [msg("printout.sign_receiver"), msg("printout.sign_date")])]
    build(doc, story, out)


# --- 收款收据 ------------------------------------------------------------------------------------------------------


def write_receipt_pdf(session: Session, actor: Actor, receipt_id: int, out: Out, *, company: str | None = None,
                      printed_by: str | None = None) -> None:
    """The 收款单 as a receipt voucher (收款收据): from whom, how much (figures and 大写), how it was paid and which
    orders it paid (DOMAIN.md allocation), what is left as 预收款. Only a receipt the actor may see."""
    view = receipts.view(session, actor, receipt_id)
    method = session.scalar(select(CodeEntry.name).where(CodeEntry.id == view.method_id)) if view.method_id else None
    paid = [str(msg("printout.paid_item", number=number, amount=money_text(amount)))
            for _oid, number, amount in view.paid]
    if view.unapplied > 0:
        paid.append(str(msg("printout.paid_unapplied", amount=money_text(view.unapplied))))
    purpose = str(msg("common.list_separator")).join(paid) if paid else str(msg("printout.purpose_goods"))
    doc = Document(title=_title("receipt", view.status), columns=[],
                   params=[(str(msg("printout.number")), view.number), (str(msg("printout.date")),
                                                                        view.date.isoformat())],
                   company=_company(session, company), printed_by=printed_by or actor.login)
    body = grid([
        (msg("printout.received_from"), f"{view.customer_code} {view.customer_name}"),
        (msg("printout.amount_words"), para(money_in_words(view.amount), 11)),
        (msg("printout.amount_figures"), para(f"¥{money_text(view.amount)}", 11)),
        (msg("printout.method"), method or ""),
        (msg("printout.purpose"), purpose),
        (msg("printout.notes"), view.notes or ""),
    ], columns=1, size=10)
    story: list[Flowable] = [body, Spacer(1, 8 * mm),
                             signatures([msg("printout.sign_payee_unit")], [msg("printout.sign_payee")],
                                        [msg("printout.sign_payer")])]
    build(doc, story, out)


# --- 销售退货单 ----------------------------------------------------------------------------------------------------


def write_return_pdf(session: Session, actor: Actor, return_id: int, out: Out, *, company: str | None = None,
                     printed_by: str | None = None) -> None:
    """The 退货单: what the customer gave back (lines, total in figures and 大写), the order it came from, and
    lines for the returner and the receiving clerk to sign. Only a return whose customer the actor may see (or that
    the actor handled); no cost."""
    ret = session.get(SalesReturn, return_id)
    if ret is None:
        raise NotFound("return.not_found")
    customer = visible_customer(session, actor, ret.customer_id, ret.handler_id)
    order_number = session.scalar(select(SalesOrder.number).where(SalesOrder.id == ret.order_id)) \
        if ret.order_id else None
    handler = session.scalar(select(Salesperson.name).where(Salesperson.id == ret.handler_id)) \
        if ret.handler_id else None
    rows = session.execute(
        select(Product.code, Product.name, Product.spec, Product.unit, ReturnLine.qty, ReturnLine.price,
               ReturnLine.amount).join(Product, Product.id == ReturnLine.product_id)
        .where(ReturnLine.return_id == ret.id).order_by(ReturnLine.line_no)).all()
    lines = [PrintLine(*r) for r in rows]
    doc = Document(title=_title("return", ret.status), columns=_line_columns(),
                   params=[(str(msg("printout.number")), ret.number), (str(msg("printout.date")),
                                                                       ret.date.isoformat())],
                   company=_company(session, company), printed_by=printed_by or actor.login)
    head = grid([
        (msg("printout.customer"), f"{customer.code} {customer.name}"),
        (msg("printout.number"), ret.number),
        (msg("printout.address"), customer.address or ""),
        (msg("printout.date"), ret.date.isoformat()),
        (msg("printout.original_order"), order_number or ""),
        (msg("printout.handler"), handler or ""),
        (msg("printout.notes"), ret.notes or ""),
        ("", ""),
    ])
    story: list[Flowable] = [head, Spacer(1, 4 * mm), *_lines_story(lines, ret.total), Spacer(1, 2 * mm),
                             _amount_rows(ret.total), Spacer(1, 8 * mm),
                             signatures([msg("printout.sign_returner"), msg("printout.sign_date")],
                                        [msg("printout.sign_inspector"), msg("printout.sign_date")])]
    build(doc, story, out)
