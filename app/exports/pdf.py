"""PDF with reportlab: the shipped Chinese TrueType font embedded, A4 portrait or landscape by the table's width, a
page header (company, title, parameters), the header row repeated on every page and a footer (page x / y, printed
by, printed at). The print preview and the printer show these same pages (ui/ renders this PDF)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

import resources
from app.errors import UserError
from app.exports.common import Cancelled, Document, cell_text, param_text
from app.messages import msg
from app.tables import Column

FONT = "CJK"
MARGIN = 12 * mm
HEADER_SPACE = 22 * mm
FOOTER_SPACE = 10 * mm
CHUNK = 100  # rows per table flowable: reportlab splits small tables fast, one huge table slowly
NUMERIC = ("money", "rate", "int", "qty")
_registered: list[bool] = []


def register_font() -> str:
    """Register the shipped WenQuanYi Micro Hei (TrueType outlines, so it is embedded, as a subset)."""
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(resources.FONT), subfontIndex=0))
        _registered.append(True)
    return FONT


def style(size: float = 9, leading: float | None = None, **kw: Any) -> ParagraphStyle:
    """A paragraph style in the shipped font (one weight: emphasis is size and colour), wrapping Chinese."""
    register_font()
    return ParagraphStyle(f"s{size}{sorted(kw.items())}", fontName=FONT, fontSize=size,
                          leading=leading or size * 1.3, wordWrap="CJK", alignment=kw.pop("alignment", TA_LEFT),
                          **kw)


def text_width(text: str, size: float) -> float:
    register_font()
    return pdfmetrics.stringWidth(text, FONT, size)


# --- pages: header, footer, page x / y -----------------------------------------------------------


class NumberedCanvas(Canvas):
    """Keeps every page until the end so the footer can say "page x / y"."""

    def __init__(self, *args: Any, document: Document | None = None, **kwargs: Any) -> None:
        kwargs["initialFontName"] = FONT  # no Helvetica left in the file: every glyph from our font
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._document = document

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            draw_footer(self, self._document, total)
            super().showPage()
        super().save()


def draw_header(canvas: Canvas, doc: Document, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 9)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(MARGIN, height - MARGIN + 2 * mm, doc.company)
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, 14)
    canvas.drawString(MARGIN, height - MARGIN - 5 * mm, doc.title)
    if doc.params:
        canvas.setFont(FONT, 8.5)
        canvas.drawString(MARGIN, height - MARGIN - 10.5 * mm, param_text(doc.params))
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, height - MARGIN - 13 * mm, width - MARGIN, height - MARGIN - 13 * mm)
    canvas.restoreState()


def draw_footer(canvas: Canvas, doc: Document | None, total: int) -> None:
    width, _height = canvas._pagesize  # noqa: SLF001 - the page size of this page
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    page = str(msg("export.page", page=canvas.getPageNumber(), pages=total))
    canvas.drawCentredString(width / 2, MARGIN - 4 * mm, page)
    if doc is not None:
        who = str(msg("export.printed", by=doc.printed_by or "-", at=doc.printed_at.strftime("%Y-%m-%d %H:%M")))
        canvas.drawRightString(width - MARGIN, MARGIN - 4 * mm, who)
    canvas.restoreState()


def build(doc: Document, story: list[Flowable], out: str | Path | BinaryIO, pagesize: tuple[float, float] = A4,
          header: bool = True) -> None:
    """Lay `story` out on the document's pages (header on every page when `header`, footer always)."""
    register_font()
    width, height = pagesize

    def on_page(canvas: Canvas, _template: Any) -> None:
        if header:
            draw_header(canvas, doc, width, height)

    template = SimpleDocTemplate(
        out if hasattr(out, "write") else str(out), pagesize=pagesize, leftMargin=MARGIN,
        rightMargin=MARGIN, topMargin=MARGIN + (HEADER_SPACE if header else 0), bottomMargin=MARGIN + FOOTER_SPACE,
        title=doc.title, author=doc.printed_by, creator="crm-desktop", initialFontName=FONT, initialFontSize=9)
    try:
        template.build(story, onFirstPage=on_page, onLaterPages=on_page,
                       canvasmaker=lambda *a, **k: NumberedCanvas(*a, document=doc, **k))
    except OSError as exc:
        raise UserError("export.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None


# --- a table over pages --------------------------------------------------------------------------------


def column_widths(columns: Sequence[Column], sample: Sequence[dict[str, Any]], size: float,
                  totals: dict[str, Any] | None = None) -> list[float]:
    """Widths that fit the header and the widest of the sampled cells (text columns capped, they wrap)."""
    widths = []
    for c in columns:
        widest = max([text_width(c.title, size) + 4] + [text_width(cell_text(r.get(c.key), c.kind), size)
                                                         for r in [*sample, totals or {}]])
        cap = 70 * mm if c.kind not in NUMERIC else 45 * mm
        widths.append(min(widest + 14, cap))  # cell padding: 6 pt each side, and a little air
    return widths


def layout(columns: Sequence[Column], sample: Sequence[dict[str, Any]], totals: dict[str, Any] | None
           ) -> tuple[tuple[float, float], float, list[float]]:
    """(page size, font size, column widths): portrait when the table fits, else landscape, shrinking the font (and
    then the widths) until it fits the page's width."""
    for pagesize in (A4, landscape(A4)):
        usable = pagesize[0] - 2 * MARGIN
        for size in (9, 8, 7):
            widths = column_widths(columns, sample, size, totals)
            if sum(widths) <= usable:
                return pagesize, size, widths
    usable = landscape(A4)[0] - 2 * MARGIN
    widths = column_widths(columns, sample, 7, totals)
    scale = usable / sum(widths)
    return landscape(A4), 7, [w * scale for w in widths]


def _cells(row: dict[str, Any], columns: Sequence[Column], widths: Sequence[float], size: float,
           text_style: ParagraphStyle) -> list[Any]:
    out: list[Any] = []
    for c, width in zip(columns, widths, strict=True):
        text = cell_text(row.get(c.key), c.kind)
        # plain strings draw fast; only a text too wide for its column becomes a wrapping paragraph
        if c.kind not in NUMERIC and text and text_width(text, size) > width - 4:
            out.append(Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), text_style))
        else:
            out.append(text)
    return out


def table_story(doc: Document, rows: Iterable[dict[str, Any]], *, sample: Sequence[dict[str, Any]] = (),
                layout_of: tuple[tuple[float, float], float, list[float]] | None = None,
                progress: Callable[[int, int], None] | None = None, total_rows: int | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[Flowable]:
    """The table as flowables of CHUNK rows, each repeating the header row, the totals row bold at the end."""
    _pagesize, size, widths = layout_of or layout(doc.columns, sample, doc.totals)
    text_style = style(size, size * 1.2)
    header = [Paragraph(c.title, style(size, size * 1.2)) for c in doc.columns]
    numeric = [n for n, c in enumerate(doc.columns) if c.kind in NUMERIC]
    base = [("FONT", (0, 0), (-1, -1), FONT, size), ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    base += [("ALIGN", (n, 1), (n, -1), "RIGHT") for n in numeric]
    story: list[Flowable] = []
    chunk: list[list[Any]] = []

    def flush(last: bool) -> None:
        body = [header, *chunk]
        commands = list(base)
        if last and doc.totals:
            body.append([cell_text(doc.totals.get(c.key, doc.totals_label if n == 0 else None), c.kind)
                         for n, c in enumerate(doc.columns)])
            commands += [("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
                         ("TEXTCOLOR", (0, -1), (-1, -1), colors.black),
                         ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2"))]
        table = LongTable(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        story.append(table)

    for done, row in enumerate(rows, start=1):
        chunk.append(_cells(row, doc.columns, widths, size, text_style))
        if len(chunk) >= CHUNK:
            flush(False)
            chunk = []
            if cancelled is not None and cancelled():
                raise Cancelled
            if progress is not None:
                progress(done, max(total_rows or done, done))
    if chunk or not story:
        flush(True)
    elif doc.totals:
        chunk = []
        flush(True)
    for note in doc.notes_below:
        story += [Spacer(1, 3 * mm), Paragraph(note, style(8.5))]
    return story


def write_table_pdf(doc: Document, rows: Iterable[dict[str, Any]], out: str | Path | BinaryIO, *,
                    total_rows: int | None = None, progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> None:
    """A list or report as a PDF: its rows in the order given (the view's filter and sort)."""
    rows = list(rows)
    sample = rows[:300]
    shape = layout(doc.columns, sample, doc.totals)
    story = table_story(doc, rows, sample=sample, layout_of=shape, progress=progress, total_rows=total_rows,
                        cancelled=cancelled)
    try:
        build(doc, story, out, pagesize=shape[0])
    except Cancelled:
        if isinstance(out, str | Path):
            Path(out).unlink(missing_ok=True)
        raise


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
