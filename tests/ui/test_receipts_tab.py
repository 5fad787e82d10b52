"""收款 tab and dialog: the rule's allocation before saving, hand allocation, re-allocation, 作废 with a reason, roles.

Hand-computed figures: customer C001 (term 10 days) owes XS-o1 300.00 (2026-05-31, due 06-10) and XS-o2 200.00
(2026-06-10, due 06-20); as of 2026-07-25 both are overdue, so the balance and the overdue amount are 500.00."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog
from sqlalchemy import select

from app import ledger, receipts
from app.context import Actor
from app.customers import new_customer
from app.documents import LineIn, add_order
from models import Allocation, CodeEntry, Product, Receipt, Salesperson
from tests.ui.documents_support import DAY, wait
from tests.ui.documents_support import context as shared_context
from ui.receipts.entry import AllocationModel, ReceiptDialog
from ui.receipts.tab import ReasonDialog, ReceiptsTab

D = Decimal
FINANCE = Actor("acc", "finance")
PAY = AllocationModel.PAY


@pytest.fixture
def book(company_db) -> dict[str, Any]:  # noqa: ANN001
    with company_db.sessions.begin() as s:
        zhang = Salesperson(code="S01", name="张伟")
        cash = CodeEntry(kind="payment_method", code="01", name="现金", sort_order=10)
        bank = CodeEntry(kind="payment_method", code="02", name="银行转账", sort_order=20)
        product = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=D("6.00"), price=D("10.00"))
        s.add_all([zhang, cash, bank, product])
        s.flush()
        c = new_customer(s, code="C001", name="重庆渝丰五金机电有限公司", created=date(2025, 1, 1), term_days=10,
                         owner_id=zhang.id)
        s.flush()
        ids = {"zhang": zhang.id, "cash": cash.id, "bank": bank.id, "c": c.id}
        for key, on, qty in (("o1", date(2026, 5, 31), "30"), ("o2", date(2026, 6, 10), "20")):
            ids[key] = add_order(s, number=f"XS-{key}", date=on, customer_id=c.id, status="confirmed",
                                 lines=[LineIn(product.id, D(qty), D("10.00"))]).id
        return ids


def context(make_ctx, actor: Actor = FINANCE):  # noqa: ANN001, ANN201
    return shared_context(make_ctx, actor)



def new_dialog(qtbot, ctx, amount: str) -> ReceiptDialog:  # noqa: ANN001
    """A new receipt for C001 typed as a user would: the customer by code, then the amount."""
    dialog = ReceiptDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.customer, "C001")
    qtbot.keyClick(dialog.customer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.customer.current_id() is not None, timeout=10000)
    wait(qtbot, dialog)
    qtbot.keyClicks(dialog.amount, amount)
    wait(qtbot, dialog)
    return dialog


def grid(dialog: ReceiptDialog) -> list[tuple[str, Decimal, Decimal]]:
    m = dialog.model
    return [(i.number, i.owed, pay) for i, pay in zip(m.items, m.pays, strict=True)]


def activate(qtbot, dialog: QDialog) -> None:  # noqa: ANN001
    """Make the dialog the active window again (a picker's popup took it): shortcuts and editors need it."""
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def type_pay(qtbot, dialog: ReceiptDialog, row: int, text: str) -> None:  # noqa: ANN001
    """F2 on a 本次核销 cell, type over it, Enter."""
    if not dialog.isActiveWindow():
        activate(qtbot, dialog)
    dialog.grid.setFocus()
    qtbot.waitUntil(dialog.grid.hasFocus)
    dialog.grid.setCurrentIndex(dialog.model.index(row, PAY))
    qtbot.keyClick(dialog.grid, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.parent() is dialog.grid.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.grid.state() != QAbstractItemView.State.EditingState)  # commits queued


def saved_receipts(company_db) -> list[Receipt]:  # noqa: ANN001
    with company_db.sessions() as s:
        return list(s.scalars(select(Receipt)))


def test_entry_shows_the_rules_allocation_before_saving(qtbot, qtmodeltester, make_ctx, book, company_db,
                                                        shot) -> None:
    dialog = new_dialog(qtbot, context(make_ctx), "400")
    assert dialog.figures.text() == "余额 ¥500.00　　过期 ¥500.00　　预收款 ¥0.00"
    assert [dialog.order.itemText(i) for i in range(dialog.order.count())] == [
        "（不指定）", "XS-o1　2026-05-31　尚欠 ¥300.00", "XS-o2　2026-06-10　尚欠 ¥200.00"]
    # oldest due first: 400 pays o1 300 and o2 100; nothing left over
    assert grid(dialog) == [("XS-o1", D("300.00"), D("300.00")), ("XS-o2", D("200.00"), D("100.00"))]
    assert dialog.totals.text() == "本次核销合计 ¥400.00　　未核销（预收款）¥0.00"
    assert dialog.mode.text() == "分配方式：按规则"
    qtmodeltester.check(dialog.model)
    # naming o2 pays it first: o2 200, the other 200 to o1
    dialog.order.setCurrentIndex(2)
    wait(qtbot, dialog)
    assert grid(dialog) == [("XS-o1", D("300.00"), D("200.00")), ("XS-o2", D("200.00"), D("200.00"))]
    # more than is owed: the rest is 预收款
    dialog.amount.setText("650")
    wait(qtbot, dialog)
    assert [pay for _n, _o, pay in grid(dialog)] == [D("300.00"), D("200.00")]
    assert dialog.totals.text() == "本次核销合计 ¥500.00　　未核销（预收款）¥150.00"
    dialog.method.setFocus()
    qtbot.keyClicks(dialog.method, "yhzz")
    qtbot.keyClick(dialog.method, Qt.Key.Key_Return)
    assert dialog.method.current_id() == book["bank"]
    dialog.resize(820, 560)
    shot(dialog, "receipt_entry")
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    [r] = saved_receipts(company_db)
    assert (r.number, r.amount, r.method_id, r.order_id) == ("SK-20260725-0001", D("650.00"), book["bank"], book["o2"])
    with company_db.sessions() as s:
        assert s.scalars(select(Allocation)).all() == []  # the rule's answer stores no hand allocation
        assert ledger.position(s, book["c"], DAY).unapplied == D("150.00")


def test_allocating_more_than_an_order_owes_is_refused_with_the_services_message(qtbot, make_ctx, book, company_db,
                                                                                  answers) -> None:
    dialog = new_dialog(qtbot, context(make_ctx), "400")
    dialog.method.set_current_id(book["cash"])
    type_pay(qtbot, dialog, 1, "250")
    assert grid(dialog)[1] == ("XS-o2", D("200.00"), D("250"))
    assert dialog.model.data(dialog.model.index(1, PAY), Qt.ItemDataRole.ForegroundRole) is not None  # shown red
    assert dialog.mode.text() == "分配方式：手工"
    dialog.save()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=10000)
    assert answers.messages == ["销售单 XS-o2 只欠 200.00 元，不能核销 250.00 元"]
    assert dialog.isVisible() and saved_receipts(company_db) == []
    # the sum may not exceed the amount either
    type_pay(qtbot, dialog, 1, "150")
    assert dialog.totals.text() == "本次核销合计 ¥450.00　　未核销（预收款）¥-50.00"
    dialog.save()
    qtbot.waitUntil(lambda: len(answers.messages) == 2, timeout=10000)
    assert answers.messages[1] == "核销合计 450.00 元超过收款金额 400.00 元"
    assert saved_receipts(company_db) == []
    # 按规则分配 puts the rule's answer back
    dialog.rule_button.click()
    assert [pay for _n, _o, pay in grid(dialog)] == [D("300.00"), D("100.00")]
    assert dialog.mode.text() == "分配方式：按规则"


def open_row(qtbot, tab: ReceiptsTab, row: int = 0) -> ReceiptDialog:  # noqa: ANN001
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(row, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    dialog = tab.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    wait(qtbot, dialog)
    return dialog


def test_a_hand_allocation_is_saved_and_shows_as_manual_when_reopened(qtbot, make_ctx, book, company_db,
                                                                      shot) -> None:
    ctx = context(make_ctx)
    dialog = new_dialog(qtbot, ctx, "300")
    dialog.method.set_current_id(book["bank"])
    assert grid(dialog) == [("XS-o1", D("300.00"), D("300.00")), ("XS-o2", D("200.00"), D("0.00"))]
    type_pay(qtbot, dialog, 0, "100")
    assert dialog.totals.text() == "本次核销合计 ¥100.00　　未核销（预收款）¥200.00"
    assert dialog.hint.text().startswith("未分配的部分保存后仍按规则冲抵尚欠的最早到期销售单")  # DOMAIN.md step 2
    type_pay(qtbot, dialog, 1, "200")
    assert dialog.hint.text() == ""
    assert dialog.totals.text() == "本次核销合计 ¥300.00　　未核销（预收款）¥0.00"
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    with company_db.sessions() as s:
        stored = sorted((a.order_id, a.amount) for a in s.scalars(select(Allocation)))
        assert stored == [(book["o1"], D("100.00")), (book["o2"], D("200.00"))]
        open_ = ledger.allocate(*ledger.customer_documents(s, book["c"], DAY)).open
        assert (open_[book["o1"]], open_[book["o2"]]) == (D("200.00"), D("0.00"))
    tab = ReceiptsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait(qtbot, tab)
    again = open_row(qtbot, tab)
    assert again.windowTitle() == "收款单 SK-20260725-0001"
    assert "核销方式：手工分配" in again.info.text() and "XS-o1 ¥100.00、XS-o2 ¥200.00" in again.info.text()
    assert grid(again) == [("XS-o1", D("300.00"), D("100.00")), ("XS-o2", D("200.00"), D("200.00"))]
    assert again.mode.text() == "分配方式：手工" and not again.customer.isEnabled()
    again.resize(820, 560)
    shot(again, "receipt_reallocate")
    # back to the rule and re-allocated: stored allocations go, the rule pays o1 first again
    again.rule_button.click()
    assert [pay for _n, _o, pay in grid(again)] == [D("300.00"), D("0.00")]
    again.save()
    qtbot.waitUntil(lambda: again.result() == QDialog.DialogCode.Accepted, timeout=10000)
    with company_db.sessions() as s:
        assert s.scalars(select(Allocation)).all() == []
        assert receipts.view(s, FINANCE, saved_receipts(company_db)[0].id).manual is False


def test_cancel_asks_for_a_reason(qtbot, make_ctx, book, company_db, monkeypatch, answers) -> None:
    receipts.record(company_db.sessions, FINANCE, receipts.ReceiptIn(book["c"], DAY, D("300"), book["cash"]), today=DAY)
    reasons = iter(["", "重复录入"])
    asked: list[str] = []

    def fake_exec(dialog: ReasonDialog) -> int:
        asked.append(dialog.reason.placeholderText())
        dialog.reason.setText(next(reasons))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)
    tab = ReceiptsTab(context(make_ctx))
    qtbot.addWidget(tab)
    tab.show()
    wait(qtbot, tab)
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.act_cancel.isEnabled()
    tab.act_cancel.trigger()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=10000)
    assert asked == ["作废原因（必填）"] and answers.messages == ["请填写作废原因"]
    assert saved_receipts(company_db)[0].status == "confirmed"
    tab.act_cancel.trigger()
    qtbot.waitUntil(lambda: saved_receipts(company_db)[0].status == "cancelled", timeout=10000)
    wait(qtbot, tab)
    assert saved_receipts(company_db)[0].notes == "作废：重复录入"
    qtbot.waitUntil(lambda: tab.model.row_of(0).value("status") == "已作废", timeout=10000)
    with company_db.sessions() as s:
        assert ledger.position(s, book["c"], DAY).balance == D("500.00")  # the 300 no longer counts


def test_a_sales_user_sees_receipts_but_cannot_edit(qtbot, make_ctx, book, company_db) -> None:
    receipts.record(company_db.sessions, FINANCE, receipts.ReceiptIn(book["c"], DAY, D("300"), book["cash"]), today=DAY)
    tab = ReceiptsTab(context(make_ctx, Actor("zw", "sales", book["zhang"])))
    qtbot.addWidget(tab)
    tab.show()
    wait(qtbot, tab)
    assert tab.status_text() == "共 1 张收款单"
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert not tab.act_new.isEnabled() and not tab.act_cancel.isEnabled() and tab.act_open.isEnabled()
    dialog = open_row(qtbot, tab)
    assert grid(dialog) == [("XS-o1", D("300.00"), D("300.00")), ("XS-o2", D("200.00"), D("0.00"))]
    assert not dialog.model.flags(dialog.model.index(0, PAY)) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.save_button.isVisible() and not dialog.rule_button.isVisible()
    assert "核销方式：按规则" in dialog.info.text()


def test_the_list_filters_sorts_and_counts(qtbot, qtmodeltester, make_ctx, book, company_db, answers,
                                          shot, tmp_path) -> None:
    s = company_db.sessions
    receipts.record(s, FINANCE, receipts.ReceiptIn(book["c"], DAY, D("300"), book["cash"]), today=DAY)
    receipts.record(s, FINANCE, receipts.ReceiptIn(book["c"], date(2026, 7, 1), D("120.50"), book["bank"],
                                                   book["o2"], "首付"), today=DAY)
    receipts.record(s, FINANCE, receipts.ReceiptIn(book["c"], date(2026, 3, 1), D("50"), book["bank"]),
                    today=DAY)  # before the period
    tab = ReceiptsTab(context(make_ctx))
    qtbot.addWidget(tab)
    tab.resize(1200, 420)
    tab.show()
    wait(qtbot, tab)
    assert tab.start.date().toPython() == date(2026, 4, 26)  # the last 3 months ending at the as-of date
    numbers = lambda: [tab.model.row_of(r).number for r in range(tab.model.rowCount())]  # noqa: E731
    assert numbers() == ["SK-20260725-0001", "SK-20260701-0001"] and tab.status_text() == "共 2 张收款单"
    row = tab.model.row_of(1)
    assert (row.method, row.order_number, row.amount) == ("银行转账", "XS-o2", D("120.50"))
    assert tab.model.data(tab.model.index(1, 4)) == "120.50"
    qtmodeltester.check(tab.model)
    shot(tab, "receipts_tab")
    tab.view.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # 金额
    wait(qtbot, tab)
    assert numbers() == ["SK-20260701-0001", "SK-20260725-0001"]
    tab.method_filter.setFocus()
    qtbot.keyClicks(tab.method_filter, "xj")
    qtbot.keyClick(tab.method_filter, Qt.Key.Key_Return)
    wait(qtbot, tab)
    assert numbers() == ["SK-20260725-0001"]
    tab.method_filter.clear_choice()
    tab.number.setText("0701")
    wait(qtbot, tab)
    assert numbers() == ["SK-20260701-0001"] and tab.status_text() == "共 1 张收款单"
    tab.number.clear()
    tab.start.setDate(tab.start.date().addMonths(-6))
    wait(qtbot, tab)
    assert len(numbers()) == 3
    target = tmp_path / "receipts.xlsx"
    answers.reply(str(target))
    tab.export()
    qtbot.waitUntil(lambda: "已导出到" in tab.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    header = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "单号")
    assert [sheet.cell(r, 1).value for r in range(header + 1, header + 4)] == numbers()
    amounts = [sheet.cell(r, 5) for r in range(header + 1, header + 4)]
    assert all(c.data_type == "n" and c.number_format == "#,##0.00" for c in amounts)
    assert "日期" in sheet["A2"].value  # the period it lists, above the header
    tab.print_preview()
    qtbot.waitUntil(lambda: tab.property("last_preview") is not None, timeout=10000)
    assert tab.property("last_preview").pages == 1


def test_bad_amounts_and_a_missing_method_are_refused_in_the_form(qtbot, make_ctx, book, company_db, answers,
                                                                  shot) -> None:
    dialog = new_dialog(qtbot, context(make_ctx), "1e15")  # the old validator kept "115"
    assert dialog.amount.text() == "1e15"
    assert dialog.message.text() == "收款金额不能用科学计数法（如 1e15），请直接写出数字"
    assert dialog.totals.text() == "本次核销合计 ¥0.00　　未核销（预收款）¥0.00"  # it counts nothing
    dialog.save()
    assert saved_receipts(company_db) == [] and dialog.isVisible() and not answers.seen
    dialog.amount.setText("400")
    wait(qtbot, dialog)
    type_pay(qtbot, dialog, 1, "100.005")
    assert dialog.model.data(dialog.model.index(1, PAY)) == "100.005"  # kept as typed, not rounded or dropped
    assert dialog.model.data(dialog.model.index(1, PAY), Qt.ItemDataRole.ToolTipRole) == "核销金额最多两位小数"
    assert dialog.message.text() == "销售单 XS-o2：核销金额最多两位小数"
    type_pay(qtbot, dialog, 0, "-5")
    assert dialog.message.text() == "销售单 XS-o1：核销金额不能为负数"
    dialog.resize(820, 560)
    shot(dialog, "receipt_invalid")
    dialog.rule_button.click()  # the rule's answer replaces the hand entries
    assert dialog.message.text() == ""
    dialog.save()  # no 收款方式
    assert dialog.message.text() == "请选择收款方式" and dialog.method.hasFocus()
    assert saved_receipts(company_db) == [] and not answers.seen
    dialog.amount.setText("0")
    assert dialog.message.text() == "收款金额必须大于 0"
    dialog.amount.setText("１２０.50")
    dialog.method.set_current_id(book["cash"])
    wait(qtbot, dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    [r] = saved_receipts(company_db)
    assert (r.amount, r.method_id) == (D("120.50"), book["cash"])
