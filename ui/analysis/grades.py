"""客户分级: every customer's suggested grade beside the grade set, with the reason; 按建议设定等级 applies the
suggestions in batch (one confirmation, then the audited use case)."""
from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app import analytics, auth, customer_service
from app.reports.abc import GradeRows
from app.tables import Table
from ui import ask
from ui.analysis.common import AnalysisPage, CompactModel
from ui.context import AppContext
from ui.credit.tab import make_table
from ui.table_model import ColumnSpec
from ui.widgets.dates import date_edit


def figures(session: Any, actor: Any, on: Any) -> Table:
    """The report with its rows kept as columns (app.reports.abc.GradeRows): 100,000 customers in ~10 MB."""
    return analytics.compact_report(session, actor, "abc", as_of=on)


class GradeRow:
    """One customer's row, made when the list shows it (or asks for it); the reason is worded when a cell shows it."""

    __slots__ = ("grades", "i")

    def __init__(self, grades: GradeRows, i: int) -> None:
        self.grades, self.i = grades, i

    def value(self, key: str) -> Any:
        if key == "reason":
            return str(self.grades.suggestion(self.i).reason)
        if key == "differs":
            return self.differs
        return self.grades.columns.value(key, self.i) if key in self.grades.columns.kinds else None

    @property
    def differs(self) -> bool:
        return self.value("grade") != self.value("suggested_grade")

    @property
    def customer_id(self) -> int:
        return self.value("customer_id")


class GradesPage(AnalysisPage):
    FILTERS = ((QT_TRANSLATE_NOOP("GradesPage", "全部客户"), None),
               (QT_TRANSLATE_NOOP("GradesPage", "建议与设定不同"), "differs"),
               (QT_TRANSLATE_NOOP("GradesPage", "建议为 A"), "A"), (QT_TRANSLATE_NOOP("GradesPage", "建议为 B"), "B"),
               (QT_TRANSLATE_NOOP("GradesPage", "建议为 C"), "C"), (QT_TRANSLATE_NOOP("GradesPage", "建议为 D"), "D"))
    WIDTHS = {"customer_code": 90, "customer_name": 230, "revenue_12m": 120, "suggested_grade": 70, "grade": 70,
              "reason": 420}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table: Table | None = None
        self.grades: GradeRows | None = None  # the result shown, as columns
        self.differing = array("i")  # positions of the customers whose grade differs from the suggestion
        self.as_of = date_edit(ctx.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.follow_as_of(self.as_of.setDate, self.as_of)
        self.show_filter = QComboBox()
        for title, key in self.FILTERS:
            self.show_filter.addItem(self.tr(title), key)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.apply_button = QPushButton(self.tr("按建议设定等级…"))
        self.apply_button.setAutoDefault(False)
        allowed = auth.can(ctx.actor, "credit.change")
        self.apply_button.setEnabled(allowed)
        self.apply_button.setToolTip(self.tr("把所选客户（未选则为列表中建议与设定不同的客户）的信用等级设为建议等级")
                                     if allowed else self.tr("只有经理或管理员可以设定信用等级"))
        self.apply_button.clicked.connect(self.apply_suggestions)
        self.controls.addWidget(QLabel(self.tr("截至：")))
        self.controls.addWidget(self.as_of)
        self.controls.addWidget(QLabel(self.tr("显示：")))
        self.controls.addWidget(self.show_filter)
        self.controls.addWidget(self.apply_button)
        columns = [ColumnSpec("customer_code", self.tr("客户编码")), ColumnSpec("customer_name", self.tr("客户名称")),
                   ColumnSpec("revenue_12m", self.tr("近12月净销售额"), "money"),
                   ColumnSpec("suggested_grade", self.tr("建议等级")), ColumnSpec("grade", self.tr("设定等级")),
                   ColumnSpec("reason", self.tr("建议理由"))]
        self.model = CompactModel(columns, lambda r, k: k in ("suggested_grade", "grade") and r.differs, self)
        self.view = make_table(self.model, "analysis/grades/header", self.WIDTHS, many=True)
        self.view.horizontalHeader().setStretchLastSection(True)  # the reason takes the room left
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.summary = QLabel()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.view, 1)
        inner.addWidget(self.summary)
        self.finish_layout(body, self.tr("红色：建议与设定不同；双击打开客户资料"))

    def tables(self) -> list[QTableView]:
        return [self.view]

    def refresh(self) -> None:
        self.load(figures, self.as_of.date().toPython(), done=self._loaded)

    def _loaded(self, table: Table) -> None:
        grades: GradeRows = table.rows  # type: ignore[assignment] - figures' rows are GradeRows
        self.table, self.grades = table, grades
        suggested, grade = grades.columns.sort_value("suggested_grade"), grades.columns.sort_value("grade")
        self.differing = array("i", (i for i in range(len(grades)) if suggested(i) != grade(i)))
        self.summary.setText("　".join(table.notes[1:]))
        self.model.set_source(len(grades), lambda i: GradeRow(grades, i), self._sort_value, self._shown_positions())
        self.status_changed.emit(self.status_text())

    @property
    def all_rows(self) -> list[GradeRow]:
        """Every customer's row (made now: for tests)."""
        return [] if self.grades is None else [GradeRow(self.grades, i) for i in range(len(self.grades))]

    def _sort_value(self, key: str) -> Callable[[int], Any] | None:
        if self.grades is None or key not in self.grades.columns.kinds:
            return None  # the reason: worded row by row
        return self.grades.columns.sort_value(key)

    def _shown_positions(self) -> Any:  # noqa: ANN401 - positions
        key = self.show_filter.currentData()
        if self.grades is None:
            return ()
        if key is None:
            return range(len(self.grades))
        if key == "differs":
            return self.differing
        return self.grades.columns.positions("suggested_grade", lambda grade: grade == key)

    def _filter(self) -> None:
        self.model.show(self._shown_positions())
        self.status_changed.emit(self.status_text())

    def _open(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.open_customer(found.customer_id)

    def selected_rows(self) -> list[GradeRow]:
        picked = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]
        return [r for r in picked if r is not None]

    def apply_suggestions(self) -> None:
        """One confirmation, then the use case (audited) off the GUI thread; the page reloads when it is done."""
        if self.table is None:
            return
        chosen = self.selected_rows() or self.model.rows()
        targets = [r for r in chosen if r.differs]
        title = self.tr("按建议设定等级")
        if not targets:
            ask.inform(self, title, self.tr("所选客户的信用等级已与建议等级一致，无需设定。"))
            return
        on = self.table.params["as_of"]
        text = self.tr("把 {0:,} 个客户的信用等级设为截至 {1} 的建议等级？\n每项修改都记入操作日志。").format(len(targets), on)
        if not ask.confirm(self, title, text, self.tr("设定等级")):
            return
        self.ctx.op(customer_service.apply_suggested_grades, on, [r.customer_id for r in targets], owner=self,
                    title=title, done=lambda result: self.show_message(self.tr("已设定 {0:,} 个客户的信用等级").format(
                        result.count)), failed=lambda exc: self.show_message(str(exc), error=True))

    def title_text(self) -> str:
        return self.tr("客户信用等级建议")

    def export_params(self) -> list[tuple[str, str]]:
        if self.table is None:
            return []
        return [(self.tr("截至"), self.table.params["as_of"].isoformat()), (self.tr("显示"), self.show_filter.currentText())]

    def export_notes(self) -> list[str]:
        return list(self.table.notes) if self.table else []

    def status_text(self) -> str:
        if self.table is None:
            return self.tr("正在计算建议等级…") if self.is_loading() else ""
        count = 0 if self.grades is None else len(self.grades)
        return self.tr("客户分级：{0:,} 个客户，其中 {1:,} 个建议与设定不同").format(count, len(self.differing))

