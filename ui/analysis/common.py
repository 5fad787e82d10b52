"""What the 分析 pages share: the page frame (controls, table, chart, busy bar, export), the records dialog a figure
drills into, and saving a chart as a picture."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
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

from ui import ask, exporting
from ui.charts import MIN_PNG, ChartView, render_png
from ui.context import AppContext, qsettings
from ui.credit.tab import (
    EXPORT_KINDS,
    ListModel,
    Page,
    cell_style,
    cell_value,
    header_data,
    make_table,
    model_job,
    tr,
)
from ui.table_model import ColumnSpec, display

Index = QModelIndex | QPersistentModelIndex


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


class CompactModel(QAbstractTableModel):
    """ListModel's interface (ui.credit.tab) over a long result kept compact (app.analytics.Columns): the model holds
    the positions of the rows shown, in order, as an array of ints, and makes row objects (dicts, or objects with
    `.value(key)`) only for the rows painted, a page at a time, keeping the last few pages; sorting reads one
    column's values (`sort_value(key)`: a function of the position, None for an empty cell), not rows.

    `make_row(position)` and `sort_value` read the result the page holds; `alert(row, key)` paints a cell red."""

    PAGE = 100
    KEEP = 16  # pages of made rows kept, the least recently shown dropped first

    def __init__(self, columns: Sequence[ColumnSpec], alert: Callable[[Any, str], bool] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._alert = alert
        self._make: Callable[[int], Any] = lambda _p: None
        self._sort_value: Callable[[str], Callable[[int], Any] | None] = lambda _k: None
        self._shown = array("i")
        self._totals: Any = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._pages: dict[int, list[tuple[Any, list[str]]]] = {}

    # --- content ---------------------------------------------------------------------------------------------

    def set_source(self, count: int, make_row: Callable[[int], Any],
                   sort_value: Callable[[str], Callable[[int], Any] | None] | None = None,
                   shown: Iterable[int] | None = None, totals: Any = None,
                   columns: Sequence[ColumnSpec] | None = None) -> None:
        """A new result of `count` rows; `shown`: the positions shown, in order (default: all, in order)."""
        self.beginResetModel()
        if columns is not None:
            self.columns, self._sort = list(columns), None
        self._make, self._sort_value = make_row, sort_value or (lambda _k: None)
        self._totals = totals
        self._set_shown(range(count) if shown is None else shown)
        self.endResetModel()

    def show(self, positions: Iterable[int]) -> None:
        """Show these positions (a filter), in the order of the column sorted, if any, else in this order."""
        self.beginResetModel()
        self._set_shown(positions)
        self.endResetModel()

    def _set_shown(self, positions: Iterable[int]) -> None:
        self._shown = array("i", positions)
        self._pages.clear()
        if self._sort is not None:
            self._sort_shown(*self._sort)

    def make_row(self, position: int) -> Any:  # noqa: ANN401 - a dict or a row object
        """The row at a position of the result (shown or not)."""
        return self._make(position)

    def positions(self) -> array:
        """The positions shown, in order (a copy)."""
        return array("i", self._shown)

    def rows(self) -> list[Any]:
        """Every row shown, made now (for tests, and lists that are short)."""
        return [self._make(p) for p in self._shown]

    def lazy_rows(self) -> LazyRows:
        """The rows shown as they are now, made one at a time when read (an export in its worker)."""
        return LazyRows(array("i", self._shown), self._make)

    def totals(self) -> Any:  # noqa: ANN401 - a dict or a row object
        return self._totals

    def is_totals(self, row: int) -> bool:
        return self._totals is not None and row == len(self._shown)

    def row_at(self, row: int) -> Any:  # noqa: ANN401 - a dict or a row object
        """The row shown at `row` (None: the totals row or nothing)."""
        found = self._made(row)
        return None if found is None else found[0]

    def _made(self, row: int) -> tuple[Any, list[str]] | None:
        if not 0 <= row < len(self._shown):
            return None
        page = row // self.PAGE
        made = self._pages.pop(page, None)
        if made is None:
            keys = [(c.key, c.kind) for c in self.columns]
            made = []
            for position in self._shown[page * self.PAGE:(page + 1) * self.PAGE]:
                obj = self._make(position)
                made.append((obj, [_text(cell_value(obj, key), kind) for key, kind in keys]))
            if len(self._pages) >= self.KEEP:
                self._pages.pop(next(iter(self._pages)))
        self._pages[page] = made  # the last to drop
        return made[row - page * self.PAGE]

    # --- sorting: the header's click -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_shown(column, order)
        self._pages.clear()
        self.layoutChanged.emit()

    def _sort_shown(self, column: int, order: Qt.SortOrder) -> None:
        """As ListModel: by the column's values, stable, empty cells last either way."""
        key = self.columns[column].key
        value = self._sort_value(key)
        if value is None:
            make = self._make

            def value(position: int) -> Any:  # noqa: ANN401
                return cell_value(make(position), key)

        values = {p: value(p) for p in self._shown}
        present = [p for p in self._shown if values[p] is not None]
        missing = [p for p in self._shown if values[p] is None]
        present.sort(key=values.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._shown = array("i", present + missing)

    # --- Qt model interface ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._shown) + (self._totals is not None)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        column = self.columns[index.column()]
        totals = self.is_totals(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if totals:
                return _text(cell_value(self._totals, column.key), column.kind)
            made = self._made(index.row())
            return None if made is None else made[1][index.column()]
        def alert() -> bool:
            if self._alert is None:
                return False
            row = self._totals if totals else self.row_at(index.row())
            return row is not None and self._alert(row, column.key)

        return cell_style(role, column, totals, alert)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return header_data(self.columns, self.rowCount(), section, orientation, role)


def _text(value: Any, kind: str) -> str:
    """A cell as ListModel shows it: "title" cells (app/ titles) translated."""
    text = display(value, kind)
    return tr(text) if kind == "title" and text else text


class LazyRows(Sequence[Any]):
    """Rows at these positions, made when read."""

    def __init__(self, positions: array, make: Callable[[int], Any]) -> None:
        self._positions, self._make = positions, make

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, i: int) -> Any:  # type: ignore[override] - one item only
        return self._make(self._positions[i])

    def __iter__(self) -> Iterator[Any]:
        return (self._make(p) for p in self._positions)


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


def table_job(model: ListModel | CompactModel, title: str, params: list[tuple[str, str]], notes: list[str]
              ) -> exporting.TableJob:
    """A fully loaded list as a document (ui.credit.tab.model_job), a cell that is not a number or a date as text."""

    def cell(row: Any, spec: ColumnSpec) -> Any:  # noqa: ANN401 - a cell's value
        value = cell_value(row, spec.key)
        return value if spec.kind in EXPORT_KINDS or value is None else str(value)

    return model_job(model, title, params, notes, cell)


def table_of(page: Page) -> QTableView | None:
    views = page.tables()
    return views[0] if views else None
