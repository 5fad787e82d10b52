"""信用 tab on the demo company: overview, approvals, aging with drill-down and proof, statement, pictures."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app import credit_view, messages, startup
from app.context import Actor
from app.customers import set_owner
from app.reports import aging
from models import BlacklistHistory, CreditHistory, Customer, SalesOrder, Salesperson
from ui.credit.tab import CreditTab, DrillDialog, Page, ReasonDialog
from ui.customers.batch import BlacklistDialog, CreditDialog

ADMIN = Actor("admin", "admin")


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    """ui.context.qsettings() uses the native format: keep column widths out of the real settings."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = startup.open_database(f"sqlite:///{path}")
    startup.create_demo(db, customers=40)
    with db.sessions.begin() as s:  # the salesperson login S001 owns the first held order's customer
        held = s.scalars(select(SalesOrder).where(SalesOrder.status == "held").order_by(SalesOrder.number)).first()
        s001 = s.scalar(select(Salesperson.id).where(Salesperson.code == "S001"))
        set_owner(s, held.customer_id, s001, date.today(), "test")
    db.engine.dispose()
    return path


@pytest.fixture
def db(tmp_path: Path, demo_file: Path) -> Iterator[startup.Database]:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    database = startup.open_database(f"sqlite:///{copy}")
    yield database
    database.engine.dispose()


@pytest.fixture
def yes(answers):  # noqa: ANN001, ANN201 - the ui.ask fake of tests/ui/conftest.py
    """Confirmations are answered Yes; `.questions` are the ones asked."""
    answers.default = True
    return answers


def fill_dialog(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Callable[[Any], None]) -> list[QDialog]:
    """cls.exec() fills the dialog as a user would and presses 确定 (the dialog's own checks still run)."""
    shown: list[QDialog] = []

    def fake_exec(self: QDialog) -> int:
        shown.append(self)
        fill(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def make_tab(qtbot: Any, db: startup.Database, actor: Actor = ADMIN) -> CreditTab:
    from ui.context import AppContext

    tab = CreditTab(AppContext(db, actor))
    qtbot.addWidget(tab)
    tab.resize(1280, 700)
    tab.show()
    settle(qtbot, tab.current_page())
    return tab


def settle(qtbot: Any, page: Page) -> None:
    qtbot.waitUntil(lambda: not page.is_loading() and not page.stale and not page.ctx.tasks.busy, timeout=20000)


def show_page(qtbot: Any, tab: CreditTab, page: Page) -> None:
    tab.tabs.setCurrentWidget(page)
    settle(qtbot, page)


def double_click(qtbot: Any, view: Any, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    at = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # Qt wants the press on the same cell
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def column_of(model: Any, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_overview_lists_every_customer_with_its_figures(qtbot, qtmodeltester, db, answers, tmp_path) -> None:
    tab = make_tab(qtbot, db)
    page = tab.overview
    with db.sessions() as s:
        expected = {r.code: r for r in credit_view.overview(s, ADMIN, date.today())}
        customers = len(s.scalars(select(Customer.id).where(Customer.archived.is_(False))).all())
    rows = page.model.rows()
    assert len(rows) == customers == 40
    assert {r.code: r for r in rows} == expected
    assert tab.status_text().startswith("共 40 个客户（截至 ")
    qtmodeltester.check(page.model)
    problems = sum(1 for r in rows if r.problem)
    assert 0 < problems < 40  # the demo has both kinds
    page.problems.setChecked(True)
    settle(qtbot, page)
    assert page.model.rowCount() == problems and all(r.problem for r in page.model.rows())
    page.problems.setChecked(False)
    first = rows[0]
    page.search.setText(first.code)
    settle(qtbot, page)
    assert page.model.row_at(0).code == first.code
    # the sort is done on the loaded rows: by balance, largest first
    page.view.horizontalHeader().setSortIndicator(column_of(page.model, "balance"), Qt.SortOrder.DescendingOrder)
    balances = [r.balance for r in page.model.rows()]
    assert balances == sorted(balances, reverse=True)
    target = tmp_path / "overview.xlsx"
    answers.reply(str(target))
    tab.export()
    qtbot.waitUntil(lambda: "已导出到" in page.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    header = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "客户编码")
    exported = [sheet.cell(r, 1).value for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert exported == [r.code for r in page.model.rows()]  # the filter and sort on screen
    tab.new_item()
    assert page.message.text().startswith("信用页面没有可新建的项目")
    tab.tabs.setCurrentWidget(tab.queue)
    tab.focus_search()  # Ctrl+F from a page without a search box goes to the overview's
    assert tab.current_page() is page and page.search.hasFocus()


def test_change_credit_and_blacklist_from_the_overview(qtbot, db, monkeypatch, yes) -> None:
    tab = make_tab(qtbot, db)
    page = tab.overview
    page.view.selectRow(0)
    target = page.model.row_at(0)
    fill_dialog(monkeypatch, CreditDialog, lambda d: (d.term.setValue(45), d.limit.setText("88000"),
                                                      d.reason.setText("年度评审")))
    page.credit_button.trigger()
    qtbot.waitUntil(lambda: "已处理 1 个客户" in page.message.text(), timeout=10000)
    settle(qtbot, page)
    assert "账期设为 45 天、信用额度设为 88,000.00 元" in yes.questions[-1]
    row = next(r for r in page.model.rows() if r.id == target.id)
    assert (row.term_days, row.credit_limit) == (45, Decimal("88000.00"))
    page.view.selectRow([r.id for r in page.model.rows()].index(target.id))
    fill_dialog(monkeypatch, BlacklistDialog, lambda d: d.reason.setText("恶意拖欠"))
    page.black_button.trigger()
    qtbot.waitUntil(lambda: "加入黑名单" in page.message.text(), timeout=10000)
    settle(qtbot, page)
    assert next(r for r in page.model.rows() if r.id == target.id).blacklisted
    with db.sessions() as s:
        assert s.scalar(select(CreditHistory.reason).where(CreditHistory.customer_id == target.id)
                        .order_by(CreditHistory.id.desc())) == "年度评审"
        assert s.scalar(select(BlacklistHistory.reason).where(BlacklistHistory.customer_id == target.id)
                        .order_by(BlacklistHistory.id.desc())) == "恶意拖欠"


def test_sales_user_sees_own_customers_and_cannot_change_or_approve(qtbot, db, monkeypatch) -> None:
    with db.sessions() as s:
        s001 = s.scalar(select(Salesperson.id).where(Salesperson.code == "S001"))
        allowed = {c for c, o in s.execute(select(Customer.code, Customer.owner_id)) if o in (None, s001)}
    tab = make_tab(qtbot, db, Actor("xiaoshou", "sales", s001))
    page = tab.overview
    assert {r.code for r in page.model.rows()} == allowed
    page.view.selectRow(0)
    assert not page.credit_button.isEnabled() and not page.black_button.isEnabled()
    show_page(qtbot, tab, tab.queue)
    queue = tab.queue
    assert queue.model.rowCount() >= 1  # the held order of S001's customer
    queue.view.selectRow(0)
    assert not queue.approve_button.isEnabled() and not queue.reject_button.isEnabled()
    held = queue.current()
    fill_dialog(monkeypatch, ReasonDialog, lambda d: d.reason.setText("想批"))
    queue.decide(True)  # the button is disabled; the service is what refuses
    qtbot.waitUntil(lambda: "没有「审批信用暂挂」的权限" in queue.message.text(), timeout=10000)
    with db.sessions() as s:
        assert s.get(SalesOrder, held.order_id).status == "held"


def test_approve_and_reject_from_the_queue(qtbot, qtmodeltester, db, monkeypatch) -> None:
    tab = make_tab(qtbot, db)
    show_page(qtbot, tab, tab.queue)
    queue = tab.queue
    assert queue.model.rowCount() == 4  # the demo's held orders
    qtmodeltester.check(queue.model)
    assert tab.status_text() == "待审批销售单 4 张"
    first = queue.model.row_at(0)
    assert first["reasons"] and first["exposure"] == first["balance"] + first["total"]
    shown = fill_dialog(monkeypatch, ReasonDialog, lambda d: d.reason.setText(""))
    queue.view.selectRow(0)
    queue.approve_button.click()
    assert shown[-1].message.text() == "请填写理由"  # the dialog would not close without a reason
    fill_dialog(monkeypatch, ReasonDialog, lambda d: d.reason.setText("老客户，月底前回款"))
    held = queue.current()
    queue.approve_button.click()
    qtbot.waitUntil(lambda: "已确认" in queue.message.text(), timeout=10000)
    assert queue.message.text().startswith(f"销售单 {held.number}：已确认")
    settle(qtbot, queue)
    assert queue.model.rowCount() == 3
    queue.view.selectRow(0)
    rejected = queue.current()
    queue.reject_button.click()
    qtbot.waitUntil(lambda: "草稿" in queue.message.text(), timeout=10000)
    settle(qtbot, queue)
    assert queue.model.rowCount() == 2
    with db.sessions() as s:
        assert s.get(SalesOrder, held.order_id).status == "confirmed"
        assert str(messages.load(s.get(SalesOrder, held.order_id).status_note)) == "审批通过：老客户，月底前回款"
        assert s.get(SalesOrder, rejected.order_id).status == "draft"
        assert str(messages.load(s.get(SalesOrder, rejected.order_id).status_note)) == "审批驳回：老客户，月底前回款"


def test_first_rows_need_no_reading_on_the_gui_thread_and_queue_rows_fit_as_shown(qtbot, db) -> None:
    """The overview's first page comes formatted with its ids from the background query (painting it reads nothing
    on the GUI thread); the queue measures a row's height when the row comes into view, not every row at each layout
    (seconds for a thousand held orders)."""
    from ui.context import AppContext

    tab = CreditTab(AppContext(db, ADMIN))
    qtbot.addWidget(tab)
    read_here: list[int] = []
    tab.overview.model._fetch = lambda ids: read_here.append(len(ids)) or []  # noqa: SLF001 - the page reader
    tab.resize(1280, 700)
    tab.show()
    settle(qtbot, tab.overview)
    tab.overview.view.repaint()
    with db.sessions() as s:
        expected = credit_view.overview(s, ADMIN, date.today())
    assert [tab.overview.model.row_at(n) for n in range(len(expected))] == expected
    assert read_here == []
    show_page(qtbot, tab, tab.queue)
    queue = tab.queue
    view, header = queue.view, queue.view.verticalHeader()
    count = queue.model.rowCount()

    def fits(row: int) -> bool:
        return header.sectionSize(row) == max(view.sizeHintForRow(row), header.sectionSizeHint(row))

    def on_screen() -> set[int]:
        return {r for r in range(count) if 0 <= header.sectionViewportPosition(r) < view.viewport().height()
                or header.sectionViewportPosition(r) < 0 < header.sectionViewportPosition(r) + header.sectionSize(r)}

    qtbot.waitUntil(lambda: all(fits(r) for r in range(count)), timeout=5000)  # 4 held orders: all on screen
    view.setFixedHeight(view.horizontalHeader().height() + 40)  # a row or two on screen
    queue.refresh()
    settle(qtbot, queue)
    qtbot.wait(20)
    shown = on_screen()
    assert 0 < len(shown) < count and queue._fitted == shown  # noqa: SLF001 - the rows measured
    assert all(fits(r) for r in shown)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert count - 1 in queue._fitted and fits(count - 1)  # noqa: SLF001


def test_aging_reconciles_and_drills_down(qtbot, qtmodeltester, db) -> None:
    tab = make_tab(qtbot, db)
    page = tab.aging
    show_page(qtbot, tab, page)
    with db.sessions() as s:
        report = aging.build(s, as_of=date.today())
    rows = page.model.rows()
    assert {r.code: r.balance for r in rows} == {r["customer_code"]: r["balance"] for r in report.rows}
    assert page.model.rowCount() == len(rows) + 1  # the totals row
    assert page.model.data(page.model.index(len(rows), column_of(page.model, "balance"))) == \
        f"{report.totals['balance']:,.2f}"
    assert page.check.text().endswith("两者相符。") and "#2e7d32" in page.check.styleSheet()
    qtmodeltester.check(page.model)
    # a customer row's bucket cell → the orders in that bucket
    bucket = "not_due"
    n = next(i for i, r in enumerate(rows) if r.buckets[bucket] > 0)
    double_click(qtbot, page.view, n, column_of(page.model, bucket))
    dialog = page.last_drill
    assert isinstance(dialog, DrillDialog) and dialog.isVisible()
    assert dialog.tree.topLevelItemCount() >= 1
    open_total = sum(Decimal(dialog.tree.topLevelItem(i).text(5).replace(",", ""))
                     for i in range(dialog.tree.topLevelItemCount()))
    assert open_total == rows[n].buckets[bucket]
    dialog.close()
    # group by salesperson: a group row opens into its customers
    page.group.setCurrentIndex(page.group.findData("owner"))
    settle(qtbot, page)
    groups = page.model.rows()
    assert sum((g.balance for g in groups), Decimal(0)) == report.totals["balance"]
    double_click(qtbot, page.view, 0, column_of(page.model, "balance"))
    assert page.members.isVisible()
    members = page.members_model.rows()
    assert len(members) == groups[0].count and sum((m.balance for m in members), Decimal(0)) == groups[0].balance
    m = next(i for i, r in enumerate(members) if any(r.buckets.values()))
    key = next(k for k, v in members[m].buckets.items() if v)
    double_click(qtbot, page.members_view, m, column_of(page.members_model, key))
    assert page.last_drill is not dialog and page.last_drill.isVisible()
    page.last_drill.close()
    # the main window's as-of date moves the aging with it
    tab.ctx.set_as_of(date(2025, 12, 31))
    settle(qtbot, page)
    assert page.result.on == date(2025, 12, 31) and page.check.text().endswith("两者相符。")
    with db.sessions() as s:
        assert page.result.totals.balance == aging.build(s, as_of=date(2025, 12, 31)).totals["balance"]


def test_aging_list_sorts_and_exports_as_the_loaded_rows_did(qtbot, db) -> None:
    """The aging keeps its customer rows as columns (credit_view.AgingRows) and makes them when shown: a header click
    orders them as sorting the row objects does (stable, empty cells last, one sort after another), and the export
    holds the rows in the order shown with the cells a fully loaded list (ListModel) gives, made in the worker."""
    from ui.credit.tab import ListModel, model_job

    tab = make_tab(qtbot, db)
    page = tab.aging
    show_page(qtbot, tab, page)
    assert isinstance(page.result.rows, credit_view.AgingRows)
    rows = page.model.rows()
    header = page.view.horizontalHeader()
    header.setSortIndicator(column_of(page.model, "d1_30"), Qt.SortOrder.DescendingOrder)
    header.setSortIndicator(column_of(page.model, "owner"), Qt.SortOrder.AscendingOrder)
    expected = sorted(sorted(rows, key=lambda r: r.buckets["d1_30"], reverse=True), key=lambda r: r.owner)
    assert page.model.rows() == expected

    def exported(model: Any) -> tuple[Any, list[dict[str, Any]], int]:
        job = model_job(model, page.export_title(), page.export_params(), page.export_notes())
        with db.sessions() as s:
            document, body, count = job.make(s, ADMIN)
        return document.totals, list(body), count

    loaded = ListModel(page.model.columns)
    loaded.set_rows(expected, page.result.totals)
    totals, body, count = exported(page.model)
    assert (totals, body, count) == exported(loaded) and count == len(rows) > 0
    assert body[0]["code"] == expected[0].code and totals["name"] == "合计"
    # grouped: a group row opens into its customers, sorted and exported the same way
    page.group.setCurrentIndex(page.group.findData("owner"))
    settle(qtbot, page)
    page.drill(page.model, page.model.index(0, column_of(page.model, "balance")))
    members = page.members_model.rows()
    assert members == page.result.customers_of(page.model.row_at(0)) and len(members) == page.model.row_at(0).count
    page.members_view.horizontalHeader().setSortIndicator(column_of(page.members_model, "balance"),
                                                          Qt.SortOrder.DescendingOrder)
    assert page.members_model.rows() == sorted(members, key=lambda r: r.balance, reverse=True)
    loaded = ListModel(page.model.columns)
    loaded.set_rows(page.model.rows(), page.result.totals)
    assert exported(page.model) == exported(loaded)


def test_statement_closing_balance_is_the_aging_balance(qtbot, db) -> None:
    tab = make_tab(qtbot, db)
    page = tab.statement
    tab.tabs.setCurrentWidget(page)
    with db.sessions() as s:
        code, balance = max(((r["customer_code"], r["balance"]) for r in aging.build(s, as_of=date.today()).rows),
                            key=lambda t: t[1])
        cid = s.scalar(select(Customer.id).where(Customer.code == code))
    page.customer.set_current_id(cid)
    page.refresh()
    settle(qtbot, page)
    assert page.statement.closing == balance
    assert page.closing.text().endswith(f"期末余额：{balance:,.2f} 元")
    assert page.opening.text().startswith("期初余额：")
    assert page.model.rowCount() == len(page.statement.lines) > 0
    assert tab.status_text() == f"对账单：{len(page.statement.lines)} 笔单据，期末余额 {balance:,.2f} 元"


def test_render_every_page(qtbot, db, shot, monkeypatch) -> None:
    tab = make_tab(qtbot, db)
    tab.overview.view.selectRow(2)
    shot(tab, "credit_overview")
    show_page(qtbot, tab, tab.queue)
    tab.queue.view.selectRow(0)
    shot(tab, "credit_queue")
    dialog = ReasonDialog(tab.ctx, "批准销售单", tab.queue.current(), tab)
    dialog.show()
    qtbot.waitExposed(dialog)
    shot(dialog, "credit_reason_dialog")
    dialog.close()
    show_page(qtbot, tab, tab.aging)
    shot(tab, "credit_aging")
    rows = tab.aging.model.rows()
    with db.sessions() as s:  # a cell whose orders were partly paid, to show the allocations too
        n, key = next(((i, k) for i, r in enumerate(rows) for k, v in r.buckets.items() if v and any(
            item.allocations for item in credit_view.drill(s, ADMIN, date.today(), r.customer_ids[0], k))))
    double_click(qtbot, tab.aging.view, n, column_of(tab.aging.model, key))
    qtbot.waitExposed(tab.aging.last_drill)
    shot(tab.aging.last_drill, "credit_drill")
    tab.aging.last_drill.close()
    tab.aging.group.setCurrentIndex(tab.aging.group.findData("region"))
    settle(qtbot, tab.aging)
    double_click(qtbot, tab.aging.view, 1, 1)
    assert tab.aging.members_view.height() > 100
    shot(tab, "credit_aging_by_region")
    tab.tabs.setCurrentWidget(tab.statement)
    with db.sessions() as s:
        code = max(aging.build(s, as_of=date.today()).rows, key=lambda r: r["balance"])["customer_code"]
        tab.statement.customer.set_current_id(s.scalar(select(Customer.id).where(Customer.code == code)))
    tab.statement.refresh()
    settle(qtbot, tab.statement)
    shot(tab, "credit_statement")
    tab.save_state()
