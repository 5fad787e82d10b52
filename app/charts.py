"""What each chart of the 分析 tab shows — series, titles, axes with their units, reference lines — as plain data
built from the reports, so that the desktop's chart, `crm chart … --png` and the tests draw and check the same
figures. Values stay exact (Decimal yuan, rates, counts); the drawing code divides by an axis's `scale` only to
place them. Texts are in the interface language (the message catalogue)."""
from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.orm import Session

from app import analytics
from app.context import Actor
from app.errors import UserError, ValidationError
from app.messages import msg
from app.reports.common import months_between
from app.tables import Table

WAN = Decimal(10000)
WAN_FROM = Decimal(100000)  # money axes switch to 万元 when the largest value reaches 100,000 yuan
TOP = 20  # bars of the margin ranking
PERCENT = Decimal(100)

AxisKind = Literal["category", "value", "log"]
SeriesKind = Literal["line", "bar", "hbar", "scatter"]
Role = Literal["normal", "strong", "muted", "accent"]


@dataclass(frozen=True)
class Axis:
    title: str  # with its unit, e.g. 销售额（万元）
    kind: AxisKind = "value"
    categories: tuple[str, ...] = ()  # a category axis: the labels at positions 0, 1, 2, …
    scale: Decimal = Decimal(1)  # values are divided by this to be drawn (10000 for 万元)
    percent: bool = False  # rates, drawn × 100
    money: bool = False

    def drawn(self, value: Decimal) -> float:
        """Where a value sits on this axis (the one place a float is made: for drawing only)."""
        return float(value * PERCENT if self.percent else value / self.scale)


@dataclass(frozen=True)
class Series:
    key: str
    name: str  # the legend's text
    kind: SeriesKind
    # tuples, or for a scatter of tens of thousands of customers sequences read from columns when drawn or hovered
    values: Sequence[Decimal | None]  # line/bar: at category positions 0…n−1 (hbar: on the category y axis)
    at: Sequence[Decimal] = ()  # scatter: the x values
    role: Role = "normal"
    dashed: bool = False
    sizes: Sequence[Decimal] = ()  # scatter: what each point's size shows (≥ 0)
    labels: Sequence[str] = ()  # per point: the tooltip
    keys: Sequence[Any] = ()  # per point: what a click opens (a customer id, an RFM segment, a group)


@dataclass(frozen=True)
class Line:
    """A reference line across the plot (the scatter's quadrant lines)."""

    axis: Literal["x", "y"]  # a vertical line at an x value, or a horizontal one at a y value
    value: Decimal
    label: str


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    x: Axis
    y: Axis
    series: tuple[Series, ...]
    lines: tuple[Line, ...] = ()
    notes: tuple[str, ...] = ()
    y_view: tuple[Decimal, Decimal] | None = None  # the y range shown first and on 复位 (data values), else all

    def series_by_key(self, key: str) -> Series:
        return next(s for s in self.series if s.key == key)


# --- axes ---------------------------------------------------------------------------------------------------------


def _text(code: str, /, **args: Any) -> str:
    return str(msg(code, **args))


def money_axis(title: str, values: Sequence[Decimal | None], kind: AxisKind = "value") -> Axis:
    """A money axis in 元, or in 万元 when the largest value reaches 100,000 yuan."""
    largest = max((abs(v) for v in values if v is not None), default=Decimal(0))
    wan = largest >= WAN_FROM
    unit = _text("chart.wan_yuan" if wan else "chart.yuan")
    return Axis(_text("chart.axis", title=title, unit=unit), kind, scale=WAN if wan else Decimal(1), money=True)


def rate_axis(title: str) -> Axis:
    return Axis(_text("chart.axis", title=title, unit=_text("chart.percent")), percent=True)


def category_axis(title: str, labels: Sequence[str]) -> Axis:
    return Axis(title, "category", tuple(labels))


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * PERCENT:.2f}%"


def _yuan(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


# --- the charts ---------------------------------------------------------------------------------------------------


def activity_chart(table: Table) -> Chart:
    """客户活跃率: one line per salesperson over the months, and the company's (from the report's totals)."""
    months = months_between(table.params["from"], table.params["to"])
    people: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    for row in table.rows:
        people.setdefault(row["salesperson_code"], {})[row["month"]] = row["rate"]
        names[row["salesperson_code"]] = row.get("salesperson_name") or row["salesperson_code"]
    series = [
        Series(code, f"{code} {names[code]}", "line", tuple(people[code].get(m) for m in months), keys=tuple(months))
        for code in sorted(people)
    ]
    company = tuple((table.totals.get(m) or {}).get("rate") for m in months)
    series.append(Series("company", _text("chart.company"), "line", company, role="strong", keys=tuple(months)))
    return Chart(
        "activity", _text("chart.activity_title", first=months[0], last=months[-1]),
        category_axis(_text("chart.month"), months), rate_axis(_text("chart.activity_rate")), tuple(series),
        y_view=(Decimal(0), Decimal(1)),
    )


def group_label(row: dict[str, Any], key: str) -> str:
    """A margin row's group as people read it: code and name of a customer or salesperson, 共享/未设置 for none."""
    value = row.get(key)
    if key == "customer_code":
        return f"{value} {row.get('customer_name') or ''}".strip()
    if key == "salesperson_code":
        return _text("chart.shared_pool") if value is None else f"{value} {row.get('salesperson_name') or ''}".strip()
    return _text("chart.unset") if value is None else str(value)


def margin_chart(table: Table, top: int = TOP) -> Chart:
    """毛利分析: the `top` groups by gross profit as horizontal bars, largest at the top (by revenue for a table
    without cost: a role without cost.view)."""
    key = table.columns[0].key
    measure = "gross_profit" if "gross_profit" in table.keys else "revenue"
    ranked = sorted(table.rows, key=lambda r: (-r[measure], str(r[key])))[:top]
    labels = tuple(group_label(r, key) for r in ranked)
    values = tuple(r[measure] for r in ranked)
    group = _text(f"chart.group_{table.params['group_by']}")
    title_code = "chart.margin_title" if measure == "gross_profit" else "chart.revenue_top_title"
    name = _text("chart.gross_profit" if measure == "gross_profit" else "chart.revenue")
    series = Series(measure, name, "hbar", values, role="accent",
                    labels=tuple(f"{label}\n{name} {_yuan(v)}" for label, v in zip(labels, values, strict=True)),
                    keys=tuple(r[key] for r in ranked))
    return Chart(
        "margin", _text(title_code, n=len(ranked), group=group, start=table.params["from"], end=table.params["to"]),
        money_axis(name, values), category_axis(group, labels), (series,),
    )


class _Picked(Sequence[Any]):
    """One column of the scatter's points (app.analytics.Columns) at a series' positions, each value made when read:
    a series' y or x values, sizes or keys."""

    def __init__(self, columns: analytics.Columns, key: str, positions: array) -> None:
        self._columns, self._key, self._positions = columns, key, positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, i: int) -> Any:  # type: ignore[override] # noqa: ANN401 - one item only
        return self._columns.value(self._key, self._positions[i])

    def __iter__(self) -> Iterator[Any]:
        return self._columns.values(self._key, self._positions)


class _PointLabels(Sequence[str]):
    """A scatter series' tooltips, each worded when its point is hovered (not ~200 bytes made ahead per point)."""

    def __init__(self, points: analytics.ScatterPoints, positions: array, words: tuple[str, str, str]) -> None:
        self._points, self._positions, self._words = points, positions, words

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, i: int) -> str:  # type: ignore[override] - one item only
        return _point_label(self._points[self._positions[i]], self._words)


def potential_chart(view: analytics.PotentialView) -> Chart:
    """潜在大客户: each visible customer at (last-12-month revenue, growth), on a log revenue axis; the flagged ones
    stand out; quadrant lines at the A-grade threshold and the rule's 50 % growth; size by gross profit (by
    revenue for a role without cost.view). The points (~30,000 at 100,000 customers) stay columns
    (analytics.ScatterPoints), their tooltips worded when hovered."""
    points = view.points if isinstance(view.points, analytics.ScatterPoints) else analytics.ScatterPoints.of(view.points)
    columns, everyone = points.columns, range(len(points))
    revenue_fen, profit_fen = columns.sort_value("revenue_12m"), columns.sort_value("gross_profit_12m")
    by_profit = all(profit_fen(i) is not None for i in everyone)
    size = analytics.Columns({"size": "money"}, {"size": [  # fen
        max(profit_fen(i), 0) if by_profit else revenue_fen(i) for i in everyone]})
    words = (_text("chart.net_revenue"), _text("chart.gross_profit"), _text("chart.growth"))
    flag = columns.sort_value("flagged")

    def series(key: str, flagged: bool, role: Role) -> Series:
        at = array("i", (i for i in everyone if flag(i) == flagged))
        return Series(
            key, _text(f"chart.{key}"), "scatter", _Picked(columns, "growth", at),
            at=_Picked(columns, "revenue_12m", at), role=role, sizes=_Picked(size, "size", at),
            labels=_PointLabels(points, at, words), keys=_Picked(columns, "customer_id", at),
        )

    lines = [Line("y", view.growth_line, _text("chart.growth_line", growth=_percent(view.growth_line)))]
    if view.a_line is not None:
        lines.append(Line("x", view.a_line, _text("chart.a_line", amount=_yuan(view.a_line))))
    notes = [_text("chart.size_by_profit" if by_profit else "chart.size_by_revenue")]
    if view.unplotted:
        notes.append(_text("chart.unplotted", count=view.unplotted))
    # the extremes decide the axes: the revenue's unit (by its largest value), the growth shown first
    revenue = [columns.value("revenue_12m", f(everyone, key=revenue_fen)) for f in (min, max) if everyone]
    growth_of = columns.sort_value("growth")
    growth = [columns.value("growth", f(everyone, key=growth_of)) for f in (min, max) if everyone]
    top = min(max(growth, default=Decimal(3)), Decimal(3))  # outliers beyond +300 % are reached by zooming out
    return Chart(
        "potential", _text("chart.potential_title", on=view.on),
        money_axis(_text("chart.revenue_12m"), revenue + ([view.a_line] if view.a_line is not None else []), "log"),
        rate_axis(_text("chart.growth")),
        (series("others", False, "muted"), series("flagged", True, "accent")), tuple(lines), tuple(notes),
        y_view=(min(min(growth, default=Decimal(-1)), Decimal(-1)), max(top, view.growth_line * 2)),
    )


def _point_label(p: analytics.ScatterPoint, words: tuple[str, str, str]) -> str:
    """A point's tooltip; `words` = the catalogue's net revenue, gross profit and growth, looked up once."""
    revenue, profit_word, growth = words
    profit = "" if p.gross_profit_12m is None else f"，{profit_word} {_yuan(p.gross_profit_12m)}"
    return f"{p.code} {p.name}\n{revenue} {_yuan(p.revenue_12m)}{profit}\n{growth} {_percent(p.growth)}"


def trend_chart(t: analytics.CustomerTrend) -> Chart:
    """A customer's last 12 monthly net revenues, their least-squares line and the same months a year before."""
    tr = t.trend
    series = (
        Series("revenue", _text("chart.this_year"), "bar", tuple(tr.revenue), role="accent", keys=tuple(tr.months),
               labels=tuple(f"{m} {_yuan(v)}" for m, v in zip(tr.months, tr.revenue, strict=True))),
        Series("previous", _text("chart.previous_year"), "line", tuple(t.previous), role="muted", dashed=True,
               labels=tuple(f"{m} {_yuan(v)}" for m, v in zip(t.previous_months, t.previous, strict=True))),
        Series("fitted", _text("chart.trend_line", slope=_yuan(tr.slope)), "line", tuple(tr.fitted), role="strong"),
    )
    note = _text("chart.trend_note", slope=_yuan(tr.slope), first=t.previous_months[0], last=t.previous_months[-1])
    return Chart(
        "trend", _text("chart.trend_title", code=t.code, name=t.name, on=t.on),
        category_axis(_text("chart.month"), tr.months),
        money_axis(_text("chart.net_revenue"), [*tr.revenue, *t.previous, *tr.fitted]), series, notes=(note,),
    )


def rfm_chart(table: Table) -> Chart:
    """RFM: how many customers each segment holds (every segment shown, in the model's order)."""
    counts = dict.fromkeys(analytics.RFM_SEGMENTS, 0)
    for row in table.rows:
        counts[row["segment"]] += 1
    titles = tuple(str(analytics.rfm_segment_title(k)) for k in counts)
    values = tuple(Decimal(n) for n in counts.values())
    series = Series("customers", _text("chart.customers"), "hbar", values, role="accent", keys=tuple(counts),
                    labels=tuple(f"{t}：{n}" for t, n in zip(titles, counts.values(), strict=True)))
    return Chart(
        "rfm", _text("chart.rfm_title", on=table.params["as_of"]),
        Axis(_text("chart.axis", title=_text("chart.customers"), unit=_text("chart.count"))),
        category_axis(_text("chart.segment"), titles), (series,), notes=(str(msg("rfm_segment.rule")),),
    )


def company_chart(table: Table) -> Chart:
    """公司趋势: revenue (and gross profit, for roles that see cost) of each month of the year against the year
    before."""
    on: date = table.params["as_of"]
    year, last = on.year, on.year - 1
    months = tuple(_text("chart.month_number", month=m) for m in range(1, 13))
    keys = tuple(r["month"] for r in table.rows)
    series = [
        Series("revenue", _text("chart.revenue_year", year=year), "line", tuple(r["revenue"] for r in table.rows),
               role="accent", keys=keys),
        Series("revenue_last", _text("chart.revenue_year", year=last), "line",
               tuple(r["revenue_last"] for r in table.rows), role="accent", dashed=True,
               keys=tuple(r["month_last"] for r in table.rows)),
    ]
    if "gross_profit" in table.keys:
        series += [
            Series("gross_profit", _text("chart.gross_profit_year", year=year), "line",
                   tuple(r["gross_profit"] for r in table.rows), role="strong", keys=keys),
            Series("gross_profit_last", _text("chart.gross_profit_year", year=last), "line",
                   tuple(r["gross_profit_last"] for r in table.rows), role="strong", dashed=True,
                   keys=tuple(r["month_last"] for r in table.rows)),
        ]
    values = [v for s in series for v in s.values]
    with_profit = len(series) > 2
    title = _text("chart.company_title" if with_profit else "chart.company_revenue_title", year=year, last=last)
    return Chart("company", title, category_axis(_text("chart.month"), months),
                 money_axis(_text("chart.amount" if with_profit else "chart.revenue"), values), tuple(series),
                 notes=tuple(table.notes))


def preference_chart(categories: Table) -> Chart:
    """客户偏好: each product category's share of the customer's net revenue, largest at the top."""
    rows = categories.rows[:TOP]
    labels = tuple(str(r["category"]) for r in rows)
    values = tuple(r["share"] for r in rows)
    customer = categories.params["customer"]
    code, _, name = customer.partition(" ")
    series = Series("share", _text("chart.share"), "hbar", values, role="accent", keys=labels,
                    labels=tuple(f"{lab}：{_percent(v)}，{_yuan(r['revenue'])}" for lab, v, r in zip(
                        labels, values, rows, strict=True)))
    return Chart("preference", _text("chart.preference_title", code=code, name=name, start=categories.params["start"],
                                     end=categories.params["end"]),
                 rate_axis(_text("chart.share")), category_axis(_text("chart.category"), labels), (series,))


# --- by name: `crm chart NAME` --------------------------------------------------------------------------------------

CHARTS = ("potential", "trend", "activity", "company", "margin", "rfm")


def build(session: Session, actor: Actor, name: str, **params: Any) -> Chart:
    """A chart by name with the parameters of `crm chart`: potential (as_of), trend (customer code, as_of),
    activity (first, last: 'YYYY-MM'), company (as_of), margin (start, end, group_by), rfm (as_of)."""
    if name == "potential":
        return potential_chart(analytics.potential_view(session, actor, params["as_of"]))
    if name == "trend":
        from app.customers import by_code

        customer = params.get("customer")
        if not customer:
            raise ValidationError("analysis.chart_needs", name=name, what="CUSTOMER")
        c = by_code(session, customer)
        return trend_chart(analytics.customer_trend(session, actor, c.id, params["as_of"]))
    if name == "activity":
        return activity_chart(analytics.report_for(session, actor, "activity", first=params["first"],
                                                   last=params["last"]))
    if name == "company":
        return company_chart(analytics.company_trend(session, actor, params["as_of"]))
    if name == "margin":
        return margin_chart(analytics.report_for(session, actor, "margin", start=params["start"], end=params["end"],
                                                 group_by=params.get("group_by", "customer")))
    if name == "rfm":
        return rfm_chart(analytics.report_for(session, actor, "rfm", as_of=params["as_of"]))
    raise UserError("analysis.unknown_chart", name=name, choices="|".join(CHARTS))
