"""A lazily paged table model: it holds only the ids in display order and fetches rows a page at a time."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

PAGE = 200
KEEP_PAGES = 8  # pages of rows kept, the least recently shown dropped first: a screen and the pages next to it
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    title: str
    kind: str = "text"  # text | money | int | date | bool | rate


def display(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    if kind == "bool":
        return QCoreApplication.translate("TableModel", "是") if value else ""
    if kind == "rate":
        return f"{Decimal(value) * 100:.2f}%"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


FAILED = object()  # a page whose fetch failed: shown as an error row until retried


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None (another C library, another system)."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_heap() -> None:
    """Give the C heap's free pages back to the system. A view that read 100,000 rows off the GUI thread leaves tens
    of MB free in the heap of the thread that read them, which glibc keeps for later (~30 MB with every tab opened,
    benchmarks/tabs.py); only memory already free is released, in a few milliseconds. Elsewhere nothing happens."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def release_free_heap_soon() -> None:
    """release_free_heap once the event being handled is done (and the result it delivered has been dropped)."""
    QTimer.singleShot(0, release_free_heap)


class LazyTableModel(QAbstractTableModel):
    """Rows are objects with `.id` and `.value(key)`; `fetch(ids)` returns them in the order asked.

    A page whose fetch fails (a dropped server connection while scrolling) is not fetched again on every paint: its
    rows show one error text, `fetch_failed` says why once, and `retry()` tries again."""

    fetch_failed = Signal(object)  # the exception of a failed page fetch

    def __init__(self, columns: Sequence[ColumnSpec], fetch: Callable[[Sequence[int]], list[Any]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._ids = array("q")  # 8 bytes an id, not a list of int objects (~36 bytes each)
        self._pages: dict[int, Any] = {}

    # --- content ---------------------------------------------------------------------------------------------

    def set_ids(self, ids: list[int]) -> None:
        self.set_ids_formatted(ids, None)

    def set_ids_formatted(self, ids: Sequence[int], first_page: list[tuple[Any, list[str]]] | None) -> None:
        """set_ids with a first page formatted already (off the GUI thread)."""
        self.beginResetModel()
        self._ids = array("q", ids)
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self.endResetModel()

    def formatted(self, rows: list[Any]) -> list[tuple[Any, list[str]]]:
        """Each row with its cells as shown, made once per page: painting reads text, not values."""
        columns = [(c.key, c.kind) for c in self.columns]
        return [(row, [display(row.value(key), kind) for key, kind in columns]) for row in rows]

    def invalidate(self) -> None:
        """Rows changed but not their order: drop cached pages and repaint."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, row: int) -> Any:
        """The row object, or None (not found any more, or its page failed: see `failed_at`)."""
        page = row // PAGE
        if page not in self._pages:
            try:
                self._pages[page] = self.formatted(self._fetch(self._ids[page * PAGE:(page + 1) * PAGE].tolist()))
            except Exception as exc:  # noqa: BLE001 - any failure: an error row and one message, not one per cell
                self._pages[page] = FAILED
                self.fetch_failed.emit(exc)
            while len(self._pages) > KEEP_PAGES:  # a view keeps what it shows, not what it showed
                self._pages.pop(next(iter(self._pages)))
        found = self._cell_texts(row)
        return None if found is None else found[0]

    def _cell_texts(self, row: int) -> tuple[Any, list[str]] | None:
        page = row // PAGE
        if page not in self._pages:
            self.row_of(row)
        elif next(reversed(self._pages)) != page:  # shown again: the last to drop
            self._pages[page] = self._pages.pop(page)
        rows = self._pages.get(page)
        if rows is None or rows is FAILED:
            return None
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def row_at(self, row: int) -> Any:
        return self.row_of(row) if 0 <= row < len(self._ids) else None

    def rows(self) -> list[Any]:
        """Every row, in order (fetches every page: for tests and small lists)."""
        return [r for r in (self.row_of(n) for n in range(len(self._ids))) if r is not None]

    def failed_at(self, row: int) -> bool:
        return self._pages.get(row // PAGE) is FAILED

    def has_failed(self) -> bool:
        return any(page is FAILED for page in self._pages.values())

    def retry(self) -> None:
        """Fetch the failed pages again when next painted."""
        failed = [page for page, rows in self._pages.items() if rows is FAILED]
        for page in failed:
            del self._pages[page]
        if failed and self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    # --- Qt model interface ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("money", "int", "rate"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        found = self._cell_texts(index.row())
        if found is None:
            if self.failed_at(index.row()):
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QColor("#b00020")
                if index.column() == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    return QCoreApplication.translate("TableModel", "读取失败（按 F5 重试）")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None
        row, texts = found
        return row.value(column.key) if role == Qt.ItemDataRole.UserRole else texts[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


def list_view(model: QAbstractTableModel, widths: dict[str, int], default_width: int = 90, many: bool = False,
              movable: bool = True) -> QTableView:
    """The house list: whole rows selected (`many`: several), read-only, compact fixed-height rows, headers that
    sort in SQL (a third click clears the sort), movable columns sized from `widths`."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if many
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setSectionsMovable(movable)
    header.setHighlightSections(False)
    for n, column in enumerate(model.columns):  # type: ignore[attr-defined] - the house models name their columns
        header.resizeSection(n, widths.get(column.key, default_width))
    return view
