"""The company settings page: name, address, the sales-credit rule (业绩归属) and the dormant-customer days."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import auth, master_data
from app.errors import UserError
from app.settings import Settings
from ui.context import AppContext
from ui.settings.common import Page, heading, note
from ui.widgets.numbers import MoneyEdit


class CompanyPage(Page):
    key = "company"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = auth.can(ctx.actor, "settings.edit")
        self.company_name = QLineEdit()
        self.company_name.setMaxLength(200)
        self.company_address = QLineEdit()
        self.company_address.setMaxLength(300)
        self.by_owner = QRadioButton(self.tr("按负责销售员（订单日期当天负责该客户的销售员）"))
        self.by_handler = QRadioButton(self.tr("按经办人（实际开单的销售员）"))
        self.credit_group = QButtonGroup(self)
        self.credit_group.addButton(self.by_owner)
        self.credit_group.addButton(self.by_handler)
        self.by_owner.setChecked(True)
        self.dormant_days = QSpinBox()
        self.dormant_days.setRange(1, 3650)
        self.dormant_days.setSuffix(self.tr(" 天"))
        self.dormant_days.setValue(90)
        self.return_limit = MoneyEdit(self.tr("退货审批金额界限"), required=True)
        self.return_limit.setMaximumWidth(140)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.undo_button = QPushButton(self.tr("还原"))
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.refresh)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32")

        credit = QVBoxLayout()
        credit.setSpacing(2)
        credit.addWidget(self.by_owner)
        credit.addWidget(self.by_handler)
        form = QFormLayout()
        form.addRow(self.tr("公司名称："), self.company_name)
        form.addRow(self.tr("公司地址："), self.company_address)
        form.addRow(self.tr("业绩归属："), credit)
        form.addRow("", note(self.tr("销售额和毛利按这个规则计入销售员；每张按销售员统计的报表都会注明所用规则。")))
        form.addRow(self.tr("沉睡客户："), self._days_row())
        form.addRow(self.tr("无原单退货："), self._return_row())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.saved_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("公司设置")))
        if not self.editable:
            layout.addWidget(note(self.tr("只有管理员可以修改公司设置。")))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for widget in (self.company_name, self.company_address, self.by_owner, self.by_handler, self.dormant_days,
                       self.return_limit, self.save_button, self.undo_button):
            widget.setEnabled(self.editable)

    def _days_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("最后一次下单超过")))
        row.addWidget(self.dormant_days)
        row.addWidget(QLabel(self.tr("的客户算作沉睡客户")))
        row.addStretch(1)
        return row

    def _return_row(self) -> QHBoxLayout:
        """A return without an original order above this total is recorded only by a manager or administrator."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("合计超过")))
        row.addWidget(self.return_limit)
        row.addWidget(QLabel(self.tr("元时须由销售经理或管理员录入")))
        row.addStretch(1)
        return row

    def load(self) -> None:
        self.fetch(master_data.get_settings, on_done=self._show)

    def _show(self, settings: Settings) -> None:
        self.company_name.setText(settings.company_name)
        self.company_address.setText(settings.company_address)
        (self.by_handler if settings.sales_credit == "handler" else self.by_owner).setChecked(True)
        self.dormant_days.setValue(settings.dormant_days)
        self.return_limit.set_value(settings.return_approval_limit)

    def values(self) -> dict[str, object]:
        return {"company_name": self.company_name.text(), "company_address": self.company_address.text(),
                "sales_credit": "handler" if self.by_handler.isChecked() else "owner",
                "dormant_days": self.dormant_days.value(), "return_approval_limit": self.return_limit.value()}

    def save(self) -> None:
        if not self.editable:
            return
        self.saved_label.setText("")
        try:
            values = self.values()
        except UserError as exc:  # the return approval limit as typed is not an amount
            self.failed(exc)
            return

        def done(settings: Settings) -> None:
            self._show(settings)
            self.saved_label.setText(self.tr("已保存"))

        self.ctx.op(master_data.save_settings, done=done, failed=self.failed, owner=self, **values)
