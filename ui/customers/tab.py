"""客户 tab: search and filter any number of customers, sort in SQL, open cards, change many customers at once."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import auth, customer_list, customer_service, pick
from app.context import Actor
from app.customer_list import COLUMNS, SORT_COLUMNS, CustomerFilter
from models.customers import GRADES, STATUSES
from ui.context import AppContext, qsettings
from ui.customers.batch import (
    AttributesDialog,
    BatchDialog,
    BlacklistDialog,
    CreditDialog,
    HandOverDialog,
    ReassignDialog,
    StatusDialog,
)
from ui.customers.card import CustomerCardDialog, open_card, show_error
from ui.table_model import ColumnSpec, LazyTableModel, list_view
from ui.widgets.flash import FlashLabel
from ui.widgets.picker import Picker

DEBOUNCE_MS = 25
PROGRESS_FROM = 200  # batches larger than this show a progress dialog
HEADER_KEY = "customers/header"
WIDTHS = {"code": 90, "name": 240, "short_name": 100, "mnemonic": 100, "type": 80, "region": 70, "industry": 80,
          "owner": 100, "status": 56, "grade": 64, "blacklisted": 56, "term_days": 70, "credit_limit": 100,
          "phone": 110, "created": 90}
# The column titles (app.customer_list.COLUMNS) and statuses (models.customers.STATUSES) reach self.tr() as variables,
# which lupdate cannot read: these markers put them in the .ts file under this tab's context.
_TRANSLATABLE_TITLES = (
    QT_TRANSLATE_NOOP("CustomersTab", "客户编码"),
    QT_TRANSLATE_NOOP("CustomersTab", "客户名称"),
    QT_TRANSLATE_NOOP("CustomersTab", "简称"),
    QT_TRANSLATE_NOOP("CustomersTab", "助记码"),
    QT_TRANSLATE_NOOP("CustomersTab", "客户类型"),
    QT_TRANSLATE_NOOP("CustomersTab", "地区"),
    QT_TRANSLATE_NOOP("CustomersTab", "行业"),
    QT_TRANSLATE_NOOP("CustomersTab", "负责销售员"),
    QT_TRANSLATE_NOOP("CustomersTab", "状态"),
    QT_TRANSLATE_NOOP("CustomersTab", "信用等级"),
    QT_TRANSLATE_NOOP("CustomersTab", "黑名单"),
    QT_TRANSLATE_NOOP("CustomersTab", "账期(天)"),
    QT_TRANSLATE_NOOP("CustomersTab", "信用额度"),
    QT_TRANSLATE_NOOP("CustomersTab", "联系电话"),
    QT_TRANSLATE_NOOP("CustomersTab", "建档日期"),
    QT_TRANSLATE_NOOP("CustomersTab", "潜在"),
    QT_TRANSLATE_NOOP("CustomersTab", "正常"),
    QT_TRANSLATE_NOOP("CustomersTab", "暂停"),
    QT_TRANSLATE_NOOP("CustomersTab", "终止"),
)


def _query(sessions: Any, actor: Actor, flt: CustomerFilter, sort: str | None, descending: bool) -> list[int]:
    with sessions() as s:
        return customer_list.matching_ids(s, actor, flt, sort, descending)


class CustomersTab(QWidget):
    status_changed = Signal(str)
    loaded = Signal()  # a query's ids are in the table (tests wait on it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._loading = False
        self._batch_running = False
        self._keep_position = False
        self._sort: tuple[str | None, bool] = (None, False)
        self._shared_pool = self.tr("公司共享客户")
        self.last_card: CustomerCardDialog | None = None  # the card opened last (tests look at it)
        self.last_progress: QProgressDialog | None = None
        self._build_search()
        self._build_table()
        self._build_actions()
        toolbar = self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(self.search_row)
        layout.addLayout(self.filter_row)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        self._restore_state()
        ctx.changed.connect(self._on_changed)
        self._update_actions()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------------

    def _build_search(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("编码 / 名称 / 拼音 / 助记码 / 电话"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.type_filter = self._code_filter("customer_type", self.tr("客户类型：全部"))
        self.region_filter = self._code_filter("region", self.tr("地区：全部"))
        self.industry_filter = self._code_filter("industry", self.tr("行业：全部"))
        self.owner_filter = Picker.for_salespeople(self.ctx, include_shared_pool=True, include_former=True)
        self.owner_filter.setPlaceholderText(self.tr("负责销售员：全部"))
        self.owner_filter.setToolTip(self.tr("负责销售员（清空表示全部）"))
        self.owner_filter.picked.connect(lambda _i: self.refresh())
        self.status_filter = self._combo(self.tr("状态：全部"), [(self.tr(t), k) for k, t in STATUSES.items()])
        self.grade_filter = self._combo(self.tr("信用等级：全部"), [(g, g) for g in GRADES])
        self.blacklist_filter = self._combo(self.tr("黑名单：全部"), [(self.tr("黑名单：是"), True),
                                                                  (self.tr("黑名单：否"), False)])
        self.archived_check = QCheckBox(self.tr("含已归档"))
        self.archived_check.toggled.connect(lambda _on: (self.refresh(), self._update_actions()))
        self.clear_filters_button = QPushButton(self.tr("清除筛选"))
        self.clear_filters_button.setAutoDefault(False)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.search_row = QHBoxLayout()
        self.search_row.addWidget(QLabel(self.tr("查找：")))
        self.search_row.addWidget(self.search, 1)
        self.search_row.addWidget(self.clear_filters_button)
        self.filter_row = QHBoxLayout()
        for w in (self.type_filter, self.region_filter, self.industry_filter, self.owner_filter):
            w.setMinimumWidth(130)
            self.filter_row.addWidget(w, 1)
        for w in (self.status_filter, self.grade_filter, self.blacklist_filter):
            self.filter_row.addWidget(w)
        self.filter_row.addWidget(self.archived_check)

    def _code_filter(self, kind: str, placeholder: str) -> Picker:
        picker = Picker.for_codes(self.ctx, kind)
        picker.setPlaceholderText(placeholder)
        picker.setToolTip(placeholder.split("：")[0] + self.tr("（清空表示全部）"))
        picker.picked.connect(lambda _i: self.refresh())
        return picker

    def _combo(self, everything: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def _build_table(self) -> None:
        columns = [ColumnSpec(c.key, self.tr(c.title), "bool" if c.key == "blacklisted" else c.kind) for c in COLUMNS]
        self.model = LazyTableModel(columns, self._fetch, self)
        self.view = list_view(self.model, WIDTHS, many=True)  # a third header click: back to best-match order
        self.view.activated.connect(lambda index: self.open_customer(self.model.id_at(index.row())))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

    def _action(self, text: str, slot: Callable[[], None], permission: str | None, needs_selection: bool = True,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        action.setProperty("permission", permission)
        action.setProperty("needs_selection", needs_selection)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        self.act_new = self._action(self.tr("新建客户"), self.new_item, "customers.edit", False, self.tr("Ctrl+N"))
        self.act_open = self._action(self.tr("打开"), self.open_current, None, True, self.tr("回车或双击"))
        self.act_reassign = self._action(self.tr("分配负责销售员…"), self.reassign, "customers.reassign")
        self.act_hand_over = self._action(self.tr("销售员交接…"), self.hand_over, "customers.reassign", False,
                                          self.tr("把一名销售员名下的全部客户移交给他人或公司共享客户"))
        self.act_attributes = self._action(self.tr("设置类型/地区/行业/等级…"), self.set_attributes, "customers.edit")
        self.act_credit = self._action(self.tr("设置账期和额度…"), self.set_credit, "credit.change")
        self.act_blacklist = self._action(self.tr("加入黑名单…"), lambda: self.set_blacklist(True), "blacklist.change")
        self.act_unblacklist = self._action(self.tr("移出黑名单…"), lambda: self.set_blacklist(False),
                                            "blacklist.change")
        self.act_status = self._action(self.tr("修改状态…"), self.set_status, "customers.edit")
        self.act_archive = self._action(self.tr("归档"), lambda: self.archive(True), "customers.edit_all")
        self.act_unarchive = self._action(self.tr("取消归档"), lambda: self.archive(False), "customers.edit_all")
        self.batch_actions = [self.act_reassign, self.act_hand_over, self.act_attributes, self.act_credit,
                              self.act_blacklist, self.act_unblacklist, self.act_status, self.act_archive,
                              self.act_unarchive]
        self.all_actions = [self.act_new, self.act_open, *self.batch_actions]

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new, self.act_open):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.act_reassign, self.act_hand_over):
            toolbar.addAction(action)
        self.batch_menu = QMenu(self)
        for action in self.batch_actions[2:]:
            self.batch_menu.addAction(action)
        more = QToolButton()
        more.setText(self.tr("批量修改"))
        more.setMenu(self.batch_menu)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(more)
        self.batch_button = more
        self.message = FlashLabel()
        toolbar.addWidget(self.message)
        return toolbar

    # --- state ------------------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        header = self.view.horizontalHeader()
        state = qsettings().value(HEADER_KEY)
        if state is not None and header.restoreState(state):
            self._sort = self._sort_of(header.sortIndicatorSection(), header.sortIndicatorOrder())
            if self._sort[0] is None:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)

    def save_state(self) -> None:
        qsettings().setValue(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _sort_of(self, section: int, order: Qt.SortOrder) -> tuple[str | None, bool]:
        if not 0 <= section < len(self.model.columns):
            return None, False
        key = self.model.columns[section].key
        if key not in SORT_COLUMNS:
            return None, False
        return key, order == Qt.SortOrder.DescendingOrder

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        sort = self._sort_of(section, order)
        if sort[0] is None and 0 <= section < len(self.model.columns):
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            self.show_message(self.tr("「{0}」列不能排序").format(self.model.columns[section].title))
        self._sort = sort
        self.refresh()

    # --- querying ---------------------------------------------------------------------------------------------

    def current_filter(self) -> CustomerFilter:
        owner = self.owner_filter.current_id()
        return CustomerFilter(
            text=self.search.text(), type_id=self.type_filter.current_id(), region_id=self.region_filter.current_id(),
            industry_id=self.industry_filter.current_id(),
            owner_id=pick.owner_id(owner), shared_pool=owner == pick.SHARED_POOL_ID,
            status=self.status_filter.currentData(), grade=self.grade_filter.currentData(),
            blacklisted=self.blacklist_filter.currentData(), include_archived=self.archived_check.isChecked())

    def refresh(self) -> None:
        """Query the ids again (off the GUI thread); a newer query makes older answers void."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self._loading = True
        sort, descending = self._sort
        self.ctx.tasks.run(_query, self.ctx.sessions, self.ctx.actor, self.current_filter(), sort, descending,
                           on_done=lambda ids: self._loaded(generation, ids),
                           on_error=lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        keep = self._keep_position
        self._keep_position = False
        selected = set(self.selected_ids()) if keep else set()
        current = self.current_id() if keep else None
        scroll = self.view.verticalScrollBar().value()
        self.model.set_ids(ids)
        if keep:
            self._reselect(ids, selected, current)
            self.view.verticalScrollBar().setValue(scroll)
        self._loading = False
        self._emit_status()
        self._update_actions()
        self.loaded.emit()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.show_message(str(exc), error=True)
        self.loaded.emit()

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
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        if current_row >= 0:
            self.view.selectionModel().setCurrentIndex(self.model.index(current_row, 0),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.selectionModel().select(selection, flags)

    def _fetch(self, ids: Sequence[int]) -> list[customer_list.CustomerRow]:
        with self.ctx.sessions() as s:  # one page by primary key: a few milliseconds
            found = customer_list.rows(s, ids)
        # the status title comes from app/ in Chinese; its English is in the .ts under this context
        return [replace(row, owner=row.owner or self._shared_pool, status=self.tr(row.status)) for row in found]

    def is_loading(self) -> bool:
        return self._loading

    def _on_changed(self, kind: str) -> None:
        if kind in ("customer", "code", "salesperson"):
            self._keep_position = True
            self.refresh()

    # --- selection --------------------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for r in self.view.selectionModel().selection():
            rows.update(range(r.top(), r.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(row) for row in self.selected_rows() if row < self.model.rowCount()]

    def selected_count(self) -> int:
        return sum(r.bottom() - r.top() + 1 for r in self.view.selectionModel().selection())

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _selection_changed(self) -> None:
        self._update_actions()
        self._emit_status()

    def _update_actions(self) -> None:
        has_selection = self.view.selectionModel().hasSelection()
        for action in self.all_actions:
            permission = action.property("permission")
            allowed = permission is None or auth.can(self.ctx.actor, permission)
            needs = bool(action.property("needs_selection"))
            action.setEnabled(allowed and (has_selection or not needs) and not self._batch_running)
            if not allowed:
                action.setToolTip(self.tr("您没有此权限"))
        self.act_unarchive.setVisible(self.archived_check.isChecked())
        self.batch_button.setEnabled(any(a.isEnabled() for a in self.batch_actions[2:]))

    # --- main window hooks ------------------------------------------------------------------------------------

    def status_text(self) -> str:
        if self._loading and not self.model.rowCount():
            return self.tr("正在查询…")
        text = self.tr("共 {0:,} 个客户").format(self.model.rowCount())
        selected = self.selected_count()
        if selected > 1:
            text += self.tr("，已选 {0:,} 个").format(selected)
        return text

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_item(self) -> None:
        open_card(self.ctx, self, None, self._card_opened)

    def clear_filters(self) -> None:
        for picker in (self.type_filter, self.region_filter, self.industry_filter, self.owner_filter):
            picker.clear_choice()
        for combo in (self.status_filter, self.grade_filter, self.blacklist_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.archived_check.blockSignals(True)
        self.archived_check.setChecked(False)
        self.archived_check.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._update_actions()
        self.refresh()

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.flash(text, error)

    # --- cards ------------------------------------------------------------------------------------------------

    def open_current(self) -> None:
        cid = self.current_id()
        if cid is None and self.selected_ids():
            cid = self.selected_ids()[0]
        if cid is not None:
            self.open_customer(cid)

    def open_customer(self, customer_id: int) -> None:
        open_card(self.ctx, self, customer_id, self._card_opened)

    def _card_opened(self, dialog: CustomerCardDialog) -> None:
        self.last_card = dialog

    # --- keyboard ---------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self._focus_table()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self.refresh()
                if self.model.rowCount() == 1:
                    self.open_customer(self.model.id_at(0))
                elif self.model.rowCount():
                    self._focus_table()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _focus_table(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.act_open)
        menu.addAction(self.act_new)
        menu.addSeparator()
        for action in self.batch_actions:
            if action.isVisible():
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # --- batch operations -------------------------------------------------------------------------------------

    def _selection_or_warn(self, title: str) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, title, self.tr("请先在列表中选择客户"))
        return ids

    def _ask(self, dialog: BatchDialog) -> bool:
        """The dialog, then ONE confirmation saying what will happen to how many customers."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._confirm(dialog.windowTitle(), dialog.summary())

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text + "\n\n" + self.tr("确定执行吗？"),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _run_batch(self, title: str, count: int, fn: Callable[..., int], *args: Any, **kwargs: Any) -> None:
        """Run a batch use case off the GUI thread (one transaction), with a progress dialog when it is long."""
        progress: QProgressDialog | None = None
        if count > PROGRESS_FROM:
            progress = QProgressDialog(self.tr("正在处理 {0:,} 个客户…").format(count), "", 0, count, self)
            progress.setWindowTitle(title)
            progress.setCancelButton(None)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.setAutoClose(False)
            progress.setValue(0)
            progress.show()
        self.last_progress = progress
        self._batch_running = True
        self._update_actions()

        def finish() -> None:
            self._batch_running = False
            if progress is not None:
                progress.close()
                progress.deleteLater()
            self._update_actions()

        def done(n: int) -> None:
            finish()
            self.show_message(self.tr("{0}：已处理 {1:,} 个客户").format(title, n))
            self.ctx.changed.emit("customer")

        def failed(exc: Exception) -> None:
            finish()
            show_error(self, title, exc)

        def advance(n: int, total: int) -> None:
            if progress is not None:
                progress.setMaximum(total)
                progress.setValue(n)

        self.ctx.tasks.run(fn, self.ctx.sessions, self.ctx.actor, *args, on_done=done, on_error=failed,
                           on_progress=advance if progress is not None else None, **kwargs)

    def reassign(self) -> None:
        ids = self._selection_or_warn(self.tr("分配负责销售员"))
        if not ids:
            return
        dialog = ReassignDialog(self.ctx, len(ids), self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), len(ids), customer_service.reassign, ids, **dialog.values())

    def hand_over(self) -> None:
        dialog = HandOverDialog(self.ctx, self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), dialog.owned_count, customer_service.hand_over, **dialog.values())

    def set_attributes(self) -> None:
        ids = self._selection_or_warn(self.tr("批量修改"))
        if not ids:
            return
        dialog = AttributesDialog(self.ctx, len(ids), self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), len(ids), customer_service.set_attributes, ids, **dialog.values())

    def set_credit(self) -> None:
        ids = self._selection_or_warn(self.tr("设置账期和信用额度"))
        if not ids:
            return
        dialog = CreditDialog(self.ctx, len(ids), self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), len(ids), customer_service.set_credit, ids, **dialog.values())

    def set_blacklist(self, blacklisted: bool) -> None:
        ids = self._selection_or_warn(self.tr("黑名单"))
        if not ids:
            return
        dialog = BlacklistDialog(self.ctx, len(ids), blacklisted, self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), len(ids), customer_service.set_blacklist, ids, **dialog.values())

    def set_status(self) -> None:
        ids = self._selection_or_warn(self.tr("修改客户状态"))
        if not ids:
            return
        dialog = StatusDialog(self.ctx, len(ids), self)
        if self._ask(dialog):
            self._run_batch(dialog.windowTitle(), len(ids), customer_service.set_status, ids, **dialog.values())

    def archive(self, archived: bool = True) -> None:
        title = self.tr("归档") if archived else self.tr("取消归档")
        ids = self._selection_or_warn(title)
        if not ids:
            return
        text = (self.tr("将选中的 {0:,} 个客户归档。归档的客户不再出现在列表和选择框中（勾选「含已归档」可以看到）。")
                if archived else self.tr("将选中的 {0:,} 个客户取消归档。")).format(len(ids))
        if self._confirm(title, text):
            self._run_batch(title, len(ids), customer_service.archive, ids, archived)
