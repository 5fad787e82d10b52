"""销售 tab and order form: list filters, one path per credit decision through the form (the decision shown before
anything is saved), cash sales, cost columns by role, copy, cancel with a reason, un-cancel, stale saves, prices."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app import messages, orders
from app.context import Actor
from app.customers import new_customer, set_blacklist
from app.documents import LineIn
from models import CodeEntry, Product, Receipt, SalesOrder, Salesperson
from ui import ask
from ui.sales import lines as lines_module
from ui.sales.lines import MARGIN, UNIT_COST, LinesGrid, PriceHistoryDialog
from ui.sales.order_form import OrderDialog
from ui.sales.tab import ReasonDialog, SalesTab
from ui.widgets.picker import Picker

D = Decimal
TODAY = date.today()
ADMIN = Actor("boss", "admin")


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path) -> None:  # noqa: ANN001
    """conftest isolates IniFormat only; ui.context.qsettings() uses the native format (an ini file on Linux too)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def world(company_db) -> dict[str, int]:  # noqa: ANN001
    """P001 at 100.00 (cost 60.00), P002 at 4.00 (cost 2.50); C001 term 30 limit 1,000; C002 a new customer (limit
    0: cash only); C003 term 30 limit 5,000. Payment methods 银行转账 (first) and 现金."""
    with company_db.sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        p1 = Product(code="P001", name="不锈钢螺栓", unit="个", cost=D("60.00"), price=D("100.00"))
        p2 = Product(code="P002", name="镀锌螺母", unit="个", cost=D("2.50"), price=D("4.00"))
        bank = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=10)
        cash = CodeEntry(kind="payment_method", code="02", name="现金", sort_order=20)
        s.add_all([a, b, p1, p2, bank, cash])
        s.flush()
        created = TODAY - timedelta(days=400)
        c1 = new_customer(s, code="C001", name="重庆渝丰五金", created=created, owner_id=a.id, term_days=30,
                          credit_limit=D("1000"))
        c2 = new_customer(s, code="C002", name="北京华信电子", created=created, owner_id=a.id)
        c3 = new_customer(s, code="C003", name="上海长江机电", created=created, owner_id=b.id, term_days=30,
                          credit_limit=D("5000"))
        s.flush()
        return {"a": a.id, "b": b.id, "p1": p1.id, "p2": p2.id, "cash": cash.id, "C001": c1.id, "C002": c2.id,
                "C003": c3.id}


def order_in(world: dict[str, int], customer: str, qty: str, on: date = TODAY, product: str = "p1",
             price: str = "100.00") -> orders.OrderIn:
    return orders.OrderIn(customer_id=world[customer], date=on, handler_id=world["a"],
                          lines=(LineIn(world[product], D(qty), D(price)),))


def make_tab(qtbot, ctx) -> SalesTab:  # noqa: ANN001
    tab = SalesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 500)
    tab.show()
    wait(qtbot, tab)
    return tab


def wait(qtbot, tab: SalesTab) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=10000)


def numbers(tab: SalesTab) -> list[str]:
    return [tab.model.row_of(r).number for r in range(tab.model.rowCount())]


def select_number(tab: SalesTab, number: str) -> None:
    tab.view.setCurrentIndex(tab.model.index(numbers(tab).index(number), 0))


def choose(qtbot, picker: Picker, text: str) -> None:  # noqa: ANN001
    """Type into a picker and press Enter, as a user does."""
    picker.setFocus()
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.current_id() is not None and not picker.is_querying(), timeout=10000)
    picker.window().activateWindow()  # offscreen, the closed popup leaves no window active
    qtbot.waitUntil(picker.window().isActiveWindow, timeout=10000)


def open_form(qtbot, tab: SalesTab, order_id: int | None = None) -> OrderDialog:  # noqa: ANN001
    tab.last_dialog = None
    if order_id is None:
        tab.new_item()
    else:
        tab.open_order(order_id)
    qtbot.waitUntil(lambda: tab.last_dialog is not None and not tab.last_dialog.is_busy(), timeout=10000)
    dialog = tab.last_dialog
    dialog.resize(1040, 600)
    dialog.activateWindow()  # keyboard shortcuts work in the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=10000)
    return dialog


def fill(qtbot, dialog: OrderDialog, customer: str, product: str, qty: str) -> None:  # noqa: ANN001
    choose(qtbot, dialog.customer, customer)
    line = dialog.lines.line(dialog.lines.line_count() - 1)
    choose(qtbot, line.picker, product)
    assert line.qty.hasFocus()  # Enter on a product goes on to the quantity
    line.qty.selectAll()
    qtbot.keyClicks(line.qty, qty)
    qtbot.waitUntil(lambda: not dialog.figures_pending(), timeout=10000)


def confirm(qtbot, dialog: OrderDialog) -> None:  # noqa: ANN001
    dialog.last_outcome = None
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.last_outcome is not None and not dialog.is_busy(), timeout=10000)


def order_count(company_db) -> int:  # noqa: ANN001
    with company_db.sessions() as s:
        return s.scalar(select(func.count()).select_from(SalesOrder))


def test_list_filters_by_status_and_shows_held_orders(qtbot, qtmodeltester, make_ctx, world, company_db,
                                                      shot) -> None:
    sessions = company_db.sessions
    old = orders.save_draft(sessions, ADMIN, order_in(world, "C003", "1", on=TODAY - timedelta(days=150)))
    ok = orders.confirm(sessions, ADMIN, order_in(world, "C001", "6"), today=TODAY)  # 600 ≤ 1,000
    held = orders.confirm(sessions, ADMIN, order_in(world, "C001", "5"), today=TODAY)  # 1,100 > 1,000
    draft = orders.save_draft(sessions, ADMIN, order_in(world, "C002", "2"))
    gone = orders.confirm(sessions, ADMIN, order_in(world, "C003", "3"), today=TODAY)
    gone = orders.cancel(sessions, ADMIN, gone.order_id, gone.version, "录错")
    assert (ok.status, held.status) == ("confirmed", "held")

    tab = make_tab(qtbot, make_ctx())
    qtmodeltester.check(tab.model)
    # the default period is the last 3 months: the 150-day-old draft is not listed
    assert sorted(numbers(tab)) == sorted([ok.number, held.number, draft.number, gone.number])
    assert tab.status_text() == "共 4 张销售单"
    qtbot.wait(20)  # let the layout settle before the picture
    shot(tab, "sales_tab")

    tab.status_filter.setCurrentIndex(tab.status_filter.findData("held"))
    wait(qtbot, tab)
    assert numbers(tab) == [held.number]
    row = tab.model.index(0, [c.key for c in tab.model.columns].index("status"))
    assert row.data() == "待审批" and row.data(Qt.ItemDataRole.ForegroundRole).name() == "#b26a00"
    assert tab.status_text() == "共 1 张销售单"
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("cancelled"))
    wait(qtbot, tab)
    assert numbers(tab) == [gone.number]

    tab.status_filter.setCurrentIndex(0)
    tab.period_check.setChecked(False)  # no date limit
    wait(qtbot, tab)
    assert old.number in numbers(tab) and len(numbers(tab)) == 5
    choose(qtbot, tab.customer_filter, "C002")
    wait(qtbot, tab)
    assert numbers(tab) == [draft.number]
    tab.customer_filter.clear_choice()
    tab.customer_filter.picked.emit(None)
    qtbot.keyClicks(tab.number, held.number[-8:])  # 日期-序号 of the held order
    wait(qtbot, tab)
    assert numbers(tab) == [held.number]
    tab.number.clear()
    wait(qtbot, tab)
    # sort by amount in SQL, ascending then descending
    column = [c.key for c in tab.model.columns].index("total")
    tab.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)
    wait(qtbot, tab)
    assert [tab.model.row_of(r).total for r in range(5)] == [D("100.00"), D("200.00"), D("300.00"), D("500.00"),
                                                             D("600.00")]
    tab.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    wait(qtbot, tab)
    assert tab.model.row_of(0).total == D("600.00")
    qtmodeltester.check(tab.model)


def test_ok_confirms_and_the_form_turns_read_only(qtbot, make_ctx, world, company_db, answers, shot) -> None:
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C001", "P001", "6")
    labels = {k: v.text() for k, v in dialog.figure_labels.items()}
    assert labels == {"balance": "¥0.00", "overdue": "¥0.00", "term_days": "30 天", "credit_limit": "¥1,000.00",
                      "available": "¥1,000.00"}
    line = dialog.lines.line(0)
    assert (line.price.text(), dialog.lines.table.item(0, lines_module.SOURCE).text()) == ("100.00", "标准售价")
    assert dialog.lines.table.item(0, lines_module.AMOUNT).text() == "600.00"
    assert dialog.totals.text() == "合计金额：¥600.00　成本：¥360.00　毛利：¥240.00（40.00%）"
    qtbot.wait(20)
    shot(dialog, "order_form_new")
    answers.reply(True)
    confirm(qtbot, dialog)
    assert len(answers.questions) == 1  # 100.00 is above the cost: only the credit check asks
    assert "信用检查结果：通过" in answers.questions[0] and "本单后欠款：¥600.00" in answers.questions[0]
    assert "已确认" in answers.texts("inform")[0]
    with company_db.sessions() as s:
        order = s.scalars(select(SalesOrder)).one()
        assert (order.status, order.total, order.customer_id) == ("confirmed", D("600.00"), world["C001"])
    assert dialog.order.status == "confirmed" and not dialog.editable
    assert not dialog.save_button.isVisible() and not dialog.confirm_button.isVisible()
    assert dialog.status_badge.text() == "已确认" and "退货" in dialog.status_note.text()
    assert dialog.lines.line(0).qty.isReadOnly() and dialog.customer.isReadOnly()
    qtbot.waitUntil(lambda: not dialog.figures_pending(), timeout=10000)
    assert dialog.figure_labels["balance"].text() == "¥600.00"
    qtbot.wait(20)
    shot(dialog, "order_form_confirmed")
    wait(qtbot, tab)
    assert numbers(tab) == [order.number]  # the list heard of the change


def test_over_limit_is_held_and_the_reason_is_shown_before_saving(qtbot, make_ctx, world, company_db, answers,
                                                                   shot) -> None:
    orders.confirm(company_db.sessions, ADMIN, order_in(world, "C001", "6"), today=TODAY)  # balance 600
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C001", "P001", "5")  # 600 + 500 = 1,100 > 1,000
    assert dialog.figure_labels["available"].text() == "¥400.00"
    saved_while_asked: list[int] = []

    def look(parent: QDialog, question: ask.Question) -> None:
        saved_while_asked.append(order_count(company_db))
        box = ask.message_box(parent, question)  # the box the user would see
        qtbot.addWidget(box)
        box.show()
        shot(box, "order_credit_hold")

    answers.on_question = look
    answers.reply(False)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: bool(answers.questions) and not dialog.is_busy(), timeout=10000)
    text = answers.questions[0]
    assert "信用检查结果：暂挂待审批" in text and "· 本单后欠款 1100.00 元，超过信用额度 1000.00 元" in text
    assert "余额：¥600.00　过期：¥0.00" in text and "信用额度：¥1,000.00　本单后欠款：¥1,100.00" in text
    assert saved_while_asked == [1] and order_count(company_db) == 1  # 返回: nothing saved
    assert dialog.message.text() == "未确认，单据没有保存"
    answers.reply(True)
    confirm(qtbot, dialog)
    assert saved_while_asked == [1, 1]
    assert dialog.last_outcome.status == "held" and "已提交经理审批" in answers.texts("inform")[0]
    with company_db.sessions() as s:
        order = s.get(SalesOrder, dialog.order_id)
        assert (order.status, str(messages.load(order.status_note))) == ("held", "本单后欠款 1100.00 元，超过信用额度 1000.00 元")
    assert dialog.editable and dialog.status_badge.text() == "待审批"
    assert "超过信用额度" in dialog.status_note.text()
    qtbot.waitUntil(lambda: not dialog.figures_pending(), timeout=10000)
    qtbot.wait(20)
    shot(dialog, "order_form_held")


def test_blacklisted_is_blocked_and_kept_as_draft(qtbot, make_ctx, world, company_db, answers) -> None:
    with company_db.sessions.begin() as s:
        set_blacklist(s, world["C003"], True, TODAY - timedelta(days=1), "boss", "恶意拖欠")
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C003", "P001", "1")
    answers.reply(True)
    confirm(qtbot, dialog)
    assert "信用检查结果：禁止" in answers.questions[0] and "客户在黑名单中，禁止销售" in answers.questions[0]
    assert "单据未确认" in answers.texts("inform")[0]
    with company_db.sessions() as s:
        order = s.get(SalesOrder, dialog.order_id)
        assert order.status == "draft" and str(messages.load(order.status_note)).startswith("禁止销售：客户在黑名单中")
    assert dialog.editable and dialog.status_badge.text() == "草稿" and "禁止销售" in dialog.status_note.text()


def test_cash_sale_lets_a_new_customer_buy_and_records_a_receipt(qtbot, make_ctx, world, company_db,
                                                                 answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C002", "P001", "2")
    assert dialog.figure_labels["credit_limit"].text() == "¥0.00"
    dialog.cash.setChecked(True)
    assert dialog.cash_amount.text() == "200.00" and dialog.cash_method.text() == "现金"
    line = dialog.lines.line(0)
    line.qty.selectAll()
    qtbot.keyClicks(line.qty, "3")  # the cash amount follows the total until typed over
    assert dialog.cash_amount.text() == "300.00"
    answers.reply(True)
    confirm(qtbot, dialog)
    assert "信用检查结果：通过" in answers.questions[0] and "现款 ¥300.00" in answers.questions[0]
    assert "本单后欠款：¥0.00" in answers.questions[0]
    assert dialog.last_outcome.status == "confirmed" and "现款已记收款单 SK-" in answers.texts("inform")[0]
    with company_db.sessions() as s:
        receipt = s.scalars(select(Receipt)).one()
        assert (receipt.amount, receipt.order_id, receipt.method_id) == (D("300.00"), dialog.order_id, world["cash"])


def test_a_sales_role_does_not_see_cost(qtbot, make_ctx, world, company_db, answers) -> None:
    admin_tab = make_tab(qtbot, make_ctx())
    admin = open_form(qtbot, admin_tab)
    choose(qtbot, admin.lines.line(0).picker, "P001")
    assert not admin.lines.table.isColumnHidden(UNIT_COST) and not admin.lines.table.isColumnHidden(MARGIN)
    assert admin.lines.table.item(0, UNIT_COST).text() == "60.00" and "成本" in admin.totals.text()
    admin.lines.line(0).picker.clear_choice()
    admin.done(QDialog.DialogCode.Rejected)  # remembers the widths with the cost columns shown

    sales_tab = make_tab(qtbot, make_ctx(Actor("zw", "sales", world["a"])))
    dialog = open_form(qtbot, sales_tab)
    choose(qtbot, dialog.lines.line(0).picker, "P001")
    assert dialog.lines.table.isColumnHidden(UNIT_COST) and dialog.lines.table.isColumnHidden(MARGIN)
    assert dialog.lines.table.item(0, UNIT_COST).text() == "" and "成本" not in dialog.totals.text()
    assert dialog.handler.text() == "S01 张伟" and dialog.handler.isReadOnly()  # the user's own salesperson
    # another salesperson's order: the refusal is shown and the form closes
    theirs = orders.OrderIn(customer_id=world["C003"], date=TODAY, handler_id=world["b"],
                            lines=(LineIn(world["p1"], D("1"), D("100")),))
    other = orders.save_draft(company_db.sessions, ADMIN, theirs)
    sales_tab.open_order(other.order_id)
    with qtbot.waitSignal(sales_tab.last_dialog.finished, timeout=10000):
        pass
    assert "其他销售员的客户" in answers.messages[0]
    # finance may look but not enter orders
    finance = make_tab(qtbot, make_ctx(Actor("acc", "finance")))
    assert not finance.act_new.isEnabled()
    finance.new_item()
    assert finance.last_dialog is None and "没有录入销售单的权限" in answers.messages[1]


def test_copy_makes_a_new_draft(qtbot, make_ctx, world, company_db) -> None:
    source = orders.confirm(company_db.sessions, ADMIN, order_in(world, "C001", "6", price="95.50"), today=TODAY)
    tab = make_tab(qtbot, make_ctx())
    select_number(tab, source.number)
    assert tab.act_copy.isEnabled() and tab.act_cancel.isEnabled() and not tab.act_uncancel.isEnabled()
    tab.last_dialog = None
    tab.act_copy.trigger()
    qtbot.waitUntil(lambda: tab.last_dialog is not None and tab.last_dialog.order is not None, timeout=10000)
    copy = tab.last_dialog.order
    assert copy.status == "draft" and copy.number != source.number and tab.last_dialog.editable
    assert [(ln.qty, ln.price) for ln in copy.lines] == [(D("6"), D("95.50"))]
    wait(qtbot, tab)
    assert len(numbers(tab)) == 2
    with company_db.sessions() as s:
        assert s.get(SalesOrder, source.order_id).status == "confirmed"


def test_cancel_asks_for_a_reason_and_restore_shows_the_credit_outcome(qtbot, make_ctx, world, company_db,
                                                                      monkeypatch, answers, shot) -> None:
    order = orders.confirm(company_db.sessions, ADMIN, order_in(world, "C001", "6"), today=TODAY)
    tab = make_tab(qtbot, make_ctx())
    answers.reply(True, True, True)  # 作废 twice (the first without a reason), then 恢复
    reasons = iter(["", "客户取消"])
    shown: list[ReasonDialog] = []

    def fake_exec(dialog: ReasonDialog) -> int:
        shown.append(dialog)
        dialog.reason.setText(next(reasons))
        dialog.accept()  # refused while the reason is empty
        if len(shown) == 1:
            dialog.show()
            shot(dialog, "order_cancel_reason")
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)
    select_number(tab, order.number)
    tab.act_cancel.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert f"作废销售单 {order.number}" in answers.questions[0]  # confirmed first
    assert shown[0].message.text() == "请填写作废原因"
    qtbot.wait(50)
    with company_db.sessions() as s:
        assert s.get(SalesOrder, order.order_id).status == "confirmed"
    tab.act_cancel.trigger()
    qtbot.waitUntil(lambda: tab.message.text() != "", timeout=10000)
    with company_db.sessions() as s:
        cancelled = s.get(SalesOrder, order.order_id)
        assert (cancelled.status, str(messages.load(cancelled.status_note))) == ("cancelled", "作废：客户取消")
    wait(qtbot, tab)
    select_number(tab, order.number)
    assert tab.act_uncancel.isEnabled() and not tab.act_cancel.isEnabled()
    # meanwhile the customer bought 500 more: restoring 600 would owe 1,100 > 1,000, so it waits for approval
    orders.confirm(company_db.sessions, ADMIN, order_in(world, "C001", "5"), today=TODAY)
    wait(qtbot, tab)
    select_number(tab, order.number)
    tab.act_uncancel.trigger()
    qtbot.waitUntil(lambda: bool(answers.texts("inform")), timeout=10000)
    told = answers.texts("inform")[0]
    assert "已提交经理审批" in told and "超过信用额度 1000.00 元" in told
    with company_db.sessions() as s:
        assert s.get(SalesOrder, order.order_id).status == "held"


def test_a_stale_save_shows_the_conflict(qtbot, make_ctx, world, company_db, answers) -> None:
    draft = orders.save_draft(company_db.sessions, ADMIN, order_in(world, "C001", "2"))
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab, draft.order_id)
    assert dialog.editable and dialog.lines.line(0).qty.text() == "2"
    orders.save_draft(company_db.sessions, ADMIN, order_in(world, "C001", "7"), draft.order_id, draft.version)
    answers.reply(True)  # 重新加载
    dialog.lines.line(0).qty.setText("3")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.questions), timeout=10000)
    assert f"销售单 {draft.number} 已被 {ADMIN.login} 于 " in answers.questions[0]  # who changed it, and when
    qtbot.waitUntil(lambda: dialog.lines.line(0).qty.text() == "7" and not dialog.is_busy(), timeout=10000)
    with company_db.sessions() as s:
        assert s.get(SalesOrder, draft.order_id).total == D("700.00")


def test_price_defaults_history_and_keyboard(qtbot, make_ctx, world, company_db, monkeypatch, shot) -> None:
    for price, days in (("95.50", 20), ("92.00", 10)):
        on = TODAY - timedelta(days=days)
        orders.confirm(company_db.sessions, ADMIN, order_in(world, "C001", "1", on=on, price=price), today=on)
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    grid: LinesGrid = dialog.lines
    choose(qtbot, grid.line(0).picker, "P001")
    assert grid.line(0).price.text() == "100.00"  # no customer yet: the list price
    choose(qtbot, dialog.customer, "C001")
    line = grid.line(0)
    assert line.price.text() == "92.00" and "上次价格" in grid.table.item(0, lines_module.SOURCE).text()

    def pick_older(d: PriceHistoryDialog) -> int:
        assert [p.price for p in d.past] == [D("92.00"), D("95.50")]
        d.show()
        shot(d, "order_price_history")
        d.table.selectRow(1)
        d.accept()
        return d.result()

    monkeypatch.setattr(PriceHistoryDialog, "exec", pick_older)
    line.qty.setFocus()
    qtbot.keyClick(line.qty, Qt.Key.Key_F3)
    assert line.price.text() == "95.50" and "历史价格" in grid.table.item(0, lines_module.SOURCE).text()
    line.qty.setText("2")
    assert grid.table.item(0, lines_module.AMOUNT).text() == "191.00"
    # Tab walks the header into the lines; Enter in the price goes on to a new line; Insert adds one, Ctrl+D
    # removes the current one
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert line.picker.hasFocus()
    qtbot.keyClick(line.picker, Qt.Key.Key_Tab)
    assert line.qty.hasFocus()
    qtbot.keyClick(line.qty, Qt.Key.Key_Tab)
    assert line.price.hasFocus()
    qtbot.keyClick(line.price, Qt.Key.Key_Return)
    assert grid.line_count() == 2 and grid.line(1).picker.hasFocus()
    qtbot.keyClick(grid.line(1).picker, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert line.price.hasFocus()  # the new line sits in the focus chain after the first
    qtbot.keyClick(grid.line(1).picker, Qt.Key.Key_Insert)
    assert grid.line_count() == 3
    qtbot.keyClick(grid.line(2).picker, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert grid.line_count() == 2
    choose(qtbot, grid.line(1).picker, "P002")
    grid.line(1).qty.setText("10")
    assert dialog.lines.total() == D("231.00")
    assert dialog.totals.text().startswith("合计金额：¥231.00")


def test_export_and_preview_of_the_order_list(qtbot, make_ctx, company_db, world, answers, tmp_path) -> None:
    orders.confirm(company_db.sessions, ADMIN, order_in(world, "C003", "3"), today=TODAY)
    orders.save_draft(company_db.sessions, ADMIN, order_in(world, "C003", "1"))
    tab = make_tab(qtbot, make_ctx())
    target = tmp_path / "orders.xlsx"
    answers.reply(str(target))
    tab.export()
    qtbot.waitUntil(lambda: "已导出到" in tab.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    header = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "单号")
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header + 1, max_row=header + len(numbers(tab)))]
    assert [r[0] for r in rows] == numbers(tab)
    assert sorted(r[5] for r in rows) == ["已确认", "草稿"]  # statuses as the list shows them
    tab.print_preview()
    qtbot.waitUntil(lambda: tab.property("last_preview") is not None, timeout=10000)
    assert tab.property("last_preview").pages == 1


def test_sales_page_has_orders_and_returns_and_returns_from_an_order(qtbot, make_ctx, company_db, world,
                                                                    shot) -> None:  # noqa: ANN001
    from ui.sales.page import SalesPage
    from ui.sales.returns import ReturnDialog

    orders.confirm(company_db.sessions, ADMIN, order_in(world, "C003", "3"), today=TODAY)
    page = SalesPage(make_ctx())
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitUntil(lambda: page.orders.model.rowCount() == 1)
    page.orders.view.selectRow(0)
    assert page.orders.act_return.isEnabled()
    page.orders.return_goods()
    dialog = page.orders.return_dialog
    assert isinstance(dialog, ReturnDialog) and dialog.order_id is not None
    dialog.close()  # before its order has loaded: the late result must not touch the closed dialog
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "退货" in page.status_text())
    shot(page, "sales_page_returns")


def test_bad_numbers_are_shown_and_refused_not_changed(qtbot, make_ctx, world, company_db, answers, shot) -> None:
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C001", "P001", "1e15")  # a validator used to turn this into 115
    line = dialog.lines.line(0)
    assert line.qty.text() == "1e15" and line.qty.problem() != ""
    assert dialog.errors.text() == "第 1 行：数量不能用科学计数法（如 1e15），请直接写出数字"
    assert dialog.lines.table.item(0, lines_module.AMOUNT).text() == ""  # no amount from a quantity that is not one
    assert dialog.totals.text() == "合计金额：¥0.00（不含未填好的行）"
    line.qty.setText("2")
    line.price.selectAll()
    qtbot.keyClicks(line.price, "-5")  # the validator used to drop the minus: 5
    assert line.price.text() == "-5" and dialog.errors.text() == "第 1 行：单价不能为负数"
    line.price.setText("1234567890123456")  # used to be cut to 1234567890
    assert dialog.errors.text() == "第 1 行：单价不能超过 999,999,999,999.99"
    dialog.cash.setChecked(True)
    dialog.cash_amount.selectAll()
    qtbot.keyClicks(dialog.cash_amount, "0.001")  # typed over: it no longer follows the total
    qtbot.wait(20)
    shot(dialog, "order_form_invalid")
    dialog.save_button.click()
    assert answers.messages == ["第 1 行：单价不能超过 999,999,999,999.99"] and order_count(company_db) == 0
    line.price.setText("¥1,00.5")
    assert dialog.errors.text() == "第 1 行：单价「¥1,00.5」的千位分隔符位置不对"
    line.price.setText("¥100")
    assert dialog.errors.text() == "现款金额最多两位小数"
    dialog.confirm_button.click()
    assert answers.messages[-1] == "现款金额最多两位小数" and not answers.questions and order_count(company_db) == 0
    dialog.cash_amount.setText("２００")  # full-width digits are a number
    assert dialog.errors.text() == ""
    answers.reply(True)
    confirm(qtbot, dialog)
    with company_db.sessions() as s:
        order = s.get(SalesOrder, dialog.order_id)
        assert (order.status, order.total, order.cash_amount) == ("confirmed", D("200.00"), D("200.00"))


def test_a_price_below_cost_asks_first_and_no_keeps_the_form(qtbot, make_ctx, world, company_db, answers,
                                                             shot) -> None:
    tab = make_tab(qtbot, make_ctx())
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C001", "P001", "2")
    grid = dialog.lines
    grid.line(0).price.setText("55")  # P001 costs 60.00
    grid.add_line()
    choose(qtbot, grid.line(1).picker, "P002")  # 4.00 over a cost of 2.50: fine
    grid.add_line()  # an empty row between does not shift the numbers
    grid.add_line()
    choose(qtbot, grid.line(3).picker, "P002")
    grid.line(3).price.setText("2.40")

    def look(parent: QDialog, question: ask.Question) -> None:
        box = ask.message_box(parent, question)
        qtbot.addWidget(box)
        box.show()
        shot(box, "order_below_cost")

    answers.on_question = look
    answers.reply(False)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.questions) and not dialog.is_busy(), timeout=10000)
    text = answers.questions[0]
    assert "· 第 1 行 P001 不锈钢螺栓：单价 ¥55.00，成本价 ¥60.00" in text
    assert "· 第 4 行 P002 镀锌螺母：单价 ¥2.40，成本价 ¥2.50" in text and "第 2 行" not in text
    assert answers.seen[0].destructive  # Enter means 返回修改
    assert dialog.message.text() == "单价低于成本，单据没有保存" and order_count(company_db) == 0
    assert dialog.isVisible() and dialog.editable
    answers.on_question = None
    answers.reply(True)  # 仍然保存
    dialog.last_outcome = None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.last_outcome is not None and not dialog.is_busy(), timeout=10000)
    with company_db.sessions() as s:
        assert s.get(SalesOrder, dialog.order_id).total == D("116.40")  # 2 × 55.00 + 1 × 4.00 + 1 × 2.40
    assert answers.questions[1] == text
    # confirming asks again before the credit check (the saved order has no empty row: P002 is line 3 now)
    answers.reply(True, True)
    confirm(qtbot, dialog)
    assert "· 第 3 行 P002 镀锌螺母：单价 ¥2.40" in answers.questions[2] and "信用检查结果" in answers.questions[3]
    assert dialog.order.status == "confirmed"


def test_below_cost_does_not_show_the_cost_to_a_sales_role(qtbot, make_ctx, world, company_db, answers) -> None:
    tab = make_tab(qtbot, make_ctx(Actor("zw", "sales", world["a"])))
    dialog = open_form(qtbot, tab)
    fill(qtbot, dialog, "C001", "P001", "1")
    dialog.lines.line(0).price.setText("59.99")
    answers.reply(False)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.questions) and not dialog.is_busy(), timeout=10000)
    assert "第 1 行 P001 不锈钢螺栓：单价 ¥59.99" in answers.questions[0]
    assert "成本价 ¥" not in answers.questions[0] and "60.00" not in answers.questions[0]
    assert order_count(company_db) == 0
