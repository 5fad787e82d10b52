"""The customer card: basic data with an editable 助记码, contacts, follow-ups, histories and live figures."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import auth, customer_service, followups, pick, pinyin
from app.context import Actor
from app.customer_service import ContactData, CustomerCard, CustomerData
from app.errors import ConflictError
from app.followups import FollowUpData, FollowUpRow
from models.customers import GRADES, STATUSES
from ui import exporting
from ui.ask import confirm, error, warn
from ui.context import AppContext, qsettings
from ui.widgets.dates import date_edit
from ui.widgets.picker import Picker

GEOMETRY_KEY = "customer_card/geometry"


@dataclass(frozen=True)
class Loaded:
    """Everything the card shows, read in one go off the GUI thread."""

    card: CustomerCard
    followups: list[FollowUpRow] = field(default_factory=list)
    positions: dict[int, str] = field(default_factory=dict)
    owner: str | None = None


def load(s: Any, actor: Actor, customer_id: int, today: date) -> Loaded:
    card = customer_service.card(s, actor, customer_id, today)
    rows = followups.list_for(s, actor, customer_id)
    positions = {c.id: c.name for c in pick.codes(s, "position", include_inactive=True)}
    owner = next((c for c in pick.salespeople(s, include_former=True) if c.id == card.owner_id), None)
    return Loaded(card, rows, positions, None if owner is None else f"{owner.code} {owner.name}")


def money(value: Decimal | None) -> str:
    return "" if value is None else f"¥{value:,.2f}"


def show_error(parent: QWidget, title: str, exc: Exception) -> None:
    """Kept for the modules that import it from here: new code calls ui.ask.error."""
    error(parent, title, exc)


def open_card(ctx: AppContext, parent: QWidget, customer_id: int | None,
              on_open: Callable[[CustomerCardDialog], None] | None = None) -> None:
    """Show the card of a customer (loaded off the GUI thread), or an empty card for a new one. A refusal —
    another salesperson's customer — is shown as a message instead."""
    def show(loaded: Loaded | None) -> None:
        dialog = CustomerCardDialog(ctx, loaded, parent)
        dialog.open()
        if on_open:
            on_open(dialog)

    if customer_id is None:
        if not auth.can(ctx.actor, "customers.edit"):
            warn(parent, QCoreApplication.translate("CustomerCardDialog", "新建客户"),
                 QCoreApplication.translate("CustomerCardDialog", "您没有新建客户的权限"))
            return
        show(None)
        return
    ctx.query(load, customer_id, ctx.as_of, done=show, owner=parent,
              failed=lambda exc: error(parent, QCoreApplication.translate("CustomerCardDialog", "客户资料"), exc))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            text = "" if value is None else (value.isoformat() if isinstance(value, date) else str(value))
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.resizeSection(c, max(72, min(header.sectionSize(c) + 12, 260)))


class ContactDialog(QDialog):
    """Add or edit one contact."""

    def __init__(self, ctx: AppContext, data: ContactData | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改联系人") if data else self.tr("添加联系人"))
        data = data or ContactData(name="")
        self.name = QLineEdit(data.name)
        self.position = Picker.for_codes(ctx, "position")
        self.position.set_current_id(data.position_id)
        self.phone = QLineEdit(data.phone or "")
        self.mobile = QLineEdit(data.mobile or "")
        self.email = QLineEdit(data.email or "")
        self.birthday = QDateEdit()
        self.birthday.setDisplayFormat("yyyy-MM-dd")
        self.birthday.setCalendarPopup(True)
        self.birthday.setMinimumDate(QDate(1900, 1, 1))
        self.birthday.setSpecialValueText(self.tr("未填"))
        b = data.birthday
        self.birthday.setDate(QDate(b.year, b.month, b.day) if b else self.birthday.minimumDate())
        self.hobbies = QLineEdit(data.hobbies or "")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        for title, widget in ((self.tr("姓名："), self.name), (self.tr("职位："), self.position),
                              (self.tr("电话："), self.phone), (self.tr("手机："), self.mobile),
                              (self.tr("邮箱："), self.email), (self.tr("生日："), self.birthday),
                              (self.tr("爱好："), self.hobbies)):
            form.addRow(title, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def values(self) -> ContactData:
        birthday = None if self.birthday.date() == self.birthday.minimumDate() else self.birthday.date().toPython()
        return ContactData(name=self.name.text().strip(), position_id=self.position.current_id(),
                           phone=self.phone.text().strip() or None, mobile=self.mobile.text().strip() or None,
                           email=self.email.text().strip() or None, birthday=birthday,
                           hobbies=self.hobbies.text().strip() or None)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.message.setText(self.tr("请填写联系人姓名"))
            return
        super().accept()


class FollowUpDialog(QDialog):
    """Record one follow-up: date, method, contact, what was said, what came of it, the next planned date, and which
    of a potential customer's first three steps it did."""

    def __init__(self, ctx: AppContext, contacts: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加跟进记录"))
        today = date.today()
        self.day = date_edit(today)
        self.method = Picker.for_codes(ctx, "followup_method")
        self.salesperson = Picker.for_salespeople(ctx)
        self.salesperson.set_current_id(ctx.actor.salesperson_id)
        self.salesperson.setEnabled(ctx.actor.role != "sales")
        self.contact = QComboBox()
        self.contact.addItem(self.tr("（无）"), None)
        for cid, name in contacts:
            self.contact.addItem(name, cid)
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(120)
        self.outcome = QLineEdit()  # 结果 (not `result`: that is QDialog's)
        self.outcome.setMaxLength(500)
        self.outcome.setPlaceholderText(self.tr("例如：客户同意下月试用样品"))
        self.card_exchanged = QCheckBox(self.tr("交换名片"))
        self.samples_given = QCheckBox(self.tr("赠送样品"))
        self.company_introduced = QCheckBox(self.tr("介绍公司"))
        steps = QHBoxLayout()
        for box in (self.card_exchanged, self.samples_given, self.company_introduced):
            steps.addWidget(box)
        steps.addStretch(1)
        self.has_next = QDateEdit()
        self.has_next.setDisplayFormat("yyyy-MM-dd")
        self.has_next.setCalendarPopup(True)
        self.has_next.setMinimumDate(QDate(today.year, today.month, today.day).addDays(-1))
        self.has_next.setSpecialValueText(self.tr("不安排"))
        self.has_next.setDate(self.has_next.minimumDate())
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("日期："), self.day)
        form.addRow(self.tr("跟进方式："), self.method)
        form.addRow(self.tr("销售员："), self.salesperson)
        form.addRow(self.tr("联系人："), self.contact)
        form.addRow(self.tr("内容："), self.content)
        form.addRow(self.tr("结果："), self.outcome)
        form.addRow(self.tr("首次三步："), steps)
        form.addRow(self.tr("下次跟进："), self.has_next)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def values(self) -> FollowUpData:
        nxt = None if self.has_next.date() == self.has_next.minimumDate() else self.has_next.date().toPython()
        return FollowUpData(date=self.day.date().toPython(), content=self.content.toPlainText().strip(),
                            method_id=self.method.current_id(), salesperson_id=self.salesperson.current_id(),
                            contact_id=self.contact.currentData(), next_date=nxt,
                            result=self.outcome.text().strip() or None,
                            card_exchanged=self.card_exchanged.isChecked(),
                            samples_given=self.samples_given.isChecked(),
                            company_introduced=self.company_introduced.isChecked())

    def accept(self) -> None:
        if not self.content.toPlainText().strip():
            self.message.setText(self.tr("请填写跟进内容"))
            return
        super().accept()


class CustomerCardDialog(QDialog):
    """One customer's card; `loaded` None is a new customer. Saving keeps the card open."""

    @staticmethod
    def status_title(status: str) -> str:
        """models.customers.STATUSES' title in the interface language (its English is under CustomersTab)."""
        return QCoreApplication.translate("CustomersTab", STATUSES.get(status, status))

    def __init__(self, ctx: AppContext, loaded: Loaded | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = loaded
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setSizeGripEnabled(True)
        self.can_edit = auth.can(ctx.actor, "customers.edit")
        self._mnemonic_edited = False
        self._saved_snapshot: CustomerData | None = None
        self._busy = False

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.badges = QLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._basic_page(), self.tr("基本资料"))
        self.tabs.addTab(self._contacts_page(), self.tr("联系人"))
        self.tabs.addTab(self._followups_page(), self.tr("跟进记录"))
        self.tabs.addTab(self._history_page(), self.tr("历史"))
        self.tabs.addTab(self._figures_page(), self.tr("实时数据"))
        from ui.analysis.trend import CustomerTrendTab  # its chart library loads when the tab is first shown

        self.tabs.addTab(CustomerTrendTab(ctx, lambda: self.customer_id), self.tr("趋势"))
        self.message = QLabel()
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.can_edit)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.print_button = QPushButton(self.tr("打印档案…"))
        self.print_button.setToolTip(self.tr("客户档案：基本资料、业务往来、资金往来、信用记录"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_dossier)
        self.print_button.setEnabled(self.customer_id is not None)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.badges)
        head.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.resize(900, 640)
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._show(loaded)

    # --- pages ------------------------------------------------------------------------------------------------

    def _basic_page(self) -> QWidget:
        page = QWidget()
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.mnemonic = QLineEdit()
        self.mnemonic.setToolTip(self.tr("名称的拼音首字母，用于快速查找；可以手工修改"))
        self.mnemonic_auto = QToolButton()
        self.mnemonic_auto.setText(self.tr("恢复自动"))
        self.mnemonic_auto.setToolTip(self.tr("按客户名称重新生成助记码"))
        self.mnemonic_auto.clicked.connect(self._mnemonic_restore)
        self.name.textEdited.connect(self._name_edited)
        self.mnemonic.textEdited.connect(self._mnemonic_typed)
        mnemonic_row = QHBoxLayout()
        mnemonic_row.setContentsMargins(0, 0, 0, 0)
        mnemonic_row.addWidget(self.mnemonic, 1)
        mnemonic_row.addWidget(self.mnemonic_auto)
        self.type = Picker.for_codes(self.ctx, "customer_type")
        self.region = Picker.for_codes(self.ctx, "region")
        self.industry = Picker.for_codes(self.ctx, "industry")
        self.grade = QComboBox()
        self.grade.addItem(self.tr("（无）"), None)
        for g in GRADES:
            self.grade.addItem(g, g)
        self.address = QLineEdit()
        self.bank = QLineEdit()
        self.bank_account = QLineEdit()
        self.tax_id = QLineEdit()
        self.owner = Picker.for_salespeople(self.ctx, include_shared_pool=True)
        self.owner.setPlaceholderText(self.tr("公司共享客户"))
        self.owner_label = QLabel()
        self.status_label = QLabel()
        self.created_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("客户编码："), self.code)
        left.addRow(self.tr("客户名称："), self.name)
        left.addRow(self.tr("简称："), self.short_name)
        left.addRow(self.tr("助记码："), mnemonic_row)
        left.addRow(self.tr("客户类型："), self.type)
        left.addRow(self.tr("地区："), self.region)
        left.addRow(self.tr("行业："), self.industry)
        left.addRow(self.tr("信用等级："), self.grade)
        right.addRow(self.tr("地址："), self.address)
        right.addRow(self.tr("开户银行："), self.bank)
        right.addRow(self.tr("银行账号："), self.bank_account)
        right.addRow(self.tr("税号："), self.tax_id)
        owner_row = QHBoxLayout()
        owner_row.setContentsMargins(0, 0, 0, 0)
        owner_row.addWidget(self.owner, 1)
        owner_row.addWidget(self.owner_label, 1)
        right.addRow(self.tr("负责销售员："), owner_row)
        right.addRow(self.tr("状态："), self.status_label)
        right.addRow(self.tr("建档日期："), self.created_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        notes = QFormLayout()
        notes.addRow(self.tr("备注："), self.notes)
        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addLayout(notes)
        layout.addStretch(1)
        self._editors = [self.code, self.name, self.short_name, self.mnemonic, self.type, self.region, self.industry,
                         self.address, self.bank, self.bank_account, self.tax_id]
        return page

    def _contacts_page(self) -> QWidget:
        page = QWidget()
        self.contacts = _table([self.tr("姓名"), self.tr("职位"), self.tr("电话"), self.tr("手机"), self.tr("邮箱"),
                                self.tr("生日"), self.tr("爱好")])
        self.contacts.doubleClicked.connect(lambda _i: self.edit_contact())
        self.add_contact_button = QPushButton(self.tr("添加…"))
        self.edit_contact_button = QPushButton(self.tr("修改…"))
        self.remove_contact_button = QPushButton(self.tr("删除"))
        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.remove_contact_button.clicked.connect(self.remove_contact)
        buttons = QHBoxLayout()
        for b in (self.add_contact_button, self.edit_contact_button, self.remove_contact_button):
            b.setAutoDefault(False)
            b.setEnabled(self.can_edit)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.contacts, 1)
        layout.addLayout(buttons)
        return page

    def _followups_page(self) -> QWidget:
        page = QWidget()
        self.followups = _table([self.tr("日期"), self.tr("方式"), self.tr("销售员"), self.tr("联系人"),
                                 self.tr("下次跟进"), self.tr("内容")])
        self.add_followup_button = QPushButton(self.tr("添加跟进…"))
        self.add_followup_button.setAutoDefault(False)
        self.add_followup_button.setEnabled(self.can_edit)
        self.add_followup_button.clicked.connect(self.add_followup)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_followup_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.followups, 1)
        layout.addLayout(buttons)
        return page

    def _history_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.histories: dict[str, QTableWidget] = {}
        headers = [self.tr("生效日期"), self.tr("内容"), self.tr("操作人"), self.tr("原因")]
        for n, (key, title) in enumerate((("owner", self.tr("负责销售员")), ("status", self.tr("客户状态")),
                                          ("credit", self.tr("账期和信用额度")), ("blacklist", self.tr("黑名单")))):
            box = QGroupBox(title)
            table = _table(headers)
            QVBoxLayout(box).addWidget(table)
            self.histories[key] = table
            grid.addWidget(box, n // 2, n % 2)
        return page

    def _figures_page(self) -> QWidget:
        page = QWidget()
        self.figure_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, title in (("balance", self.tr("应收余额：")), ("overdue", self.tr("过期账款：")),
                           ("unapplied", self.tr("预收款：")), ("credit_limit", self.tr("信用额度：")),
                           ("available", self.tr("可用额度：")), ("term_days", self.tr("账期：")),
                           ("last_order", self.tr("最近下单：")), ("revenue_12m", self.tr("近12个月销售额："))):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet("font-size: 12pt")
            self.figure_labels[key] = label
            form.addRow(title, label)
        self.figures_note = QLabel()
        self.figures_note.setStyleSheet("color: #666")
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.figures_note)
        layout.addStretch(1)
        return page

    # --- showing ----------------------------------------------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return None if self.loaded is None else self.loaded.card.id

    def _show(self, loaded: Loaded | None, basic: bool = True) -> None:
        if hasattr(self, "print_button"):
            self.print_button.setEnabled(loaded is not None)
        self.loaded = loaded
        card = loaded.card if loaded else None
        if basic:
            self._fill_basic(card)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, card is not None)
        if card is None:
            self.setWindowTitle(self.tr("新建客户"))
            self.title.setText(self.tr("新建客户"))
            self.badges.clear()
            return
        self.setWindowTitle(self.tr("客户资料 — {0} {1}").format(card.data.code, card.data.name))
        self.title.setText(f"{card.data.code}  {card.data.name}")
        badges = [self.status_title(card.status), loaded.owner or self.tr("公司共享客户")]
        text = " · ".join(badges)
        if card.blacklisted:
            text += " · <span style='color:#b00020; font-weight:bold'>" + self.tr("黑名单") + "</span>"
        self.badges.setText(text)
        _fill(self.contacts, [[d.name, loaded.positions.get(d.position_id or 0), d.phone, d.mobile, d.email,
                               d.birthday, d.hobbies] for _id, _v, d in card.contacts])
        _fill(self.followups, [[f.date, f.method, f.salesperson, f.contact, f.next_date, f.content]
                               for f in loaded.followups])
        for key, table in self.histories.items():
            _fill(table, [[h.effective, h.value, h.changed_by, h.reason] for h in card.histories.get(key, ())])
        self._fill_figures(card)

    def _fill_basic(self, card: CustomerCard | None) -> None:
        data = card.data if card else CustomerData(code="", name="")
        self.code.setText(data.code)
        self.name.setText(data.name)
        self.short_name.setText(data.short_name or "")
        self.mnemonic.setText(data.mnemonic or "")
        self._mnemonic_edited = bool(card and card.mnemonic_edited)
        self.mnemonic_auto.setEnabled(self.can_edit and self._mnemonic_edited)
        self.type.set_current_id(data.type_id)
        self.region.set_current_id(data.region_id)
        self.industry.set_current_id(data.industry_id)
        self.grade.setCurrentIndex(max(0, self.grade.findData(data.grade)))
        self.address.setText(data.address or "")
        self.bank.setText(data.bank or "")
        self.bank_account.setText(data.bank_account or "")
        self.tax_id.setText(data.tax_id or "")
        self.notes.setPlainText(data.notes or "")
        new = card is None
        may_pick_owner = new and auth.can(self.ctx.actor, "customers.reassign")
        self.owner.setVisible(may_pick_owner)
        self.owner_label.setVisible(not may_pick_owner)
        if new:
            self.owner_label.setText(self.tr("本人") if self.ctx.actor.role == "sales" else self.tr("公司共享客户"))
            self.status_label.setText(self.status_title("active"))
            self.created_label.setText(date.today().isoformat())
        else:
            owner = self.loaded.owner if self.loaded else None
            self.owner_label.setText(owner or self.tr("公司共享客户"))
            self.status_label.setText(self.status_title(card.status))
            self.created_label.setText(card.created.isoformat())
        for w in self._editors:
            w.setReadOnly(not self.can_edit)
        self.notes.setReadOnly(not self.can_edit)
        self.grade.setEnabled(self.can_edit and auth.can(self.ctx.actor, "credit.change"))
        self._saved_snapshot = self.data()

    def _fill_figures(self, card: CustomerCard) -> None:
        f = card.figures
        if f is None:
            for label in self.figure_labels.values():
                label.setText(self.tr("无权查看"))
            self.figures_note.clear()
            return
        values = {"balance": money(f.balance), "overdue": money(f.overdue), "unapplied": money(f.unapplied),
                  "credit_limit": money(f.credit_limit), "available": money(f.available),
                  "term_days": self.tr("{0} 天").format(f.term_days),
                  "last_order": f.last_order.isoformat() if f.last_order else self.tr("无"),
                  "revenue_12m": money(f.revenue_12m)}
        for key, text in values.items():
            self.figure_labels[key].setText(text)
        red = "font-size: 12pt; color: #b00020; font-weight: bold"
        self.figure_labels["overdue"].setStyleSheet(red if f.overdue > 0 else "font-size: 12pt")
        self.figure_labels["available"].setStyleSheet(red if f.available < 0 else "font-size: 12pt")
        self.figures_note.setText(self.tr("截至 {0}").format(self.ctx.as_of.isoformat()))

    # --- 助记码 ------------------------------------------------------------------------------------------------

    def _name_edited(self, name: str) -> None:
        if not self._mnemonic_edited:
            self.mnemonic.setText(pinyin.initials(name))

    def _mnemonic_typed(self, _text: str) -> None:
        self._mnemonic_edited = True
        self.mnemonic_auto.setEnabled(self.can_edit)

    def _mnemonic_restore(self) -> None:
        self._mnemonic_edited = False
        self.mnemonic.setText(pinyin.initials(self.name.text()))
        self.mnemonic_auto.setEnabled(False)

    # --- saving -----------------------------------------------------------------------------------------------

    def data(self) -> CustomerData:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return CustomerData(
            code=self.code.text().strip(), name=self.name.text().strip(), short_name=text(self.short_name),
            mnemonic=(self.mnemonic.text().strip() or None) if self._mnemonic_edited else None,
            type_id=self.type.current_id(), region_id=self.region.current_id(),
            industry_id=self.industry.current_id(), address=text(self.address), bank=text(self.bank),
            bank_account=text(self.bank_account), tax_id=text(self.tax_id), grade=self.grade.currentData(),
            notes=self.notes.toPlainText().strip() or None)

    def is_dirty(self) -> bool:
        return self.can_edit and self.data() != self._saved_snapshot

    def save(self) -> None:
        if not self.can_edit or self._busy:
            return
        data = self.data()
        self._set_busy(True, self.tr("正在保存…"))
        if self.loaded is None:
            owner = pick.owner_id(self.owner.current_id()) if self.owner.isVisible() else None
            self.ctx.op(customer_service.create, data, None, owner, done=self._saved, failed=self._save_failed,
                        owner=self)
        else:
            card = self.loaded.card
            self.ctx.op(customer_service.update, card.id, card.version, data, owner=self,
                        done=lambda _r: self._saved(card.id), failed=self._save_failed)

    def _saved(self, customer_id: int) -> None:
        self.reload(customer_id, message=self.tr("已保存"))

    def _save_failed(self, exc: Exception) -> None:
        self._set_busy(False, "")
        if isinstance(exc, ConflictError):
            if confirm(self, self.tr("保存客户资料"),
                       self.tr("{0}\n\n要重新加载最新资料吗？您在此窗口的修改将丢失。").format(exc),
                       self.tr("重新加载"), no_text=self.tr("返回")):
                self.reload()
            return
        error(self, self.tr("保存客户资料"), exc)

    def reload(self, customer_id: int | None = None, basic: bool = True, message: str = "") -> None:
        """Read the card again (after a save, a conflict, a contact change); basic=False keeps unsaved edits."""
        cid = customer_id or self.customer_id
        if cid is None:
            return
        self._set_busy(True, self.tr("正在加载…"))

        def done(loaded: Loaded) -> None:
            keep = None if basic else self.loaded
            if keep is not None:  # keep the version the edits were made on, so a stale save is still refused
                card = replace(keep.card, contacts=loaded.card.contacts, histories=loaded.card.histories,
                               figures=loaded.card.figures)
                loaded = Loaded(card, loaded.followups, loaded.positions, loaded.owner)
            self._show(loaded, basic=keep is None)
            self._set_busy(False, message)

        def failed(exc: Exception) -> None:
            self._set_busy(False, "")
            error(self, self.tr("客户资料"), exc)

        self.ctx.query(load, cid, self.ctx.as_of, done=done, failed=failed, owner=self, key="load")

    def print_dossier(self) -> None:
        if self.customer_id is not None and self.loaded is not None:
            name = f"{self.loaded.card.data.code} {self.loaded.card.data.name}"
            exporting.preview(self.ctx, self, exporting.dossier_job([self.customer_id], self.ctx.as_of, name))

    def _set_busy(self, busy: bool, message: str) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.message.setText(message)

    def is_busy(self) -> bool:
        return self._busy

    # --- contacts and follow-ups --------------------------------------------------------------------------------

    def _contact_at(self, row: int) -> tuple[int, int, ContactData] | None:
        contacts = self.loaded.card.contacts if self.loaded else ()
        return contacts[row] if 0 <= row < len(contacts) else None

    def add_contact(self) -> None:
        self._contact_dialog(None)

    def edit_contact(self) -> None:
        found = self._contact_at(self.contacts.currentRow())
        if found and self.can_edit:
            self._contact_dialog(found)

    def _contact_dialog(self, found: tuple[int, int, ContactData] | None) -> None:
        if self.loaded is None:
            return
        dialog = ContactDialog(self.ctx, found[2] if found else None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        contact_id, version = (found[0], found[1]) if found else (None, None)
        self._run(customer_service.save_contact, self.loaded.card.id,
                  dialog.values(), contact_id, version, title=self.tr("保存联系人"))

    def remove_contact(self) -> None:
        found = self._contact_at(self.contacts.currentRow())
        if found is None or self.loaded is None:
            return
        if not confirm(self, self.tr("删除联系人"), self.tr("确定删除联系人「{0}」吗？").format(found[2].name),
                       self.tr("删除"), destructive=True):
            return
        self._run(customer_service.remove_contact, self.loaded.card.id, found[0],
                  title=self.tr("删除联系人"))

    def add_followup(self) -> None:
        if self.loaded is None:
            return
        contacts = [(cid, d.name) for cid, _v, d in self.loaded.card.contacts]
        dialog = FollowUpDialog(self.ctx, contacts, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(followups.add, self.loaded.card.id, dialog.values(),
                  title=self.tr("添加跟进记录"))

    def _run(self, fn: Callable[..., Any], *args: Any, title: str) -> None:
        self._set_busy(True, self.tr("正在保存…"))

        def failed(exc: Exception) -> None:
            self._set_busy(False, "")
            error(self, title, exc)

        self.ctx.op(fn, *args, done=lambda _result: self.reload(basic=False, message=self.tr("已保存")),
                    failed=failed, owner=self)

    # --- closing ----------------------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.is_dirty() and not confirm(self, self.tr("客户资料"), self.tr("有未保存的修改，确定放弃吗？"),
                                           self.tr("放弃修改"), destructive=True, no_text=self.tr("返回")):
            return
        super().reject()

    def done(self, result: int) -> None:
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)
