"""The 跟进记录 window: every follow-up of the customers the login may see, by period (this week by default) and
salesperson, searchable by customer; a new follow-up for the selected customer; a potential customer's first three
steps; Excel, preview and print through ui.exporting."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import auth, care, followups
from app.followups import FollowUpFilter, FollowUpListRow
from ui.context import AppContext, qsettings
from ui.list_tab import ListTab
from ui.table_model import ColumnSpec
from ui.widgets.period import PeriodFilter
from ui.widgets.picker import Picker

GEOMETRY_KEY = "followups/geometry"
WIDTHS = {"date": 86, "customer_code": 70, "customer_name": 180, "status": 44, "method": 60, "salesperson": 86,
          "contact": 64, "content": 220, "result": 150, "next_date": 86, "steps": 130}
PERIODS = (  # (key, title): the period filter
    ("this_week", QT_TRANSLATE_NOOP("FollowUpsPage", "本周")),
    ("last_week", QT_TRANSLATE_NOOP("FollowUpsPage", "上周")),
    ("this_month", QT_TRANSLATE_NOOP("FollowUpsPage", "本月")),
    ("last_30", QT_TRANSLATE_NOOP("FollowUpsPage", "近30天")),
    ("all", QT_TRANSLATE_NOOP("FollowUpsPage", "全部")),
    ("custom", QT_TRANSLATE_NOOP("FollowUpsPage", "指定日期")),
)
STEP_TITLES = {"card_exchanged": QT_TRANSLATE_NOOP("FollowUpsPage", "交换名片"),
               "samples_given": QT_TRANSLATE_NOOP("FollowUpsPage", "赠送样品"),
               "company_introduced": QT_TRANSLATE_NOOP("FollowUpsPage", "介绍公司")}
_TITLES = (  # column titles (app.followups.LIST_COLUMNS) and statuses reach tr() as variables
    QT_TRANSLATE_NOOP("FollowUpsPage", "日期"), QT_TRANSLATE_NOOP("FollowUpsPage", "客户编码"),
    QT_TRANSLATE_NOOP("FollowUpsPage", "客户名称"), QT_TRANSLATE_NOOP("FollowUpsPage", "状态"),
    QT_TRANSLATE_NOOP("FollowUpsPage", "方式"), QT_TRANSLATE_NOOP("FollowUpsPage", "销售员"),
    QT_TRANSLATE_NOOP("FollowUpsPage", "联系人"), QT_TRANSLATE_NOOP("FollowUpsPage", "内容"),
    QT_TRANSLATE_NOOP("FollowUpsPage", "结果"), QT_TRANSLATE_NOOP("FollowUpsPage", "下次跟进"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpsPage", text)


class _Row:
    """A list row as the window shows it: the status and the first steps in the interface language."""

    __slots__ = ("row", "steps", "status")

    def __init__(self, row: FollowUpListRow) -> None:
        self.row = row
        self.steps = "、".join(tr(STEP_TITLES[s]) for s in row.steps)
        self.status = QCoreApplication.translate("CustomersTab", row.status)

    @property
    def id(self) -> int:
        return self.row.id

    def value(self, key: str) -> object:
        if key == "steps":
            return self.steps
        if key == "status":
            return self.status
        return self.row.value(key)


class FollowUpsPage(ListTab):
    HEADER_KEY = "followups/header"
    WATCHES = frozenset({"followup", "customer", "contact", "salesperson", "code"})
    WIDTHS = WIDTHS
    SORTABLE = frozenset(followups.SORT_COLUMNS)
    DEFAULT_SORT = ("date", True)
    MATCHING = staticmethod(followups.matching_ids)
    ROWS = staticmethod(followups.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        columns = [ColumnSpec(key, tr(title), "date" if key in ("date", "next_date") else "text")
                   for key, title in followups.LIST_COLUMNS]
        columns.insert(-1, ColumnSpec("steps", self.tr("首次三步")))
        super().__init__(ctx, columns, parent)
        self.last_dialog: QDialog | None = None  # the follow-up form opened last (tests look at it)
        self.add_action(self.tr("添加跟进(&A)…"), self.add_followup, "customers.edit",
                        tip=self.tr("为所选记录的客户添加一条跟进记录"))
        self.add_action(self.tr("打开客户"), self.open_current, tip=self.tr("打开所选记录的客户资料（双击亦可）"))
        self.toolbar.addSeparator()
        self.add_action(self.tr("导出 Excel"), self.export, needs_selection=False)
        self.add_action(self.tr("打印预览"), self.print_preview, needs_selection=False)
        self.add_action(self.tr("打印…"), self.print_, needs_selection=False)
        self.steps_label = QLabel()
        self.steps_label.setStyleSheet("color: #555; padding: 2px 0")
        self.layout().addWidget(self.steps_label)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_steps())
        self.finish_toolbar()
        self.refresh()

    # --- filters ----------------------------------------------------------------------------------------------

    def build_filters(self) -> list[QLayout | QWidget]:
        self.dates = PeriodFilter([(key, tr(title)) for key, title in PERIODS], "this_week", lambda: self.ctx.as_of,
                                  self)
        self.dates.changed.connect(self.refresh)
        self.salesperson = Picker.for_salespeople(self.ctx, include_former=True)
        self.salesperson.setPlaceholderText(self.tr("销售员：全部"))
        self.salesperson.setToolTip(self.tr("只看这个销售员的跟进记录（清空表示全部）"))
        if self.ctx.actor.role == "sales" and self.ctx.actor.salesperson_id is not None:
            self.salesperson.set_current_id(self.ctx.actor.salesperson_id)
        self.salesperson.picked.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("客户：编码 / 名称 / 拼音 / 电话"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("期间：")))
        for widget in self.dates.widgets():
            row.addWidget(widget)
        row.addWidget(self.salesperson, 1)
        row.addWidget(self.search, 2)
        return [row]

    def current_filter(self) -> FollowUpFilter:
        start, end = self.dates.days()
        return FollowUpFilter(start=start, end=end, salesperson_id=self.salesperson.current_id(),
                              text=self.search.text())

    def set_period(self, key: str) -> None:
        self.dates.set_period(key)

    def adjust_rows(self, rows: list[Any]) -> list[Any]:
        return [_Row(r) for r in rows]

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 条跟进记录").format(count)

    # --- actions ----------------------------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            from ui.customers.card import open_card

            open_card(self.ctx, self, row.row.customer_id)

    def add_followup(self) -> None:
        row = self.current_row()
        if row is None or not auth.can(self.ctx.actor, "customers.edit"):
            return
        customer_id = row.row.customer_id
        self.ctx.query(followups.contacts_of, customer_id, owner=self,
                       done=lambda contacts: self._ask_followup(customer_id, contacts))

    def _ask_followup(self, customer_id: int, contacts: list[tuple[int, str]]) -> None:
        from ui.customers.card import FollowUpDialog

        dialog = FollowUpDialog(self.ctx, contacts, self)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.op(followups.add, customer_id, dialog.values(), owner=self, title=self.tr("添加跟进记录"),
                    done=lambda _id: self.show_message(self.tr("已添加跟进记录")))

    def _show_steps(self) -> None:
        """A potential customer's first three steps under the list, for the selected row's customer."""
        row = self.current_row()
        if row is None or row.row.status != "潜在":
            self.steps_label.setText("")
            return

        def show(steps: care.FirstSteps) -> None:
            parts = [(self.tr("已{0}（{1}）").format(tr(STEP_TITLES[key]), day.isoformat()) if day else
                      self.tr("未{0}").format(tr(STEP_TITLES[key])))
                     for key in care.FIRST_STEPS for day in [getattr(steps, key)]]
            self.steps_label.setText(self.tr("潜在客户 {0} {1} 的首次三步：{2}").format(
                row.row.customer_code, row.row.customer_name, "，".join(parts)))

        self.ctx.query(care.first_steps, row.row.customer_id, done=show, owner=self, key="steps",
                       failed=lambda exc: self.steps_label.setText(str(exc)))

    # --- export and print ---------------------------------------------------------------------------------------

    def export_title(self) -> str:
        return self.tr("跟进记录")

    def filter_params(self) -> list[tuple[str, str]]:
        flt = self.current_filter()
        params = [(self.tr("期间"), self.tr("{0} 至 {1}").format(flt.start, flt.end) if flt.start else
                   self.dates.text())]
        if self.salesperson.current_id() is not None:
            params.append((self.tr("销售员"), self.salesperson.text()))
        if flt.text.strip():
            params.append((self.tr("客户"), flt.text.strip()))
        return params


class FollowUpsWindow(QDialog):
    """The follow-up list in a window of its own beside the main window."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("跟进记录"))
        self.setSizeGripEnabled(True)
        self.page = FollowUpsPage(ctx, self)
        self.page.status_changed.connect(self._status)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.status)
        for key, slot in ((QKeySequence("Ctrl+E"), self.page.export), (QKeySequence.StandardKey.Print, self.page.print_),
                          (QKeySequence.StandardKey.Find, lambda: self.page.search.setFocus()),
                          (QKeySequence("F5"), lambda: self.page.refresh(keep_position=True))):
            QShortcut(key, self, slot)
        self.resize(1180, 620)
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)

    def _status(self, text: str) -> None:
        self.status.setText(text)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.page.save_state()
        super().closeEvent(event)


def show_followups(ctx: AppContext, parent: QWidget) -> FollowUpsWindow:
    """Open (or bring forward) the 跟进记录 window of this main window."""
    window = parent.findChild(FollowUpsWindow, "followups-window", Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        window = FollowUpsWindow(ctx, parent)
        window.setObjectName("followups-window")
    window.show()
    window.raise_()
    window.activateWindow()
    return window

