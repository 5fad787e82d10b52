"""信用 tab: each customer's credit, the held-order approval queue, aging with its proof and drill-down, 对账单."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import analytics, auth, credit_view, customer_service, orders
from app import settings as app_settings
from app.changes import changed
from app.exports.common import Document
from app.ledger import BUCKET_TITLES, BUCKETS
from app.statement import KIND_TITLES
from app.tables import Column
from ui import ask, exporting
from ui.context import AppContext, qsettings
from ui.customers.batch import BatchDialog, BlacklistDialog, CreditDialog
from ui.list_tab import ListTab
from ui.paged_tab import PagedTab
from ui.table_model import PAGE, ColumnSpec, LazyTableModel, display, list_view
from ui.widgets.dates import date_edit
from ui.widgets.picker import Picker

if TYPE_CHECKING:
    from ui.analysis.common import CompactModel

Index = QModelIndex | QPersistentModelIndex
RED, GREEN = QColor("#b00020"), QColor("#2e7d32")
DEBOUNCE_MS = 150
REFRESH_ON = ("customer", "order", "return", "receipt", "allocation", "salesperson", "code")
MONEY_KEYS = (*BUCKETS, "unapplied")
_TITLES = (  # titles that reach tr() as variables: named here for lupdate
    QT_TRANSLATE_NOOP("CreditTab", "未到期"), QT_TRANSLATE_NOOP("CreditTab", "1-30天"),
    QT_TRANSLATE_NOOP("CreditTab", "31-60天"), QT_TRANSLATE_NOOP("CreditTab", "61-90天"),
    QT_TRANSLATE_NOOP("CreditTab", "90天以上"), QT_TRANSLATE_NOOP("CreditTab", "销售单"),
    QT_TRANSLATE_NOOP("CreditTab", "退货单"), QT_TRANSLATE_NOOP("CreditTab", "收款单"),
    # cells of "title" columns: models.customers.STATUSES, and what app.credit_view puts in names and owners
    QT_TRANSLATE_NOOP("CreditTab", "潜在"), QT_TRANSLATE_NOOP("CreditTab", "正常"),
    QT_TRANSLATE_NOOP("CreditTab", "暂停"), QT_TRANSLATE_NOOP("CreditTab", "终止"),
    QT_TRANSLATE_NOOP("CreditTab", "公司共享客户"), QT_TRANSLATE_NOOP("CreditTab", "（未设置）"),
    QT_TRANSLATE_NOOP("CreditTab", "合计"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("CreditTab", text)


def cell_value(row: Any, key: str) -> Any:  # noqa: ANN401 - a cell's value
    """A list row's value of a column: rows are dicts, or objects with `.value(key)`."""
    return row[key] if isinstance(row, dict) else row.value(key)


class ListModel(QAbstractTableModel):
    """A fully loaded list of rows (dicts, or objects with `.value(key)`), sorted in place when a header is
    clicked, with an optional bold totals row that stays last; `alert(row, key)` paints a cell red. A "title"
    column holds names, or app/ titles (a status, 公司共享客户, 合计) that are shown translated."""

    def __init__(self, columns: Sequence[ColumnSpec], alert: Callable[[Any, str], bool] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._alert = alert
        self._rows: list[Any] = []
        self._totals: Any = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any], totals: Any = None, columns: Sequence[ColumnSpec] | None = None) -> None:
        self.beginResetModel()
        if columns is not None:
            self.columns, self._sort = list(columns), None
        self._rows, self._totals = list(rows), totals
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def totals(self) -> Any:
        return self._totals

    def row_at(self, row: int) -> Any:
        """The row shown at `row` (None: the totals row or nothing)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def is_totals(self, row: int) -> bool:
        return self._totals is not None and row == len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows) + (self._totals is not None)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        column = self.columns[index.column()]
        row = self._totals if self.is_totals(index.row()) else self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = display(cell_value(row, column.key), column.kind)
            return tr(text) if column.kind == "title" and text else text
        return cell_style(role, column, self.is_totals(index.row()),
                          lambda: self._alert is not None and self._alert(row, column.key))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return header_data(self.columns, self.rowCount(), section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key = self.columns[column].key
        present = [r for r in self._rows if cell_value(r, key) is not None]
        missing = [r for r in self._rows if cell_value(r, key) is None]  # empty cells last either way
        present.sort(key=lambda r: cell_value(r, key), reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = present + missing



def cell_style(role: int, column: ColumnSpec, totals: bool, alert: Callable[[], bool]) -> Any:
    """A list cell's alignment (figures right), font (the totals row bold) and colour (red when `alert()`)."""
    if role == Qt.ItemDataRole.TextAlignmentRole:
        side = Qt.AlignmentFlag.AlignRight if column.kind in ("money", "int") else Qt.AlignmentFlag.AlignLeft
        return int(side | Qt.AlignmentFlag.AlignVCenter)
    if role == Qt.ItemDataRole.FontRole and totals:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ForegroundRole and alert():
        return RED
    return None


def header_data(columns: Sequence[ColumnSpec], rows: int, section: int, orientation: Qt.Orientation, role: int) -> Any:
    """Column titles across, row numbers down."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal and 0 <= section < len(columns):
        return columns[section].title
    if orientation == Qt.Orientation.Vertical and 0 <= section < rows:
        return section + 1
    return None


def make_table(model: ListModel, state_key: str, widths: dict[str, int], many: bool = False) -> QTableView:
    """The house list (ui.table_model.list_view), sorting the loaded rows in memory."""
    view = list_view(model, widths, default_width=100, many=many, movable=False)
    view.setTabKeyNavigation(True)
    header = view.horizontalHeader()
    header.setSortIndicatorClearable(False)
    header.sortIndicatorChanged.connect(model.sort)
    header.setProperty("state_key", state_key)
    size_columns(view, widths)
    return view


EXPORT_KINDS = {"money": "money", "int": "int", "date": "date", "rate": "rate", "qty": "qty"}  # kept as they are


def model_job(model: ListModel | CompactModel, title: str, params: list[tuple[str, str]], notes: list[str],
              cell: Callable[[Any, ColumnSpec], Any] | None = None) -> exporting.TableJob:
    """A fully loaded list (its rows in the order shown, its totals row) as a document: cells as the page shows
    them (`cell`, default `page_cell`), numbers and dates kept as numbers and dates. The cells are made in the
    export's worker, and a compact list's rows too (ui.analysis.common.CompactModel: tens of thousands), one at a
    time as it writes them."""
    make_cell = cell or page_cell
    specs = list(model.columns)
    columns = [Column(c.key, c.title, EXPORT_KINDS.get(c.kind, "text")) for c in specs]
    lazy = getattr(model, "lazy_rows", None)
    rows: Sequence[Any] = lazy() if lazy is not None else model.rows()
    totals = model.totals()

    def make(session: Any, actor: Any) -> tuple[Document, Iterable[dict[str, Any]], int]:
        company = app_settings.load(session).company_name
        total = None if totals is None else {c.key: make_cell(totals, c) for c in specs}
        document = Document(title, columns, params, totals=total, notes_below=notes, company=company,
                            printed_by=actor.login)
        return document, ({c.key: make_cell(r, c) for c in specs} for r in rows), len(rows)

    return exporting.TableJob(title, make)


def page_cell(row: Any, column: ColumnSpec) -> Any:  # noqa: ANN401 - a cell's value
    """A cell as the page shows it: yes/no and app/ titles as words, numbers and dates as they are."""
    value = cell_value(row, column.key)
    if column.kind in ("bool", "title") or (column.kind == "text" and value is not None and not isinstance(value, str)):
        text = display(value, "bool" if column.kind == "bool" else "text")
        return tr(text) if column.kind == "title" and text else text
    return value


def size_columns(view: QTableView, widths: dict[str, int]) -> None:
    """Default widths, then what the user left last time (per state key)."""
    header = view.horizontalHeader()
    model: ListModel = view.model()  # type: ignore[assignment]
    for n, column in enumerate(model.columns):
        header.resizeSection(n, widths.get(column.key, 100))
    state = qsettings().value(str(header.property("state_key")))
    if state is not None:
        header.restoreState(state)


def save_columns(view: QTableView) -> None:
    header = view.horizontalHeader()
    qsettings().setValue(str(header.property("state_key")), header.saveState())


class Page(QWidget):
    """A sub-tab: loads off the GUI thread (a newer load voids older answers), shows a busy bar and messages."""

    status_changed = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        self._generation = 0
        self._loading = False
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(110)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def load(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None]) -> None:
        """`fn(session, actor, *args)` off the GUI thread; a newer load voids the older answers."""
        self._loading, self.stale = True, False
        self.busy.setVisible(True)
        self.status_changed.emit(self.status_text())

        def arrived(result: Any) -> None:
            self._finish()
            done(result)
            self.status_changed.emit(self.status_text())
            self.loaded.emit()

        def failed(exc: Exception) -> None:
            self._finish()
            self.show_message(str(exc), error=True)
            self.loaded.emit()

        self.ctx.query(fn, *args, done=arrived, failed=failed, owner=self, key="load")

    def _finish(self) -> None:
        self._loading = False
        self.busy.setVisible(False)

    def is_loading(self) -> bool:
        return self._loading

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {(RED if error else GREEN).name()}")
        self.message.setText(text)

    def refresh(self) -> None:
        raise NotImplementedError

    def invalidate(self) -> None:
        """The data changed: load again when next shown."""
        self.stale = True

    def status_text(self) -> str:
        return ""

    def focus_search(self) -> None:
        pass

    def tables(self) -> list[QTableView]:
        return []

    def save_state(self) -> None:
        for view in self.tables():
            save_columns(view)

    # --- export and print: the rows the page shows ------------------------------------------------------------

    def export_title(self) -> str:
        return ""

    def export_params(self) -> list[tuple[str, str]]:
        return []

    def export_notes(self) -> list[str]:
        return []

    def table_job(self) -> exporting.TableJob | None:
        """The page's table as it is shown (rows, order and totals) as a document."""
        view = self.tables()[0] if self.tables() else None
        if view is None or view.model().rowCount() == 0:
            return None
        return model_job(view.model(), self.export_title(), self.export_params(), self.export_notes())

    def _with_job(self, run: Callable[..., None]) -> None:
        job = self.table_job()
        if job is None:
            self.show_message(self.tr("没有可以导出或打印的内容"), error=True)
            return
        run(self.ctx, self, job)

    def export(self) -> None:
        job = self.table_job()
        if job is None:
            self.show_message(self.tr("没有可以导出或打印的内容"), error=True)
            return
        exporting.export_xlsx(self.ctx, self, job, report=self.show_message)

    def print_preview(self) -> None:
        self._with_job(exporting.preview)

    def print_(self) -> None:
        self._with_job(exporting.print_now)

    def export_pdf(self) -> None:
        self._with_job(exporting.save_pdf)


# --- 信用总览 ------------------------------------------------------------------------------------


def _overview_alert(row: Any, key: str) -> bool:
    return ((key == "overdue" and row.overdue > 0) or (key == "available" and row.available < 0)
            or (key == "blacklisted" and row.blacklisted) or (key == "oldest_overdue_days" and row.overdue > 0))


class OverviewModel(LazyTableModel):
    """The overview's lazy rows; figures that need attention in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and not self.failed_at(index.row()):
            row = self.row_of(index.row())
            return RED if row is not None and _overview_alert(row, self.columns[index.column()].key) else None
        return super().data(index, role)


class OverviewPage(ListTab):
    """Every customer's credit as of the as-of date, filtered and sorted in SQL and paged lazily; the suggested
    grades (which rank all customers) are computed once per as-of date, with the first query."""

    COLUMNS = (  # titles marked for lupdate (they reach self.tr() as variables)
        ("code", QT_TRANSLATE_NOOP("OverviewPage", "客户编码"), "text"),
        ("name", QT_TRANSLATE_NOOP("OverviewPage", "客户名称"), "text"),
        ("owner", QT_TRANSLATE_NOOP("OverviewPage", "负责销售员"), "text"),
        ("term_days", QT_TRANSLATE_NOOP("OverviewPage", "账期(天)"), "int"),
        ("credit_limit", QT_TRANSLATE_NOOP("OverviewPage", "信用额度"), "money"),
        ("balance", QT_TRANSLATE_NOOP("OverviewPage", "余额"), "money"),
        ("overdue", QT_TRANSLATE_NOOP("OverviewPage", "过期金额"), "money"),
        ("available", QT_TRANSLATE_NOOP("OverviewPage", "可用额度"), "money"),
        ("oldest_overdue_days", QT_TRANSLATE_NOOP("OverviewPage", "最长逾期(天)"), "int"),
        ("suggested_grade", QT_TRANSLATE_NOOP("OverviewPage", "建议等级"), "text"),
        ("grade", QT_TRANSLATE_NOOP("OverviewPage", "信用等级"), "text"),
        ("blacklisted", QT_TRANSLATE_NOOP("OverviewPage", "黑名单"), "bool"),
        ("status", QT_TRANSLATE_NOOP("OverviewPage", "状态"), "text"),
    )
    WIDTHS = {"code": 90, "name": 216, "owner": 90, "term_days": 70, "credit_limit": 100, "balance": 110,
              "overdue": 100, "available": 100, "oldest_overdue_days": 90, "suggested_grade": 70, "grade": 70,
              "blacklisted": 56, "status": 76}
    HEADER_KEY = "credit/overview/header"
    MANY = True
    MOVABLE = False
    SORTABLE = credit_view.SORTABLE
    DEFAULT_SORT = (None, False)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [ColumnSpec(k, self.tr(t), kind) for k, t, kind in self.COLUMNS], parent)
        self.stale = True
        self._grades: tuple[date, dict[int, Any]] | None = None
        self.credit_button = self.add_action(self.tr("调整账期/额度…"), self.set_credit, "credit.change")
        self.black_button = self.add_action(self.tr("加入黑名单…"), lambda: self.set_blacklist(True),
                                            "blacklist.change")
        self.unblack_button = self.add_action(self.tr("移出黑名单…"), lambda: self.set_blacklist(False),
                                              "blacklist.change")
        self.finish_toolbar()

    def build_filters(self) -> list[QLayout | QWidget]:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("编码 / 名称 / 拼音 / 助记码 / 电话"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.owner_filter = Picker.for_salespeople(self.ctx, include_shared_pool=True, include_former=True)
        self.owner_filter.setPlaceholderText(self.tr("负责销售员：全部"))
        self.owner_filter.setMinimumWidth(150)
        self.owner_filter.picked.connect(lambda _i: self.refresh())
        self.problems = QCheckBox(self.tr("只看有问题的"))
        self.problems.setToolTip(self.tr("有过期欠款、超过信用额度或在黑名单中的客户"))
        self.problems.toggled.connect(lambda _on: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("查找：")))
        top.addWidget(self.search, 1)
        top.addWidget(self.owner_filter)
        top.addWidget(self.problems)
        return [top]

    def make_model(self, columns: list[ColumnSpec]) -> LazyTableModel:
        return OverviewModel(columns, self._fetch, self)

    def current_filter(self) -> credit_view.OverviewFilter:
        return credit_view.OverviewFilter(self.ctx.as_of, self.search.text(), self.owner_filter.current_id(),
                                          self.problems.isChecked())

    def refresh(self, keep_position: bool = False) -> None:
        self.stale = False
        super().refresh(keep_position)

    def _matching(self, session: Any, actor: Any, flt: credit_view.OverviewFilter, sort: str | None,
                  descending: bool) -> tuple[list[int], Any]:
        ids = credit_view.overview_ids(session, actor, flt, sort, descending)
        known = self._grades
        grades = known if known is not None and known[0] == flt.on else (
            flt.on, analytics.suggested_grades(session, flt.on))
        return ids, grades

    def _found(self, session: Any, actor: Any, flt: credit_view.OverviewFilter, sort: str | None,
               descending: bool) -> tuple[Any, Any]:
        """Off the GUI thread: the ids, the grades (once per as-of date) and the first page of rows formatted, so
        that showing the answer reads nothing on the GUI thread."""
        ids, grades = self._matching(session, actor, flt, sort, descending)
        rows = credit_view.overview_rows(session, grades[0], ids[:PAGE], grades[1])
        return (ids, grades), self.model.formatted(self.adjust_rows(rows))

    def receive(self, extra: tuple[date, dict[int, Any]]) -> None:
        self._grades = extra

    def fetch_rows(self, session: Any, ids: Sequence[int]) -> list[Any]:
        """One page: its customers' figures in a few grouped statements."""
        on, grades = self._grades if self._grades is not None else (self.ctx.as_of, None)
        return credit_view.overview_rows(session, on, ids, grades)

    def adjust_rows(self, rows: list[Any]) -> list[Any]:
        return [replace(r, owner=tr(r.owner), status=tr(r.status) if r.status else r.status) for r in rows]

    def on_changed(self, changes: Any) -> None:
        """The credit tab decides when its pages load again (see CreditTab)."""

    def invalidate(self) -> None:
        """The data changed: load again when next shown (the grades too)."""
        self.stale = True
        self._grades = None

    def tables(self) -> list[QTableView]:
        return [self.view]

    def noun(self, count: int) -> str:
        return self.tr("共 {0:,} 个客户（截至 {1}）").format(count, self.ctx.as_of.isoformat())

    def export_title(self) -> str:
        return self.tr("信用总览")

    def filter_params(self) -> list[tuple[str, str]]:
        out = [(self.tr("截至"), self.ctx.as_of.isoformat())]
        if self.search.text().strip():
            out.append((self.tr("查找"), self.search.text().strip()))
        if self.owner_filter.current_id() is not None:
            out.append((self.tr("负责销售员"), self.owner_filter.text()))
        if self.problems.isChecked():
            out.append((self.tr("范围"), self.tr("只看有问题的")))
        return out

    def status_text(self) -> str:
        if self.is_loading() and not self.model.rowCount():
            return self.tr("正在计算各客户的信用数据…")
        return super().status_text()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_credit(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._batch(CreditDialog(self.ctx, len(ids), self), customer_service.set_credit, ids)

    def set_blacklist(self, blacklisted: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self._batch(BlacklistDialog(self.ctx, len(ids), blacklisted, self), customer_service.set_blacklist, ids)

    def _batch(self, dialog: BatchDialog, fn: Callable[..., int], ids: list[int]) -> None:
        """The dialog (reason and date required), one confirmation, then the use case off the GUI thread."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        title = dialog.windowTitle()
        if not ask.confirm(self, title, dialog.summary() + "\n\n" + self.tr("确定执行吗？"), destructive=True):
            return
        self.ctx.op(fn, ids, **dialog.values(), owner=self, title=title,
                    done=lambda n: self.show_message(self.tr("{0}：已处理 {1:,} 个客户").format(title, n)),
                    failed=lambda exc: self.show_message(str(exc), error=True))


# --- 待审批 --------------------------------------------------------------------------------------


DECISIONS = {"block": QT_TRANSLATE_NOOP("CreditTab", "禁止销售"), "hold": QT_TRANSLATE_NOOP("CreditTab", "需审批"),
             "ok": QT_TRANSLATE_NOOP("CreditTab", "可通过")}


def _queue_row(h: orders.HeldOrder) -> dict[str, Any]:
    d = h.decision
    return {"order": h, "number": h.number, "date": h.date, "customer": f"{h.customer_code} {h.customer_name}",
            "handler": h.handler_name, "total": h.total, "decision": tr(DECISIONS[d.decision]),
            "reasons": "；".join(r.message for r in d.reasons), "balance": d.balance, "overdue": d.overdue,
            "limit": d.credit_limit, "exposure": d.exposure}


class ReasonDialog(BatchDialog):
    """批准 / 驳回 a held order: a written reason is required."""

    def __init__(self, ctx: AppContext, title: str, held: orders.HeldOrder, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(title)
        self.header.setText(self.tr("销售单 {0}　{1} {2}　金额 {3:,.2f} 元").format(
            held.number, held.customer_code, held.customer_name, held.total))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填，记入操作日志"))
        self.form.addRow(self.tr("理由："), self.reason)

    def problem(self) -> str | None:
        return None if self.reason.text().strip() else self.tr("请填写理由")


class QueuePage(Page):
    COLUMNS = (  # titles marked for lupdate (they reach self.tr() as variables)
        ("number", QT_TRANSLATE_NOOP("QueuePage", "单号"), "text"),
        ("date", QT_TRANSLATE_NOOP("QueuePage", "日期"), "date"),
        ("customer", QT_TRANSLATE_NOOP("QueuePage", "客户"), "text"),
        ("handler", QT_TRANSLATE_NOOP("QueuePage", "经办人"), "text"),
        ("total", QT_TRANSLATE_NOOP("QueuePage", "金额"), "money"),
        ("balance", QT_TRANSLATE_NOOP("QueuePage", "当前余额"), "money"),
        ("overdue", QT_TRANSLATE_NOOP("QueuePage", "过期金额"), "money"),
        ("limit", QT_TRANSLATE_NOOP("QueuePage", "信用额度"), "money"),
        ("exposure", QT_TRANSLATE_NOOP("QueuePage", "本单后欠款"), "money"),
        ("decision", QT_TRANSLATE_NOOP("QueuePage", "检查结果"), "text"),
        ("reasons", QT_TRANSLATE_NOOP("QueuePage", "原因"), "text"),
    )
    WIDTHS = {"number": 140, "date": 86, "customer": 210, "handler": 60, "total": 90, "balance": 90, "overdue": 90,
              "limit": 90, "exposure": 90, "decision": 70, "reasons": 240}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.approve_button = QPushButton(self.tr("批准…"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton(self.tr("驳回…"))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("信用检查未通过、等待审批的销售单（按截至日重新检查）")))
        top.addStretch(1)
        top.addWidget(self.busy)
        top.addWidget(self.approve_button)
        top.addWidget(self.reject_button)
        self.model = ListModel([ColumnSpec(k, self.tr(t), kind) for k, t, kind in self.COLUMNS],
                               lambda r, k: k in ("decision", "reasons", "overdue") and bool(r["reasons"]), self)
        self.view = make_table(self.model, "credit/queue/header", self.WIDTHS)
        self.view.setWordWrap(True)  # the reasons are sentences: the last column takes the room left, rows grow
        self.view.horizontalHeader().setStretchLastSection(True)
        # a row grows to its reasons when it comes into view: measuring every row (ResizeToContents) costs seconds of
        # the GUI thread for a thousand held orders, again at each layout
        self._fitted: set[int] = set()
        self._fitting = False
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._fit_rows())
        self.view.horizontalHeader().sectionResized.connect(lambda *_a: self._refit())
        self.model.layoutChanged.connect(self._refit)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self._update_actions()

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(orders.held_queue, self.ctx.as_of, done=self._loaded)

    def _loaded(self, held: list[orders.HeldOrder]) -> None:
        self.model.set_rows([_queue_row(h) for h in held])
        self._refit()
        self._update_actions()

    def _refit(self) -> None:
        """The rows' contents or the columns' widths changed: measure the rows on screen again (the others when they
        come into view)."""
        self._fitted.clear()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row on screen as high as its contents (the reasons wrap in the last column)."""
        view, header = self.view, self.view.verticalHeader()
        count = self.model.rowCount()
        if self._fitting or not count or not view.isVisible():
            return
        self._fitting = True
        try:
            row, bottom = max(view.rowAt(0), 0), view.viewport().height()
            while row < count and header.sectionViewportPosition(row) < bottom:
                if row not in self._fitted:
                    self._fitted.add(row)
                    view.resizeRowToContents(row)
                row += 1
        finally:
            self._fitting = False

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_rows)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_rows)

    def current(self) -> orders.HeldOrder | None:
        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return None if row is None else row["order"]

    def _update_actions(self) -> None:
        allowed = auth.can(self.ctx.actor, "credit.approve")
        for button in (self.approve_button, self.reject_button):
            button.setEnabled(allowed and self.current() is not None)
            button.setToolTip("" if allowed else self.tr("只有经理或管理员可以审批"))

    def decide(self, approve: bool) -> None:
        held = self.current()
        if held is None:
            return
        dialog = ReasonDialog(self.ctx, self.tr("批准销售单") if approve else self.tr("驳回销售单"), held, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.reason.text().strip()
        args = (held.order_id, held.version, reason)

        def failed(exc: Exception) -> None:
            self.show_message(str(exc), error=True)
            self.refresh()

        extra = {"today": self.ctx.as_of} if approve else {}
        self.ctx.op(orders.approve if approve else orders.reject, *args, **extra, owner=self, failed=failed,
                    done=lambda outcome: self.show_message(outcome.message))

    def status_text(self) -> str:
        return self.tr("待审批销售单 {0:,} 张").format(len(self.model.rows()))

    def export_title(self) -> str:
        return self.tr("待审批销售单")

    def export_params(self) -> list[tuple[str, str]]:
        return [(self.tr("检查日期"), self.ctx.as_of.isoformat())]


# --- 账龄分析 ------------------------------------------------------------------------------------


class DrillDialog(QDialog):
    """One customer's documents behind one aging cell: the open orders and what paid them, or the credits
    with unapplied money and what they paid."""

    def __init__(self, title: str, items: list[credit_view.DrillItem], unapplied: bool,
                 parent: QWidget | None = None, ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.items, self.title = ctx, items, title
        self.setWindowTitle(title)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold")
        self.tree = QTreeWidget()
        left = self.tr("未核销金额") if unapplied else self.tr("未付金额")
        self.tree.setHeaderLabels([self.tr("单据"), self.tr("日期"), self.tr("到期日"), self.tr("单据金额"),
                                   self.tr("核销金额"), left, self.tr("逾期天数")])
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for item in items:
            top = QTreeWidgetItem([f"{tr(item.kind)} {item.number}", item.date.isoformat(),
                                   item.due_date.isoformat() if item.due_date else "", display(item.total, "money"),
                                   display(item.paid, "money"), display(item.open, "money"),
                                   "" if item.days_past_due is None else str(item.days_past_due)])
            for p in item.allocations:
                top.addChild(QTreeWidgetItem([f"{tr(p.kind)} {p.number}", p.date.isoformat(), "", "",
                                              display(p.amount, "money"), "", ""]))
            for column in (3, 4, 5, 6):
                top.setTextAlignment(column, right)
                for n in range(top.childCount()):
                    top.child(n).setTextAlignment(column, right)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        for n, width in enumerate((270, 90, 90, 100, 100, 100, 70)):
            self.tree.setColumnWidth(n, width)
        total = sum((i.open for i in items), Decimal("0.00"))
        self.summary = QLabel(self.tr("共 {0} 张单据，{1}合计 {2} 元").format(len(items), left, display(total, "money")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        if ctx is not None:
            for text, run in ((self.tr("导出 Excel"), self.export), (self.tr("打印预览"), self.print_preview)):
                button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
                button.setAutoDefault(False)
                button.clicked.connect(run)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(880, 420)

    def table_job(self) -> exporting.TableJob:
        """The documents as the tree shows them: each document, then (indented) what paid it or what it paid."""
        titles = [self.tree.headerItem().text(n) for n in range(self.tree.columnCount())]
        keys = ("document", "date", "due_date", "total", "paid", "open", "days")
        kinds = ("text", "date", "date", "money", "money", "money", "int")
        columns = [Column(k, t, kind) for k, t, kind in zip(keys, titles, kinds, strict=True)]
        rows: list[dict[str, Any]] = []
        for item in self.items:
            rows.append({"document": f"{tr(item.kind)} {item.number}", "date": item.date, "due_date": item.due_date,
                         "total": item.total, "paid": item.paid, "open": item.open, "days": item.days_past_due})
            rows += [{"document": f"    {tr(p.kind)} {p.number}", "date": p.date, "paid": p.amount}
                     for p in item.allocations]
        title, summary = self.title, self.summary.text()

        def make(session: Any, actor: Any) -> tuple[Document, list[dict[str, Any]], int]:
            document = Document(title, columns, notes_below=[summary], printed_by=actor.login,
                                company=app_settings.load(session).company_name)
            return document, rows, len(rows)

        return exporting.TableJob(title, make)

    def export(self) -> None:
        assert self.ctx is not None
        exporting.export_xlsx(self.ctx, self, self.table_job())

    def print_preview(self) -> None:
        assert self.ctx is not None
        exporting.preview(self.ctx, self, self.table_job())


class AgingPage(Page):
    GROUPS = ((QT_TRANSLATE_NOOP("AgingPage", "按客户"), None), (QT_TRANSLATE_NOOP("AgingPage", "按销售员"), "owner"),
              (QT_TRANSLATE_NOOP("AgingPage", "按地区"), "region"), (QT_TRANSLATE_NOOP("AgingPage", "按行业"), "industry"),
              (QT_TRANSLATE_NOOP("AgingPage", "按客户类型"), "type"))
    GROUP_TITLES = {"owner": QT_TRANSLATE_NOOP("AgingPage", "销售员"), "region": QT_TRANSLATE_NOOP("AgingPage", "地区"),
                    "industry": QT_TRANSLATE_NOOP("AgingPage", "行业"),
                    "type": QT_TRANSLATE_NOOP("AgingPage", "客户类型")}
    WIDTHS = {"code": 90, "name": 220, "owner": 90, "count": 70, "balance": 120, "unapplied": 100,
              **dict.fromkeys(BUCKETS, 105)}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: credit_view.AgingView | None = None
        self.last_drill: DrillDialog | None = None
        self.as_of = date_edit(ctx.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        ctx.as_of_changed.connect(lambda day: self.as_of.setDate(day))
        self.group = QComboBox()
        for title, key in self.GROUPS:
            self.group.addItem(self.tr(title), key)
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        again = QPushButton(self.tr("刷新"))
        again.setAutoDefault(False)
        again.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("截至：")))
        top.addWidget(self.as_of)
        top.addWidget(QLabel(self.tr("分组：")))
        top.addWidget(self.group)
        top.addWidget(again)
        top.addWidget(self.busy)
        top.addWidget(QLabel(self.tr("双击账龄段金额查看明细")), 1, Qt.AlignmentFlag.AlignRight)
        from ui.analysis.common import CompactModel  # it builds on this module's ListModel

        # 37,000 customer rows at 100,000 customers: kept as columns (credit_view.AgingRows), made when shown
        self.model = CompactModel(self._columns(None), lambda r, k: k == "balance" and r.balance < 0, self)
        self.view = make_table(self.model, "credit/aging/customer/header", self.WIDTHS)
        self.view.doubleClicked.connect(lambda index: self.drill(self.model, index))
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.view, 1)
        upper_layout.addWidget(self.check)
        self.members_title = QLabel()
        self.members_model = CompactModel(self._columns(None), parent=self)
        self.members_view = make_table(self.members_model, "credit/aging/members/header", self.WIDTHS)
        self.members_view.doubleClicked.connect(lambda index: self.drill(self.members_model, index))
        self.members = QWidget()
        lower_layout = QVBoxLayout(self.members)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.members_title)
        lower_layout.addWidget(self.members_view, 1)
        self.members.setVisible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.members)
        state = qsettings().value("credit/aging/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

    def _columns(self, group_by: str | None) -> list[ColumnSpec]:
        if group_by is None:
            head = [ColumnSpec("code", self.tr("客户编码")), ColumnSpec("name", self.tr("客户名称"), "title"),
                    ColumnSpec("owner", self.tr("负责销售员"), "title")]
        else:
            head = [ColumnSpec("name", self.tr(self.GROUP_TITLES[group_by]), "title"),
                    ColumnSpec("count", self.tr("客户数"), "int")]
        return [*head, ColumnSpec("balance", self.tr("余额"), "money"),
                *[ColumnSpec(k, tr(BUCKET_TITLES[k]), "money") for k in BUCKETS],
                ColumnSpec("unapplied", self.tr("预收款"), "money")]

    def tables(self) -> list[QTableView]:
        return [self.view, self.members_view]

    def save_state(self) -> None:
        super().save_state()
        qsettings().setValue("credit/aging/splitter", self.splitter.saveState())

    def refresh(self) -> None:
        on, group_by = self.as_of.date().toPython(), self.group.currentData()
        self.load(credit_view.aging_view, on, group_by, done=self._loaded)

    def _loaded(self, result: credit_view.AgingView) -> None:
        group_changed = self.result is None or self.result.group_by != result.group_by
        self.result = result
        if group_changed:
            save_columns(self.view)
            self.view.horizontalHeader().setProperty("state_key", f"credit/aging/{result.group_by or 'customer'}/header")
        rows = result.rows
        self.model.set_source(len(rows), rows.__getitem__, result.members.sort_value if rows is result.members else None,
                              totals=result.totals, columns=self._columns(result.group_by) if group_changed else None)
        if group_changed:
            size_columns(self.view, self.WIDTHS)
        self.check.setText(result.check)
        self.check.setStyleSheet(f"color: {(GREEN if result.reconciles else RED).name()}; padding: 4px 0")
        self.members.setVisible(False)

    def drill(self, model: CompactModel, index: QModelIndex) -> None:
        """Group row → its customers below; customer row, on a bucket or 预收款 cell → the documents."""
        row, key = model.row_at(index.row()), model.columns[index.column()].key
        if row is None or self.result is None:
            return
        if model is self.model and self.result.group_by is not None:
            members, shown = self.result.members, self.result.positions_of(row)
            self.members_model.set_source(len(members), members.__getitem__, members.sort_value, shown,
                                          columns=self._columns(None))
            size_columns(self.members_view, self.WIDTHS)
            self.members_title.setText(self.tr("「{0}」的客户：{1:,} 个").format(row.name, len(shown)))
            self.members.setVisible(True)
            if self.splitter.sizes()[1] == 0:
                third = self.splitter.height() // 3
                self.splitter.setSizes([self.splitter.height() - third, third])
            return
        if key not in MONEY_KEYS:
            self.show_message(self.tr("双击某个账龄段或预收款的金额，查看构成它的单据"))
            return
        on = self.result.on
        try:
            with self.ctx.sessions() as s:  # one customer's documents: a few milliseconds
                items = credit_view.drill(s, self.ctx.actor, on, row.customer_ids[0], key)
        except Exception as exc:  # noqa: BLE001 - a refusal or a bug: say so, keep the window alive
            self.show_message(str(exc), error=True)
            return
        title = self.tr("{0} {1}：{2}（截至 {3}）").format(
            row.code, row.name, self.tr("预收款") if key == "unapplied" else tr(BUCKET_TITLES[key]), on.isoformat())
        self.last_drill = DrillDialog(title, items, key == "unapplied", self, self.ctx)
        self.last_drill.open()

    def export_title(self) -> str:
        return self.tr("应收账款账龄分析")

    def export_params(self) -> list[tuple[str, str]]:
        if self.result is None:
            return []
        return [(self.tr("截至"), self.result.on.isoformat()), (self.tr("分组"), self.group.currentText())]

    def export_notes(self) -> list[str]:
        return [self.result.check] if self.result is not None else []

    def status_text(self) -> str:
        if self.result is None:
            return self.tr("正在计算账龄…") if self.is_loading() else ""
        return self.tr("账龄分析：{0:,} 行，余额合计 {1} 元").format(
            len(self.result.rows), display(self.result.totals.balance, "money"))


# --- 对账单 --------------------------------------------------------------------------------------


class StatementPage(Page):
    COLUMNS = (  # titles marked for lupdate (they reach self.tr() as variables)
        ("date", QT_TRANSLATE_NOOP("StatementPage", "日期"), "date"),
        ("kind", QT_TRANSLATE_NOOP("StatementPage", "单据类型"), "text"),
        ("number", QT_TRANSLATE_NOOP("StatementPage", "单号"), "text"),
        ("debit", QT_TRANSLATE_NOOP("StatementPage", "应收增加"), "money"),
        ("credit", QT_TRANSLATE_NOOP("StatementPage", "收款/退货"), "money"),
        ("balance", QT_TRANSLATE_NOOP("StatementPage", "余额"), "money"),
        ("notes", QT_TRANSLATE_NOOP("StatementPage", "备注"), "text"),
    )
    WIDTHS = {"date": 90, "kind": 80, "number": 160, "debit": 110, "credit": 110, "balance": 120, "notes": 260}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stale = False  # nothing to show until a customer is picked
        self.statement: Any = None
        self.customer = Picker.for_customers(ctx)
        self.customer.setMinimumWidth(260)
        self.customer.picked.connect(lambda _i: self.refresh())
        self.start = date_edit(ctx.as_of.replace(month=1, day=1))
        self.end = date_edit(ctx.as_of)
        show = QPushButton(self.tr("查询"))
        show.setAutoDefault(False)
        show.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("客户：")))
        top.addWidget(self.customer, 1)
        top.addWidget(QLabel(self.tr("期间：")))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("至")))
        top.addWidget(self.end)
        top.addWidget(show)
        top.addWidget(self.busy)
        self.title = QLabel(self.tr("请选择客户和期间"))
        self.title.setStyleSheet("font-weight: bold; padding: 4px 0")
        self.opening = QLabel()
        self.closing = QLabel()
        self.closing.setStyleSheet("font-weight: bold")
        self.model = ListModel([ColumnSpec(k, self.tr(t), kind) for k, t, kind in self.COLUMNS], parent=self)
        self.view = make_table(self.model, "credit/statement/header", self.WIDTHS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.opening)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.closing)
        layout.addWidget(self.message)

    def tables(self) -> list[QTableView]:
        return [self.view]

    def invalidate(self) -> None:
        self.stale = self.statement is not None

    def focus_search(self) -> None:
        self.customer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        customer_id = self.customer.current_id()
        if customer_id is None:
            return
        self.message.clear()
        self.load(credit_view.customer_statement, customer_id,
                  self.start.date().toPython(), self.end.date().toPython(), done=self._loaded)

    def _loaded(self, st: Any) -> None:
        self.statement = st
        self.title.setText(self.tr("{0} {1} 对账单（{2} 至 {3}）").format(
            st.customer_code, st.customer_name, st.start.isoformat(), st.end.isoformat()))
        self.opening.setText(self.tr("期初余额：{0} 元").format(display(st.opening, "money")))
        self.model.set_rows([{"date": ln.date, "kind": tr(KIND_TITLES[ln.kind]), "number": ln.number,
                              "debit": ln.debit or None, "credit": ln.credit or None, "balance": ln.balance,
                              "notes": ln.notes} for ln in st.lines])
        self.closing.setText(self.tr("本期应收增加 {0} 元，收款及退货 {1} 元；期末余额：{2} 元").format(
            display(st.total_debit, "money"), display(st.total_credit, "money"), display(st.closing, "money")))

    def export_title(self) -> str:
        st = self.statement
        return self.tr("对账单") if st is None else self.tr("{0} {1} 对账单").format(st.customer_code, st.customer_name)

    def export_params(self) -> list[tuple[str, str]]:
        st = self.statement
        return [] if st is None else [(self.tr("期间"), self.tr("{0} 至 {1}").format(st.start, st.end))]

    def export_notes(self) -> list[str]:
        return [] if self.statement is None else [self.opening.text(), self.closing.text()]

    def _statement_args(self) -> tuple[int, Any, Any, str] | None:
        customer_id = self.customer.current_id()
        if self.statement is None or customer_id is None:
            self.show_message(self.tr("请先选择客户并查询对账单"), error=True)
            return None
        return customer_id, self.statement.start, self.statement.end, self.export_title()

    def export(self) -> None:
        args = self._statement_args()
        if args is not None:
            exporting.export_xlsx(self.ctx, self, exporting.statement_table_job(*args), report=self.show_message)

    def _with_job(self, run: Callable[..., None]) -> None:
        """Printed with its own layout: company header, running balance, the signature and stamp area."""
        args = self._statement_args()
        if args is not None:
            run(self.ctx, self, exporting.statement_pdf_job(*args))

    def status_text(self) -> str:
        if self.statement is None:
            return self.tr("对账单")
        return self.tr("对账单：{0} 笔单据，期末余额 {1} 元").format(
            len(self.statement.lines), display(self.statement.closing, "money"))


# --- the tab -------------------------------------------------------------------------------------


class CreditTab(PagedTab):
    PAGE_KEY = "credit/page"
    REFRESH_ON = REFRESH_ON

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview = OverviewPage(ctx)
        self.queue = QueuePage(ctx)
        self.aging = AgingPage(ctx)
        self.statement = StatementPage(ctx)
        self.add_pages([self.overview, self.queue, self.aging, self.statement],
                       [self.tr("信用总览"), self.tr("待审批"), self.tr("账龄分析"), self.tr("对账单")])
        ctx.as_of_changed.connect(lambda _d: self._on_changed(changed("customer")))

    def focus_search(self) -> None:
        if self.current_page() not in (self.overview, self.statement):
            self.tabs.setCurrentWidget(self.overview)
        self.current_page().focus_search()

    def new_item(self) -> None:
        self.current_page().show_message(self.tr("信用页面没有可新建的项目：新建客户请到「客户」页，新建销售单请到「销售」页"))
