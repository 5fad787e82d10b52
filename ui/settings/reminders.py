"""The 提醒与走访 settings page: the reminder thresholds, the visit plan by grade and the after-sales cash threshold."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import auth, master_data
from app.errors import UserError
from app.settings import MAX_VISITS, VISIT_GRADES, Settings
from ui.context import AppContext
from ui.settings.common import Page, heading, note
from ui.widgets.numbers import MoneyEdit

VISIT_BY = (  # (key, title) of who makes a grade's visits, as app.settings.VISIT_BY
    ("leader", QT_TRANSLATE_NOOP("RemindersPage", "领导（经理或管理员）")),
    ("manager", QT_TRANSLATE_NOOP("RemindersPage", "销售经理")),
    ("owner", QT_TRANSLATE_NOOP("RemindersPage", "负责销售员")),
)


class RemindersPage(Page):
    key = "reminders"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = auth.can(ctx.actor, "settings.edit")
        self.due_soon_days = self._spin(1, 365, self.tr(" 天"))
        self.near_limit_percent = self._spin(1, 100, " %")
        self.counts: dict[str, QSpinBox] = {}
        self.by: dict[str, QComboBox] = {}
        plan = QGridLayout()
        plan.addWidget(QLabel(self.tr("信用等级")), 0, 0)
        plan.addWidget(QLabel(self.tr("每月至少走访")), 0, 1)
        plan.addWidget(QLabel(self.tr("由谁走访")), 0, 2)
        for row, grade in enumerate(VISIT_GRADES, start=1):
            self.counts[grade] = self._spin(0, MAX_VISITS, self.tr(" 次"))
            self.by[grade] = QComboBox()
            for key, title in VISIT_BY:
                self.by[grade].addItem(self.tr(title), key)
            plan.addWidget(QLabel(self.tr("{0} 类").format(grade)), row, 0)
            plan.addWidget(self.counts[grade], row, 1)
            plan.addWidget(self.by[grade], row, 2)
        plan.setColumnStretch(3, 1)
        self.cash_threshold = MoneyEdit(self.tr("现款零售金额界限"), required=True)
        self.cash_threshold.setMaximumWidth(140)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.undo_button = QPushButton(self.tr("还原"))
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.refresh)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32")

        form = QFormLayout()
        form.addRow(self.tr("即将到期："), self._row(self.tr("提醒"), self.due_soon_days, self.tr("内到期、尚未付清的销售单")))
        form.addRow(self.tr("接近信用额度："), self._row(self.tr("欠款超过信用额度的"), self.near_limit_percent,
                                                     self.tr("时提醒（超过额度的也提醒）")))
        form.addRow(self.tr("走访计划："), plan)
        form.addRow("", note(self.tr("按客户的信用等级（未设定时用建议等级）：本月走访次数不足的客户从每月 20 日起提醒；"
                                     "A、B、C 类客户上次走访超过 45 天的随时提醒。跟进方式名称含「走访」或「拜访」的跟进"
                                     "记录算作走访，电话、邮件、传真不算。共享客户的走访提醒给经理和管理员。")))
        form.addRow(self.tr("售后回访："), self._row(self.tr("现款零售金额低于"), self.cash_threshold,
                                                 self.tr("元的销售单不安排回访")))
        form.addRow("", note(self.tr("每张确认的销售单在 1 周、1 个月、1 季度、1 年后各安排一次回访，由客户的负责销售员负责；"
                                     "该客户在回访日当天或之后有跟进记录即算完成；作废销售单时取消未完成的回访。")))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("提醒与走访")))
        if not self.editable:
            layout.addWidget(note(self.tr("只有管理员可以修改这些设置。")))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for widget in (self.due_soon_days, self.near_limit_percent, self.cash_threshold, self.save_button,
                       self.undo_button, *self.counts.values(), *self.by.values()):
            widget.setEnabled(self.editable)

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(80)
        return spin

    def _row(self, before: str, widget: QWidget, after: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(before))
        row.addWidget(widget)
        row.addWidget(QLabel(after))
        row.addStretch(1)
        return row

    def load(self) -> None:
        self.fetch(master_data.get_settings, on_done=self._show)

    def _show(self, settings: Settings) -> None:
        self.due_soon_days.setValue(settings.due_soon_days)
        self.near_limit_percent.setValue(settings.near_limit_percent)
        for grade in VISIT_GRADES:
            count, by = settings.visits(grade)
            self.counts[grade].setValue(count)
            self.by[grade].setCurrentIndex(max(self.by[grade].findData(by), 0))
        self.cash_threshold.set_value(settings.aftersales_cash_threshold)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {"due_soon_days": self.due_soon_days.value(),
                                     "near_limit_percent": self.near_limit_percent.value(),
                                     "aftersales_cash_threshold": self.cash_threshold.value()}
        for grade in VISIT_GRADES:
            values[f"visit_{grade.lower()}_count"] = self.counts[grade].value()
            values[f"visit_{grade.lower()}_by"] = self.by[grade].currentData()
        return values

    def save(self) -> None:
        if not self.editable:
            return
        self.saved_label.setText("")
        try:
            values = self.values()
        except UserError as exc:  # the threshold as typed is not an amount
            self.failed(exc)
            return

        def done(settings: Settings) -> None:
            self._show(settings)
            self.saved_label.setText(self.tr("已保存"))

        self.ctx.op(master_data.save_settings, done=done, failed=self.failed, owner=self, **values)
