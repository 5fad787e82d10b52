"""What the settings pages share: a small row model (with drag-to-reorder), the page base and the edit dialog."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.changes import Changes
from app.errors import UserError
from ui import ask
from ui.context import AppContext, qsettings

Index = QModelIndex | QPersistentModelIndex
DIM = QColor("#8a8a8a")


def read(sessions: sessionmaker, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a read-only app/ function in a session of its own (in a worker thread)."""
    s: Session
    with sessions() as s:
        return fn(s, *args, **kwargs)


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    kind: str = "text"  # text | int | money | flag
    on: str = ""  # flag: the text for True / False
    off: str = ""


class RowsModel(QAbstractTableModel):
    """A small, fully loaded list of frozen rows (each with `.id`); optionally reordered by drag and drop,
    which only asks for the new order (order_requested) — the page saves it and reloads."""

    order_requested = Signal(list)
    MIME = "application/x-crm-row-ids"

    def __init__(self, columns: Sequence[Col], movable: bool = False, dim: Callable[[Any], bool] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.movable = movable
        self._dim = dim
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, row_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def _text(self, value: Any, column: Col) -> str:
        if column.kind == "flag":
            return column.on if value else column.off
        if value is None:
            return ""
        if column.kind == "money":
            return f"{Decimal(value):,.2f}"
        if column.kind == "int":
            return f"{value:,}"
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        value = getattr(row, column.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(value, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and self._dim is not None and self._dim(row):
            return DIM
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("int", "money"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    # --- drag and drop: ask for a new order, never move rows here ----------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self.movable:
            return flags
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsDropEnabled  # between rows, not onto one

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [self.MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(self.MIME, QByteArray(json.dumps([self._rows[r].id for r in rows]).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return self.movable and action == Qt.DropAction.MoveAction and data.hasFormat(self.MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moved = json.loads(bytes(data.data(self.MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        order = ([r.id for r in self._rows[:row] if r.id not in moved] + moved
                 + [r.id for r in self._rows[row:] if r.id not in moved])
        if order != [r.id for r in self._rows]:
            self.order_requested.emit(order)
        return True  # removeRows is not implemented, so the view removes nothing after a move


def table_view(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    return view


class Page(QWidget):
    """One page of the settings tab: loads when first shown (and again when what it shows changed)."""

    status_changed = Signal(str)
    key = "page"  # where its column widths are remembered
    watches: frozenset[str] = frozenset()  # ctx.changed kinds that make it reload

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: QTableView | None = None
        self._stale = True
        self._generation = 0
        self.loaded = False  # tests wait on it
        ctx.changed.connect(self._on_changed)

    # --- loading ----------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.load()

    def load(self) -> None:
        """Subclasses: fetch through self.fetch(...)."""
        self.loaded = True

    def fetch(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None], **kwargs: Any) -> None:
        """Read `fn(session, *args)` in a worker; only the answer to the latest request is shown."""
        self.loaded = False

        def done(result: Any) -> None:
            on_done(result)
            self.loaded = True
            self.status_changed.emit(self.status_text())

        self.ctx.query(lambda session, _actor: fn(session, *args, **kwargs), done=done, failed=self.failed,
                       owner=self, key="fetch")

    # --- acting -----------------------------------------------------------------------------------------------

    def act(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None) -> None:
        """Run a use case as the logged-in user; what it changed refreshes every open view."""
        self.ctx.op(fn, *args, done=on_done, failed=self.failed, owner=self)

    def failed(self, exc: Exception) -> None:
        ask.error(self, self.tr("无法完成"), exc)

    def confirm(self, title: str, text: str) -> bool:
        return ask.confirm(self, title, text, destructive=True)

    def shortcut(self, key: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], None]) -> QShortcut:
        sc = QShortcut(QKeySequence(key), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)
        return sc

    # --- for the tab ------------------------------------------------------------------------------------------

    def status_text(self) -> str:
        return ""

    def save_state(self) -> None:
        if self.view is not None:
            qsettings().setValue(f"settings/{self.key}/header", self.view.horizontalHeader().saveState())

    def restore_state(self) -> None:
        if self.view is not None:
            state = qsettings().value(f"settings/{self.key}/header")
            if state is not None:
                self.view.horizontalHeader().restoreState(state)


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #666")
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def button_column(buttons: Sequence[QPushButton]) -> QVBoxLayout:
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    return column


class EditDialog(QDialog):
    """A form whose OK runs a use case in a worker: a refusal shows in the dialog and keeps what was typed."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.busy = False
        self.setMinimumWidth(380)

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """Subclasses: the use case and its arguments after (sessions, actor); raise UserError for bad input."""
        raise NotImplementedError

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def submit(self) -> None:
        if self.busy:
            return
        try:
            fn, args = self.call()
        except UserError as exc:
            self.show_message(str(exc))
            return
        self.busy = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.ctx.op(fn, *args, done=self._done, failed=self._failed, owner=self)

    def _done(self, result: Any) -> None:
        self.busy = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.show_message(str(exc) if isinstance(exc, UserError) else self.tr("操作失败：{0}").format(exc))
