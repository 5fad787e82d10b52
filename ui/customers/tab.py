"""客户 tab: search and filter any number of customers, sort in SQL, open cards, change many customers at once."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QWidget,
)

from app import customer_list, customer_service, pick
from app.customer_list import COLUMNS, SORT_COLUMNS, CustomerFilter
from app.search_index import CustomerIndex
from models.customers import GRADES, STATUSES
from ui import ask, exporting
from ui.context import AppContext
from ui.customers.batch import (
    AttributesDialog,
    BatchDialog,
    BlacklistDialog,
    CreditDialog,
    HandOverDialog,
    ReassignDialog,
    StatusDialog,
)
from ui.customers.card import CustomerCardDialog, open_card
from ui.list_tab import ListTab
from ui.table_model import ColumnSpec
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


class CustomersTab(ListTab):
    """Search as you type over every customer the login may see, filters, sorting in SQL, cards, batch changes."""

    HEADER_KEY = HEADER_KEY
    WATCHES = frozenset({"customer", "code", "salesperson"})
    WIDTHS = WIDTHS
    MANY = True
    SORTABLE = frozenset(SORT_COLUMNS)
    DEFAULT_SORT = (None, False)  # best matches first, then code
    DEBOUNCE_MS = DEBOUNCE_MS
    MATCHING = staticmethod(customer_list.matching_ids)
    ROWS = staticmethod(customer_list.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        columns = [ColumnSpec(c.key, QCoreApplication.translate("CustomersTab", c.title),
                              "bool" if c.key == "blacklisted" else c.kind) for c in COLUMNS]
        super().__init__(ctx, columns, parent)
        self._batch_running = False
        self.search_index = CustomerIndex(ctx.db.engine)
        # the in-memory copy the search reads is made in the background before the first keystroke
        ctx.query(lambda _session, _actor: self.search_index.prepare(), done=lambda _r: None, owner=self,
                  failed=lambda _exc: None)
        self._shared_pool = self.tr("公司共享客户")
        self.last_card: CustomerCardDialog | None = None  # the card opened last (tests look at it)
        self.last_progress: QProgressDialog | None = None
        self._build_actions()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.finish_toolbar()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------------

    def build_filters(self) -> list[QLayout | QWidget]:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("编码 / 名称 / 拼音 / 助记码 / 电话"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.installEventFilter(self)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
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
        self.archived_check.toggled.connect(lambda _on: (self.refresh(), self.update_actions()))
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
        return [self.search_row, self.filter_row]

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

    def _build_actions(self) -> None:
        self.act_new = self.add_action(self.tr("新建客户"), self.new_item, "customers.edit", False, self.tr("Ctrl+N"))
        self.act_open = self.add_action(self.tr("打开"), self.open_current, None, True, self.tr("回车或双击"))
        self.toolbar.addSeparator()
        self.act_reassign = self.add_action(self.tr("分配负责销售员…"), self.reassign, "customers.reassign")
        self.act_hand_over = self.add_action(self.tr("销售员交接…"), self.hand_over, "customers.reassign", False,
                                             self.tr("把一名销售员名下的全部客户移交给他人或公司共享客户"))
        self.act_attributes = self.add_action(self.tr("设置类型/地区/行业/等级…"), self.set_attributes,
                                              "customers.edit", toolbar=False)
        self.act_credit = self.add_action(self.tr("设置账期和额度…"), self.set_credit, "credit.change", toolbar=False)
        self.act_blacklist = self.add_action(self.tr("加入黑名单…"), lambda: self.set_blacklist(True),
                                             "blacklist.change", toolbar=False)
        self.act_unblacklist = self.add_action(self.tr("移出黑名单…"), lambda: self.set_blacklist(False),
                                               "blacklist.change", toolbar=False)
        # 暂停/终止 are the credit role's (app.customer_service.set_status refuses a salesperson lifting them)
        self.act_status = self.add_action(self.tr("修改状态…"), self.set_status, "credit.change", toolbar=False)
        self.act_archive = self.add_action(self.tr("归档"), lambda: self.archive(True), "customers.edit_all",
                                           toolbar=False)
        self.act_unarchive = self.add_action(self.tr("取消归档"), lambda: self.archive(False), "customers.edit_all",
                                             toolbar=False)
        self.act_dossier = self.add_action(self.tr("打印客户档案…"), self.print_dossiers, None, True,
                                           self.tr("选中客户的档案合成一个 PDF，每个客户一个书签"))
        self.batch_actions = [self.act_reassign, self.act_hand_over, self.act_attributes, self.act_credit,
                              self.act_blacklist, self.act_unblacklist, self.act_status, self.act_archive,
                              self.act_unarchive]
        self.all_actions = [self.act_new, self.act_open, *self.batch_actions]
        self.batch_menu = QMenu(self)
        for action in self.batch_actions[2:]:
            self.batch_menu.addAction(action)
        more = QToolButton()
        more.setText(self.tr("批量修改"))
        more.setMenu(self.batch_menu)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(more)
        self.batch_button = more

    # --- querying ---------------------------------------------------------------------------------------------

    def current_filter(self) -> CustomerFilter:
        owner = self.owner_filter.current_id()
        return CustomerFilter(
            text=self.search.text(), type_id=self.type_filter.current_id(), region_id=self.region_filter.current_id(),
            industry_id=self.industry_filter.current_id(),
            owner_id=pick.owner_id(owner), shared_pool=owner == pick.SHARED_POOL_ID,
            status=self.status_filter.currentData(), grade=self.grade_filter.currentData(),
            blacklisted=self.blacklist_filter.currentData(), include_archived=self.archived_check.isChecked())

    def adjust_rows(self, rows: list[customer_list.CustomerRow]) -> list[customer_list.CustomerRow]:
        # the status title comes from app/ in Chinese; its English is in the .ts under this context
        return [replace(row, owner=row.owner or self._shared_pool, status=self.tr(row.status)) for row in rows]

    def busy(self) -> bool:
        return getattr(self, "_batch_running", False)

    def _matching(self, session: Any, actor: Any, flt: CustomerFilter, sort: str | None, descending: bool) -> Any:
        return customer_list.matching_ids(session, actor, flt, sort, descending, self.search_index)

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "act_unarchive"):
            self.act_unarchive.setVisible(self.archived_check.isChecked())
            self.batch_button.setEnabled(any(a.isEnabled() for a in self.batch_actions[2:]))

    # --- main window hooks ------------------------------------------------------------------------------------

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 个客户").format(count)

    def export_title(self) -> str:
        return self.tr("客户列表")

    def filter_params(self) -> list[tuple[str, str]]:
        out = []
        if self.search.text().strip():
            out.append((self.tr("查找"), self.search.text().strip()))
        for picker in (self.type_filter, self.region_filter, self.industry_filter, self.owner_filter):
            if picker.current_id() is not None:
                out.append((picker.placeholderText().split("：")[0], picker.text()))
        for combo in (self.status_filter, self.grade_filter, self.blacklist_filter):
            if combo.currentData() is not None:
                out.append((combo.itemText(0).split("：")[0], combo.currentText()))
        return out

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
        self.update_actions()
        self.refresh()

    def print_dossiers(self) -> None:
        ids = self.selected_ids()
        if not ids:
            ask.inform(self, self.tr("客户档案"), self.tr("请先在列表中选择客户"))
            return
        if len(ids) > 200 and not ask.confirm(self, self.tr("客户档案"), self.tr(
                "选中了 {0:,} 个客户，档案会很长。继续吗？").format(len(ids)), self.tr("继续")):
            return
        name = self.model.row_of(self.selected_rows()[0]).code if len(ids) == 1 else self.tr("{0} 个客户").format(len(ids))
        exporting.preview(self.ctx, self, exporting.dossier_job(ids, self.ctx.as_of, name))

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
                self.focus_table()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.debounce.isActive():
                    self.refresh()
                if self.model.rowCount() == 1:
                    self.open_customer(self.model.id_at(0))
                elif self.model.rowCount():
                    self.focus_table()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

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
            ask.inform(self, title, self.tr("请先在列表中选择客户"))
        return ids

    def _ask(self, dialog: BatchDialog) -> bool:
        """The dialog, then ONE confirmation saying what will happen to how many customers."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._confirm(dialog.windowTitle(), dialog.summary())

    def _confirm(self, title: str, text: str) -> bool:
        return ask.confirm(self, title, text + "\n\n" + self.tr("确定执行吗？"), destructive=True)

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
        self.update_actions()

        def finish() -> None:
            self._batch_running = False
            if progress is not None:
                progress.close()
                progress.deleteLater()
            self.update_actions()

        def done(n: int) -> None:
            finish()
            self.show_message(self.tr("{0}：已处理 {1:,} 个客户").format(title, n))

        def failed(exc: Exception) -> None:
            finish()
            ask.error(self, title, exc)

        def advance(n: int, total: int) -> None:
            if progress is not None:
                progress.setMaximum(total)
                progress.setValue(n)

        self.ctx.op(fn, *args, done=done, failed=failed, owner=self,
                    progress=advance if progress is not None else None, **kwargs)

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
