"""The 操作日志 page of 设置: administrators and managers read the audit log (logins, credit, blacklist, approvals, owners, archive,
import, backup and restore …) filtered by period, login, kind of action and customer or document, paged lazily like
every list, and export or print what the filter shows."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from app import audit, auth
from app.audit import AuditFilter
from app.changes import KINDS as CHANGE_KINDS
from ui.context import AppContext
from ui.list_tab import ListTab
from ui.settings.common import Page, heading, note
from ui.table_model import ColumnSpec
from ui.widgets.period import PeriodFilter

WIDTHS = {"at": 150, "login": 110, "action": 150, "target": 200, "detail": 420}
PERIODS = (
    ("last_7", QT_TRANSLATE_NOOP("AuditList", "近7天")),
    ("last_30", QT_TRANSLATE_NOOP("AuditList", "近30天")),
    ("this_month", QT_TRANSLATE_NOOP("AuditList", "本月")),
    ("all", QT_TRANSLATE_NOOP("AuditList", "全部")),
    ("custom", QT_TRANSLATE_NOOP("AuditList", "指定日期")),
)
COLUMNS = (
    ("at", QT_TRANSLATE_NOOP("AuditList", "时间")),
    ("login", QT_TRANSLATE_NOOP("AuditList", "登录名")),
    ("action", QT_TRANSLATE_NOOP("AuditList", "操作")),
    ("target", QT_TRANSLATE_NOOP("AuditList", "对象")),
    ("detail", QT_TRANSLATE_NOOP("AuditList", "内容")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditList", text)


class AuditList(ListTab):
    HEADER_KEY = "audit/header"
    WIDTHS = WIDTHS
    SORTABLE = frozenset(audit.SORT_COLUMNS)
    DEFAULT_SORT = ("at", True)
    MATCHING = staticmethod(audit.matching_ids)
    ROWS = staticmethod(audit.rows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [ColumnSpec(key, tr(title)) for key, title in COLUMNS], parent)
        self.add_action(self.tr("导出 Excel"), self.export, needs_selection=False)
        self.add_action(self.tr("打印预览"), self.print_preview, needs_selection=False)
        self.add_action(self.tr("打印…"), self.print_, needs_selection=False)
        self.finish_toolbar()

    def build_filters(self) -> list[QLayout | QWidget]:
        # a month answers at once even at scale
        self.dates = PeriodFilter([(key, tr(title)) for key, title in PERIODS], "last_30", date.today, self)
        self.dates.changed.connect(self.debounce.start)
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("登录名"))
        self.login.setToolTip(self.tr("登录名或其开头；命令行的操作记作 cli:系统用户名"))
        self.login.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部操作"), None)
        for kind in audit.KINDS:
            self.kind.addItem(str(audit.kind_title(kind)), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("客户（编码 / 名称 / 拼音）或单据号"))
        self.search.setClearButtonEnabled(True)
        for edit in (self.login, self.search):
            edit.textChanged.connect(lambda _t: self.debounce.start())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("期间：")))
        for widget in self.dates.widgets():
            row.addWidget(widget)
        row.addWidget(self.login, 1)
        row.addWidget(self.kind)
        row.addWidget(self.search, 2)
        return [row]

    def current_filter(self) -> AuditFilter:
        start, end = self.dates.days()
        return AuditFilter(start=start, end=end, login=self.login.text(), kind=self.kind.currentData(),
                           text=self.search.text())

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 条操作记录").format(count)

    def export_title(self) -> str:
        return self.tr("操作日志")

    def filter_params(self) -> list[tuple[str, str]]:
        return audit.filter_params(self.current_filter())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


class AuditPage(Page):
    key = "audit"
    watches = CHANGE_KINDS  # every change writes an entry: reload when shown again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.list: AuditList | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("操作日志")))
        if auth.can(ctx.actor, "audit.view"):
            layout.addWidget(note(self.tr("登录、信用额度、黑名单、审批、负责销售员、归档、导入、备份和还原等每一项操作都记录在这里，"
                                          "记录只能查看，不能修改或删除。")))
            self.list = AuditList(ctx, self)
            self.list.status_changed.connect(self.status_changed)
            self.list.loaded.connect(self._listed)
            layout.addWidget(self.list, 1)
        else:
            layout.addWidget(note(self.tr("只有管理员和经理可以查看操作日志。")))
            layout.addStretch(1)

    def load(self) -> None:
        if self.list is None:
            self.loaded = True
            return
        self.loaded = False
        self.list.refresh()

    def _listed(self) -> None:
        self.loaded = True

    def status_text(self) -> str:
        return self.list.status_text() if self.list is not None else ""

    def save_state(self) -> None:
        if self.list is not None:
            self.list.save_state()

    def focus_search(self) -> None:
        if self.list is not None:
            self.list.focus_search()
