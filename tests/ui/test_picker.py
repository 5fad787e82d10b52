"""The pinyin picker: narrowing by initials, full pinyin, Chinese and code; keyboard picking; the four kinds."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app import pick
from app.context import Actor
from app.customers import new_customer
from models import CodeEntry, Product, Salesperson
from ui.widgets.picker import Picker


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path) -> None:  # noqa: ANN001
    """conftest isolates IniFormat only; ui.context.qsettings() uses the native format (an ini file on Linux too)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))

@pytest.fixture
def world(company_db) -> dict[str, int]:
    with company_db.sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        gone = Salesperson(code="S09", name="王离职", employed=False)
        s.add_all([a, b, gone])
        s.add_all([CodeEntry(kind="region", code="01", name="西南", sort_order=30),
                   CodeEntry(kind="region", code="02", name="北京", sort_order=10),
                   CodeEntry(kind="region", code="03", name="华东", sort_order=20),
                   CodeEntry(kind="region", code="04", name="东北", sort_order=40, active=False)])
        s.add_all([Product(code="P001", name="不锈钢螺栓"), Product(code="P002", name="镀锌螺母")])
        s.flush()
        ids = {"a": a.id, "b": b.id, "gone": gone.id}
        for n, (name, owner) in enumerate([("北京华信电子", a), ("北京海星商贸", b), ("重庆渝丰五金", a),
                                           ("上海长江机电", None)], start=1):
            ids[name] = new_customer(s, code=f"C{n:03d}", name=name, created=date(2025, 1, 1),
                                     owner_id=owner and owner.id).id
        ids["东北"] = s.query(CodeEntry).filter_by(name="东北").one().id
        return ids


def _host(qtbot, picker: Picker) -> QWidget:
    host = QWidget()
    QVBoxLayout(host).addWidget(picker)
    qtbot.addWidget(host)
    host.resize(320, 60)
    host.show()
    picker.setFocus()
    return host


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type as a user would: ASCII key by key, Chinese committed by the input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _names(picker: Picker) -> list[str]:
    return [c.name for c in picker.popup_choices()]


def test_model(qtmodeltester, make_ctx, world) -> None:
    picker = Picker.for_codes(make_ctx(), "region")
    qtmodeltester.check(picker.model)
    picker.model.set_choices(pick.filter_choices(picker._choices(), "b"))
    qtmodeltester.check(picker.model)


def test_code_table_in_sort_order_active_only_and_narrowed(qtbot, make_ctx, world, shot) -> None:
    picker = Picker.for_codes(make_ctx(), "region")
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    picked = []
    picker.picked.connect(picked.append)
    qtbot.keyClick(picker, Qt.Key.Key_F4)
    assert picker.popup.isVisible()
    assert _names(picker) == ["北京", "华东", "西南"]  # sort order, 东北 is inactive
    for typed, expected in (("bj", ["北京"]), ("beijing", ["北京"]), ("北京", ["北京"]), ("03", ["华东"]),
                            ("x", ["西南"]), ("hd", ["华东"])):
        picker.clear()
        type_text(qtbot, picker, typed)
        assert _names(picker) == expected, typed
    picker.clear()
    qtbot.keyClicks(picker, "zzz")
    assert _names(picker) == [] and picker.model.rowCount() == 1  # the "没有匹配的项目" row
    assert picker.model.index(0, 0).data() == "没有匹配的项目"
    for _ in range(3):
        qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert _names(picker) == ["北京", "华东", "西南"] and picker.popup.currentIndex().row() == 0
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.text() == "华东" and not picker.popup.isVisible()
    assert picked == [picker.current_id()]
    # an inactive entry still shows when it is what a record has
    picker.set_current_id(world["东北"])
    assert picker.text() == "东北"


def test_keyboard_escape_restores_and_empty_picks_nothing(qtbot, make_ctx, world) -> None:
    picker = Picker.for_salespeople(make_ctx())
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    picker.set_current_id(world["a"])
    assert picker.text() == "S01 张伟"
    picked = []
    picker.picked.connect(picked.append)
    picker.selectAll()  # as focusing the picker does
    qtbot.keyClicks(picker, "ln")
    assert _names(picker) == ["李娜"]
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible()
    assert picker.text() == "S01 张伟" and picker.current_id() == world["a"] and picked == []
    picker.selectAll()
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.current_id() is None and picked == [None]
    qtbot.keyClicks(picker, "lina")
    qtbot.keyClick(picker, Qt.Key.Key_Enter)
    assert picker.current_id() == world["b"] and picked == [None, world["b"]]


def test_salespeople_with_shared_pool_and_former(qtbot, make_ctx, world) -> None:
    picker = Picker.for_salespeople(make_ctx(), include_shared_pool=True)
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert _names(picker) == ["公司共享客户", "张伟", "李娜"]
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.current_id() == pick.SHARED_POOL_ID and picker.text() == "公司共享客户"
    former = Picker.for_salespeople(make_ctx(), include_former=True)
    host2 = _host(qtbot, former)  # noqa: F841
    qtbot.keyClicks(former, "wlz")
    assert _names(former) == ["王离职"]


def test_customers_searched_in_sql_as_typed(qtbot, make_ctx, world, shot) -> None:
    picker = Picker.for_customers(make_ctx())
    host = _host(qtbot, picker)
    host.resize(420, 60)
    for typed, expected in (("bj", ["北京华信电子", "北京海星商贸"]), ("bjhx", ["北京华信电子", "北京海星商贸"]),
                            ("beijinghuaxin", ["北京华信电子"]), ("北京海", ["北京海星商贸"]),
                            ("C003", ["重庆渝丰五金"]), ("cqyf", ["重庆渝丰五金"]), ("changjiang", ["上海长江机电"])):
        picker.clear()
        with qtbot.waitSignal(picker.choices_changed, timeout=5000):
            type_text(qtbot, picker, typed)
        qtbot.waitUntil(lambda: not picker.is_querying(), timeout=5000)
        assert _names(picker) == expected, typed
    picker.clear()
    with qtbot.waitSignal(picker.choices_changed, timeout=5000):
        qtbot.keyClicks(picker, "bj")
    qtbot.waitUntil(lambda: not picker.is_querying(), timeout=5000)
    shot(picker.popup, "picker_popup_customers")
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.text() == "C002 北京海星商贸"
    # Enter before the answer arrives picks the best match when it does
    picker.clear()
    with qtbot.waitSignal(picker.picked, timeout=5000):
        qtbot.keyClicks(picker, "cqyfwj")
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.current_id() == world["重庆渝丰五金"]


def test_salesperson_user_picks_only_own_and_shared_customers(qtbot, make_ctx, world) -> None:
    picker = Picker.for_customers(make_ctx(Actor("ln", "sales", world["b"])))
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    with qtbot.waitSignal(picker.choices_changed, timeout=5000):
        qtbot.keyClick(picker, Qt.Key.Key_F4)
    assert _names(picker) == ["北京海星商贸", "上海长江机电"]


def test_products(qtbot, make_ctx, world) -> None:
    picker = Picker.for_products(make_ctx())
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    with qtbot.waitSignal(picker.choices_changed, timeout=5000):
        qtbot.keyClicks(picker, "dxlm")
    qtbot.waitUntil(lambda: not picker.is_querying(), timeout=5000)
    assert _names(picker) == ["镀锌螺母"]
    picker.set_current_id(picker.popup_choices()[0].id)
    assert picker.text() == "P002 镀锌螺母"


def test_code_picker_reloads_when_codes_change(qtbot, make_ctx, world, company_db) -> None:
    ctx = make_ctx()
    picker = Picker.for_codes(ctx, "region")
    host = _host(qtbot, picker)  # noqa: F841 - keeps the window alive
    qtbot.keyClick(picker, Qt.Key.Key_F4)
    assert len(picker.popup_choices()) == 3
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    with company_db.sessions.begin() as s:
        s.add(CodeEntry(kind="region", code="05", name="华南", sort_order=25))
    ctx.announce("code")
    qtbot.keyClick(picker, Qt.Key.Key_F4)
    assert _names(picker) == ["北京", "华东", "华南", "西南"]
