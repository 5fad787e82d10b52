"""The one pinyin picker: customers, salespeople, products and code-table entries, narrowed as the user types."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPalette, QPixmap, QPolygon
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from app import pick
from app.pick import Choice
from ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
Load = Callable[[Any], list[Choice]]  # session -> every choice (matched in Python)
Query = Callable[[Any, str], list[Choice]]  # session, typed text -> ranked choices (matched in SQL)
Lookup = Callable[[Any, int], Choice | None]  # session, id -> the choice, for showing a set id
VISIBLE_ROWS = 12
DEBOUNCE_MS = 60


class ChoiceListModel(QAbstractListModel):
    """The choices shown in the popup; when none match, one disabled row says so."""

    def __init__(self, label: Callable[[Choice], str], empty_text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._choices: list[Choice] = []
        self.empty_text = empty_text

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self.endResetModel()

    def choices(self) -> list[Choice]:
        return list(self._choices)

    def choice(self, row: int) -> Choice | None:
        return self._choices[row] if 0 <= row < len(self._choices) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else max(1, len(self._choices))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not self._choices:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        item = self.choice(index.row())
        if item is None:  # the "nothing matches" row
            if role == Qt.ItemDataRole.DisplayRole:
                return self.empty_text
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#888888")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._label(item)
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None


def _arrow_icon(color: QColor) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygon([QPoint(4, 6), QPoint(12, 6), QPoint(8, 11)]))
    painter.end()
    return QIcon(pixmap)


class Picker(QLineEdit):
    """Editable: typing narrows the popup list at once; ↑/↓ move, Enter picks, Esc restores; F4 or Alt+↓ lists all.

    current_id() is the picked id (None: nothing); picked(id) is emitted when the user picks (not by set_current_id).
    An emptied picker picks nothing."""

    picked = Signal(object)
    choices_changed = Signal()  # the popup list was refilled (tests wait on it)

    def __init__(self, ctx: AppContext, *, load: Load | None = None, query: Query | None = None,
                 lookup: Lookup | None = None, label: Callable[[Choice], str] | None = None,
                 include_inactive: bool = False, reload_on: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if (load is None) == (query is None):
            raise ValueError("a picker needs either load or query")
        self.ctx = ctx
        self._load, self._query, self._lookup = load, query, lookup
        self._label = label or _code_and_name
        self._include_inactive = include_inactive
        self._reload_on = set(reload_on)
        self._all: list[Choice] | None = None
        self._current: Choice | None = None
        self._generation = 0
        self._pick_when_ready = False
        self._awaiting = False
        self._pending_text = ""
        self.model = ChoiceListModel(self._label, self.tr("没有匹配的项目"), self)
        self.popup = QListView()
        self.popup.setWindowFlags(Qt.WindowType.Popup)
        self.popup.setModel(self.model)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.popup.setUniformItemSizes(True)
        self.popup.setStyleSheet("QListView::item { padding: 3px 4px; }")
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.popup.installEventFilter(self)
        self.popup.clicked.connect(lambda index: self._pick_row(index.row()))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_query)
        self.textEdited.connect(self._edited)
        arrow = self.addAction(_arrow_icon(self.palette().color(QPalette.ColorRole.Text)),
                               QLineEdit.ActionPosition.TrailingPosition)
        arrow.setToolTip(self.tr("列出全部（F4）"))
        arrow.triggered.connect(self.show_all)
        if self._reload_on:
            ctx.changed.connect(self._on_changed)

    # --- the four kinds ---------------------------------------------------------------------------------------

    @classmethod
    def for_customers(cls, ctx: AppContext, parent: QWidget | None = None) -> Picker:
        p = cls(ctx, query=lambda s, text: pick.customers(s, ctx.actor, text), lookup=pick.customer,
                reload_on=("customer",), parent=parent)
        p.setPlaceholderText(QCoreApplication.translate("Picker", "编码 / 名称 / 拼音 / 助记码"))
        return p

    @classmethod
    def for_products(cls, ctx: AppContext, parent: QWidget | None = None) -> Picker:
        p = cls(ctx, query=pick.products, lookup=pick.product, reload_on=("product",), parent=parent)
        p.setPlaceholderText(QCoreApplication.translate("Picker", "编码 / 名称 / 拼音"))
        return p

    @classmethod
    def for_salespeople(cls, ctx: AppContext, include_shared_pool: bool = False, include_former: bool = False,
                        parent: QWidget | None = None) -> Picker:
        """Employed salespeople (and those who left when include_former); 公司共享客户 first when
        include_shared_pool — its id is app.pick.SHARED_POOL_ID, app.pick.owner_id() turns it into None."""
        return cls(ctx, load=lambda s: pick.salespeople(s, include_shared_pool, include_former=True),
                   include_inactive=include_former, reload_on=("salesperson",), parent=parent)

    @classmethod
    def for_codes(cls, ctx: AppContext, kind: str, parent: QWidget | None = None) -> Picker:
        """Active entries of one code table in their sort order (an inactive one still shows when set)."""
        return cls(ctx, load=lambda s: pick.codes(s, kind, include_inactive=True), label=lambda c: c.name,
                   reload_on=("code",), parent=parent)

    # --- public API -------------------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        return None if self._current is None else self._current.id

    def current_choice(self) -> Choice | None:
        return self._current

    def set_current_id(self, choice_id: int | None) -> None:
        """Show this id as picked (no picked signal); an unknown id picks nothing."""
        self._current = None if choice_id is None else self._find(choice_id)
        self._restore()

    def clear_choice(self) -> None:
        self.set_current_id(None)

    def popup_choices(self) -> list[Choice]:
        return self.model.choices()

    def show_all(self) -> None:
        """Open the list unfiltered (a search picker: the first ones by code)."""
        if not self.isEnabled() or self.isReadOnly():
            return
        self.setFocus()
        self._filter("")

    # --- matching ---------------------------------------------------------------------------------------------

    def _choices(self) -> list[Choice]:
        if self._all is None:
            with self.ctx.sessions() as s:
                self._all = self._load(s)  # type: ignore[misc]
        return self._all

    def _find(self, choice_id: int) -> Choice | None:
        if self._load is not None:
            return next((c for c in self._choices() if c.id == choice_id), None)
        if self._lookup is None:
            return None
        with self.ctx.sessions() as s:
            return self._lookup(s, choice_id)

    def _edited(self, text: str) -> None:
        if not text.strip() and self._current is not None:
            self._commit(None)
        self._filter(text)

    def _filter(self, text: str) -> None:
        if self._load is not None:
            shown = [c for c in self._choices() if c.active or self._include_inactive]
            self._show(pick.filter_choices(shown, text))
        else:
            self._pending_text = text
            self._generation += 1
            self._awaiting = True
            self._timer.start()

    def _run_query(self) -> None:
        generation, text = self._generation, self._pending_text

        self.ctx.query(lambda s, _actor: self._query(s, text), owner=self, key="choices",  # type: ignore[misc]
                       done=lambda found: self._arrived(generation, found),
                       failed=lambda _exc: self._arrived(generation, []))

    def _arrived(self, generation: int, found: list[Choice]) -> None:
        if generation != self._generation or not self._awaiting:  # typed on, or the user closed the list
            return
        self._awaiting = False
        self._show(found)
        if self._pick_when_ready:
            self._pick_when_ready = False
            self._pick_row(0)

    def is_querying(self) -> bool:
        """A search picker is waiting for the answer to what was typed."""
        return self._awaiting

    def _cancel_query(self) -> None:
        self._generation += 1
        self._awaiting = self._pick_when_ready = False
        self._timer.stop()

    # --- popup ------------------------------------------------------------------------------------------------

    def _show(self, choices: list[Choice]) -> None:
        self.model.set_choices(choices)
        self.choices_changed.emit()
        if choices:
            current = next((n for n, c in enumerate(choices) if self._current and c.id == self._current.id), 0)
            self.popup.setCurrentIndex(self.model.index(current, 0))
        self._place_popup()
        if not self.popup.isVisible():
            self.popup.show()

    def _place_popup(self) -> None:
        rows = min(VISIBLE_ROWS, self.model.rowCount())
        row_height = max(self.popup.sizeHintForRow(0), self.fontMetrics().height() + 6)
        frame = self.popup.frameWidth() * 2
        width = max(self.width(), min(480, max(280, self.popup.sizeHintForColumn(0) + frame + 24)))
        height = rows * row_height + frame
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = (self.screen().availableGeometry() if self.screen() else QRect(0, 0, 4000, 4000))
        if below.y() + height > screen.bottom() and self.mapToGlobal(QPoint(0, 0)).y() - height > screen.top():
            below = self.mapToGlobal(QPoint(0, -height))
        x = min(below.x(), max(screen.left(), screen.right() - width))
        self.popup.setGeometry(x, below.y(), width, height)

    def _move(self, step: int) -> None:
        count = len(self.model.choices())
        if not count:
            return
        row = self.popup.currentIndex().row()
        row = max(0, min(count - 1, (row if row >= 0 else -1) + step))
        self.popup.setCurrentIndex(self.model.index(row, 0))

    def _pick_row(self, row: int) -> None:
        choice = self.model.choice(row)
        if choice is None:
            return
        self.popup.hide()
        self._commit(choice)

    def _commit(self, choice: Choice | None) -> None:
        changed = self.current_id() != (None if choice is None else choice.id)
        self._cancel_query()
        self._current = choice
        self._restore()
        if changed:
            self.picked.emit(self.current_id())

    def _restore(self) -> None:
        self.setText("" if self._current is None else self._label(self._current))
        if self.hasFocus():
            self.selectAll()
        else:
            self.setCursorPosition(0)

    def _edited_away(self) -> bool:
        """The text is not the picked choice's label (the user typed something not yet picked)."""
        return self.text() != ("" if self._current is None else self._label(self._current))

    # --- keyboard and focus -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        open_ = self.popup.isVisible()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            if not open_ or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self._filter(self.text() if self._edited_away() else "")
            else:
                self._move({Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: VISIBLE_ROWS,
                            Qt.Key.Key_PageUp: -VISIBLE_ROWS}[key])
            return
        if key == Qt.Key.Key_F4:
            if open_:
                self.popup.hide()
            else:
                self._filter(self.text() if self._edited_away() else "")
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.is_querying() and self.text().strip():
                self._pick_when_ready = True
                return
            if open_ and self.model.choices():
                self._pick_row(max(0, self.popup.currentIndex().row()))
                return
            if not self.text().strip():
                self._commit(None)
            elif self._edited_away():
                found = self.model.choices()
                if found:
                    self._pick_row(0)
                    return
            event.ignore()  # nothing to pick: let the dialog's default button have it
            return
        if key == Qt.Key.Key_Escape:
            was_querying = self.is_querying()
            self._cancel_query()
            if open_ or was_querying or self._edited_away():
                self.popup.hide()
                self._restore()
                return
            event.ignore()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The popup grabs the keyboard while open: hand the keys to the editor, as QCompleter does."""
        if watched is self.popup and event.type() == QEvent.Type.KeyPress:
            self.keyPressEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            QTimer.singleShot(0, self.selectAll)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason or self.popup.isVisible():
            return
        if not self.text().strip():
            self._commit(None)
        elif self._edited_away():
            self._restore()  # typed but never picked: keep what was picked

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.popup.hide()
        super().hideEvent(event)  # type: ignore[arg-type]

    def _on_changed(self, changes: Any) -> None:
        if changes.touches(*self._reload_on):
            self._all = None
            if self._current is not None and not self._edited_away():
                self._current = self._find(self._current.id) or self._current
                self._restore()


def _code_and_name(choice: Choice) -> str:
    return f"{choice.code} {choice.name}" if choice.code else choice.name
