"""The one list-tab frame: filters → an id query in SQL (off the GUI thread, newest answer only) → a lazily paged
model, with sorting in SQL from the header, remembered column widths, actions that follow the selection and the
role, refresh when a use case changed what the list shows, and an error row with a retry when a page fails.

Customers, orders, returns, receipts and the credit overview are subclasses: they build their filters, name the
app/ functions that find the ids and read a page, and add their actions.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLayout, QToolBar, QVBoxLayout, QWidget

from app import auth
from app import settings as app_settings
from app.changes import Changes
from app.exports.common import Document
from app.tables import Column
from ui import exporting
from ui.context import AppContext, qsettings
from ui.table_model import PAGE, ColumnSpec, LazyTableModel, display, list_view, release_free_heap_soon
from ui.widgets.flash import FlashLabel

EXPORT_PAGE = 500
EXPORT_KINDS = {"money": "money", "int": "int", "date": "date", "rate": "rate"}  # the rest are text


def _export_value(value: Any, kind: str) -> Any:
    """A cell for the workbook: numbers and dates as they are, yes/no and titles as the text the list shows."""
    return display(value, kind) if kind in ("bool", "title") else value


class ListTab(QWidget):
    status_changed = Signal(str)
    loaded = Signal()  # a query's ids are in the table (tests wait on it)

    HEADER_KEY = "list/header"
    WATCHES: frozenset[str] = frozenset()  # change kinds (app.changes) that make this list stale
    WIDTHS: dict[str, int] = {}
    DEFAULT_WIDTH = 100
    MANY = False  # several rows can be selected
    MOVABLE = True  # columns can be reordered
    SORTABLE: frozenset[str] | None = None  # columns sortable in SQL (None: every column)
    DEFAULT_SORT: tuple[str | None, bool] = (None, True)  # (column, descending); None: the query's own order
    DEBOUNCE_MS = 150
    MATCHING: Callable[..., list[int]]  # app/: (session, actor, filter, sort, descending) -> ids in display order
    ROWS: Callable[..., list[Any]]  # app/: (session, ids) -> row objects with .id and .value(key)

    def __init__(self, ctx: AppContext, columns: Sequence[ColumnSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        self._keep_position = False
        self._sort = self.DEFAULT_SORT
        self.actions_: list[QAction] = []
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(self.DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)
        filters = self.build_filters()
        self.model = self.make_model(list(columns))
        self.model.fetch_failed.connect(self._page_failed)
        self.view = list_view(self.model, self.WIDTHS, default_width=self.DEFAULT_WIDTH, many=self.MANY,
                              movable=self.MOVABLE)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_actions())
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.message = FlashLabel()
        self.act_retry = QAction(self.tr("重试"), self)
        self.act_retry.setToolTip(self.tr("重新读取列表（F5）"))
        self.act_retry.triggered.connect(self.retry)
        self.act_retry.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        for item in filters:
            layout.addLayout(item) if isinstance(item, QLayout) else layout.addWidget(item)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self._restore_header()
        ctx.changed.connect(self.on_changed)

    # --- what subclasses say ----------------------------------------------------------------------------------

    def build_filters(self) -> list[QLayout | QWidget]:
        """The filter rows above the table (built before the model)."""
        return []

    def make_model(self, columns: list[ColumnSpec]) -> LazyTableModel:
        return LazyTableModel(columns, self._fetch, self)

    def current_filter(self) -> Any:
        raise NotImplementedError

    def noun(self, count: int) -> str:
        """'共 N 张销售单' — the status bar's count."""
        raise NotImplementedError

    def open_current(self) -> None:
        """Enter or double-click on a row."""

    def adjust_rows(self, rows: list[Any]) -> list[Any]:
        """A page's rows as the list shows them (e.g. titles in the interface language); runs on the GUI thread."""
        return rows

    def finish_toolbar(self) -> None:
        """Call after adding the actions: the message and the retry button go last, actions get their state."""
        self.toolbar.addAction(self.act_retry)
        self.toolbar.addWidget(self.message)
        self.update_actions()

    # --- querying ---------------------------------------------------------------------------------------------

    def refresh(self, keep_position: bool = False) -> None:
        """Query the ids again (off the GUI thread); a newer query makes older answers void."""
        self.debounce.stop()
        self._loading = True
        self._keep_position = self._keep_position or keep_position
        sort, descending = self._sort
        self.ctx.query(self._found, self.current_filter(), sort, descending, done=self._loaded,
                       failed=self._failed, owner=self, key="ids")

    def _matching(self, session: Any, actor: Any, flt: Any, sort: str | None, descending: bool) -> Any:
        """Runs off the GUI thread: the ids in display order (or (ids, extra), see `receive`)."""
        return type(self).MATCHING(session, actor, flt, sort, descending)

    def _found(self, session: Any, actor: Any, flt: Any, sort: str | None, descending: bool) -> tuple[Any, Any]:
        """Off the GUI thread: the query's answer and, for a plain id list, its first page of rows already
        formatted, so that showing the answer reads nothing on the GUI thread."""
        result = self._matching(session, actor, flt, sort, descending)
        if isinstance(result, tuple):
            return result, None
        first = self.model.formatted(self.adjust_rows(self.fetch_rows(session, result[:PAGE])))
        return result, first

    def fetch_rows(self, session: Any, ids: Sequence[int]) -> list[Any]:
        """The row objects of these ids, in their order (the table's pages, the export's chunks)."""
        return type(self).ROWS(session, ids)

    def _fetch(self, ids: Sequence[int]) -> list[Any]:
        with self.ctx.sessions() as s:  # one page by primary key: a few milliseconds
            return self.adjust_rows(self.fetch_rows(s, ids))

    def receive(self, extra: Any) -> None:
        """What MATCHING returned beside the ids, when it returns (ids, extra): figures the pages need."""

    def _loaded(self, found: tuple[list[int] | tuple[list[int], Any], Any]) -> None:
        result, first_page = found if isinstance(found, tuple) and len(found) == 2 and not isinstance(
            found[0], int) else (found, None)
        if isinstance(result, tuple):
            ids, extra = result
            self.receive(extra)
        else:
            ids = result
        keep, self._keep_position = self._keep_position, False
        selected = set(self.selected_ids()) if keep else set()
        current = self.current_id() if keep else None
        scroll = self.view.verticalScrollBar().value()
        self.model.set_ids_formatted(ids, first_page)
        self.act_retry.setVisible(False)
        if keep:
            self._reselect(ids, selected, current)
            self.view.verticalScrollBar().setValue(scroll)
        self._loading = False
        self.update_actions()
        self.emit_status()
        self.loaded.emit()
        release_free_heap_soon()  # what the query read and dropped off the GUI thread

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self._keep_position = False
        self.show_message(str(exc), error=True)
        self.act_retry.setVisible(True)
        self.emit_status()
        self.loaded.emit()

    def _page_failed(self, exc: Exception) -> None:
        self.show_message(self.tr("读取列表失败：{0}").format(exc), error=True)
        self.act_retry.setVisible(True)

    def retry(self) -> None:
        self.act_retry.setVisible(False)
        self.refresh(keep_position=True)

    def is_loading(self) -> bool:
        return self._loading or self.debounce.isActive()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.WATCHES):
            self.refresh(keep_position=True)

    def _reselect(self, ids: list[int], selected: set[int], current: int | None) -> None:
        if not selected and current is None:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        current_row = -1
        for row, cid in enumerate(ids):
            if cid in selected:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
            if cid == current:
                current_row = row
        if current_row >= 0:
            self.view.selectionModel().setCurrentIndex(self.model.index(current_row, 0),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # --- sorting and the header -------------------------------------------------------------------------------

    def _restore_header(self) -> None:
        header = self.view.horizontalHeader()
        state = qsettings().value(self.HEADER_KEY)
        if state is not None and header.restoreState(state):
            self._sort = self._sort_of(header.sortIndicatorSection(), header.sortIndicatorOrder())
            if self._sort[0] is None:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)

    def save_state(self) -> None:
        qsettings().setValue(self.HEADER_KEY, self.view.horizontalHeader().saveState())

    def _sort_of(self, section: int, order: Qt.SortOrder) -> tuple[str | None, bool]:
        if not 0 <= section < len(self.model.columns):
            return self.DEFAULT_SORT
        key = self.model.columns[section].key
        if self.SORTABLE is not None and key not in self.SORTABLE:
            return self.DEFAULT_SORT
        return key, order == Qt.SortOrder.DescendingOrder

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        sort = self._sort_of(section, order)
        if sort == self.DEFAULT_SORT and 0 <= section < len(self.model.columns) \
                and self.SORTABLE is not None and self.model.columns[section].key not in self.SORTABLE:
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            self.show_message(self.tr("「{0}」列不能排序").format(self.model.columns[section].title))
        self._sort = sort
        self.refresh()

    # --- selection and actions --------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def current_row(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_of(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for r in self.view.selectionModel().selection():
            rows.update(range(r.top(), r.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(row) for row in self.selected_rows() if row < self.model.rowCount()]

    def selected_count(self) -> int:
        return sum(r.bottom() - r.top() + 1 for r in self.view.selectionModel().selection())

    def _selection_changed(self) -> None:
        self.update_actions()
        self.emit_status()

    def add_action(self, text: str, slot: Callable[[], None], permission: str | None = None,
                   needs_selection: bool = True, tip: str = "", applies: Callable[[Any], bool] | None = None,
                   toolbar: bool = True) -> QAction:
        """An action of the list: enabled when the role holds `permission`, a row is selected (`needs_selection`)
        and `applies(current row)` says so (e.g. the order's status)."""
        action = QAction(text, self)
        action.triggered.connect(slot)
        action.setProperty("permission", permission)
        action.setProperty("needs_selection", needs_selection)
        action.setData(applies)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions_.append(action)
        return action

    def busy(self) -> bool:
        """A long operation of the list is running: its actions wait."""
        return False

    def update_actions(self) -> None:
        has_selection = self.view.selectionModel().hasSelection() or self.current_id() is not None
        row = None
        for action in self.actions_:
            permission = action.property("permission")
            allowed = permission is None or auth.can(self.ctx.actor, permission)
            needs = bool(action.property("needs_selection"))
            applies = action.data()
            if callable(applies):
                row = row if row is not None else self.current_row()
                fits = row is not None and applies(row)
            else:
                fits = True
            action.setEnabled(allowed and (has_selection or not needs) and fits and not self.busy())
            if not allowed:
                action.setToolTip(self.tr("您没有此权限"))

    # --- export and print: the rows shown, in the order shown ---------------------------------------------------

    def export_title(self) -> str:
        """The title of the list's workbook and printout."""
        return self.tr("列表")

    def filter_params(self) -> list[tuple[str, str]]:
        """The filter as (label, value) pairs for the printout's header (only what narrows the list)."""
        return []

    def table_job(self) -> exporting.TableJob:
        """What the list shows (its ids in display order, its columns as titled) as a document made off the GUI
        thread: the rows come page by page through the same app/ function the table reads."""
        ids = self.model.ids()
        specs = list(self.model.columns)
        columns = [Column(c.key, c.title, EXPORT_KINDS.get(c.kind, "text")) for c in specs]
        title, params, fetch, adjust = self.export_title(), self.filter_params(), self.fetch_rows, self.adjust_rows

        def make(session: Any, actor: Any) -> tuple[Document, Any, int]:
            company = app_settings.load(session).company_name

            def rows() -> Any:
                for start in range(0, len(ids), EXPORT_PAGE):
                    for row in adjust(fetch(session, ids[start:start + EXPORT_PAGE])):
                        yield {c.key: _export_value(row.value(c.key), c.kind) for c in specs}

            return Document(title, columns, params, company=company, printed_by=actor.login), rows(), len(ids)

        return exporting.TableJob(title, make)

    def export(self) -> None:
        exporting.export_xlsx(self.ctx, self, self.table_job(), report=self.show_message)

    def print_preview(self) -> None:
        exporting.preview(self.ctx, self, self.table_job())

    def print_(self) -> None:
        exporting.print_now(self.ctx, self, self.table_job())

    def export_pdf(self) -> None:
        exporting.save_pdf(self.ctx, self, self.table_job())

    # --- main window hooks ------------------------------------------------------------------------------------

    def status_text(self) -> str:
        if self._loading and not self.model.rowCount():
            return self.tr("正在查询…")
        text = self.noun(self.model.rowCount())
        if self.MANY and self.selected_count() > 1:
            text += self.tr("，已选 {0:,} 个").format(self.selected_count())
        return text

    def emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.flash(text, error)

    def focus_table(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
