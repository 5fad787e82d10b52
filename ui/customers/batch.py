"""Dialogs that ask what a batch change of customers should be (owner, hand-over, attributes, credit, blacklist, status)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import auth, customer_list, pick
from app.customer_list import CustomerFilter
from app.errors import ValidationError
from models.customers import GRADES, STATUSES
from ui.context import AppContext
from ui.widgets.dates import date_edit  # moved there; other modules still import it from here
from ui.widgets.errors import ErrorLine
from ui.widgets.numbers import DaysEdit, MoneyEdit
from ui.widgets.picker import Picker

# StatusDialog offers models.customers.STATUSES through self.tr(title), which lupdate cannot read: name them for it.
_STATUS_TITLES = (
    QT_TRANSLATE_NOOP("StatusDialog", "潜在"),
    QT_TRANSLATE_NOOP("StatusDialog", "正常"),
    QT_TRANSLATE_NOOP("StatusDialog", "暂停"),
    QT_TRANSLATE_NOOP("StatusDialog", "终止"),
)


def money_edit(value: Decimal | None = None) -> MoneyEdit:
    """Kept for modules that import it from here: new code uses ui.widgets.numbers.MoneyEdit."""
    return MoneyEdit(value=value)


class BatchDialog(QDialog):
    """Common frame: how many customers, a form, a red message line, 确定 / 取消."""

    def __init__(self, ctx: AppContext, count: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.count = count
        self.header = QLabel()
        if count is not None:
            self.header.setText(self.tr("已选择 <b>{0:,}</b> 个客户").format(count))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = ErrorLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def problem(self) -> str | None:
        """What is missing or wrong, or None."""
        return None

    def summary(self) -> str:
        """One sentence for the confirmation: what will happen to how many customers."""
        return ""

    def values(self) -> dict[str, Any]:
        return {}

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.message.tell(problem)
            return
        super().accept()

    def _many(self) -> str:
        return self.tr("选中的 {0:,} 个客户").format(self.count or 0)


class ReassignDialog(BatchDialog):
    """分配负责销售员: a salesperson or 公司共享客户, from an effective date."""

    def __init__(self, ctx: AppContext, count: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, count, parent)
        self.setWindowTitle(self.tr("分配负责销售员"))
        self.salesperson = Picker.for_salespeople(ctx, include_shared_pool=True)
        self.salesperson.setPlaceholderText(self.tr("输入工号、姓名或拼音"))
        self.effective = date_edit(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("可不填"))
        self.form.addRow(self.tr("新的负责销售员："), self.salesperson)
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.form.addRow(self.tr("原因："), self.reason)

    def problem(self) -> str | None:
        return None if self.salesperson.current_id() is not None else self.tr("请选择负责销售员或公司共享客户")

    def values(self) -> dict[str, Any]:
        return {"salesperson_id": pick.owner_id(self.salesperson.current_id()),
                "effective": self.effective.date().toPython(), "reason": self.reason.text().strip() or None}

    def summary(self) -> str:
        return self.tr("将{0}分配给「{1}」，自 {2} 起生效。").format(
            self._many(), self.salesperson.text(), self.effective.date().toString("yyyy-MM-dd"))


class HandOverDialog(BatchDialog):
    """销售员交接: every customer of one salesperson (who leaves) to another one or the shared pool."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("销售员交接"))
        self.header.setText(self.tr("把一名销售员名下的全部客户（含已归档）移交给另一名销售员或公司共享客户。"))
        self.header.setWordWrap(True)
        self.source = Picker.for_salespeople(ctx, include_former=True)
        self.source.setPlaceholderText(self.tr("交出客户的销售员"))
        self.target = Picker.for_salespeople(ctx, include_shared_pool=True)
        self.target.setPlaceholderText(self.tr("接手的销售员或公司共享客户"))
        self.owned = QLabel()
        self.effective = date_edit(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("销售员交接"))
        self.form.addRow(self.tr("交出："), self.source)
        self.form.addRow("", self.owned)
        self.form.addRow(self.tr("接手："), self.target)
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.form.addRow(self.tr("原因："), self.reason)
        self.source.picked.connect(self._count)
        self.owned_count = 0

    def _count(self, salesperson_id: int | None) -> None:
        if salesperson_id is None:
            self.owned.clear()
            self.owned_count = 0
            return
        with self.ctx.sessions() as s:  # one indexed count: fast enough for the GUI thread
            self.owned_count = customer_list.count(s, self.ctx.actor, CustomerFilter(
                owner_id=salesperson_id, include_archived=True))
        self.owned.setText(self.tr("名下共有 {0:,} 个客户").format(self.owned_count))

    def problem(self) -> str | None:
        if self.source.current_id() is None:
            return self.tr("请选择交出客户的销售员")
        if self.target.current_id() is None:
            return self.tr("请选择接手的销售员或公司共享客户")
        if self.target.current_id() == self.source.current_id():
            return self.tr("交出和接手的不能是同一名销售员")
        if not self.owned_count:
            return self.tr("该销售员名下没有客户")
        return None

    def values(self) -> dict[str, Any]:
        return {"from_salesperson_id": self.source.current_id(),
                "to_salesperson_id": pick.owner_id(self.target.current_id()),
                "effective": self.effective.date().toPython(), "reason": self.reason.text().strip() or None}

    def summary(self) -> str:
        return self.tr("将「{0}」名下的 {1:,} 个客户全部移交给「{2}」，自 {3} 起生效。").format(
            self.source.text(), self.owned_count, self.target.text(), self.effective.date().toString("yyyy-MM-dd"))


class AttributesDialog(BatchDialog):
    """设置类型/地区/行业/等级: only the ticked ones change; an empty picker clears the value."""

    def __init__(self, ctx: AppContext, count: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, count, parent)
        self.setWindowTitle(self.tr("设置客户类型、地区、行业、信用等级"))
        self.fields: dict[str, tuple[QCheckBox, QWidget, str]] = {}
        for key, kind, title in (("type_id", "customer_type", self.tr("客户类型")),
                                 ("region_id", "region", self.tr("地区")),
                                 ("industry_id", "industry", self.tr("行业"))):
            picker = Picker.for_codes(ctx, kind)
            self._add(key, title, picker)
            picker.textEdited.connect(lambda _t, k=key: self.fields[k][0].setChecked(True))
            picker.picked.connect(lambda _i, k=key: self.fields[k][0].setChecked(True))
        self.grade = QComboBox()
        self.grade.addItem(self.tr("（无）"), None)
        for g in GRADES:
            self.grade.addItem(g, g)
        self._add("grade", self.tr("信用等级"), self.grade)
        self.grade.activated.connect(lambda _i: self.fields["grade"][0].setChecked(True))
        if not auth.can(ctx.actor, "credit.change"):
            self.fields["grade"][0].setEnabled(False)
            self.fields["grade"][0].setToolTip(self.tr("您没有修改信用等级的权限"))

    def _add(self, key: str, title: str, widget: QWidget) -> None:
        check = QCheckBox(self.tr("修改{0}").format(title))
        self.fields[key] = (check, widget, title)
        self.form.addRow(check, widget)
        if isinstance(widget, Picker):
            def hint(on: bool) -> None:
                widget.setPlaceholderText(self.tr("（清空）") if on else self.tr("不修改"))

            check.toggled.connect(hint)
            hint(False)

    def _chosen(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, (check, widget, _title) in self.fields.items():
            if check.isChecked():
                out[key] = widget.current_id() if isinstance(widget, Picker) else self.grade.currentData()
        return out

    def problem(self) -> str | None:
        return None if self._chosen() else self.tr("请至少勾选一项要修改的内容")

    def values(self) -> dict[str, Any]:
        return self._chosen()

    def summary(self) -> str:
        parts = []
        for check, widget, title in self.fields.values():
            if check.isChecked():
                text = widget.text() if isinstance(widget, Picker) else self.grade.currentText()
                parts.append(self.tr("{0}设为「{1}」").format(title, text or self.tr("（空）")))
        return self.tr("将{0}的{1}。").format(self._many(), self.tr("、").join(parts))


class CreditDialog(BatchDialog):
    """设置账期和额度: term in days and limit in yuan from an effective date; a reason is required."""

    def __init__(self, ctx: AppContext, count: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, count, parent)
        self.setWindowTitle(self.tr("设置账期和信用额度"))
        self.term = DaysEdit(self.tr("账期"), required=True)
        self.term.setPlaceholderText(self.tr("天数，0 为当天到期"))
        self.limit = MoneyEdit(self.tr("信用额度"), required=True)
        self.limit.setPlaceholderText(self.tr("例如 50000.00"))
        self.effective = date_edit(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填"))
        self.form.addRow(self.tr("账期（天）："), self.term)
        self.form.addRow(self.tr("信用额度（元）："), self.limit)
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.form.addRow(self.tr("原因："), self.reason)
        self.message.watch(self.term, self.limit)

    def problem(self) -> str | None:
        try:
            self.term.days()
            self.limit.value()
        except ValidationError as exc:
            return str(exc)
        if not self.reason.text().strip():
            return self.tr("请填写原因")
        return None

    def values(self) -> dict[str, Any]:
        return {"term_days": self.term.days(), "credit_limit": self.limit.value(),
                "effective": self.effective.date().toPython(), "reason": self.reason.text().strip()}

    def summary(self) -> str:
        return self.tr("将{0}的账期设为 {1} 天、信用额度设为 {2:,.2f} 元，自 {3} 起生效。").format(
            self._many(), self.term.days(), self.limit.value(), self.effective.date().toString("yyyy-MM-dd"))


class BlacklistDialog(BatchDialog):
    """加入 / 移出黑名单 from an effective date; a reason is required both ways."""

    def __init__(self, ctx: AppContext, count: int, blacklisted: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, count, parent)
        self.setWindowTitle(self.tr("加入黑名单") if blacklisted else self.tr("移出黑名单"))
        self.blacklisted = blacklisted
        self.effective = date_edit(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填"))
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.form.addRow(self.tr("原因："), self.reason)

    def problem(self) -> str | None:
        return None if self.reason.text().strip() else self.tr("请填写原因")

    def values(self) -> dict[str, Any]:
        return {"blacklisted": self.blacklisted, "effective": self.effective.date().toPython(),
                "reason": self.reason.text().strip()}

    def summary(self) -> str:
        what = self.tr("加入黑名单") if self.blacklisted else self.tr("移出黑名单")
        return self.tr("将{0}{1}，自 {2} 起生效。原因：{3}").format(
            self._many(), what, self.effective.date().toString("yyyy-MM-dd"), self.reason.text().strip())


class StatusDialog(BatchDialog):
    """修改状态: 潜在 / 正常 / 暂停 / 终止 from an effective date."""

    def __init__(self, ctx: AppContext, count: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, count, parent)
        self.setWindowTitle(self.tr("修改客户状态"))
        self.status = QComboBox()
        for key, title in STATUSES.items():
            self.status.addItem(self.tr(title), key)
        self.status.setCurrentIndex(self.status.findData("active"))
        self.effective = date_edit(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("可不填"))
        self.form.addRow(self.tr("新状态："), self.status)
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.form.addRow(self.tr("原因："), self.reason)

    def values(self) -> dict[str, Any]:
        return {"status": self.status.currentData(), "effective": self.effective.date().toPython(),
                "reason": self.reason.text().strip() or None}

    def summary(self) -> str:
        return self.tr("将{0}的状态改为「{1}」，自 {2} 起生效。").format(
            self._many(), self.status.currentText(), self.effective.date().toString("yyyy-MM-dd"))
