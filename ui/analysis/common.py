"""What the 分析 pages share: the page frame (controls, table, chart, busy bar, export), the records dialog a figure
drills into, and saving a chart as a picture."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import settings as app_settings
from app.exports.common import Document
from app.tables import Column
from ui import ask, exporting
from ui.charts import MIN_PNG, ChartView, render_png
from ui.context import AppContext, qsettings
from ui.credit.tab import ListModel, Page, make_table
from ui.table_model import ColumnSpec

KINDS = {"money": "money", "int": "int", "date": "date", "rate": "rate", "qty": "qty"}


def month_edit(day: date) -> QDateEdit:
    """A month picker (yyyy-MM)."""
    edit = QDateEdit(QDate(day.year, day.month, 1))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM")
    return edit


def month_of(edit: QDateEdit) -> str:
    return edit.date().toPython().strftime("%Y-%m")


def totals_row(columns: Sequence[ColumnSpec], **values: Any) -> dict[str, Any]:
    """A totals row with every column (blank where nothing adds up)."""
    return {**dict.fromkeys(c.key for c in columns), **values}


def status_title(title: str) -> str:
    """A customer status (models.customers.STATUSES' title) in the interface language (its English: CustomersTab)."""
    return QCoreApplication.translate("CustomersTab", title)


def label_of(code: str | None, name: str | None) -> str:
    return " ".join(x for x in (code, name) if x)


class AnalysisPage(Page):
    """A page of the 分析 tab: a row of controls, a table, perhaps a chart beside or below it; its figures are
    computed off the GUI thread (Page.load: the newest request wins, a busy bar meanwhile)."""

    SPLITTER_KEY = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controls = QHBoxLayout()
        self.again = QPushButton(self.tr("刷新"))
        self.again.setAutoDefault(False)
        self.again.clicked.connect(self.refresh)
        self.last_dialog: RecordsDialog | None = None

    def follow_as_of(self, set_dates: Callable[[date], None], *edits: QWidget) -> None:
        """The main window's as-of date moved: take it over quietly and compute again when next shown."""
        def moved(day: date) -> None:
            for edit in edits:
                edit.blockSignals(True)
            try:
                set_dates(day)
            finally:
                for edit in edits:
                    edit.blockSignals(False)
            self.stale = True

        self.ctx.as_of_changed.connect(moved)

    def finish_layout(self, body: QWidget, hint: str = "") -> None:
        self.controls.addWidget(self.again)
        self.controls.addWidget(self.busy)
        self.controls.addStretch(1)
        if hint:
            tip = QLabel(hint)
            tip.setStyleSheet("color: #666")
            self.controls.addWidget(tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.controls)
        layout.addWidget(body, 1)
        layout.addWidget(self.message)

    def splitter(self, orientation: Qt.Orientation, *widgets: QWidget, sizes: Sequence[int] = ()) -> QSplitter:
        split = QSplitter(orientation)
        for w in widgets:
            split.addWidget(w)
        if sizes:
            split.setSizes(list(sizes))
        for n in range(len(widgets)):
            split.setCollapsible(n, False)
        return split

    def chart_view(self) -> ChartView:
        view = ChartView()
        view.save_png.connect(lambda v=view: save_chart(self, v))
        return view

    def export_title(self) -> str:
        return self.title_text()

    def title_text(self) -> str:
        return ""

    def table_job(self) -> exporting.TableJob | None:
        """The page's table as shown (rows, order, totals); its cells are made in the export's worker."""
        view = table_of(self)
        if view is None or view.model().rowCount() == 0:
            return None
        return table_job(view.model(), self.export_title(), self.export_params(), self.export_notes())

    def open_records(self, title: str, columns: list[ColumnSpec], fn: Callable[..., Any], *args: Any,
                     rows_of: Callable[[Any], list[Any]] = list, note: Callable[[Any], str] | None = None) -> None:
        """Compute the records behind a figure off the GUI thread, then list them in a dialog."""
        def show(result: Any) -> None:
            rows = rows_of(result)
            dialog = RecordsDialog(self.ctx, title, columns, rows, note(result) if note else "", self)
            self.last_dialog = dialog
            dialog.open()

        def failed(exc: Exception) -> None:
            self.show_message(str(exc), error=True)

        self.ctx.query(fn, *args, done=show, failed=failed, owner=self, key="records")

    def open_customer(self, customer_id: int | None) -> None:
        if customer_id is None:
            return
        from ui.customers.card import open_card

        open_card(self.ctx, self, customer_id)


def save_chart(parent: QWidget, view: ChartView) -> None:
    """导出图片: the chart as a PNG where the user chooses."""
    if view.chart is None:
        return
    from pathlib import Path

    folder = qsettings().value(exporting.FOLDER_KEY, str(Path.home()), str)
    name = "".join("_" if c in '\\/:*?"<>|' else c for c in view.chart.title)[:60] or "chart"
    title = QCoreApplication.translate("AnalysisPage", "导出图片")
    chosen = ask.save_file(parent, title, str(Path(folder) / f"{name}.png"),
                           QCoreApplication.translate("AnalysisPage", "PNG 图片 (*.png)"))
    if not chosen:
        return
    path = Path(chosen)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    try:
        if view.canvas.width() >= MIN_PNG[0] and view.canvas.height() >= MIN_PNG[1]:
            view.write_png(path)  # as shown, zoom included
        else:  # a narrow pane: the chart at the size `crm chart` draws
            render_png(view.chart, path)
    except OSError as exc:
        ask.error(parent, title, QCoreApplication.translate("AnalysisPage", "无法写入文件 {0}：{1}").format(path, exc))
        return
    qsettings().setValue(exporting.FOLDER_KEY, str(path.parent))
    if isinstance(parent, Page):
        parent.show_message(QCoreApplication.translate("AnalysisPage", "图片已保存到 {0}").format(path))


class RecordsDialog(QDialog):
    """The customers or documents behind a figure: a sortable list with 导出 Excel and 打印预览; double-clicking a
    row opens its customer's card."""

    def __init__(self, ctx: AppContext, title: str, columns: list[ColumnSpec], rows: list[Any], note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.title = ctx, title
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold")
        heading.setWordWrap(True)
        self.model = ListModel(columns, parent=self)
        self.model.set_rows(rows)
        widths = {c.key: 200 if c.key in ("customer_name", "name") else 110 for c in columns}
        self.view = make_table(self.model, "analysis/records/header", widths)
        self.view.doubleClicked.connect(self._open)
        self.summary = QLabel(note or self.tr("共 {0:,} 行；双击一行打开客户资料").format(len(rows)))
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        for text, run in ((self.tr("导出 Excel"), self.export), (self.tr("打印预览"), self.print_preview)):
            button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
            button.clicked.connect(run)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(860, 480)

    def rows(self) -> list[Any]:
        return self.model.rows()

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        cid = row.get("customer_id") if isinstance(row, dict) else None
        if cid is not None:
            from ui.customers.card import open_card

            open_card(self.ctx, self, cid)

    def table_job(self) -> exporting.TableJob:
        return table_job(self.model, self.title, [], [self.summary.text()])

    def export(self) -> None:
        exporting.export_xlsx(self.ctx, self, self.table_job())

    def print_preview(self) -> None:
        exporting.preview(self.ctx, self, self.table_job())


def table_job(model: ListModel, title: str, params: list[tuple[str, str]], notes: list[str]) -> exporting.TableJob:
    """A fully loaded list as a document, its cells made in the export's worker (a list can hold 100,000 rows)."""
    specs = list(model.columns)
    columns = [Column(c.key, c.title, KINDS.get(c.kind, "text")) for c in specs]
    rows, totals = model.rows(), model.totals()

    def cell(row: Any, spec: ColumnSpec) -> Any:
        value = row.get(spec.key) if isinstance(row, dict) else row.value(spec.key)
        if spec.kind in KINDS or value is None:
            return value
        return str(value)

    def make(session: Any, actor: Any) -> tuple[Document, list[dict[str, Any]], int]:
        body = [{c.key: cell(r, c) for c in specs} for r in rows]
        total = None if totals is None else {c.key: cell(totals, c) for c in specs}
        document = Document(title, columns, params, totals=total, notes_below=notes, printed_by=actor.login,
                            company=app_settings.load(session).company_name)
        return document, body, len(body)

    return exporting.TableJob(title, make)


def table_of(page: Page) -> QTableView | None:
    views = page.tables()
    return views[0] if views else None
