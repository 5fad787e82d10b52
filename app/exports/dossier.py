"""客户档案 as a PDF: for each customer the four parts of DOMAIN.md under the headings 基本资料, 业务往来, 资金往来 and
信用记录, with the 24-month revenue chart and the aging; several customers in one file, each from a new page and each
with a bookmark (its parts below it)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer
from sqlalchemy.orm import Session

from app import analytics
from app.context import Actor
from app.customer_service import visible_customer
from app.dossier import Dossier, HistoryEntry, dossier, shared_pool
from app.exports.common import Cancelled, Document
from app.exports.documents import FRAME_WIDTH, Heading, Out, grid, money_text, para, table
from app.exports.pdf import FONT, build
from app.ledger import BUCKETS
from app.messages import Message, msg
from app.reports.common import window_months
from app.tables import Column

CHART_MONTHS = 24
PARTS = ("static", "business", "money", "credit")  # 基本资料, 业务往来, 资金往来, 信用记录
WAN = 1_000_000  # fen in 1 万元
GREY = colors.HexColor("#555555")


def _t(name: str, **args: Any) -> str:
    return str(msg(f"dossier_print.{name}", **args))


def _col(key: str, kind: str = "text", title: str | None = None) -> Column:
    return Column(key, title or _t(f"col_{key}"), kind)  # type: ignore[arg-type]


def _text(value: Message | str | None) -> str:
    return "" if value is None else str(value)


class _CustomerMarker(Flowable):
    """Invisible: names the customer in the page header from the next page on (placed before the page break)."""

    def __init__(self, doc: Document, params: list[tuple[str, str]]) -> None:
        super().__init__()
        self.doc, self.params = doc, params

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.doc.params = self.params


# --- the 24-month chart ------------------------------------------------------------------------------------------


def _nice_step(span: int) -> int:
    """A tick step (fen) of 1, 2 or 5 × 10^n giving at most 6 intervals over `span` fen."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if span <= m * step * 6:
                return m * step
        step *= 10


def revenue_chart(months: Sequence[str], monthly_fen: Sequence[int], width: float = FRAME_WIDTH,
                  height: float = 62 * mm) -> Drawing:
    """A bar chart of monthly net revenues. The data stay integer fen (exact); the money axis is labelled in 元, or in
    万元 once a month reaches 10 万元, with the ticks chosen in whole fen."""
    low, high = min(0, *monthly_fen), max(0, *monthly_fen)
    in_wan = max(abs(low), abs(high)) >= 10 * WAN
    unit = WAN if in_wan else 100
    step = max(_nice_step(high - low), 100)  # at least 1 元 a tick
    vmin = low // step * step
    vmax = max(-(-high // step) * step, vmin + step)

    def label(value: float) -> str:
        fen = int(round(value))  # a tick position, one of ours: a whole multiple of the step
        yuan = Decimal(fen) / unit
        return f"{yuan:,.0f}" if yuan == yuan.to_integral() else f"{yuan:,.1f}"

    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # the renderer's starting font: otherwise Helvetica, a font not embedded
    chart = VerticalBarChart()
    chart.x, chart.y = 16 * mm, 14 * mm
    chart.width, chart.height = width - 20 * mm, height - 22 * mm
    chart.data = [list(monthly_fen)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = vmin, vmax, step
    chart.valueAxis.labelTextFormat = label
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.categoryNames = [m[2:] for m in months]  # "25-01": the year's last two digits and the month
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 6.5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.visibleTicks = False
    chart.categoryAxis.labelAxisMode = "low"  # month labels under the chart, not on the zero line of a loss month
    chart.bars[0].fillColor = colors.HexColor("#4A7FB5")
    chart.bars[0].strokeColor = None
    for n, value in enumerate(monthly_fen):
        if value < 0:  # a month whose returns exceed its sales
            chart.bars[(0, n)].fillColor = colors.HexColor("#C0504D")
    chart.barWidth = 6
    chart.groupSpacing = 3
    drawing.add(chart)
    axis = _t("chart_axis_wan" if in_wan else "chart_axis_yuan")
    drawing.add(String(2 * mm, height - 5 * mm, axis, fontName=FONT, fontSize=7.5, fillColor=GREY))
    drawing.add(String(chart.x + chart.width, 1 * mm, _t("chart_axis_month"), fontName=FONT, fontSize=7.5,
                       fillColor=GREY, textAnchor="end"))
    return drawing


# --- the four parts ------------------------------------------------------------------------------------------------


def _history(entries: Sequence[HistoryEntry]) -> list[dict[str, Any]]:
    return [{"effective": h.effective, "value": _text(h.value), "changed_by": h.changed_by,
             "reason": _text(h.reason)} for h in entries]


def _history_table(title: str, entries: Sequence[HistoryEntry]) -> list[Flowable]:
    cols = [_col("effective", "date"), _col("value"), _col("changed_by"), _col("reason")]
    return [*_subheading(title), *table(cols, _history(entries), empty=_t("none"))]


def _subheading(text: str, room: float = 25 * mm) -> list[Flowable]:
    """A titled block's title, never alone at the foot of a page: a page break instead when less than `room` is
    left (keepWithNext would move a long table's whole start to the next page)."""
    return [CondPageBreak(room), para(text, 10, textColor=colors.HexColor("#2F4F6F"), spaceBefore=5, spaceAfter=2)]


def _static(d: Dossier) -> list[Flowable]:
    s = d.static
    pairs: list[tuple[Message | str, object]] = [
        (_t("code"), s.code), (_t("name"), s.name), (_t("short_name"), s.short_name), (_t("mnemonic"), s.mnemonic),
        (_t("type"), s.type), (_t("region"), s.region), (_t("industry"), s.industry), (_t("status"), _text(s.status)),
        (_t("owner"), s.owner or str(shared_pool())), (_t("created"), s.created.isoformat()),
        (_t("bank"), s.bank), (_t("bank_account"), s.bank_account), (_t("tax_id"), s.tax_id),
        (_t("address"), s.address), (_t("notes"), s.notes), ("", ""),
    ]
    contacts = [{"name": n, "position": p, "phone": ph, "mobile": mo, "email": em} for n, p, ph, mo, em in s.contacts]
    contact_cols = [_col("name", title=_t("contact_name")), _col("position"), _col("phone"), _col("mobile"),
                    _col("email")]
    return [grid(pairs), *_subheading(_t("contacts")), *table(contact_cols, contacts, empty=_t("none")),
            *_history_table(_t("owner_history"), s.owner_history),
            *_history_table(_t("status_history"), s.status_history)]


def _business(d: Dossier, months: Sequence[str], monthly_fen: Sequence[int]) -> list[Flowable]:
    b = d.business
    chart_title = _t("chart_title", months=CHART_MONTHS, on=d.as_of)
    years = [{"year": str(y), "orders": o, "returns": r, "net": n} for y, o, r, n in b.by_year]
    year_totals = {k: sum((row[k] for row in years), Decimal("0.00")) for k in ("orders", "returns", "net")}
    year_cols = [_col("year"), _col("orders", "money"), _col("returns", "money"), _col("net", "money")]
    cat_cols = [_col("category"), _col("net", "money")]
    cats = [{"category": _text(name), "net": amount} for name, amount in b.top_categories]
    doc_cols = [_col("date", "date"), _col("kind"), _col("number"), _col("items"), _col("amount", "money"),
                _col("handler"), _col("doc_owner")]
    kinds = {"order": _t("kind_order"), "return": _t("kind_return")}
    docs = [{"date": x.date, "kind": kinds[x.kind], "number": x.number, "items": _text(x.items), "amount": x.amount,
             "handler": x.handler, "doc_owner": x.owner} for x in b.documents]
    net = sum((x.amount for x in b.documents), Decimal("0.00"))
    return [
        *_subheading(chart_title, 75 * mm), revenue_chart(months, monthly_fen),
        *_subheading(_t("by_year")),
        *table(year_cols, years, totals=year_totals if years else None, totals_label=msg("export.totals"),
               empty=_t("none"), width=FRAME_WIDTH * 0.7),
        *_subheading(_t("top_categories")), *table(cat_cols, cats, empty=_t("none"), width=FRAME_WIDTH * 0.5),
        *_subheading(_t("documents", count=len(docs))),
        *table(doc_cols, docs, totals={"amount": net} if docs else None, totals_label=msg("export.totals"),
               empty=_t("none")),
    ]


def _money(d: Dossier) -> list[Flowable]:
    m, pos = d.money, d.money.position
    aging_cols = [_col(k, "money", _t(f"bucket_{k}")) for k in BUCKETS] + [_col("unapplied", "money"),
                                                                             _col("balance", "money")]
    aging_row = {**pos.buckets, "unapplied": pos.unapplied, "balance": pos.balance}
    buckets = sum(pos.buckets.values(), Decimal("0.00"))
    proof = _t("aging_proof", buckets=money_text(buckets), unapplied=money_text(pos.unapplied),
               balance=money_text(pos.balance), verdict=msg(
                   "aging.proof_holds" if buckets - pos.unapplied == pos.balance else "aging.proof_fails"))
    open_cols = [_col("number"), _col("date", "date"), _col("due_date", "date"), _col("total", "money"),
                 _col("open", "money"), _col("days_past_due", "int")]
    items = [{"number": i.number, "date": i.date, "due_date": i.due_date, "total": i.total, "open": i.open,
              "days_past_due": i.days_past_due if i.days_past_due > 0 else None} for i in m.open_items]
    open_total = sum((i.open for i in m.open_items), Decimal("0.00"))
    sep = str(msg("common.list_separator"))
    receipt_cols = [_col("date", "date"), _col("number"), _col("amount", "money"), _col("method"), _col("paid"),
                    _col("unapplied", "money")]
    receipts = [{"date": r.date, "number": r.number, "amount": r.amount, "method": r.method,
                 "paid": sep.join(_t("paid_item", number=n, amount=money_text(a)) for n, a in r.paid),
                 "unapplied": r.unapplied or None} for r in m.receipts]
    received = sum((r.amount for r in m.receipts), Decimal("0.00"))
    return [
        *_subheading(_t("aging", on=d.as_of)), *table(aging_cols, [aging_row]),
        para(proof, 8, textColor=GREY, spaceBefore=2),
        *_subheading(_t("open_items", count=len(items))),
        *table(open_cols, items, totals={"open": open_total} if items else None, totals_label=msg("export.totals"),
               empty=_t("none")),
        *_subheading(_t("receipts", count=len(receipts))),
        *table(receipt_cols, receipts, totals={"amount": received} if receipts else None,
               totals_label=msg("export.totals"), empty=_t("none")),
    ]


def _credit(d: Dossier) -> list[Flowable]:
    c = d.credit
    rate = _t("on_time_rate", rate=f"{c.on_time_rate * 100:.2f}%", due=c.orders_due,
              on_time=c.orders_due - len(c.late_orders)) if c.on_time_rate is not None else _t("on_time_none")
    pairs: list[tuple[Message | str, object]] = [
        (_t("term"), _t("term_days", days=c.term_days)), (_t("credit_limit"), money_text(c.credit_limit)),
        (_t("grade_set"), c.grade or _t("grade_unset")), (_t("grade_suggested"), c.suggested_grade or ""),
        (_t("blacklisted"), _t("yes") if c.blacklisted else _t("no")), (_t("on_time"), rate),
    ]
    late_cols = [_col("number"), _col("due_date", "date"), _col("late_amount", "money"), _col("days_late", "int"),
                 _col("paid_on")]
    late = [{"number": x.number, "due_date": x.due_date, "late_amount": x.late_amount, "days_late": x.days_late,
             "paid_on": x.paid_on.isoformat() if x.paid_on else _t("not_paid")} for x in c.late_orders]
    return [grid(pairs), *_history_table(_t("credit_history"), c.credit_history),
            *_history_table(_t("blacklist_history"), c.blacklist_history),
            *_subheading(_t("late_orders", count=len(late))), *table(late_cols, late, empty=_t("none"))]


def customer_story(session: Session, customer_id: int, on: date, key: str,
                   grades: Callable[[], dict[int, Any]] | None = None) -> list[Flowable]:
    """One customer's pages: its name (a top-level bookmark), then the four parts (bookmarks below it)."""
    d = dossier(session, customer_id, on, grades)
    months = window_months(on, CHART_MONTHS)
    monthly = analytics.monthly_revenue(session, customer_id, on, CHART_MONTHS)
    name = f"{d.static.code} {d.static.name}"
    story: list[Flowable] = [Heading(name, 0, key, size=15, rule=False),
                             para(_t("as_of", on=on), 9, textColor=GREY, spaceAfter=2)]
    parts = {"static": _static(d), "business": _business(d, months, monthly), "money": _money(d),
             "credit": _credit(d)}
    for part in PARTS:
        story += [CondPageBreak(45 * mm), Heading(_t(f"part_{part}"), 1, f"{key}-{part}"), Spacer(1, 2 * mm),
                  *parts[part]]
    return story


def write_dossier_pdf(session: Session, customer_ids: Sequence[int], on: date, out: Out, *, company: str,
                      printed_by: str, actor: Actor | None = None, progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> None:
    """The 客户档案 of each customer in `customer_ids` (in that order) as of `on`, in one A4 PDF. With `actor`, every
    customer must be one the actor may see (else PermissionDenied, and nothing is written)."""
    if actor is not None:
        for cid in customer_ids:
            visible_customer(session, actor, cid)
    doc = Document(title=_t("title"), columns=[], company=company, printed_by=printed_by)
    story: list[Flowable] = []
    total = len(customer_ids)
    # every customer's suggested grade (they rank all customers: 1–2 s at 100,000) once per printout, read beside
    # the first customer's documents
    grades = analytics.beside(session, lambda other: analytics.suggested_grades(other, on))
    for n, cid in enumerate(customer_ids):
        if cancelled is not None and cancelled():
            raise Cancelled
        part = customer_story(session, cid, on, key=f"c{n}", grades=grades)
        name = part[0].text if isinstance(part[0], Heading) else ""
        params = [(_t("customer"), name), (_t("as_of_label"), on.isoformat())]
        if n == 0:
            doc.params = params
        else:
            story += [_CustomerMarker(doc, params), PageBreak()]
        story += part
        if progress is not None:
            progress(n + 1, total)
    try:
        build(doc, story, out)
    except Cancelled:
        if isinstance(out, str | Path):
            Path(out).unlink(missing_ok=True)
        raise
