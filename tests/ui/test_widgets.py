"""The shared number editors refuse bad input instead of changing it, the error line says why, and ui.ask is the
one seam for message boxes. Cases written by hand: each text and the value or the reason a user must see."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QFormLayout, QMessageBox, QWidget

from app.errors import ValidationError
from ui import ask
from ui.widgets.dates import date_edit
from ui.widgets.errors import ErrorLine
from ui.widgets.numbers import (
    DaysEdit,
    MoneyEdit,
    NumberEdit,
    Parsed,
    PriceEdit,
    QuantityEdit,
    money_spec,
    parse_number,
    quantity_spec,
)

D = Decimal


@pytest.mark.parametrize(("text", "value"), [
    ("1,234.5", D("1234.50")),
    ("１２３", D("123.00")),  # full-width digits
    ("¥100", D("100.00")),
    ("￥1，000．5", D("1000.50")),  # full-width ¥, separator and point
    (" 12.30 ", D("12.30")),
    ("1.500", D("1.50")),  # the value is exact to the fen: the zero is no extra place
    ("12.", D("12.00")),
    (".5", D("0.50")),
    ("999,999,999,999.99", D("999999999999.99")),
])
def test_money_that_parses(text: str, value: Decimal) -> None:
    parsed = parse_number(text, money_spec())
    assert parsed == Parsed(value) and str(parsed.value) == str(value)  # two places, as stored


@pytest.mark.parametrize(("text", "problem"), [
    ("1e15", "金额不能用科学计数法（如 1e15），请直接写出数字"),
    ("-5", "金额不能为负数"),
    ("-", "金额不能为负数"),
    ("¥-5", "金额不能为负数"),
    ("-0", "金额不能为负数"),
    ("0.001", "金额最多两位小数"),
    ("1000000000000", "金额不能超过 999,999,999,999.99"),
    ("NaN", "金额「NaN」不是有效的金额"),
    ("Infinity", "金额「Infinity」不是有效的金额"),
    ("abc", "金额「abc」不是有效的金额"),
    ("12a", "金额「12a」不是有效的金额"),
    ("1 234", "金额「1 234」不是有效的金额"),
    ("1,23", "金额「1,23」的千位分隔符位置不对"),
    ("¥", "金额「¥」不是有效的金额"),
])
def test_money_that_is_refused_with_the_reason(text: str, problem: str) -> None:
    assert parse_number(text, money_spec()) == Parsed(None, problem)


def test_quantities_days_and_flags(qtbot) -> None:  # noqa: ANN001
    qty = quantity_spec(allow_zero=False)
    assert parse_number("2.125", qty).value == D("2.125")
    assert parse_number("0.0001", qty).problem == "数量最多三位小数"
    assert parse_number("-5", qty).problem == "数量不能为负数"
    assert parse_number("0", qty).problem == "数量必须大于 0"
    assert parse_number("1000000000", qty).problem == "数量不能超过 999,999,999.999"
    assert parse_number("x", qty).problem == "数量「x」不是有效的数量"
    assert parse_number("-5", money_spec(allow_negative=True)).value == D("-5.00")
    assert parse_number("", money_spec(required=True)) == Parsed(None)  # empty is not a problem while typing
    days = DaysEdit("账期")
    qtbot.addWidget(days)
    for text, problem in (("30", ""), ("1.5", "账期必须是整数"), ("3651", "账期不能超过 3650 天"), ("-1", "账期不能为负数")):
        days.setText(text)
        assert days.problem() == problem, text
    days.setValue(45)  # what the spin box it replaced offered
    assert (days.text(), days.days()) == ("45", 45)


def test_a_16_digit_price_is_refused_not_cut(qtbot) -> None:  # noqa: ANN001
    price = PriceEdit()
    qtbot.addWidget(price)
    qtbot.keyClicks(price, "1234567890123456")
    assert price.text() == "1234567890123456"
    assert price.problem() == "单价不能超过 999,999,999,999.99" and price.parsed() is None
    with pytest.raises(ValidationError, match="单价不能超过 999,999,999,999.99"):
        price.value()


def test_typed_text_is_kept_shown_invalid_and_refused(qtbot) -> None:  # noqa: ANN001
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setToolTip("随单收取的现款")
    said: list[str] = []
    edit.problem_changed.connect(said.append)
    qtbot.keyClicks(edit, "1e15")  # a validator used to drop the e: 115
    assert edit.text() == "1e15" and said[-1] == edit.problem()
    assert "科学计数法" in edit.problem() and "#b00020" in edit.styleSheet()
    assert edit.toolTip() == edit.problem()
    with pytest.raises(ValidationError, match="科学计数法"):
        edit.value()
    edit.setText("1,234.5")
    assert (edit.problem(), edit.styleSheet(), edit.toolTip()) == ("", "", "随单收取的现款")
    assert edit.value() == D("1234.50") and edit.text() == "1,234.5"  # not reformatted either


def test_empty_zero_and_required(qtbot) -> None:  # noqa: ANN001
    optional, required = MoneyEdit(), QuantityEdit(allow_zero=False, required=True)
    qtbot.addWidget(optional)
    qtbot.addWidget(required)
    assert optional.value() is None and optional.parsed() is None and optional.problem() == ""
    with pytest.raises(ValidationError, match="请填写数量"):
        required.value()
    required.set_value(D("2.500"))
    assert required.text() == "2.5" and required.value() == D("2.500")
    required.setText("0")
    with pytest.raises(ValidationError, match="数量必须大于 0"):
        required.value()


def test_the_error_line_shows_the_first_problem(qtbot, shot) -> None:  # noqa: ANN001
    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    cost, price, qty = MoneyEdit("成本价"), PriceEdit(), QuantityEdit()
    errors = ErrorLine()
    for label, edit in (("成本价：", cost), ("单价：", price), ("数量：", qty)):
        layout.addRow(label, edit)
    layout.addRow(errors)
    extra: list[str] = [""]
    errors.watch(cost, price, qty, lambda: extra[0])
    errors.tell("请选择客户")
    assert errors.text() == "请选择客户"
    qty.setText("-5")
    assert errors.text() == "数量不能为负数"
    price.setText("１２３４５６７８９０１２３４５６")
    assert errors.text() == "单价不能超过 999,999,999,999.99"  # the first editor watched comes first
    form.resize(420, 140)
    form.show()
    qtbot.waitExposed(form)
    shot(form, "widgets_invalid")
    price.setText("12.50")
    qty.setText("3")
    assert errors.text() == ""  # the user changed a field: the old message went with the problems
    errors.tell("请选择客户")
    extra[0] = "第 2 行：单价最多两位小数"
    errors.refresh()
    assert errors.text() == "第 2 行：单价最多两位小数"
    extra[0] = ""
    cost.setText("0.001")
    cost.setVisible(False)  # a field the role does not see does not count
    errors.tell("请选择客户")
    assert errors.text() == "请选择客户"


def test_date_edit(qtbot) -> None:  # noqa: ANN001
    edit = date_edit(date(2026, 7, 1))
    qtbot.addWidget(edit)
    assert edit.date().toPython() == date(2026, 7, 1) and edit.displayFormat() == "yyyy-MM-dd"


def test_ask_records_through_the_answers_fixture(qtbot, answers) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    answers.reply(True, False, "客户取消")
    assert ask.confirm(parent, "删除联系人", "确定删除吗？", "删除", destructive=True)
    assert not ask.confirm(parent, "信用检查", "确认吗？")
    assert ask.ask_text(parent, "作废", "作废原因：") == "客户取消"
    ask.inform(parent, "提示", "已保存")
    ask.warn(parent, "商品", "请先选择客户和商品")
    ask.error(parent, "保存", ValidationError("客户编码不能为空"))
    ask.error(parent, "保存", ZeroDivisionError("division by zero"))
    assert answers.questions == ["确定删除吗？", "确认吗？", "作废原因："]
    assert answers.messages[:3] == ["已保存", "请先选择客户和商品", "客户编码不能为空"]
    bug = answers.seen[-1]
    assert (bug.kind, bug.title) == ("error", "保存") and "意外错误" in bug.text and "division" not in bug.text
    assert bug.detail == "ZeroDivisionError: division by zero" and "Traceback" not in bug.text + bug.detail
    with pytest.raises(AssertionError, match="unanswered question"):
        ask.confirm(parent, "多问了一句", "？")


def test_the_real_boxes_say_what_the_buttons_do(qtbot, shot) -> None:  # noqa: ANN001
    question = ask.Question(ask.CONFIRM, "删除联系人", "确定删除联系人「李四」吗？", yes_text="删除", no_text="取消",
                            destructive=True)
    box = ask.message_box(None, question)
    qtbot.addWidget(box)
    yes, no = box.button(QMessageBox.StandardButton.Yes), box.button(QMessageBox.StandardButton.No)
    assert (yes.text(), no.text()) == ("删除", "取消") and box.defaultButton() is no and box.escapeButton() is no
    safe = ask.message_box(None, ask.Question(ask.CONFIRM, "确认", "继续吗？", yes_text="确定", no_text="取消"))
    qtbot.addWidget(safe)
    assert safe.defaultButton() is safe.button(QMessageBox.StandardButton.Yes)
    bug = ask.message_box(None, ask.Question(ask.ERROR, "保存", "程序出现了意外错误", detail="KeyError: 'x'"))
    qtbot.addWidget(bug)
    assert bug.icon() == QMessageBox.Icon.Critical and "KeyError: 'x'" in bug.informativeText()
    assert bug.button(QMessageBox.StandardButton.Ok).text() == "确定"
    markup = ask.message_box(None, ask.Question(ask.WARN, "提示", "<b>不是粗体</b>"))
    qtbot.addWidget(markup)
    markup.show()
    shot(markup, "ask_plain_text")
    dialog = ask.TextDialog(None, ask.Question(ask.TEXT, "作废销售单", "作废原因：", yes_text="作废", no_text="取消"))
    qtbot.addWidget(dialog)
    dialog.accept()  # required: refused while empty
    assert dialog.message.text() == "此项必须填写" and dialog.result() == 0


def test_no_box_opens_unanswered(qtbot) -> None:  # noqa: ANN001
    with pytest.raises(AssertionError, match="use the `answers` fixture"):
        ask.warn(None, "标题", "没有人回答")


def test_number_edit_is_a_line_edit_without_a_validator(qtbot) -> None:  # noqa: ANN001
    edit = NumberEdit(money_spec())
    qtbot.addWidget(edit)
    assert edit.validator() is None and edit.maxLength() == 32767  # nothing cuts or drops what is typed
