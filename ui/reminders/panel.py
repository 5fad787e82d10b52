"""The reminder panel: what the logged-in user is reminded of, grouped by kind with counts, each item opening its record
(the customer card, the order form, the customer's overdue documents), dismissed or snoozed from here; and the
toolbar badge that shows the count on the main window."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import auth, reminders
from app.changes import Changes
from app.reminders import KINDS, Pending, Reminder, Reminders
from ui import ask
from ui.context import AppContext, qsettings
from ui.table_model import display

AT_START_KEY = "reminders/at_start"
GEOMETRY_KEY = "reminders/geometry"
REFRESH_ON = ("customer", "contact", "order", "return", "receipt", "allocation", "followup", "settings", "salesperson")
REFRESH_AFTER_MS = 1500  # a burst of changes (a batch, an import) is one refresh
ITEM_ROLE = Qt.ItemDataRole.UserRole
EAGER = reminders.FEW  # a kind with at most this many reminders is worded with the counts, and shown open
PAGE = 500  # rows an open kind shows at a time (then a 显示更多 row)
MORE = "more"  # the data of that row
KIND_TITLES = {  # the group headings (marked for lupdate: they reach tr() as variables)
    "OVERDUE": QT_TRANSLATE_NOOP("ReminderPanel", "过期欠款"),
    "DUE_SOON": QT_TRANSLATE_NOOP("ReminderPanel", "即将到期"),
    "NEAR_LIMIT": QT_TRANSLATE_NOOP("ReminderPanel", "接近信用额度"),
    "HELD": QT_TRANSLATE_NOOP("ReminderPanel", "待审批销售单"),
    "DORMANT": QT_TRANSLATE_NOOP("ReminderPanel", "沉睡客户"),
    "FOLLOW_UP_DUE": QT_TRANSLATE_NOOP("ReminderPanel", "待跟进"),
    "VISIT_DUE": QT_TRANSLATE_NOOP("ReminderPanel", "待走访"),
    "BIRTHDAY": QT_TRANSLATE_NOOP("ReminderPanel", "本周生日"),
}
KIND_COLORS = {"OVERDUE": "#b00020", "HELD": "#b26a00", "NEAR_LIMIT": "#b26a00", "DUE_SOON": "#1a5fb4"}
CARD_TABS = {  # which page of the customer card an item opens on
    "FOLLOW_UP_DUE": QT_TRANSLATE_NOOP("CustomerCardDialog", "跟进记录"),
    "VISIT_DUE": QT_TRANSLATE_NOOP("CustomerCardDialog", "跟进记录"),
    "DORMANT": QT_TRANSLATE_NOOP("CustomerCardDialog", "实时数据"),
    "NEAR_LIMIT": QT_TRANSLATE_NOOP("CustomerCardDialog", "实时数据"),
    "BIRTHDAY": QT_TRANSLATE_NOOP("CustomerCardDialog", "联系人"),
}


def kind_title(kind: str) -> str:
    return QCoreApplication.translate("ReminderPanel", KIND_TITLES[kind])


def load_reminders(session: Any, actor: Any, on: date) -> tuple[Pending, Reminders]:
    """Runs off the GUI thread: the login's reminders as of the date, counted, and worded for the kinds with few."""
    pending = reminders.pending_for(session, actor, on)
    small = [k for k in KINDS if 0 < pending.counts[k] + pending.hidden_counts[k] <= EAGER]
    return pending, pending.worded(session, small)


def word_kind(session: Any, _actor: Any, pending: Pending, kind: str) -> Reminders:
    """Runs off the GUI thread: the reminders of one kind, worded (when its group is opened)."""
    return pending.worded(session, [kind])


# --- opening an item's record ---------------------------------------------------------------------------------------


def open_item(ctx: AppContext, parent: QWidget, item: Reminder, done: Callable[[QWidget], None] | None = None
              ) -> None:
    """The exact record of a reminder: an order (due soon, held, an after-sales follow-up), the customer's overdue
    documents (the aging drill-down of its past-due buckets), else the customer card on the page that matters."""
    if item.kind == "OVERDUE":
        _open_overdue(ctx, parent, item, done)
    elif item.document_id is not None:
        from ui.sales.order_form import open_order

        dialog = open_order(ctx, parent, item.document_id)
        if dialog is not None and done is not None:
            done(dialog)
    else:
        from ui.customers.card import open_card

        open_card(ctx, parent, item.customer_id, on_open=partial(_show_page, CARD_TABS.get(item.kind), done))


def _show_page(page: str | None, done: Callable[[QWidget], None] | None, card: Any) -> None:
    """The card opened for a reminder: on the page that matters. (A module function: pyside6-lupdate loses the
    class contexts after a function nested in a function.)"""
    if page is not None:
        title = QCoreApplication.translate("CustomerCardDialog", page)
        for n in range(card.tabs.count()):
            if card.tabs.tabText(n) == title:
                card.tabs.setCurrentIndex(n)
    if done is not None:
        done(card)


def _open_overdue(ctx: AppContext, parent: QWidget, item: Reminder, done: Callable[[QWidget], None] | None) -> None:
    from ui.credit.tab import DrillDialog

    on = ctx.as_of

    def show(items: list[Any]) -> None:
        title = QCoreApplication.translate("ReminderPanel", "{0} {1}：过期欠款（截至 {2}）").format(
            item.customer_code, item.customer_name, on.isoformat())
        dialog = DrillDialog(title, items, False, parent, ctx)
        dialog.setProperty("customer_id", item.customer_id)
        dialog.open()
        if done is not None:
            done(dialog)

    ctx.query(reminders.overdue_documents, item.customer_id, on, done=show, owner=parent,
              failed=lambda exc: ask.error(parent, kind_title("OVERDUE"), exc))


# --- snoozing -----------------------------------------------------------------------------------------------------


class SnoozeDialog(QDialog):
    """Until when a reminder keeps quiet: tomorrow, in three days, next Monday, or a chosen day."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("稍后提醒"))
        self.today = today
        monday = today + timedelta(days=7 - today.weekday())
        self.choices = [(QRadioButton(self.tr("明天（{0}）").format(today + timedelta(days=1))), today + timedelta(1)),
                        (QRadioButton(self.tr("3 天后（{0}）").format(today + timedelta(days=3))), today + timedelta(3)),
                        (QRadioButton(self.tr("下周一（{0}）").format(monday)), monday),
                        (QRadioButton(self.tr("指定日期：")), None)]
        self.choices[0][0].setChecked(True)
        self.calendar = QCalendarWidget()
        self.calendar.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        self.calendar.setEnabled(False)
        self.choices[-1][0].toggled.connect(self.calendar.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("在这一天之前不再提醒（情况变严重时会提前出现）：")))
        for button, _day in self.choices:
            layout.addWidget(button)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def until(self) -> date:
        for button, day in self.choices:
            if button.isChecked():
                return day if day is not None else self.calendar.selectedDate().toPython()
        return self.today + timedelta(days=1)


# --- the panel ----------------------------------------------------------------------------------------------------


class ReminderPanel(QDialog):
    """Non-modal: it fills in the background and stays open beside the main window."""

    count_changed = Signal(int)
    loaded = Signal()  # an answer arrived (tests wait on it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Pending | None = None  # the counts; each kind's reminders in `worded` once read
        self.worded: dict[str, tuple[list[Reminder], list[Reminder]]] = {}  # kind -> (shown, put away), sorted
        self.hidden_keys: set[str] = set()
        self.last_opened: QWidget | None = None  # the record an item opened last (tests look at it)
        self._loading = False
        self.setWindowTitle(self.tr("提醒"))
        self.setSizeGripEnabled(True)
        self.summary = QLabel(self.tr("正在读取提醒…"))
        self.summary.setStyleSheet("font-size: 11pt; font-weight: bold")
        self.show_hidden = QCheckBox(self.tr("显示已忽略"))
        self.show_hidden.setToolTip(self.tr("列出已忽略或暂缓的提醒，可以恢复"))
        self.show_hidden.toggled.connect(lambda _on: self._fill())
        refresh = QPushButton(self.tr("刷新"))
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.refresh)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("客户"), self.tr("单号"), self.tr("金额"), self.tr("天数"), self.tr("说明")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        for n, width in enumerate((270, 140, 100, 50)):
            self.tree.setColumnWidth(n, width)
        self.tree.itemActivated.connect(lambda item, _col: self.open_current(item))
        self.tree.itemExpanded.connect(self._expanded)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = self._button(self.tr("打开(&O)"), self.open_current, self.tr("打开提醒对应的客户、销售单或欠款明细"))
        self.dismiss_button = self._button(self.tr("忽略(&D)"), self.dismiss,
                                           self.tr("不再提醒；情况变严重时（过期更多、新的待审批单）会再次出现"))
        self.snooze_button = self._button(self.tr("稍后提醒(&L)…"), self.snooze, self.tr("到指定日期再提醒"))
        self.restore_button = self._button(self.tr("恢复(&R)"), self.restore, self.tr("把已忽略的提醒放回列表"))
        self.followups_button = self._button(self.tr("跟进记录…"), self.show_followups,
                                             self.tr("按销售员、按周查看、导出和打印跟进记录"))
        self.review_button = self._button(self.tr("等级复核…"), self.review_grades,
                                          self.tr("每月复核客户信用等级：建议等级与现等级对比"))
        self.review_button.setVisible(auth.can(ctx.actor, "credit.change"))
        self.at_start = QCheckBox(self.tr("登录后显示提醒"))
        self.at_start.setChecked(bool(qsettings().value(AT_START_KEY, True, bool)))
        self.at_start.toggled.connect(lambda on: qsettings().setValue(AT_START_KEY, on))
        close = self._button(self.tr("关闭"), self.close, "")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_hidden)
        top.addWidget(refresh)
        actions = QHBoxLayout()
        for button in (self.open_button, self.dismiss_button, self.snooze_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.followups_button)
        actions.addWidget(self.review_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.at_start)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)
        self.resize(860, 560)
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(REFRESH_AFTER_MS)
        self.debounce.timeout.connect(self.refresh)
        ctx.changed.connect(self._on_changed)
        ctx.as_of_changed.connect(lambda _day: self.refresh() if self.result is not None else None)
        self._update_buttons()

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if tip:
            button.setToolTip(tip)
        return button

    # --- loading ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.debounce.stop()
        self._loading = True
        self.ctx.query(load_reminders, self.ctx.as_of, done=self._loaded, failed=self._failed, owner=self,
                       key="reminders")

    def is_loading(self) -> bool:
        return self._loading or self.debounce.isActive()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*REFRESH_ON) and self.result is not None:
            self.debounce.start()

    def _loaded(self, answer: tuple[Pending, Reminders]) -> None:
        self._loading = False
        self.result, small = answer
        self.worded, self.hidden_keys = {}, set()
        self._take(small)
        self._fill()
        self.count_changed.emit(self.result.total)
        self.loaded.emit()

    def _take(self, worded: Reminders) -> None:
        for item in worded.items:
            self.worded.setdefault(item.kind, ([], []))[0].append(item)
        for item in worded.hidden:
            self.worded.setdefault(item.kind, ([], []))[1].append(item)
            self.hidden_keys.add(item.key)
        for kind in worded.kinds:
            self.worded.setdefault(kind, ([], []))

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.summary.setText(self.tr("无法读取提醒：{0}").format(exc))
        self.loaded.emit()

    def _expanded(self, top: QTreeWidgetItem) -> None:
        """A kind opened whose reminders are not read yet: word them in the background."""
        kind, pending = top.data(0, ITEM_ROLE), self.result
        if not isinstance(kind, str) or kind in self.worded or pending is None:
            return

        def arrived(worded: Reminders) -> None:
            if pending is not self.result:  # refreshed meanwhile
                return
            self._take(worded)
            for n in range(self.tree.topLevelItemCount()):
                group = self.tree.topLevelItem(n)
                if group.data(0, ITEM_ROLE) == kind:
                    group.setText(0, self._heading(kind))  # as read now, should a write have come since the count
                    group.takeChildren()
                    self._add_rows(group, kind, PAGE)

        self.ctx.query(word_kind, pending, kind, done=arrived, owner=self, key=f"word:{kind}",
                       failed=self._failed)

    def _rows_of(self, kind: str) -> list[Reminder]:
        shown, hidden = self.worded[kind]
        if not self.show_hidden.isChecked() or not hidden:
            return shown
        return sorted(shown + hidden, key=reminders.sort_key)

    def _fill(self) -> None:
        result = self.result
        if result is None:
            return
        tops = [self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())]
        expanded = {t.data(0, ITEM_ROLE) for t in tops if t.isExpanded()}
        shown_rows = {t.data(0, ITEM_ROLE): max(t.childCount(), PAGE) for t in tops}
        first = not tops
        self.tree.clear()
        counts, put_away = result.counts, result.hidden_counts
        with_hidden = self.show_hidden.isChecked()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for kind in KINDS:
            if not counts[kind] + (put_away[kind] if with_hidden else 0):
                continue
            top = QTreeWidgetItem([self._heading(kind)])
            top.setData(0, ITEM_ROLE, kind)
            top.setFirstColumnSpanned(True)
            top.setFont(0, bold)
            if kind in KIND_COLORS:
                top.setForeground(0, QColor(KIND_COLORS[kind]))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            if kind in self.worded:
                self._add_rows(top, kind, shown_rows.get(kind, PAGE))
            else:
                waiting = QTreeWidgetItem([self.tr("正在读取…")])
                waiting.setFirstColumnSpanned(True)
                waiting.setFlags(Qt.ItemFlag.NoItemFlags)
                top.addChild(waiting)
            top.setExpanded(kind in expanded or (first and kind in self.worded))
        self.summary.setText(self.tr("截至 {0}：共 {1} 条提醒").format(result.as_of.isoformat(), result.total)
                             if result.total else self.tr("截至 {0}：没有需要处理的提醒").format(result.as_of.isoformat()))
        self._update_buttons()

    def _heading(self, kind: str) -> str:
        """A kind's group heading with its counts: the items read when the kind is worded, else the counted ones."""
        assert self.result is not None
        shown, hidden = (len(self.worded[kind][0]), len(self.worded[kind][1])) if kind in self.worded else \
            (self.result.counts[kind], self.result.hidden_counts[kind])
        hidden = hidden if self.show_hidden.isChecked() else 0
        title = kind_title(kind)
        return f"{title}（{shown}）" if not hidden else \
            self.tr("{0}（{1}，另有 {2} 条已忽略）").format(title, shown, hidden)

    def _add_rows(self, top: QTreeWidgetItem, kind: str, upto: int) -> None:
        """The kind's rows from the ones shown up to `upto`, then a 显示更多 row when some are left."""
        rows = self._rows_of(kind)
        start = top.childCount()
        if start and top.child(start - 1).data(0, ITEM_ROLE) == MORE:
            top.removeChild(top.child(start - 1))
            start -= 1
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        grey = QColor("#8a8a8a")
        for item in rows[start:upto]:
            row = QTreeWidgetItem([f"{item.customer_code} {item.customer_name}", item.document or "",
                                   display(item.amount, "money") if item.amount is not None else "",
                                   "" if item.days is None else str(item.days), item.text])
            row.setData(0, ITEM_ROLE, item)
            row.setTextAlignment(2, right)
            row.setTextAlignment(3, right)
            row.setToolTip(4, item.text)
            if item.key in self.hidden_keys:
                for column in range(5):
                    row.setForeground(column, grey)
            top.addChild(row)
        if len(rows) > upto:
            more = QTreeWidgetItem([self.tr("显示更多（还有 {0} 条）…").format(len(rows) - upto)])
            more.setData(0, ITEM_ROLE, MORE)
            more.setFirstColumnSpanned(True)
            more.setForeground(0, QColor("#1a5fb4"))
            top.addChild(more)

    # --- selection and actions --------------------------------------------------------------------------------

    def selected(self) -> list[Reminder]:
        return [it.data(0, ITEM_ROLE) for it in self.tree.selectedItems()
                if isinstance(it.data(0, ITEM_ROLE), Reminder)]

    def _is_hidden(self, item: Reminder) -> bool:
        return item.key in self.hidden_keys

    def _update_buttons(self) -> None:
        chosen = self.selected()
        active = [i for i in chosen if not self._is_hidden(i)]
        self.open_button.setEnabled(len(chosen) == 1)
        self.dismiss_button.setEnabled(bool(active))
        self.snooze_button.setEnabled(bool(active))
        self.restore_button.setEnabled(any(self._is_hidden(i) for i in chosen))
        self.restore_button.setVisible(self.show_hidden.isChecked())

    def open_current(self, tree_item: QTreeWidgetItem | None = None) -> None:
        item = tree_item.data(0, ITEM_ROLE) if isinstance(tree_item, QTreeWidgetItem) else None
        if item == MORE and tree_item is not None and tree_item.parent() is not None:
            top = tree_item.parent()
            self._add_rows(top, top.data(0, ITEM_ROLE), top.childCount() - 1 + PAGE)
            return
        if not isinstance(item, Reminder):
            chosen = self.selected()
            if len(chosen) != 1:
                return
            item = chosen[0]
        open_item(self.ctx, self, item, done=self._opened)

    def _opened(self, widget: QWidget) -> None:
        self.last_opened = widget

    def dismiss(self) -> None:
        items = [i for i in self.selected() if not self._is_hidden(i)]
        if items:
            self.ctx.op(reminders.dismiss, items, done=lambda _r: self.refresh(), owner=self,
                        title=self.tr("忽略提醒"))

    def snooze(self) -> None:
        items = [i for i in self.selected() if not self._is_hidden(i)]
        if not items:
            return
        dialog = SnoozeDialog(date.today(), self)
        self.last_snooze = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.op(reminders.dismiss, items, dialog.until(), done=lambda _r: self.refresh(), owner=self,
                    title=self.tr("稍后提醒"))

    def restore(self) -> None:
        keys = [i.key for i in self.selected() if self._is_hidden(i)]
        if keys:
            self.ctx.op(reminders.restore, keys, done=lambda _r: self.refresh(), owner=self,
                        title=self.tr("恢复提醒"))

    def show_followups(self) -> None:
        from ui.followups.page import show_followups

        self.last_opened = show_followups(self.ctx, self.parentWidget() or self)

    def review_grades(self) -> None:
        """The manager's monthly grade review is the 分析 tab's 客户分级 page: go there, at the customers whose
        suggested grade differs from the one set."""
        page = show_grade_review(self.parentWidget())
        if page is None:
            ask.inform(self, self.tr("等级复核"), self.tr("请在「分析 → 客户分级」中复核客户信用等级。"))
            return
        self.last_opened = page

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)

    def status_text(self) -> str:
        return self.summary.text()


def show_grade_review(window: QWidget | None) -> QWidget | None:
    """Show 分析 → 客户分级 in the main window, filtered to "建议与设定不同"; its page, or None without one."""
    from ui.analysis.tab import AnalysisTab

    tabs = getattr(window, "tabs", None)
    if window is None or tabs is None:
        return None
    for n in range(tabs.count()):
        analysis = tabs.widget(n)
        if isinstance(analysis, AnalysisTab):
            tabs.setCurrentIndex(n)
            analysis.tabs.setCurrentWidget(analysis.grades)
            differs = analysis.grades.show_filter.findData("differs")
            if differs >= 0:
                analysis.grades.show_filter.setCurrentIndex(differs)
            window.raise_()
            window.activateWindow()
            return analysis.grades
    return None


# --- the badge on the main window ---------------------------------------------------------------------------------


class ReminderCenter(QObject):
    """The main window's 提醒 toolbar button (with the count) and 跟进记录 button; it owns the one panel."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.panel = ReminderPanel(ctx, window)
        self.panel.count_changed.connect(self._show_count)
        self.action = QAction(self.tr("提醒"), window)
        self.action.setObjectName("reminders")
        self.action.setShortcut(QKeySequence("Ctrl+R"))
        self.action.setToolTip(self.tr("提醒（Ctrl+R）"))
        self.action.triggered.connect(self.show_panel)
        self.followups_action = QAction(self.tr("跟进记录"), window)
        self.followups_action.setObjectName("followups")
        self.followups_action.setToolTip(self.tr("跟进记录：按销售员、按周查看，导出和打印"))
        self.followups_action.triggered.connect(self.panel.show_followups)
        toolbar = window.findChild(QToolBar, "main-toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.action)
            toolbar.addAction(self.followups_action)
        window.addAction(self.action)  # Ctrl+R from anywhere in the window

    def start(self) -> None:
        """Right after login: read the reminders in the background and show the panel (unless turned off)."""
        self.panel.refresh()
        if self.panel.at_start.isChecked():
            self.show_panel()

    def show_panel(self) -> None:
        if self.panel.result is None and not self.panel.is_loading():
            self.panel.refresh()
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()

    def _show_count(self, count: int) -> None:
        self.action.setText(self.tr("提醒 ({0})").format(count) if count else self.tr("提醒"))
        button = self._button()
        if button is not None:
            button.setStyleSheet("color: #b00020" if count else "")
            button.updateGeometry()

    def _button(self) -> QWidget | None:
        toolbar = self.window.findChild(QToolBar, "main-toolbar")
        return toolbar.widgetForAction(self.action) if toolbar is not None else None

    def count_text(self) -> str:
        return self.action.text()
