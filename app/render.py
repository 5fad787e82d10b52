"""Renderings of a `Table` for the command line: CONTRACT.md JSON and an aligned text table."""
from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from app.tables import Table, jsonable, sort_by_first_column


def _param(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _money_kind_totals(table: Table) -> dict[str, Any]:
    kinds = {c.key: c.kind for c in table.columns}
    out: dict[str, Any] = {}
    for key, value in table.totals.items():
        if isinstance(value, dict):  # activity: per-month company figures
            out[key] = {k: jsonable(v, "rate" if k == "rate" else "int") for k, v in value.items()}
        else:
            out[key] = jsonable(value, kinds.get(key, "money"))
    return out


def to_json(table: Table) -> dict[str, Any]:
    kinds = {c.key: c.kind for c in table.columns}
    rows = [{k: jsonable(row.get(k), kinds[k]) for k in table.keys} for row in table.rows]
    if table.sort_rows and table.columns:
        rows = sort_by_first_column(rows, table.columns[0].key)
    return {
        "report": table.report,
        "params": {k: _param(v) for k, v in table.params.items()},
        "columns": table.keys,
        "rows": rows,
        "totals": _money_kind_totals(table),
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, kind: str) -> str:
    v = jsonable(value, kind)  # type: ignore[arg-type]
    if v is None:
        return "-"
    if kind == "rate":
        return f"{(Decimal(v) * 100).quantize(Decimal('0.01'))}%"
    if kind == "money":
        whole, _, frac = str(v).partition(".")
        sign = "-" if whole.startswith("-") else ""
        return f"{sign}{int(whole.lstrip('-')):,}.{frac}"
    return str(v)


def to_text(table: Table) -> str:
    headers = [c.title for c in table.columns]
    body = [[_cell(row.get(c.key), c.kind) for c in table.columns] for row in table.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(headers)]
    right = [c.kind in ("money", "rate", "int", "qty") for c in table.columns]

    def line(cells: list[str]) -> str:
        parts = []
        for i, text in enumerate(cells):
            pad = " " * (widths[i] - _width(text))
            parts.append(pad + text if right[i] else text + pad)
        return "  ".join(parts).rstrip()

    params = "，".join(f"{k}={_param(v)}" for k, v in table.params.items())
    out = [f"{table.title}（{params}）", line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    flat_totals = {k: v for k, v in table.totals.items() if not isinstance(v, dict)}
    if flat_totals:
        kinds = {c.key: c.kind for c in table.columns}
        cells = []
        for i, c in enumerate(table.columns):
            if c.key in flat_totals:
                cells.append(_cell(flat_totals[c.key], kinds[c.key]))
            else:
                cells.append("合计" if i == 0 else "")
        out += [line(["-" * w for w in widths]), line(cells)]
    for key, value in table.totals.items():
        if isinstance(value, dict):
            out.append(f"{key}: " + "，".join(f"{k}={_cell(v, 'rate' if k == 'rate' else 'int')}" for k, v in value.items()))
    out += table.notes
    out.append(f"共 {len(table.rows)} 行")
    return "\n".join(out)
